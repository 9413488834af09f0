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
        String name =
                "newsflow_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + name);
        String url = TestDatabase.PG_SERVER + name + "?user=postgres";
        try (TestBroker broker = TestBroker.start();
                SinkTestKafka kafka = new SinkTestKafka(broker.bootstrapServers())) {
            NewsflowConfig config =
                    ConfigLoader.builder()
                            .set("kafka.bootstrap.servers", broker.bootstrapServers())
                            .set("sink.jdbc.url", url)
                            .set("sink.batch.size", 100)
                            .set("http.port", -1)
                            .set("ingest.feeds.file", "")
                            .load();
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
                assertThat(ids.add(rs.getString(1))).isTrue();
            }
        }
        return ids;
    }
}
