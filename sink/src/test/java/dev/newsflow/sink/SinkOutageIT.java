package dev.newsflow.sink;

import static dev.newsflow.sink.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage under a running sink: its connections are terminated and new ones refused for
 * 30 s while records keep arriving. The sink must report not ready, keep its place, and when the
 * database is back write every record exactly once. Runs on a database of its own, created and
 * dropped here. (An outage of SQLite, an in-process file, has no equivalent.)
 */
class SinkOutageIT {
    private static final String ADMIN_URL = TestDatabase.PG_SERVER + "postgres?user=postgres";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void shouldPauseReportNotReadyAndLoseNothingWhenPostgresGoesAwayFor30Seconds()
            throws Exception {
        String name = newDatabase();
        String url = url(name);
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers())) {
            NewsflowConfig config = config(broker, url, "sink.batch.size", 100);
            Health health = new Health();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            List<EnrichedArticle> before = batch(0, 1_000);
            List<EnrichedArticle> during = batch(1_000, 2_000);
            try (SinkApp app = SinkApp.start(config, registry, health)) {
                kafka.produce(before);
                await().atMost(Duration.ofSeconds(60)).until(() -> count(url) == 1_000);
                assertThat(sinkStatus(health).ready()).isTrue();

                long outageStart = System.nanoTime();
                admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                admin(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                + name
                                + "'");
                kafka.produce(during);
                await().atMost(OUTAGE).until(() -> !sinkStatus(health).ready());
                assertThat(sinkStatus(health).detail()).startsWith("database write failing");
                assertThat(registry.get("newsflow.sink.db.up").gauge().value()).isZero();
                // stays not ready for the rest of the outage, and commits nothing meanwhile
                Duration left = OUTAGE.minusNanos(System.nanoTime() - outageStart);
                if (!left.isNegative()) {
                    await().during(left)
                            .atMost(left.plusSeconds(5))
                            .until(() -> !sinkStatus(health).ready());
                }
                assertThat(kafka.caughtUp(config.sink().groupId())).isFalse();

                admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                await().atMost(Duration.ofSeconds(120))
                        .until(
                                () ->
                                        sinkStatus(health).ready()
                                                && kafka.caughtUp(config.sink().groupId()));
                assertThat(registry.get("newsflow.sink.db.errors").counter().count()).isPositive();
                // each row changed once: no record was written twice as a new revision
                assertThat(
                                registry.get("newsflow.sink.records")
                                        .tag("outcome", "written")
                                        .counter()
                                        .count())
                        .isEqualTo(2_000);
            }
            Set<String> expected = new HashSet<>();
            before.forEach(a -> expected.add(a.id()));
            during.forEach(a -> expected.add(a.id()));
            assertThat(ids(url)).isEqualTo(expected);
            assertThat(kafka.count(Topics.ARTICLES_DLQ)).isZero();
        } finally {
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /**
     * The broker goes away between the sink's database write and its offset commit, which then
     * times out (after 3 s here). The rows are written; the sink must go on (the next batch's
     * commit covers those offsets) rather than stop until someone restarts it. The write is held
     * back by a table lock until the broker is stopped.
     */
    @Test
    void shouldKeepRunningWhenTheBrokerIsAwayAtItsOffsetCommit() throws Exception {
        String name = newDatabase();
        String url = url(name);
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers())) {
            NewsflowConfig config = config(broker, url, "sink.kafka.default.api.timeout.ms", 3_000);
            Health health = new Health();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SinkApp app = SinkApp.start(config, registry, health)) {
                kafka.produce(batch(0, 10));
                await().atMost(Duration.ofSeconds(60)).until(() -> count(url) == 10);

                stopTheBrokerWhileTheSinkWrites(broker, kafka, name, batch(10, 20));
                await().atMost(Duration.ofSeconds(60)).until(() -> count(url) == 20);
                // past the commit's 3 s timeout, with the broker still away
                Thread.sleep(8_000);
                assertThat(sinkStatus(health).detail()).doesNotStartWith("sink thread stopped");

                broker.restart();
                kafka.produce(batch(20, 30));
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> count(url) == 30 && kafka.caughtUp(config.sink().groupId()));
                assertThat(sinkStatus(health).ready()).isTrue();
                assertThat(
                                registry.get("newsflow.sink.records")
                                        .tag("outcome", "written")
                                        .counter()
                                        .count())
                        .isEqualTo(30);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /**
     * The broker is away when the database rejects a record: its DLQ copy cannot be written
     * (delivery timeout 5 s here). The sink must hold the batch's offsets and send it again until
     * the broker is back, neither skipping the record nor stopping.
     */
    @Test
    void shouldHoldItsOffsetsAndSendAgainWhenTheDlqCannotBeWritten() throws Exception {
        String name = newDatabase();
        String url = url(name);
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers())) {
            NewsflowConfig config =
                    config(
                            broker,
                            url,
                            "sink.kafka.delivery.timeout.ms",
                            5_000,
                            "sink.kafka.request.timeout.ms",
                            2_000,
                            "sink.kafka.max.block.ms",
                            3_000);
            Health health = new Health();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (SinkApp app = SinkApp.start(config, registry, health)) {
                kafka.produce(batch(0, 10));
                await().atMost(Duration.ofSeconds(60)).until(() -> count(url) == 10);

                List<EnrichedArticle> next = new ArrayList<>(batch(10, 20));
                next.add(article(99, 1, "en", "Bad \u0000 title", "text", List.of()));
                stopTheBrokerWhileTheSinkWrites(broker, kafka, name, next);
                await().atMost(Duration.ofSeconds(60)).until(() -> count(url) == 20);
                // past the DLQ record's delivery timeout, with the broker still away
                Thread.sleep(10_000);
                assertThat(sinkStatus(health).detail()).doesNotStartWith("sink thread stopped");

                broker.restart();
                await().atMost(Duration.ofSeconds(120))
                        .until(
                                () ->
                                        kafka.count(Topics.ARTICLES_DLQ) >= 1
                                                && kafka.caughtUp(config.sink().groupId()));
                assertThat(sinkStatus(health).ready()).isTrue();
                assertThat(count(url)).isEqualTo(20);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A database of its own for one test (dropped by the test). */
    private static String newDatabase() throws SQLException {
        String name =
                "newsflow_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + name);
        return name;
    }

    private static String url(String database) {
        return TestDatabase.PG_SERVER + database + "?user=postgres";
    }

    /** The sink's configuration on {@code broker} and {@code url}, plus {@code settings}. */
    private static NewsflowConfig config(TestBroker broker, String url, Object... settings) {
        ConfigLoader loader =
                ConfigLoader.builder()
                        .set("kafka.bootstrap.servers", broker.bootstrapServers())
                        .set("sink.jdbc.url", url)
                        .set("http.port", -1)
                        .set("ingest.feeds.file", "");
        for (int i = 0; i < settings.length; i += 2) {
            loader.set((String) settings[i], settings[i + 1]);
        }
        return loader.load();
    }

    /**
     * Produces {@code articles} while a table lock holds the sink's write of them back, stops the
     * broker once the write waits, then lets the write through: the sink meets the broker's absence
     * right after writing.
     */
    private static void stopTheBrokerWhileTheSinkWrites(
            TestBroker broker, SinkTestKafka kafka, String database, List<EnrichedArticle> articles)
            throws Exception {
        try (Connection lock = DriverManager.getConnection(url(database));
                Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
            kafka.produce(articles);
            await().atMost(Duration.ofSeconds(60)).until(() -> waitingForALock(database));
            broker.stop();
            lock.commit();
        }
    }

    /** Whether a session of database {@code name} waits for a lock (the sink's write). */
    private static boolean waitingForALock(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                                        + name
                                        + "' AND wait_event_type = 'Lock'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static List<EnrichedArticle> batch(int from, int to) {
        List<EnrichedArticle> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(article(n, 1));
        }
        return out;
    }

    private static HealthStatus sinkStatus(Health health) {
        return health.check().get("sink");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String url) throws SQLException {
        return ids(url).size();
    }

    private static Set<String> ids(String url) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM articles")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
