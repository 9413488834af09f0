package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.http.HttpEndpoint;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.deploy.status.StatusReport;
import java.io.IOException;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service mode as {@code docker-compose.yml} runs it: ingest, enrich and sink as three JVMs of the
 * packaged {@code newsflow.jar}, each given exactly the environment and JVM options its compose
 * service declares, with only the addresses replaced by local ones (the test broker, the local
 * PostgreSQL, free ports, temporary directories, the test feeds). Checks readiness, metrics and
 * JSON logs on each, the rows in PostgreSQL, and a clean exit 0 on SIGTERM.
 */
class ServicesIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @TempDir Path dir;
    private LocalHttpServer server;
    private TestBroker broker;
    private String schema;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

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
        processes.values().forEach(Process::destroyForcibly);
        broker.close();
        server.close();
        try (Connection c = DriverManager.getConnection(PG);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void shouldRunTheComposeServicesAsProcessesIntoPostgresqlAndStopCleanlyOnSigterm()
            throws Exception {
        Path feeds = NewsFixtures.writeFeedsFile(dir, server, AllInOneIT.deadPort());
        String jdbc = PG + "&currentSchema=" + schema;
        for (String service : List.of("sink", "enrich", "ingest")) {
            start(service, feeds, jdbc);
        }

        for (String service : processes.keySet()) {
            await().atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .untilAsserted(
                            () ->
                                    assertThat(get(service, HttpEndpoint.READY_PATH).statusCode())
                                            .as(service + " ready")
                                            .isEqualTo(200));
            HttpResponse<String> metrics = get(service, HttpEndpoint.METRICS_PATH);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains(
                            "jvm_memory_used_bytes",
                            service.equals("enrich") ? "kafka_stream_" : "newsflow_" + service);
        }
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(
                        () -> assertThat(rows(jdbc)).hasSize(NewsFixtures.DISTINCT_ARTICLES));
        // the Kafka clients' own meters: ingest's producer and feed consumer, sink's consumer
        // and DLQ producer (enrich's come with the Streams binder, checked above)
        for (String service : List.of("ingest", "sink")) {
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () ->
                                    assertThat(get(service, HttpEndpoint.METRICS_PATH).body())
                                            .as(service + " Kafka client meters")
                                            .contains("kafka_producer_", "kafka_consumer_"));
        }
        Map<String, String> languages = rows(jdbc);
        assertThat(languages.get(NewsFixtures.INDONESIAN_TITLE)).isEqualTo("id");
        assertThat(languages.get("Local football club reaches the regional cup final"))
                .isEqualTo("en");

        // each service's status page shows its own part
        StatusReport ingest = status("ingest");
        assertThat(ingest.parts()).containsExactly("ingest");
        assertThat(ingest.feeds()).hasSize(5);
        assertThat(ingest.latest()).isNull();
        assertThat(ingest.stages())
                .extracting(StatusReport.StageRow::stage)
                .containsExactly("ingest");
        StatusReport enrich = status("enrich");
        assertThat(enrich.feeds()).isNull();
        assertThat(enrich.stages())
                .extracting(StatusReport.StageRow::stage)
                .containsExactly("enrich");
        assertThat(enrich.languages()).containsEntry("id", 1L);
        StatusReport sink = status("sink");
        assertThat(sink.feeds()).isNull();
        assertThat(sink.latest()).hasSize(NewsFixtures.DISTINCT_ARTICLES);
        assertThat(sink.stages()).extracting(StatusReport.StageRow::stage).containsExactly("sink");
        assertThat(get("sink", "/").body()).contains("Latest articles").doesNotContain("<h2>Feeds");

        // SIGTERM: each service closes in order and exits 0
        for (String service : List.of("ingest", "enrich", "sink")) {
            Process p = processes.get(service);
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as(service + " exited within 60 s")
                    .isTrue();
            assertThat(p.exitValue()).as("exit code of " + service).isZero();
        }
        assertThat(rows(jdbc)).hasSize(NewsFixtures.DISTINCT_ARTICLES);

        // compose asks for JSON logs: every line is a JSON object
        for (String service : processes.keySet()) {
            List<String> lines =
                    Files.readAllLines(dir.resolve(service + ".log")).stream()
                            .filter(l -> !l.isBlank())
                            .toList();
            assertThat(lines).as(service).isNotEmpty();
            for (String line : lines) {
                JsonNode json = Json.mapper().readTree(line);
                assertThat(json.has("ts") && json.has("level") && json.has("msg"))
                        .as(line)
                        .isTrue();
            }
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("Stopped cleanly"));
        }
    }

    private void start(String service, Path feeds, String jdbc) throws IOException {
        Map<String, String> env = new HashMap<>(DeploymentFiles.composeEnv(service));
        assertThat(env).containsKey("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS");
        int port = AllInOneIT.deadPort();
        ports.put(service, port);
        Path data = Files.createDirectories(dir.resolve(service));
        env.put("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("NEWSFLOW_HTTP_PORT", Integer.toString(port));
        env.put("NEWSFLOW_DATA_DIR", data.toString()); // the image sets it to /var/lib/newsflow
        env.computeIfPresent("NEWSFLOW_INGEST_FEEDS_FILE", (k, v) -> feeds.toString());
        env.computeIfPresent(
                "NEWSFLOW_ENRICH_STATE_DIR", (k, v) -> data.resolve("streams").toString());
        env.computeIfPresent("NEWSFLOW_SINK_JDBC_URL", (k, v) -> jdbc);
        env.computeIfPresent("NEWSFLOW_SINK_JDBC_USER", (k, v) -> "postgres");
        env.computeIfPresent("NEWSFLOW_SINK_JDBC_PASSWORD", (k, v) -> "");
        // the feeds of this test live on 127.0.0.1, which the SSRF guard refuses by default
        env.put("NEWSFLOW_INGEST_FETCH_ALLOW_PRIVATE_NETWORKS", "true");
        env.put("NEWSFLOW_INGEST_INSTANCE_ID", "it-" + service);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String javaOpts = env.remove("JAVA_OPTS");
        if (javaOpts != null) {
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        Path jar = Path.of("target", "newsflow.jar").toAbsolutePath();
        assertThat(jar).exists();
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(DeploymentFiles.composeCommand(service));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEWSFLOW_"));
        pb.environment().putAll(env);
        pb.directory(data.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(service + ".log").toFile());
        processes.put(service, pb.start());
    }

    private StatusReport status(String service) throws Exception {
        HttpResponse<String> r = get(service, Pipeline.STATUS_PATH);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readValue(r.body(), StatusReport.class);
    }

    private HttpResponse<String> get(String service, String path)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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
