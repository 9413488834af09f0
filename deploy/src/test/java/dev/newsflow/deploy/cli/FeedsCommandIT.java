package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.deploy.Newsflow;
import dev.newsflow.ingest.IngestApp;
import dev.newsflow.ingest.feed.FeedRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code newsflow feeds add|import|list|remove} against a real broker, with a real ingest instance
 * polling the feeds so that {@code list} shows their health.
 */
class FeedsCommandIT {
    private static final String RSS =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Good</title>"
                    + "<link>https://news.example/</link><description>d</description>"
                    + "<item><title>One</title><link>https://news.example/1</link>"
                    + "<description>First story.</description></item></channel></rss>";

    @TempDir Path dir;
    private final TestBroker broker = TestBroker.start();
    private final LocalHttpServer server = LocalHttpServer.start();

    @AfterEach
    void close() {
        server.close();
        broker.close();
    }

    @Test
    void shouldManageFeedsAndShowTheirHealth() throws IOException {
        server.serve("/good.xml", "application/rss+xml", RSS);
        server.handle(
                "/broken.xml",
                ex -> LocalHttpServer.send(ex, 503, "text/plain", "down".getBytes(UTF_8)));
        Path config = dir.resolve("newsflow.yaml");
        Files.writeString(
                config,
                "kafka.bootstrap.servers: "
                        + broker.bootstrapServers()
                        + "\nhttp.port: -1\ningest:\n  feeds.file: \"\"\n"
                        + "  fetch:\n    allow.private.networks: true\n    host.delay.ms: 0\n");
        Path list = dir.resolve("more-feeds.yaml");
        Files.writeString(
                list,
                "feeds:\n  - url: "
                        + server.url("/broken.xml")
                        + "\n    name: Broken\n"
                        + "    poll.interval.ms: 1000\n");

        Run added =
                run(
                        "feeds",
                        "add",
                        server.url("/good.xml"),
                        "--name",
                        "Good",
                        "--id",
                        "good",
                        "--interval-minutes",
                        "0.02",
                        "-c",
                        config.toString());
        Run again =
                run(
                        "feeds",
                        "add",
                        server.url("/good.xml"),
                        "--name",
                        "Good",
                        "--id",
                        "good",
                        "--interval-minutes",
                        "0.02",
                        "-c",
                        config.toString());
        Run imported = run("feeds", "import", list.toString(), "-c", config.toString());
        // the same feed again from an OPML export, where it sits in a folder
        Path opml = dir.resolve("export.opml");
        Files.writeString(
                opml,
                "<?xml version=\"1.0\"?><opml"
                        + " version=\"2.0\"><head><title>Export</title></head><body><outline"
                        + " text=\"News\"><outline type=\"rss\" text=\"Broken\" xmlUrl=\""
                        + server.url("/broken.xml")
                        + "\"/></outline><outline text=\"Blog\""
                        + " htmlUrl=\"https://blog.example/\"/></body></opml>");
        Run importedOpml = run("feeds", "import", opml.toString(), "-c", config.toString());
        Run pending = run("feeds", "list", "-c", config.toString());

        assertThat(added.code).isZero();
        assertThat(added.out).startsWith("Added: good " + server.url("/good.xml"));
        assertThat(again.out).startsWith("Unchanged: good");
        assertThat(imported.out).contains("Imported 1 feeds", "(1 new or changed)");
        assertThat(importedOpml.code).isZero();
        assertThat(importedOpml.err).contains("importing feeds: 1/1 (100%)");
        assertThat(importedOpml.out).contains("Imported 1 feeds from " + opml);
        assertThat(importedOpml.err).contains("Skipped:", "Blog", "not a feed");
        assertThat(pending.out).contains("good", "Good", "pending", "Broken", "2 feeds, 0 failing");

        NewsflowConfig loaded = ConfigLoader.builder().file(config).env(Map.of()).load();
        try (IngestApp ingest = IngestApp.start(loaded, new SimpleMeterRegistry(), new Health())) {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                String out = run("feeds", "list", "-c", config.toString()).out;
                                return out.contains("ok (ok, HTTP 200)")
                                        && out.contains("failing since")
                                        && out.contains("HTTP 503");
                            });
            Run health = run("feeds", "list", "-c", config.toString());
            Run json = run("feeds", "list", "--json", "-c", config.toString());

            assertThat(health.out).contains("1 total, last ").contains("2 feeds, 1 failing");
            List<String> lines = json.out.lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(Json.mapper().readTree(lines.get(0)).path("feed").path("id").asText())
                    .isIn("good", FeedDefinition.of(server.url("/broken.xml")).id());
            assertThat(json.out).contains("\"health\":{\"status\":\"ok\"");

            Run removed = run("feeds", "remove", "good", "-c", config.toString());
            Run missing = run("feeds", "remove", "good", "-c", config.toString());

            assertThat(removed.out).startsWith("Removed: good");
            assertThat(missing.code).isEqualTo(1);
            assertThat(missing.err).contains("No feed with id or URL good");
            // the owning instance stops polling it and deletes its state
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingest.scheduler().findState("good").isEmpty());
            try (FeedRegistry registry = new FeedRegistry(loaded)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !registry.states().containsKey("good"));
                assertThat(registry.list()).doesNotContainKey("good").hasSize(1);
            }
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Newsflow.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
