package dev.newsflow.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.deploy.Newsflow;
import dev.newsflow.deploy.Pipeline;
import dev.newsflow.deploy.TestPipelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code newsflow replay} after a rule change, against a real {@code newsflow run} pipeline
 * (embedded broker, enrich, SQLite sink) fed from local feeds: the articles are enriched first
 * without topic tagging, then the pipeline restarts with it, and a replay gives every article a
 * second revision with topics, stored over the first, with no duplicate downstream.
 */
class ReplayCommandIT {
    @TempDir Path dir;
    private LocalHttpServer server;

    @BeforeEach
    void setUp() {
        server = LocalHttpServer.start();
        TestPipelines.serveNews(server);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldReEnrichEveryArticleAsOneNewRevisionAfterARuleChange() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        ConfigLoader base = TestPipelines.config(dir, server);
        NewsflowConfig before = base.set("enrich.topic.enabled", false).load();
        String db = before.sink().jdbcUrl();
        int articles = TestPipelines.DISTINCT_ARTICLES;
        try (Pipeline pipeline = Pipeline.startAllInOne(before)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> revisions(db).size() == articles);
        }
        assertThat(revisions(db).values()).containsOnly(1);
        assertThat(topics(db).values()).containsOnly("[]");

        NewsflowConfig after = TestPipelines.config(dir, server).load();
        try (Pipeline pipeline = Pipeline.startAllInOne(after)) {
            String bootstrap = pipeline.config().kafka().bootstrapServers();

            Result dry =
                    run(
                            "replay",
                            "--since",
                            start.toString(),
                            "--dry-run",
                            "--bootstrap-servers",
                            bootstrap);
            assertThat(dry.code()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("Would replay " + articles + " articles");

            Result replay = run("replay", "--since", "1h", "--bootstrap-servers", bootstrap);
            assertThat(replay.code()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("Replayed " + articles + " articles");
            assertThat(replay.err())
                    .contains("replaying: " + articles + "/" + articles + " (100%)");

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(revisions(db).values()).containsOnly(2));
            assertThat(revisions(db)).hasSize(articles);
            // the new rules apply: the Indonesian politics story now has topics
            assertThat(topics(db).get(TestPipelines.INDONESIAN_TITLE)).contains("medtop:");

            // downstream: every article exactly once per revision, revisions 1 and 2
            Map<String, List<Integer>> byId = new TreeMap<>();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> {
                                byId.clear();
                                for (String json :
                                        TestPipelines.readAll(
                                                bootstrap, Topics.ARTICLES_ENRICHED)) {
                                    EnrichedArticle e =
                                            Json.fromBytes(
                                                    json.getBytes(
                                                            java.nio.charset.StandardCharsets
                                                                    .UTF_8),
                                                    EnrichedArticle.class);
                                    byId.computeIfAbsent(e.id(), k -> new java.util.ArrayList<>())
                                            .add(e.revision());
                                }
                                assertThat(byId).hasSize(articles);
                                assertThat(byId.values())
                                        .allSatisfy(r -> assertThat(r).containsExactly(1, 2));
                            });
        }
    }

    @Test
    void shouldRejectATimeItCannotRead() {
        Result r = run("replay", "--since", "last tuesday");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--since: 'last tuesday' is not a time");
    }

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Newsflow.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Map<String, Integer> revisions(String jdbcUrl) throws Exception {
        return query(jdbcUrl, "SELECT title, revision FROM articles").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Integer.parseInt(e.getValue())));
    }

    private static Map<String, String> topics(String jdbcUrl) throws Exception {
        return query(jdbcUrl, "SELECT title, topics FROM articles");
    }

    private static Map<String, String> query(String jdbcUrl, String sql) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return out;
            }
            throw e;
        }
        return out;
    }
}
