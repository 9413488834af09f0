package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.Schemas;
import dev.newsflow.ingest.feed.FeedCoordinator;
import dev.newsflow.ingest.feed.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The wiring of {@code newsflow run}, in this JVM: embedded broker, ingest, enrich and a SQLite
 * sink, fed by feeds on a local HTTP server.
 */
class AllInOneIT {
    @TempDir Path dir;
    private LocalHttpServer server;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void setUp() {
        server = LocalHttpServer.start();
        NewsFixtures.serve(server);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        server.close();
    }

    @Test
    void shouldStoreEachDistinctItemOnceTaggedWithItsLanguageAcrossRestartsAndGoOnPastBadFeeds()
            throws Exception {
        String metricsScrape;
        NewsflowConfig config =
                ConfigLoader.builder()
                        .workingDir(dir)
                        .set("data.dir", dir.resolve("data"))
                        .set("broker.port", 0)
                        .set("broker.controller.port", 0)
                        .set("http.port", 0)
                        .set(
                                "ingest.feeds.file",
                                NewsFixtures.writeFeedsFile(dir, server, deadPort()))
                        .set("ingest.fetch.allow.private.networks", true)
                        .set("enrich.lang.languages", "en,id,ms,fr,de")
                        // longer than the test waits for the restart below to be ready: only
                        // members that come back under their static names can be
                        .set("kafka.session.timeout.ms", 120_000)
                        .load();

        try (Pipeline pipeline = Pipeline.startAllInOne(config)) {
            String db = config.sink().jdbcUrl();
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () ->
                                    assertThat(rowCount(db))
                                            .isEqualTo(NewsFixtures.DISTINCT_ARTICLES));

            Map<String, String> languageByTitle = languages(db);
            assertThat(languageByTitle).hasSize(NewsFixtures.DISTINCT_ARTICLES);
            assertThat(languageByTitle.get(NewsFixtures.INDONESIAN_TITLE)).isEqualTo("id");
            assertThat(
                            languageByTitle.get(
                                    "City council approves new ferry terminal after long debate"))
                    .isEqualTo("en");
            assertThat(
                            languageByTitle.get(
                                    "La mairie inaugure une nouvelle bibliothèque dans le quartier"
                                            + " nord"))
                    .isEqualTo("fr");

            // the feeds are polled again (every second): nothing new may appear
            int rssPolls = server.hits("/rss.xml");
            int atomPolls = server.hits("/atom.xml");
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    server.hits("/rss.xml") >= rssPolls + 3
                                            && server.hits("/atom.xml") >= atomPolls + 3);
            String bootstrap = pipeline.config().kafka().bootstrapServers();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(readAll(bootstrap, Topics.ARTICLES_ENRICHED))
                                            .hasSize(NewsFixtures.DISTINCT_ARTICLES));
            assertThat(rowCount(db)).isEqualTo(NewsFixtures.DISTINCT_ARTICLES);
            assertThat(maxRevision(db)).isEqualTo(1);

            // every record reads as plain JSON and validates against its schema
            List<String> raw = readAll(bootstrap, Topics.ARTICLES_RAW);
            assertThat(raw).hasSize(NewsFixtures.DISTINCT_ARTICLES);
            raw.forEach(
                    json ->
                            assertThat(Schemas.errors(Schemas.RAW_ARTICLE, json))
                                    .as(json)
                                    .isEmpty());
            List<String> enriched = readAll(bootstrap, Topics.ARTICLES_ENRICHED);
            enriched.forEach(
                    json ->
                            assertThat(Schemas.errors(Schemas.ENRICHED_ARTICLE, json))
                                    .as(json)
                                    .isEmpty());

            // the bad feeds have a reason in their state, in the log and in the metrics; their
            // first polls may wait behind the article pages the good feeds' items ask for (one
            // host, polite), so wait for them
            Map<String, FeedState> byUrl = new HashMap<>();
            await().atMost(Duration.ofSeconds(120))
                    .untilAsserted(
                            () -> {
                                byUrl.clear();
                                TopicReader.readAll(
                                                pipeline.config(),
                                                Topics.FEED_STATE,
                                                b -> Json.fromBytes(b, FeedState.class))
                                        .values()
                                        .forEach(s -> byUrl.put(s.url(), s));
                                assertThat(byUrl.get(server.url("/missing.xml"))).isNotNull();
                                assertThat(byUrl.get(server.url("/page.html"))).isNotNull();
                                assertThat(byUrl.values())
                                        .anyMatch(s -> s.url().contains("/feed.xml"));
                            });
            assertThat(byUrl.get(server.url("/missing.xml")))
                    .satisfies(
                            s -> {
                                assertThat(s.lastOutcome()).isEqualTo("http_error");
                                assertThat(s.lastError()).contains("404");
                                assertThat(s.consecutiveFailures()).isPositive();
                            });
            assertThat(byUrl.get(server.url("/page.html")))
                    .satisfies(
                            s -> {
                                assertThat(s.lastOutcome()).isEqualTo("parse_error");
                                assertThat(s.lastError()).isNotBlank();
                            });
            assertThat(byUrl.values())
                    .filteredOn(s -> s.url().contains("/feed.xml"))
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.lastOutcome()).isEqualTo("network_error");
                                assertThat(s.lastError()).containsIgnoringCase("connect");
                            });
            assertThat(byUrl.get(server.url("/rss.xml")).lastOutcome()).isIn("ok", "not_modified");
            List<String> warnings =
                    logs.list.stream()
                            .filter(e -> e.getLevel().toString().equals("WARN"))
                            .map(ILoggingEvent::getFormattedMessage)
                            .toList();
            assertThat(warnings).anySatisfy(m -> assertThat(m).contains("Gone").contains("404"));
            assertThat(warnings)
                    .anySatisfy(m -> assertThat(m).contains("Not a feed").contains("parse_error"));
            assertThat(warnings)
                    .anySatisfy(
                            m -> assertThat(m).contains("Unreachable").contains("network_error"));

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + pipeline.httpPort();
            HttpResponse<String> ready =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            metricsScrape =
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            assertThat(metricsScrape)
                    .contains(
                            "newsflow_ingest_polls_total{outcome=\"http_error\"}",
                            "newsflow_ingest_polls_total{outcome=\"parse_error\"}",
                            "newsflow_ingest_items_new_total 5.0");
        }

        // the alert rules and the dashboard only name meters that exist
        Set<String> scraped = new HashSet<>();
        Matcher names = Pattern.compile("(?m)^([a-z_]+)[{ ]").matcher(metricsScrape);
        while (names.find()) {
            scraped.add(names.group(1));
        }
        Path deployDir = DeploymentFiles.root().resolve("deploy");
        String referenced =
                Files.readString(deployDir.resolve("prometheus/alerts.yml"))
                        + Files.readString(deployDir.resolve("grafana/dashboards/newsflow.json"));
        Matcher used = Pattern.compile("\\b((?:newsflow|kafka|jvm)_[a-z_]+)").matcher(referenced);
        List<String> missing = new ArrayList<>();
        while (used.find()) {
            if (!scraped.contains(used.group(1))) {
                missing.add(used.group(1));
            }
        }
        assertThat(missing)
                .as("meters named in alerts.yml or the dashboard but not scraped")
                .isEmpty();

        // every meter of Newsflow's own is in the catalogue
        Set<String> catalogued = new HashSet<>();
        Matcher documented =
                Pattern.compile("`(newsflow\\.[a-z.]+)`")
                        .matcher(
                                Files.readString(
                                        DeploymentFiles.root().resolve("docs/METRICS.md")));
        while (documented.find()) {
            catalogued.add(documented.group(1).replace('.', '_'));
        }
        List<String> suffixes =
                List.of(
                        "",
                        "_total",
                        "_count",
                        "_sum",
                        "_max",
                        "_bucket",
                        "_seconds_count",
                        "_seconds_sum",
                        "_seconds_max",
                        "_seconds_bucket");
        List<String> undocumented =
                scraped.stream()
                        .filter(n -> n.startsWith("newsflow_"))
                        .filter(
                                n ->
                                        suffixes.stream()
                                                .noneMatch(
                                                        x ->
                                                                n.endsWith(x)
                                                                        && catalogued.contains(
                                                                                n.substring(
                                                                                        0,
                                                                                        n.length()
                                                                                                - x
                                                                                                        .length()))))
                        .toList();
        assertThat(undocumented).as("meters missing from docs/METRICS.md").isEmpty();

        // a restart on the same data directory resumes at once: each group member comes back
        // under its static name (enrich's kept in its state directory; Streams does not leave
        // its group on close), so nothing waits for the stopped members' sessions to expire; the
        // feeds are polled again, nothing is produced or stored twice
        int rssPolls = server.hits("/rss.xml");
        try (Pipeline pipeline = Pipeline.startAllInOne(config)) {
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://127.0.0.1:" + pipeline.httpPort() + "/health/ready");
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    http.send(
                                                            HttpRequest.newBuilder(ready).build(),
                                                            HttpResponse.BodyHandlers.discarding())
                                                    .statusCode()
                                            == 200);
            String enrichMember =
                    Files.readString(
                                    config.enrich()
                                            .stateDir()
                                            .resolve("newsflow-enrich.instance-id"))
                            .strip();
            try (Admin admin = TopicAdmin.admin(pipeline.config(), "test")) {
                assertThat(
                                admin.describeConsumerGroups(
                                                List.of(
                                                        "newsflow-enrich",
                                                        "newsflow-sink",
                                                        FeedCoordinator.GROUP_ID))
                                        .all()
                                        .get()
                                        .values())
                        .extracting(
                                g ->
                                        g.members().stream()
                                                .map(m -> m.groupInstanceId().orElse("dynamic"))
                                                .toList())
                        .containsExactlyInAnyOrder(
                                List.of(enrichMember + "-1"),
                                List.of("newsflow-sink-all-in-one"),
                                List.of("newsflow-ingest-" + config.ingest().instanceId()));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> server.hits("/rss.xml") >= rssPolls + 3);
            String bootstrap = pipeline.config().kafka().bootstrapServers();
            assertThat(readAll(bootstrap, Topics.ARTICLES_RAW))
                    .hasSize(NewsFixtures.DISTINCT_ARTICLES);
            assertThat(readAll(bootstrap, Topics.ARTICLES_ENRICHED))
                    .hasSize(NewsFixtures.DISTINCT_ARTICLES);
            assertThat(rowCount(config.sink().jdbcUrl())).isEqualTo(NewsFixtures.DISTINCT_ARTICLES);
        }
    }

    static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int rowCount(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM articles")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }

    static int maxRevision(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(revision) FROM articles")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Map<String, String> languages(String jdbcUrl) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT title, language FROM articles")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Reads every record of {@code topic} as plain strings, the way any consumer can. */
    static List<String> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<String> values = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
