package dev.newsflow.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.http.HttpEndpoint;
import dev.newsflow.core.kafka.DlqHeaders;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of service mode: ingest, enrich and sink run as three processes of the packaged
 * {@code newsflow.jar} into PostgreSQL while the test releases articles from ten local feeds in
 * five waves. During wave 2 ingest is killed with SIGKILL and restarted, during wave 3 enrich,
 * during wave 4 the sink (and poison records are written to the raw and enriched topics), during
 * wave 5 the broker is stopped and started on the same data directory. At the end the database must
 * hold exactly the distinct articles released, each at revision 1, the raw and enriched topics must
 * hold one record per article, and each poison record must be in the DLQ with its reason.
 *
 * <p>{@code -Dreliability.articles=N} (a multiple of 50, default 10000, as issue 10 asks) sets how
 * many articles flow.
 */
class CrashRecoveryIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final int FEEDS = 10;
    private static final int WAVES = 5;
    private static final Instant EPOCH = Instant.parse("2025-06-01T00:00:00Z");
    private static final String[] WORDS =
            ("harbour council budget river school festival railway election minister farmers"
                            + " hospital storm bridge museum market police court league coach"
                            + " energy prices village mayor drought harvest airport tourism union"
                            + " strike factory exports bank inflation wildfire rescue volunteers"
                            + " library concert vaccine teachers students research satellite"
                            + " coastline fishermen ferry tunnel housing rents protest parliament"
                            + " senator treaty summit border refugees clinic nurses doctors")
                    .split(" ");

    @TempDir Path dir;
    private final LocalHttpServer server = LocalHttpServer.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final AtomicInteger visible = new AtomicInteger();
    private final AtomicInteger feedRequests = new AtomicInteger();
    private TestBroker broker;
    private String schema;
    private String jdbc;
    private Path feedsFile;

    @BeforeEach
    void setUp() throws Exception {
        broker = TestBroker.startIn(dir.resolve("kafka"));
        schema = "nf_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        jdbc = PG + "&currentSchema=" + schema;
        StringBuilder yaml = new StringBuilder("feeds:\n");
        for (int f = 0; f < FEEDS; f++) {
            int feed = f;
            server.handle(
                    "/f" + f + "/",
                    ex -> {
                        feedRequests.incrementAndGet();
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", rss(feed).getBytes(UTF_8));
                    });
            yaml.append("  - id: crash-f")
                    .append(f)
                    .append("\n    url: ")
                    .append(server.url("/f" + f + "/feed.xml"))
                    .append("\n    poll.interval.ms: 1000\n");
        }
        feedsFile = Files.writeString(dir.resolve("feeds.yaml"), yaml.toString());
        for (String service : List.of("ingest", "enrich", "sink")) {
            Files.deleteIfExists(log(service));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        processes.values().forEach(Process::destroyForcibly);
        for (Process p : processes.values()) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        broker.close();
        server.close();
        try (Connection c = DriverManager.getConnection(PG);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void shouldStoreEveryArticleOnceThroughKilledServicesABrokerRestartAndPoisonRecords()
            throws Exception {
        int articles = Integer.getInteger("reliability.articles", 10_000);
        assertThat(articles % (FEEDS * WAVES)).isZero();
        int perFeedWave = articles / FEEDS / WAVES;
        // about 25 articles/s on the shared machine, with room: 180 s per wave of 400, more for
        // more
        Duration wave = Duration.ofSeconds(180L * Math.max(1, articles / 2000));
        long started = System.nanoTime();
        for (String service : List.of("sink", "enrich", "ingest")) {
            start(service);
        }
        List<String> log = new ArrayList<>();

        // wave 1: all healthy
        release(1, perFeedWave);
        awaitRows(perFeedWave * FEEDS, wave);
        log.add("wave 1 stored in " + secondsSince(started) + " s");

        // wave 2: ingest killed as soon as it starts fetching the new items
        int before = feedRequests.get();
        release(2, perFeedWave);
        await().atMost(Duration.ofSeconds(30)).until(() -> feedRequests.get() > before);
        kill("ingest");
        start("ingest");
        awaitRows(2 * perFeedWave * FEEDS, wave);
        log.add("wave 2 (ingest killed) stored at " + secondsSince(started) + " s");

        // wave 3: enrich killed while the new articles flow through it
        release(3, perFeedWave);
        awaitRowsAbove(2 * perFeedWave * FEEDS);
        kill("enrich");
        start("enrich");
        awaitRows(3 * perFeedWave * FEEDS, wave);
        log.add("wave 3 (enrich killed) stored at " + secondsSince(started) + " s");

        // wave 4: the sink killed mid-write; poison records on both topics it and enrich read
        release(4, perFeedWave);
        awaitRowsAbove(3 * perFeedWave * FEEDS);
        kill("sink");
        injectPoison();
        start("sink");
        awaitRows(4 * perFeedWave * FEEDS, wave);
        log.add("wave 4 (sink killed, poison) stored at " + secondsSince(started) + " s");

        // wave 5: the broker stopped and started on the same data directory mid-flow
        release(5, perFeedWave);
        awaitRowsAbove(4 * perFeedWave * FEEDS);
        broker.restart();
        awaitRows(articles, wave.plusSeconds(60));
        log.add("wave 5 (broker restarted) stored at " + secondsSince(started) + " s");

        // let every feed be polled again after the end: nothing more may come out
        int polled = feedRequests.get();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> feedRequests.get() >= polled + 2 * FEEDS);
        Map<String, List<String>> enriched = records(Topics.ARTICLES_ENRICHED);
        Map<String, List<String>> raw = records(Topics.ARTICLES_RAW);
        List<ConsumerRecord<String, String>> dlq = dlq();
        Stored stored = stored();
        log.forEach(l -> System.err.println("crash recovery: " + l));
        System.err.printf(
                "crash recovery: %d articles released; rows %d, distinct ids %d, max revision %d;"
                        + " raw records %d for %d ids; enriched records %d for %d ids; dlq %d%n",
                articles,
                stored.rows(),
                stored.ids(),
                stored.maxRevision(),
                raw.values().stream().mapToInt(List::size).sum(),
                raw.size(),
                enriched.values().stream().mapToInt(List::size).sum(),
                enriched.size(),
                dlq.size());

        assertThat(stored.rows()).isEqualTo(articles);
        assertThat(stored.ids()).isEqualTo(articles);
        assertThat(stored.maxRevision()).isEqualTo(1);
        raw.remove("poison-raw");
        enriched.remove("poison-enriched");
        assertThat(raw).hasSize(articles);
        assertThat(raw.values()).as("raw records per article").allMatch(v -> v.size() == 1);
        assertThat(enriched).hasSize(articles);
        assertThat(enriched.values())
                .as("enriched records per article")
                .allMatch(v -> v.size() == 1);
        assertThat(dlq)
                .anySatisfy(
                        r -> {
                            assertThat(r.key()).isEqualTo("poison-raw");
                            assertThat(header(r, DlqHeaders.SOURCE_TOPIC))
                                    .isEqualTo(Topics.ARTICLES_RAW);
                            assertThat(header(r, DlqHeaders.ERROR_STAGE)).isNotBlank();
                            assertThat(header(r, DlqHeaders.ERROR_MESSAGE)).isNotBlank();
                        })
                .anySatisfy(
                        r -> {
                            assertThat(r.key()).isEqualTo("poison-enriched");
                            assertThat(header(r, DlqHeaders.SOURCE_TOPIC))
                                    .isEqualTo(Topics.ARTICLES_ENRICHED);
                            assertThat(header(r, DlqHeaders.ERROR_STAGE)).isNotBlank();
                            assertThat(header(r, DlqHeaders.ERROR_MESSAGE)).isNotBlank();
                        });
        for (String service : processes.keySet()) {
            assertThat(processes.get(service).isAlive()).as(service + " alive").isTrue();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .untilAsserted(
                            () ->
                                    assertThat(get(service, HttpEndpoint.READY_PATH).statusCode())
                                            .as(service + " ready")
                                            .isEqualTo(200));
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), UTF_8);
    }

    private static long secondsSince(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
    }

    private void release(int wave, int perFeedWave) {
        visible.set(wave * perFeedWave);
    }

    /** The feed's items 1..visible, newest first, each with its own text. */
    private String rss(int feed) {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        StringBuilder sb =
                new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">")
                        .append("<channel><title>Crash feed ")
                        .append(feed)
                        .append("</title><link>https://crash.example/")
                        .append(feed)
                        .append("</link><description>test</description>");
        for (int n = visible.get(); n >= 1; n--) {
            SplittableRandom random = new SplittableRandom(feed * 100_003L + n);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 60; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            sb.append("<item><title>Report ")
                    .append(feed)
                    .append('-')
                    .append(n)
                    .append(": the ")
                    .append(WORDS[random.nextInt(WORDS.length)])
                    .append(" and the ")
                    .append(WORDS[random.nextInt(WORDS.length)])
                    .append("</title><link>https://crash.example/")
                    .append(feed)
                    .append('/')
                    .append(n)
                    .append("</link><guid>crash-")
                    .append(feed)
                    .append('-')
                    .append(n)
                    .append("</guid><description>")
                    .append(text.toString().strip())
                    .append("</description><pubDate>")
                    .append(rfc1123.format(EPOCH.plusSeconds(60L * n)))
                    .append("</pubDate></item>");
        }
        return sb.append("</channel></rss>").toString();
    }

    private void injectPoison() throws Exception {
        try (KafkaProducer<String, String> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.ARTICLES_RAW, "poison-raw", "{\"schemaVersion\":"))
                    .get();
            p.send(
                            new ProducerRecord<>(
                                    Topics.ARTICLES_ENRICHED,
                                    "poison-enriched",
                                    "not an enriched article"))
                    .get();
        }
    }

    private void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(service + " killed").isTrue();
        assertThat(p.exitValue()).as(service + " exit code after SIGKILL").isEqualTo(137);
    }

    private void awaitRows(int n, Duration atMost) throws SQLException {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stored().rows() >= n);
        assertThat(stored().rows()).isEqualTo(n);
    }

    private void awaitRowsAbove(int n) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> stored().rows() > n);
    }

    private record Stored(int rows, int ids, int maxRevision) {}

    private Stored stored() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*), count(DISTINCT id), coalesce(max(revision), 0)"
                                        + " FROM articles")) {
            rs.next();
            return new Stored(rs.getInt(1), rs.getInt(2), rs.getInt(3));
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // the sink has not created the table yet
                return new Stored(0, 0, 0);
            }
            throw e;
        }
    }

    /** Committed records of {@code topic} by key. */
    private Map<String, List<String>> records(String topic) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(topic)) {
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    private List<ConsumerRecord<String, String>> dlq() {
        return readAll(Topics.ARTICLES_DLQ);
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    private void start(String service) throws IOException {
        int port = ports.computeIfAbsent(service, s -> freePort());
        Path data = Files.createDirectories(dir.resolve(service));
        Map<String, String> env = new HashMap<>();
        env.put("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("NEWSFLOW_HTTP_PORT", Integer.toString(port));
        env.put("NEWSFLOW_DATA_DIR", data.toString());
        env.put("NEWSFLOW_TOPICS_PARTITIONS", "3");
        env.put("NEWSFLOW_LOG_FORMAT", "text");
        // a killed member must leave its group in seconds, not the default 45
        String prefix = "NEWSFLOW_" + service.toUpperCase(Locale.ROOT) + "_KAFKA_";
        env.put(prefix + "SESSION_TIMEOUT_MS", "6000");
        env.put(prefix + "HEARTBEAT_INTERVAL_MS", "1000");
        switch (service) {
            case "ingest" -> {
                env.put("NEWSFLOW_INGEST_FEEDS_FILE", feedsFile.toString());
                env.put("NEWSFLOW_INGEST_FETCH_ALLOW_PRIVATE_NETWORKS", "true");
                env.put("NEWSFLOW_INGEST_FETCH_HOST_DELAY_MS", "0");
                env.put("NEWSFLOW_INGEST_INSTANCE_ID", "crash-ingest");
            }
            case "enrich" -> {
                env.put("NEWSFLOW_ENRICH_STATE_DIR", data.resolve("streams").toString());
                env.put("NEWSFLOW_ENRICH_LANG_LANGUAGES", "en,id,fr,de");
            }
            case "sink" -> {
                env.put("NEWSFLOW_SINK_JDBC_URL", jdbc);
                env.put("NEWSFLOW_SINK_JDBC_USER", "postgres");
                env.put("NEWSFLOW_SINK_JDBC_PASSWORD", "");
            }
            default -> throw new IllegalArgumentException(service);
        }
        Path jar = Path.of("target", "newsflow.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        service.equals("enrich") ? "-Xmx768m" : "-Xmx384m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        service);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEWSFLOW_"));
        pb.environment().putAll(env);
        pb.directory(data.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()));
        processes.put(service, pb.start());
    }

    /** Kept under target/ (not the temp dir) so a failed run can be read afterwards. */
    private static Path log(String service) {
        return Path.of("target", "crash-" + service + ".log");
    }

    private static int freePort() {
        try {
            return AllInOneIT.deadPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String service, String path)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
