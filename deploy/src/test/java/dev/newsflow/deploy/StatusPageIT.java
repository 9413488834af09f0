package dev.newsflow.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.deploy.status.StatusReport;
import dev.newsflow.sink.search.ArticleHit;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The status page, its JSON and {@code newsflow status} against a running {@code newsflow run}
 * pipeline fed from local feeds (the end-to-end fixtures plus a feed with a hostile name and an
 * item title holding markup, which ingest strips), a raw record with a script in its title
 * (produced directly, past ingest) and one undecodable raw record (a DLQ reason). The browser test
 * loads the page in headless Chromium when it is installed and saves a screenshot as {@code
 * target/status-page.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageIT {
    static final String HOSTILE_TITLE = "<script>alert('owned')</script> Harbour <b>closes</b>";

    private Path dir;
    private LocalHttpServer server;
    private Pipeline pipeline;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        server = LocalHttpServer.start();
        NewsFixtures.serve(server);
        server.serve("/hostile.xml", "application/rss+xml; charset=utf-8", hostileFeed());
        Path feeds = NewsFixtures.writeFeedsFile(dir, server, AllInOneIT.deadPort());
        Files.writeString(
                feeds,
                "  - name: \"<img src=x onerror=alert(1)>\"\n    url: "
                        + server.url("/hostile.xml")
                        + "\n    poll.interval.ms: 1000\n",
                java.nio.file.StandardOpenOption.APPEND);
        NewsflowConfig config =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("data.dir", dir.resolve("data"))
                        .set("broker.port", 0)
                        .set("broker.controller.port", 0)
                        .set("http.port", 0)
                        .set("ingest.feeds.file", feeds)
                        .set("ingest.fetch.allow.private.networks", true)
                        .set("enrich.lang.languages", "en,id,ms,fr,de")
                        .load();
        pipeline = Pipeline.startAllInOne(config);
        base = "http://127.0.0.1:" + pipeline.httpPort();
        String bootstrap = pipeline.config().kafka().bootstrapServers();
        // ingest strips markup from titles, so a hostile title is written to the raw topic
        // directly, as any producer with access to it could: the page must not rely on ingest
        String harbour =
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        AllInOneIT.readAll(bootstrap, Topics.ARTICLES_RAW).stream()
                                                .filter(v -> v.contains("Harbour closes"))
                                                .findFirst(),
                                Optional::isPresent)
                        .orElseThrow();
        ObjectNode hostile = (ObjectNode) Json.mapper().readTree(harbour);
        String url = server.url("/hostile/2");
        hostile.put("id", ArticleIds.fromCanonicalUrl(url));
        hostile.put("url", url);
        hostile.put("title", HOSTILE_TITLE);
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.ARTICLES_RAW, "not-an-article", "{not json")).get();
            p.send(
                            new ProducerRecord<>(
                                    Topics.ARTICLES_RAW,
                                    hostile.get("id").asText(),
                                    hostile.toString()))
                    .get();
        }
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> {
                            StatusReport r = report();
                            assertThat(r.latest()).hasSize(NewsFixtures.DISTINCT_ARTICLES + 2);
                            assertThat(r.dlq().latest()).isNotEmpty();
                            assertThat(r.feeds())
                                    .allSatisfy(
                                            f -> assertThat(f.status()).isNotEqualTo("pending"));
                        });
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        server.close();
    }

    @Test
    void shouldReportFeedsStagesLanguagesArticlesAndDlqAsJson() throws Exception {
        StatusReport r = report();

        assertThat(r.parts()).containsExactly("sink", "enrich", "ingest");
        assertThat(r.ready()).isTrue();
        assertThat(r.feeds()).hasSize(6);
        // failing feeds first, each with its reason
        assertThat(r.feeds().subList(0, 3))
                .allSatisfy(
                        f -> {
                            assertThat(f.status()).isIn("failing", "backing_off");
                            assertThat(f.lastError()).isNotBlank();
                            assertThat(f.failingSince()).isNotNull();
                        });
        StatusReport.FeedRow rss =
                r.feeds().stream()
                        .filter(f -> f.url().endsWith("/rss.xml"))
                        .findFirst()
                        .orElseThrow();
        assertThat(rss.status()).isEqualTo("ok");
        assertThat(rss.itemsTotal()).isEqualTo(3);
        assertThat(rss.nextPollAt()).isNotNull();
        // counts: 6 new items; 7 raw records enriched + 1 DLQ record in enrich; 7 stored
        assertThat(r.stages())
                .extracting(StatusReport.StageRow::stage)
                .containsExactly("ingest", "enrich", "sink");
        assertThat(stage(r, "ingest").total()).isEqualTo(6);
        assertThat(stage(r, "ingest").lastHour()).isEqualTo(6);
        assertThat(stage(r, "enrich").total()).isEqualTo(8);
        assertThat(stage(r, "sink").total()).isEqualTo(7);
        assertThat(r.languages()).containsEntry("id", 1L).containsEntry("fr", 1L);
        assertThat(r.languages().get("en")).isGreaterThanOrEqualTo(3L);
        assertThat(r.topics()).isNotEmpty();
        // the markup in the feed's title was stripped by ingest; the one produced directly is kept
        assertThat(r.latest())
                .extracting(ArticleHit::title)
                .contains(HOSTILE_TITLE, "Harbour closes");
        assertThat(r.dlq().total()).isEqualTo(1);
        assertThat(r.dlq().reasons())
                .singleElement()
                .satisfies(d -> assertThat(d.stage()).isEqualTo("deserialize"));
        assertThat(r.dlq().latest().get(0).key()).isEqualTo("not-an-article");
    }

    @Test
    void shouldServeThePageWithHostileStringsAsTextAndNoScript() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        Document doc = Jsoup.parse(page.body());

        assertThat(doc.select("script, img, b")).isEmpty();
        assertThat(doc.select("#latest a").eachText()).contains(HOSTILE_TITLE);
        assertThat(doc.select("#feeds").text()).contains("<img src=x onerror=alert(1)>");
        assertThat(doc.select("#feeds tr")).hasSize(7);
        assertThat(doc.select("#stage-ingest .total").text()).isEqualTo("6");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPrintTheStatusInTheTerminal() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int code = cl.execute("status", "--url", base);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("ready (sink, enrich, ingest)")
                .contains("Feeds: 6, 3 failing")
                .contains("Gone", "Not a feed", "Unreachable")
                .contains(HOSTILE_TITLE)
                .contains("DLQ: 1 records since start")
                .contains("deserialize/");
        assertThat(out.toString()).containsPattern("(?m)^ingest +6 +6 ");
    }

    @Test
    void shouldExitThreeWhenNoInstanceAnswers() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));

        int code = cl.execute("status", "--url", "http://127.0.0.1:" + AllInOneIT.deadPort());

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("No Newsflow answers at").contains("--url");
    }

    @Test
    void shouldShowRealNumbersInHeadlessChromium() throws Exception {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(
                chromium.isPresent(),
                "chromium is not installed (apt-get install -y chromium); browser test skipped");
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path screenshot = target.resolve("status-page.png");
        Files.deleteIfExists(screenshot);

        String dom = runChromium(chromium.get(), "--dump-dom", base + "/");
        runChromium(
                chromium.get(),
                "--screenshot=" + screenshot,
                "--window-size=1280,2200",
                base + "/");

        Document doc = Jsoup.parse(dom);
        // what the browser built: the feeds table with real figures, the charts with bars
        assertThat(doc.select("#feeds tr")).hasSize(7);
        assertThat(doc.select("#feeds td.items").eachText()).contains("3", "2");
        // a failing feed reads "failing", or "backing off" while its next poll waits out a backoff
        assertThat(doc.select("#feeds td.health").eachText())
                .contains("ok")
                .containsAnyOf("failing", "backing off");
        assertThat(doc.select("#stage-ingest .total").text()).isEqualTo("6");
        assertThat(Long.parseLong(doc.select("#stage-sink .total").text()))
                .isGreaterThanOrEqualTo(6);
        assertThat(doc.select("#stage-ingest svg rect"))
                .anySatisfy(
                        rect -> assertThat(Double.parseDouble(rect.attr("height"))).isPositive());
        assertThat(doc.select("#languages").text()).contains("id 1");
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("#latest a").eachText()).contains(HOSTILE_TITLE);
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private String runChromium(String binary, String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium");
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                binary,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path log = dir.resolve("chromium-" + System.nanoTime() + ".log");
        Process p =
                new ProcessBuilder(command)
                        .redirectError(log.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.PIPE)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return out;
    }

    static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p.toString());
                }
            }
        }
        return Optional.empty();
    }

    private static StatusReport.StageRow stage(StatusReport r, String name) {
        return r.stages().stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
    }

    private StatusReport report() throws Exception {
        HttpResponse<String> res = get("/api/status");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.mapper().readValue(res.body(), StatusReport.class);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String hostileFeed() {
        // escaped twice, so that the title read from the XML still holds the markup
        String title =
                HOSTILE_TITLE
                        .replace("&", "&amp;amp;")
                        .replace("<", "&amp;lt;")
                        .replace(">", "&amp;gt;");
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Hostile</title><link>%1$s/</link><description>x</description>
        <item><title>%2$s</title><link>%1$s/hostile/1</link><guid isPermaLink="false">h-1</guid>
          <pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
          <description>The harbour authority closed the east pier after a crane collapsed on Monday morning, officials said.</description></item>
        </channel></rss>
        """
                .formatted(server.baseUrl(), title);
    }
}
