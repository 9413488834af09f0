package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.broker.EmbeddedBroker;
import dev.newsflow.core.config.BrokerConfig;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.enrich.EnrichApp;
import dev.newsflow.enrich.lang.LanguageDetector;
import dev.newsflow.enrich.topic.TopicTagger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Records/s of the enrich topology against a pass-through topology (raw → another topic), both
 * {@code exactly_once_v2}, on one embedded broker over the same raw records, rounds interleaved
 * (odd rounds in reverse order: a variant run second does better). Each round starts a fresh
 * application id (reading from the end of the raw topic), waits until it runs, then produces the
 * articles and is timed from the first produced record to the last output record, so start-up and
 * rebalancing are left out and the producing is in both. CPU-ms per 1,000 articles is the process
 * CPU time of the round (broker, producer and counting consumer included) over the records.
 *
 * <p>Input: the texts of {@code enrich/src/test/resources/neardup/pairs.jsonl.gz} (real articles
 * and their syndicated and edited copies), each under {@code copies} URLs with a numbered headline,
 * so every base text forms a story of several near-duplicates. Usage: {@code bench/run EnrichBench
 * [rounds] [copies] [variants] [key=value...]}, defaults 3, 4 and {@code 0,1,2} (0 pass-through, 1
 * enrich with a fixed language, 2 enrich with Lingua, 3 enrich with a fixed language and the {@code
 * +} settings, 4 enrich with Lingua and the {@code +} settings; a subset serves profiling); {@code
 * key=value} settings apply to every variant, {@code +key=value} ones to variants 3 and 4 only, to
 * compare a setting side by side (e.g. {@code +enrich.kafka.producer.compression.type=lz4}). With
 * {@code -Dtimeline=true} each round also prints the count of output records every 250 ms, which
 * shows where a burst waits.
 */
public final class EnrichBench {
    private static final PrintStream out = System.out;
    private static final int PARTITIONS = Integer.getInteger("partitions", 4);

