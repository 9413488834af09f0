package dev.newsflow.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.Cluster;
import dev.newsflow.core.article.EnrichedArticle;
import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.broker.EmbeddedBroker;
import dev.newsflow.core.config.BrokerConfig;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.sink.SinkApp;
import dev.newsflow.sink.jdbc.ArticleWriter;
import dev.newsflow.sink.jdbc.Databases;
import dev.newsflow.sink.jdbc.Dialect;
import dev.newsflow.sink.jdbc.Migrations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sink write throughput against a plain JDBC batch insert of the same rows, on SQLite and
 * PostgreSQL, in the same run.
 *
 * <p>Per database and round, into a fresh, fully migrated schema each time (same table, indexes,
 * search triggers):
 *
 * <ul>
 *   <li>{@code plain} (baseline): one connection, {@code INSERT} of every column with the sink's
 *       own binding code, {@code executeBatch} and commit per batch
 *   <li>{@code upsert}: {@link ArticleWriter#write} per batch (revision-aware {@code ON CONFLICT}
 *       upsert, one transaction per batch, pooled connection): the sink's write path
 *   <li>{@code replay}: the same rows upserted again; every one is an older-or-equal revision
 *   <li>{@code sink}: the whole sink ({@link SinkApp}: consume from an embedded broker, parse,
 *       upsert, commit offsets), rows/s from the first row stored to the last
 * </ul>
 *
 * Modes run interleaved, their order rotating each round, so that noise from other work on the
 * machine falls on all of them alike; a first round warms up and is not counted. Prints one
 * Markdown table row per database: medians of the rounds and the ratios to {@code plain}.
 *
 * <p>Arguments: {@code --rows N} (10000), {@code --rounds R} (5), {@code --batch B} (500), {@code
 * --partitions P} of the enriched topic (3), {@code --databases sqlite,postgresql}, {@code --pg-url
 * URL} (jdbc:postgresql://127.0.0.1:5432/test? user=postgres; schemas are created and dropped
 * there).
 */
public final class SinkBench {
    private static final String ENGLISH =
            "Voters in the coastal province lined up before dawn on Sunday to elect a new governor,"
                + " after a campaign dominated by arguments over flood defences and the price of"
                + " rice. Election officials said turnout was higher than in the previous vote, and"
                + " that counting would continue through the night in the larger districts. The"
                + " incumbent, who is seeking a second term, promised to finish the seawall begun"
                + " during her first term; her challenger pledged to cut fuel subsidies and spend"
                + " the savings on schools. Observers from two regional organisations reported long"
                + " queues but no serious irregularities at the polling stations they visited.";
    private static final List<String> MODES = List.of("plain", "upsert", "replay", "sink");

