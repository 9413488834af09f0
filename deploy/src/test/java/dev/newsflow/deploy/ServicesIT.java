package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import java.io.File;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service mode: ingest, enrich and sink as three separate JVMs running the packaged {@code
 * newsflow.jar}, configured through environment variables only, against one broker and the real
 * PostgreSQL server.
 */
class ServicesIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir Path dir;
    private LocalHttpServer server;
    private TestBroker broker;
    private String schema;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws SQLException {
        server = LocalHttpServer.start();
        NewsFixtures.serve(server);
        broker = TestBroker.start();
        schema = "nf_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        processes.forEach(Process::destroyForcibly);
        broker.close();
        server.close();
        try (Connection c = DriverManager.getConnection(PG);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void shouldRunAsThreeServicesIntoPostgresqlAndStopCleanlyOnSigterm() throws Exception {
        Path feeds = NewsFixtures.writeFeedsFile(dir, server, AllInOneIT.deadPort());
        String jdbc = PG + "&currentSchema=" + schema;
        Map<String, String> env = new HashMap<>();
        env.put("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("NEWSFLOW_HTTP_PORT", "0");
        env.put("NEWSFLOW_INGEST_FEEDS_FILE", feeds.toString());
        env.put("NEWSFLOW_INGEST_FETCH_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("NEWSFLOW_ENRICH_LANG_LANGUAGES", "en,id,ms,fr,de");
        env.put("NEWSFLOW_SINK_JDBC_URL", jdbc);

        Process sink = start("sink", env);
        Process enrich = start("enrich", env);
        Process ingest = start("ingest", env);

        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(
                        () -> assertThat(rows(jdbc)).hasSize(NewsFixtures.DISTINCT_ARTICLES));
        Map<String, String> languages = rows(jdbc);
        assertThat(languages.get(NewsFixtures.INDONESIAN_TITLE)).isEqualTo("id");
        assertThat(languages.get("Local football club reaches the regional cup final"))
                .isEqualTo("en");

        // SIGTERM: each service closes in order and exits 0
        for (Process p : List.of(ingest, enrich, sink)) {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
            assertThat(p.exitValue())
                    .as("exit code of " + p.info().commandLine().orElse("?"))
                    .isZero();
        }
        assertThat(rows(jdbc)).hasSize(NewsFixtures.DISTINCT_ARTICLES);
    }

    private Process start(String service, Map<String, String> env) throws Exception {
        Path jar = Path.of("target", "newsflow.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path data = Files.createDirectories(dir.resolve(service));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
                new ProcessBuilder(
                        java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), service);
        pb.environment().putAll(env);
        pb.environment().put("NEWSFLOW_DATA_DIR", data.toString());
        pb.environment().put("NEWSFLOW_INGEST_INSTANCE_ID", "it-" + service);
        pb.directory(data.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(dir.toFile(), service.toLowerCase(Locale.ROOT) + ".log"));
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static Map<String, String> rows(String jdbc) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT title, language FROM articles")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) { // the sink has not created the table yet
                    return out;
                }
                throw e;
            }
        }
        return out;
    }
}