    private EnrichBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        // Variants to run (0 pass-through, 1 fixed language, 2 Lingua), e.g. "0,1" for a profile.
        List<Integer> variants =
                args.length > 2
                        ? java.util.Arrays.stream(args[2].split(","))
                                .map(Integer::parseInt)
                                .toList()
                        : List.of(0, 1, 2);
        // Further arguments are configuration settings (key=value) for every variant, to measure
        // a setting, e.g. enrich.kafka.commit.interval.ms=500.
        // A setting with a leading + applies to variant 3 only: the fixed-language enrich with
        // that setting, beside variant 1 without it, e.g. +enrich.kafka.commit.interval.ms=500.
        for (int i = 3; i < args.length; i++) {
            boolean only3 = args[i].startsWith("+");
            String a = only3 ? args[i].substring(1) : args[i];
            int eq = a.indexOf('=');
            (only3 ? VARIANT_SETTINGS : SETTINGS).put(a.substring(0, eq), a.substring(eq + 1));
        }
        NAMES[3] = "enrich, fixed language, " + VARIANT_SETTINGS;
        NAMES[4] = "enrich, Lingua language, " + VARIANT_SETTINGS;
        Path dir = Files.createTempDirectory("enrich-bench");
        List<RawArticle> articles = articles(copies);
        try (EmbeddedBroker broker =
                EmbeddedBroker.create(
                                new BrokerConfig("127.0.0.1", 0, 0, dir.resolve("kafka")),
                                brokerOverrides())
                        .start()) {
            NewsflowConfig base = config(broker, dir, "bench-setup");
            try (Admin admin = TopicAdmin.admin(base, "admin")) {
                TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, List.of());
            }
            LanguageDetector fixed = article -> new Language("en", 1.0, "text");
            LanguageDetector lingua = EnrichApp.detector(base);
            // Variant 4's detector is built from its own settings (enrich.lang.* among them); one
            // detector per variant for the whole run, its models loaded once.
            LanguageDetector linguaVariant =
                    variants.contains(4)
                            ? EnrichApp.detector(config(broker, dir, "bench-setup", true))
                            : lingua;
            out.printf(
                    Locale.ROOT,
                    "%d raw records (%d texts x %d copies), %d partitions, %d rounds interleaved%n",
                    articles.size(),
                    articles.size() / copies,
                    copies,
                    PARTITIONS,
                    rounds);
            double[][] rate = new double[NAMES.length][rounds];
            double[][] cpu = new double[NAMES.length][rounds];
            // Round -1 warms up: the first run of each variant in a fresh JVM was the slowest of
            // every run (class loading, JIT, RocksDB's first files), 1.5-2x the later ones, and
            // the pass-through, which runs first, took most of that penalty. It is printed, not
            // counted. -Dwarmups=N runs N such rounds (default 1): the JIT compilers keep using as
            // much CPU as the stream thread for about two minutes (JVM, broker and Streams code;
            // the round's "jit" CPU shows it), which the first counted rounds' CPU-ms include.
            int warmups = Integer.getInteger("warmups", 1);
            for (int r = -warmups; r < rounds; r++) {
                // Odd rounds run the variants in reverse: a variant run right after another did
                // better than when run first (JIT, the broker's warm segments), so a fixed order
                // favoured whichever came later, such as variant 3 after variant 1.
                List<Integer> order = new ArrayList<>(variants);
                if (r % 2 != 0) {
                    java.util.Collections.reverse(order);
                }
                for (int v : order) {
                    String app = "bench-" + v + "-" + (r < 0 ? "warmup" + -r : r);
                    NewsflowConfig config = config(broker, dir, app, v >= 3);
                    double[] m =
                            v == 0
                                    ? passThrough(broker, config, articles)
                                    : enrich(
                                            broker,
                                            config,
                                            v == 2 ? lingua : v == 4 ? linguaVariant : fixed,
                                            articles);
                    if (r >= 0) {
                        rate[v][r] = m[0];
                        cpu[v][r] = m[1];
                    }
                    out.printf(
                            Locale.ROOT,
                            "round %s %-22s %8.1f records/s %8.1f CPU-ms/1000%n",
                            r < 0 ? "warm-up" : r,
                            NAMES[v],
                            m[0],
                            m[1]);
                }
            }
            out.println();
            out.println(
                    "| topology (exactly_once_v2) | records/s (median) | ratio to pass-through |"
                            + " CPU-ms per 1,000 articles (median) |");
            out.println("| --- | --- | --- | --- |");
            double pass = variants.contains(0) ? median(rate[0]) : Double.NaN;
            for (int v : variants) {
                out.printf(
                        Locale.ROOT,
                        "| %s | %.0f | %.2f | %.0f |%n",
                        NAMES[v],
                        median(rate[v]),
                        median(rate[v]) / pass,
                        median(cpu[v]));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static final String[] NAMES = {
        "pass-through", "enrich, fixed language", "enrich, Lingua language", "", ""
    };

    private static final Map<String, String> SETTINGS = new java.util.LinkedHashMap<>();
    private static final Map<String, String> VARIANT_SETTINGS = new java.util.LinkedHashMap<>();

    private static NewsflowConfig config(EmbeddedBroker broker, Path dir, String app) {
        return config(broker, dir, app, false);
    }

    private static NewsflowConfig config(
            EmbeddedBroker broker, Path dir, String app, boolean variantSettings) {
        var b = ConfigLoader.builder();
        SETTINGS.forEach(b::set);
        if (variantSettings) {
            VARIANT_SETTINGS.forEach(b::set);
        }
        return b.set("kafka.bootstrap.servers", broker.bootstrapServers())
                .set("topics.partitions", PARTITIONS)
                .set("enrich.application.id", app)
                .set("enrich.state.dir", dir.resolve("state-" + app).toString())
                .set("enrich.kafka.auto.offset.reset", "latest")
                .set("ingest.feeds.file", "")
                .load();
    }

    private static double[] passThrough(
            EmbeddedBroker broker, NewsflowConfig config, List<RawArticle> articles)
            throws Exception {
        String target = config.enrich().applicationId() + "-out";
        try (Admin admin = TopicAdmin.admin(config, "admin")) {
            admin.createTopics(List.of(new NewTopic(target, PARTITIONS, (short) 1))).all().get();
        }
        Topology t = new Topology();
        t.addSource(
                "raw", new StringDeserializer(), new ByteArrayDeserializer(), Topics.ARTICLES_RAW);
        t.addSink("out", target, new StringSerializer(), new ByteArraySerializer(), "raw");
        try (KafkaStreams streams = new KafkaStreams(t, EnrichApp.properties(config))) {
            return timed(
                    broker,
                    target,
                    articles,
                    seen -> seen >= articles.size(),
                    streams::start,
                    () -> streams.state() == KafkaStreams.State.RUNNING,
                    () -> streams);
        }
    }

    private static double[] enrich(
            EmbeddedBroker broker,
            NewsflowConfig config,
            LanguageDetector detector,
            List<RawArticle> articles)
            throws Exception {
        try (Admin admin = TopicAdmin.admin(config, "admin")) {
            TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, EnrichApp.extraTopics(config));
        }
        EnrichApp[] app = new EnrichApp[1];
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        int n = articles.size();
        // Done when every raw record has an outcome (published, revision, duplicate, alias, DLQ):
        // an alias found while its first article waits adds no record, so output counts vary.
        IntPredicate done =
                seen ->
                        registry.find("newsflow.enrich.records").counters().stream()
                                        .mapToDouble(c -> c.count())
                                        .sum()
                                >= n;
        try {
            return timed(
                    broker,
                    Topics.ARTICLES_ENRICHED,
                    articles,
                    done,
                    () ->
                            app[0] =
                                    EnrichApp.start(
                                            config,
                                            registry,
                                            new Health(),
                                            detector,
                                            TopicTagger.none()),
                    () -> app[0] != null && app[0].streams().state() == KafkaStreams.State.RUNNING,
                    () -> app[0].streams());
        } finally {
            if (app[0] != null) {
                app[0].close();
            }
            if (TRAFFIC) {
                traffic(config, config.enrich().applicationId(), n);
            }
            // What the burst decided, to compare between code versions: the same input must give
            // the same outcomes and stories whatever order the records were processed in.
            System.out.printf(
                    "  outcomes %s, clusters %s%n",
                    counts(registry, "newsflow.enrich.records", "outcome"),
                    counts(registry, "newsflow.enrich.clusters", "result"));
        }
    }