    private SinkBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int rows = Integer.parseInt(opts.getOrDefault("rows", "10000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "500"));
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "3"));
        String pgUrl =
                opts.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        List<Dialect> dialects = new ArrayList<>();
        for (String d : opts.getOrDefault("databases", "sqlite,postgresql").split(",")) {
            dialects.add(Dialect.valueOf(d.trim().toUpperCase(Locale.ROOT)));
        }
        List<EnrichedArticle> articles = articles(rows);
        Path work = Files.createTempDirectory("newsflow-sinkbench");
        List<String> table = new ArrayList<>();
        try (EmbeddedBroker broker =
                EmbeddedBroker.create(new BrokerConfig("127.0.0.1", 0, 0, work.resolve("kafka")))
                        .start()) {
            produce(broker.bootstrapServers(), articles, partitions);
            for (Dialect dialect : dialects) {
                Map<String, List<Double>> rates = new HashMap<>();
                // round -1 warms the JIT and the database's caches; it is not counted
                for (int round = -1; round < rounds; round++) {
                    if (round == 0) {
                        rates.clear();
                    }
                    for (int k = 0; k < MODES.size(); k++) {
                        String mode = MODES.get((k + round + 1) % MODES.size());
                        if (mode.equals("replay")) {
                            continue; // runs right after upsert, on its table
                        }
                        Target target = Target.create(dialect, work, pgUrl);
                        try {
                            if (mode.equals("plain")) {
                                rate(rates, mode, plain(target, articles, batch));
                            } else if (mode.equals("upsert")) {
                                rate(rates, mode, upsert(target, articles, batch));
                                rate(rates, "replay", upsert(target, articles, batch));
                            } else {
                                rate(
                                        rates,
                                        mode,
                                        sink(target, broker.bootstrapServers(), articles, round));
                            }
                        } finally {
                            target.drop();
                        }
                    }
                    System.err.printf(Locale.ROOT, "%s round %d: %s%n", dialect, round, rates);
                }
                double plain = median(rates.get("plain"));
                table.add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %,d | %d | %,.0f | %,.0f | %.2f | %,.0f | %,.0f | %.2f |",
                                dialect.folder(),
                                rows,
                                rounds,
                                plain,
                                median(rates.get("upsert")),
                                median(rates.get("upsert")) / plain,
                                median(rates.get("replay")),
                                median(rates.get("sink")),
                                median(rates.get("sink")) / plain));
            }
        } finally {
            deleteTree(work);
        }
        System.out.println(
                "| database | rows | rounds | plain insert rows/s | sink upsert rows/s |"
                        + " upsert / plain | replay rows/s | whole sink rows/s | sink / plain |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        table.forEach(System.out::println);
    }

    /** A fresh, migrated database: a new PostgreSQL schema or a new SQLite file. */
    private record Target(Dialect dialect, String url, String schema) {
        static Target create(Dialect dialect, Path work, String pgUrl) throws SQLException {
            String name =
                    "nf_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            Target t;
            if (dialect == Dialect.POSTGRESQL) {
                try (Connection c = DriverManager.getConnection(pgUrl);
                        Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                }
                t = new Target(dialect, pgUrl + "&currentSchema=" + name, name);
            } else {
                t = new Target(dialect, "jdbc:sqlite:" + work.resolve(name + ".db"), name);
            }
            try (HikariDataSource ds = t.pool()) {
                Migrations.migrate(ds, dialect);
            }
            return t;
        }

        NewsflowConfig config(String bootstrap, String group) {
            return ConfigLoader.builder()
                    .set("kafka.bootstrap.servers", bootstrap)
                    .set("sink.jdbc.url", url)
                    .set("sink.group.id", group)
                    .set("http.port", -1)
                    .set("ingest.feeds.file", "")
                    .set("topics.create", false)
                    .load();
        }

        HikariDataSource pool() {
            return Databases.open(config("127.0.0.1:1", "unused").sink(), "bench");
        }

        long count() throws SQLException {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM articles")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        void drop() throws SQLException, IOException {
            if (dialect == Dialect.POSTGRESQL) {
                String admin = url.substring(0, url.indexOf("&currentSchema="));
                try (Connection c = DriverManager.getConnection(admin);
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            } else {
                String file = url.substring("jdbc:sqlite:".length());
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
        }
    }

    private static double plain(Target t, List<EnrichedArticle> articles, int batch)
            throws SQLException {
        try (HikariDataSource ds = t.pool();
                Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(ArticleWriter.insertSql(t.dialect()))) {
                for (int from = 0; from < articles.size(); from += batch) {
                    Instant now = Instant.now();
                    for (EnrichedArticle a :
                            articles.subList(from, Math.min(articles.size(), from + batch))) {
                        ArticleWriter.bind(t.dialect(), ps, a, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            return perSecond(articles.size(), System.nanoTime() - start, t);
        }
    }

    private static double upsert(Target t, List<EnrichedArticle> articles, int batch)
            throws SQLException {
        try (HikariDataSource ds = t.pool()) {
            ArticleWriter writer = new ArticleWriter(ds, t.dialect());
            writer.write(List.of()); // nothing: the pool is started lazily on first use
            long start = System.nanoTime();
            for (int from = 0; from < articles.size(); from += batch) {
                writer.write(articles.subList(from, Math.min(articles.size(), from + batch)));
            }
            return perSecond(articles.size(), System.nanoTime() - start, t);
        }
    }

    private static double sink(
            Target t, String bootstrap, List<EnrichedArticle> articles, int round)
            throws Exception {
        NewsflowConfig config = t.config(bootstrap, "bench-" + round + "-" + t.schema());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long gcAtStart = gcMillis();
        try (SinkApp app = SinkApp.start(config, registry, new Health())) {
            // the sink's own counter of written rows: watching it costs the database nothing
            Counter written =
                    registry.get("newsflow.sink.records").tag("outcome", "written").counter();
            long first = 0;
            double firstCount = 0;
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (System.nanoTime() < deadline) {
                double n = written.count();
                if (first == 0 && n > 0) {
                    first = System.nanoTime();
                    firstCount = n;
                }
                if (n >= articles.size()) {
                    double rate =
                            (articles.size() - firstCount) / ((System.nanoTime() - first) / 1e9);
                    if (t.count() != articles.size()) {
                        throw new IllegalStateException("the sink stored " + t.count() + " rows");
                    }
                    Timer batches = registry.get("newsflow.sink.batch.duration").timer();
                    System.err.printf(
                            Locale.ROOT,
                            "sink: %d transactions, %.0f ms in them of %.0f ms; GC %d ms%n",
                            batches.count(),
                            batches.totalTime(TimeUnit.MILLISECONDS),
                            (System.nanoTime() - first) / 1e6,
                            gcMillis() - gcAtStart);
                    return rate;
                }
                Thread.sleep(5); // polling interval of the measurement, not a correctness wait
            }
            throw new IllegalStateException("the sink did not store every row in 10 minutes");
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static double perSecond(int rows, long nanos, Target t) throws SQLException {
        if (t.count() != rows) {
            throw new IllegalStateException("expected " + rows + " rows, found " + t.count());
        }
        return rows / (nanos / 1e9);
    }

    private static void rate(Map<String, List<Double>> rates, String mode, double value) {
        rates.computeIfAbsent(mode, k -> new ArrayList<>()).add(value);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void produce(String bootstrap, List<EnrichedArticle> articles, int partitions)
            throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            TopicAdmin.ensureTopics(admin, partitions, (short) 1, List.of());
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(articles.size());
            for (EnrichedArticle a : articles) {
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        Topics.ARTICLES_ENRICHED, a.id(), Json.toBytes(a))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // a record that did not reach the topic would stall the sink mode
            }
        }
    }

    /** Articles alternating English and Indonesian, 1 to 3 KB of text each. */
    private static List<EnrichedArticle> articles(int rows) throws IOException {
        Path fixture = Path.of("../shared/fixtures/id-news-article.txt");
        String indonesian =
                Files.isRegularFile(fixture)
                        ? Files.readString(fixture)
                        : "Rusia menjadi tuan rumah pembicaraan Taliban di Moskow pada hari Rabu.";
        List<EnrichedArticle> out = new ArrayList<>(rows);
        Instant base = Instant.parse("2024-05-01T00:00:00Z");
        for (int n = 0; n < rows; n++) {
            boolean en = n % 2 == 0;
            String url = "https://bench.example/" + n;
            String id = ArticleIds.fromCanonicalUrl(url);
            String body = (en ? ENGLISH : indonesian);
            body =
                    "Report "
                            + n
                            + ". "
                            + body.substring(0, Math.min(body.length(), 1000 + n % 2000));
            out.add(
                    new EnrichedArticle(
                            EnrichedArticle.SCHEMA_VERSION,
                            id,
                            1,
                            url,
                            null,
                            new Source(
                                    "feed-" + (n % 20),
                                    "https://bench.example/rss/" + (n % 20),
                                    "Bench",
                                    "rss",
                                    null),
                            "guid-" + n,
                            (en ? "Coastal province votes " : "Rusia tuan rumah Taliban ") + n,
                            "Summary " + n,
                            body,
                            null,
                            List.of("Writer " + (n % 50)),
                            List.of(en ? "World" : "Dunia"),
                            List.of(),
                            base.plusSeconds(n),
                            null,
                            base.plusSeconds(n + 60),
                            null,
                            List.of(),
                            "Bench News",
                            null,
                            null,
                            LanguageHints.none(),
                            Extraction.fromFeed(),
                            List.of(),
                            ArticleIds.sha256Hex(body),
                            new Language(en ? "en" : "id", 0.99, "text"),
                            List.of(new TopicTag("medtop:11000000", "politics", 0.8)),
                            Cluster.own(id),
                            List.of(),
                            base.plusSeconds(n + 120)));
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