    private static final boolean TRAFFIC = Boolean.getBoolean("traffic");

    /**
     * Prints the bytes the broker holds for each of the round's own topics (changelogs and cluster
     * topics, named after its application id) per raw record, to see which writes cost the broker
     * and the producers most. Offsets include the transaction markers.
     */
    private static void traffic(NewsflowConfig config, String app, int records) throws Exception {
        try (Admin admin = TopicAdmin.admin(config, "admin")) {
            List<Integer> brokers =
                    admin.describeCluster().nodes().get().stream()
                            .map(org.apache.kafka.common.Node::id)
                            .toList();
            Map<String, long[]> byTopic = new java.util.TreeMap<>();
            admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(d -> d.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().startsWith(app + "-"))
                    .forEach(
                            e ->
                                    byTopic.computeIfAbsent(
                                                            e.getKey()
                                                                    .topic()
                                                                    .substring(app.length() + 1),
                                                            k -> new long[1])[0] +=
                                            e.getValue().size());
            byTopic.forEach(
                    (topic, bytes) ->
                            out.printf(
                                    Locale.ROOT,
                                    "  %-40s %8.0f bytes/record%n",
                                    topic,
                                    (double) bytes[0] / records));
        }
    }

    private static Map<String, Long> counts(SimpleMeterRegistry registry, String name, String tag) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        registry.find(name)
                .counters()
                .forEach(c -> counts.merge(c.getId().getTag(tag), (long) c.count(), Long::sum));
        return counts;
    }

    /**
     * Starts a topology, waits until it runs, produces the articles, and counts until {@code done};
     * returns records/s and CPU-ms per 1,000 articles, both from the first produced record to the
     * last output record.
     */
    private static double[] timed(
            EmbeddedBroker broker,
            String topic,
            List<RawArticle> articles,
            IntPredicate done,
            Runnable start,
            BooleanSupplier running,
            java.util.function.Supplier<KafkaStreams> streams) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                parts.add(new TopicPartition(topic, i));
            }
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            parts.forEach(tp -> consumer.seek(tp, end.get(tp)));
            start.run();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!running.getAsBoolean() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            consumer.poll(Duration.ofSeconds(3)); // let the first fetches of the topology settle
            long cpu0 = os.getProcessCpuTime();
            Map<String, Long> threads0 = threadCpu();
            long first = System.nanoTime();
            produce(broker, articles);
            long last = first;
            int seen = 0;
            long reported = System.nanoTime();
            ThreadShares shares = new ThreadShares();
            long lastMark = first;
            StringBuilder timeline = new StringBuilder();
            while (!done.test(seen) && System.nanoTime() < deadline) {
                int n = consumer.poll(Duration.ofMillis(50)).count();
                shares.sample(streams.get());
                if (System.nanoTime() - reported > 10e9) {
                    reported = System.nanoTime();
                    out.printf(
                            Locale.ROOT,
                            "  %d records on %s, %d inputs%n",
                            seen,
                            topic,
                            articles.size());
                }
                if (n > 0) {
                    last = System.nanoTime();
                    seen += n;
                }
                if (TIMELINE && System.nanoTime() - lastMark >= 250_000_000L) {
                    lastMark = System.nanoTime();
                    timeline.append(
                            String.format(Locale.ROOT, " %.2f:%d", (lastMark - first) / 1e9, seen));
                }
            }
            if (!done.test(seen)) {
                throw new IllegalStateException(
                        "not done after 10 minutes: " + seen + " records on " + topic);
            }
            // The last publications may follow the last outcome by a commit.
            for (int n = consumer.poll(Duration.ofMillis(500)).count();
                    n > 0;
                    n = consumer.poll(Duration.ofMillis(500)).count()) {
                last = System.nanoTime();
                seen += n;
            }
            if (TIMELINE) {
                out.println("  timeline (s:output records):" + timeline);
            }
            long cpu = os.getProcessCpuTime() - cpu0;
            Map<String, Long> threads1 = threadCpu();
            threads1.replaceAll((k, v) -> v - threads0.getOrDefault(k, 0L));
            out.println(
                    "  CPU-ms by thread group: "
                            + threads1.entrySet().stream()
                                    .filter(e -> e.getValue() > 50_000_000L)
                                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                                    .map(e -> e.getKey() + "=" + e.getValue() / 1_000_000)
                                    .toList());
            out.println("  stream thread time (Streams' own ratios, mean of samples): " + shares);
            double seconds = Math.max(1e-3, (last - first) / 1e9);
            return new double[] {articles.size() / seconds, cpu / 1e6 / articles.size() * 1000};
        }
    }

    /**
     * Where the stream threads spend their time, from Streams' thread metrics {@code poll-ratio},
     * {@code process-ratio}, {@code commit-ratio} and {@code punctuate-ratio} (each a share of the
     * thread's loop iterations over the metric window), sampled while a round runs: a thread that
     * is mostly polling waits for records (for the clustering round trip's), one mostly committing
     * waits for its transactions.
     */
    private static final class ThreadShares {
        private static final List<String> NAMES =
                List.of("poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio");
        private final double[] sums = new double[NAMES.size()];
        private int samples;
        private long next;

        void sample(KafkaStreams streams) {
            long now = System.nanoTime();
            if (now < next) {
                return;
            }
            next = now + 250_000_000L;
            double[] values = new double[NAMES.size()];
            int threads = 0;
            for (var e : streams.metrics().entrySet()) {
                if (!e.getKey().group().equals("stream-thread-metrics")) {
                    continue;
                }
                int i = NAMES.indexOf(e.getKey().name());
                if (i >= 0 && e.getValue().metricValue() instanceof Double d && !d.isNaN()) {
                    values[i] += d;
                    threads += i == 0 ? 1 : 0;
                }
            }
            if (threads > 0) {
                for (int i = 0; i < values.length; i++) {
                    sums[i] += values[i] / threads;
                }
                samples++;
            }
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < NAMES.size(); i++) {
                b.append(i == 0 ? "" : ", ")
                        .append(NAMES.get(i).replace("-ratio", ""))
                        .append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", sums[i] / Math.max(1, samples)));
            }
            return b.append(" (").append(samples).append(" samples)").toString();
        }
    }

    /** CPU time by thread, names folded into groups (stream threads, broker, producers…). */
    private static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (info == null || t < 0) {
                continue;
            }
            String name = info.getThreadName();
            String group =
                    name.contains("StreamThread") && name.contains("producer")
                            ? "streams-producer"
                            : name.contains("StreamThread")
                                    ? "stream-thread"
                                    : name.contains("StateUpdater")
                                            ? "state-updater"
                                            : name.startsWith("data-plane")
                                                            || name.startsWith("kafka-")
                                                            || name.contains("broker")
                                                            || name.contains("raft")
                                                            || name.contains("log-cleaner")
                                                            || name.contains("Replica")
                                                    ? "broker"
                                                    : name.startsWith("ForkJoinPool.commonPool")
                                                            ? "lingua-pool"
                                                            : name.startsWith("main")
                                                                    ? "bench-main"
                                                                    : "other";
            out.merge(group, t, Long::sum);
        }
        nativeThreadCpu().forEach((k, v) -> out.merge(k, v, Long::sum));
        return out;
    }

    /**
     * CPU time (ns) of the JVM's own threads that the thread MX bean does not list: the JIT
     * compilers, the garbage collector and RocksDB's background threads, read from {@code
     * /proc/self/task} (Linux; empty elsewhere). A thread that ended is no longer counted, so the
     * difference between two calls is a lower bound when one did in between (RocksDB's threads of a
     * closed store, a compiler thread the JVM let go idle and stopped).
     */
    private static Map<String, Long> nativeThreadCpu() {
        Map<String, Long> out = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        long nanosPerTick = 10_000_000L; // USER_HZ is 100 on every Linux the bench runs on
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String group =
                            comm.contains("CompilerThre")
                                    ? "jit"
                                    : comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                                            ? "gc"
                                            : comm.startsWith("rocksdb:") ? "rocksdb" : null;
                    if (group == null) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.merge(group, ticks * nanosPerTick, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static List<RawArticle> articles(int copies) throws IOException {
        Path file = Path.of("enrich/src/test/resources/neardup/pairs.jsonl.gz");
        List<String[]> texts = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(file)),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = Json.mapper().readTree(line);
                for (String side : List.of("a", "b")) {
                    texts.add(
                            new String[] {
                                n.get(side).get("title").asText(), n.get(side).get("text").asText()
                            });
                }
            }
        }
        List<RawArticle> out = new ArrayList<>();
        Source source = new Source("benchfeed", "https://bench.example/feed", "Bench", "rss", null);
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < texts.size(); i++) {
                String url = "https://site" + c + ".example/article/" + i;
                out.add(
                        RawArticle.builder(url, source, t)
                                .title(texts.get(i)[0] + " (" + (c + 1) + ")")
                                .text(texts.get(i)[1])
                                .languageHints(LanguageHints.none())
                                .build());
            }
        }
        // Distinct ids: the texts of a pair's side A repeat across pairs (a base in two negatives).
        return out.stream()
                .collect(
                        java.util.stream.Collectors.toMap(
                                RawArticle::id, a -> a, (a, b) -> a, java.util.LinkedHashMap::new))
                .values()
                .stream()
                .filter(a -> ArticleIds.isArticleId(a.id()))
                .toList();
    }

    private static final boolean TIMELINE = Boolean.getBoolean("timeline");

    private static void produce(EmbeddedBroker broker, List<RawArticle> articles) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (RawArticle a : articles) {
                producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, a.id(), Json.toBytes(a)));
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * Broker settings from {@code -Dbroker=key=value,key=value} over the embedded broker's own, to
     * measure a broker setting (one per JVM: the broker serves every variant of the run).
     */
    private static Properties brokerOverrides() {
        Properties p = new Properties();
        String spec = System.getProperty("broker", "");
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                p.setProperty(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            } else if (!kv.isBlank()) {
                throw new IllegalArgumentException("-Dbroker wants key=value pairs: " + kv);
            }
        }
        return p;
    }
}
