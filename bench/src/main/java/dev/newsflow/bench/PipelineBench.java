package dev.newsflow.bench;

import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.deploy.Pipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The all-in-one pipeline end to end: {@link Pipeline#startAllInOne} (embedded broker, ingest,
 * enrich, SQLite sink: what {@code newsflow run} starts) in this JVM, polling {@code --feeds} RSS
 * feeds that carry {@code --articles} distinct articles in 20 languages, served by {@link
 * PipelineFeedServer} in a child process (so the server's CPU is not counted). Reports articles/s
 * through each stage, the fetch → enriched and fetch → stored latency (from the {@code fetched_at},
 * {@code enriched_at} and {@code stored_at} of every stored row), CPU-ms per article by stage
 * (thread CPU grouped by thread name), peak heap and peak RSS of this process; then, as the
 * baseline in the same run, the same raw records (read back from {@code newsflow.articles.raw})
 * pushed through the same broker with no processing (a plain producer to a fresh topic, a plain
 * consumer), and the pipeline's end-to-end rate as a ratio to it.
 *
 * <p>Usage: {@code bench/run PipelineBench [--feeds N] [--articles M] [--rate R] [--pages]
 * [--warmup W] [--timeout-s S] [key=value...]}. Latency percentiles leave out the first {@code W}
 * articles fetched (default a tenth), which meet a cold JVM; the p99 over all is printed too.
 * Defaults: 2,000 feeds, 50,000 articles, every article published at once ({@code --rate 0}: a
 * backlog, which measures throughput); {@code --rate 50} publishes 50 articles/s (feeds polled
 * every 2 s), which measures latency at that load. Items carry the full text in {@code
 * content:encoded}; {@code --pages} gives them only a description and a link to the full page
 * instead (for when ingest fetches pages). Further {@code key=value} arguments are Newsflow
 * settings (e.g. {@code enrich.stream.threads=2}). Run the JVM with the heap to test: {@code
 * BENCH_JAVA_OPTS=-Xmx1g bench/run PipelineBench}.
 */
public final class PipelineBench {
    private static final PrintStream out = System.out;
    private static final String BASELINE_TOPIC = "bench.baseline";

    private PipelineBench() {}

    public static void main(String[] args) throws Exception {
        int feeds = 2000;
        int articles = 50_000;
        double rate = 0;
        boolean pages = false;
        long timeoutS = 3600;
        int warmup = -1;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--feeds" -> feeds = Integer.parseInt(args[++i]);
                case "--articles" -> articles = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--pages" -> pages = true;
                case "--timeout-s" -> timeoutS = Long.parseLong(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    int eq = args[i].indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                    settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
                }
            }
        }
        Path dir = Files.createTempDirectory("pipeline-bench");
        Process server = startServer(feeds, articles, rate, pages);
        try {
            int port = readPort(server);
            run(
                    dir,
                    port,
                    feeds,
                    articles,
                    rate,
                    pages,
                    timeoutS,
                    warmup >= 0 ? warmup : articles / 10,
                    settings);
        } finally {
            server.getOutputStream().close();
            server.waitFor();
            deleteTree(dir);
        }
    }

    private static void run(
            Path dir,
            int port,
            int feeds,
            int articles,
            double rate,
            boolean pages,
            long timeoutS,
            int warmup,
            Map<String, String> settings)
            throws Exception {
        Path feedsFile = dir.resolve("feeds.yaml");
        List<String> hosts = writeFeeds(feedsFile, port, feeds, rate);
        var b =
                ConfigLoader.builder()
                        .set("data.dir", dir.resolve("data").toString())
                        .set("broker.port", 0)
                        .set("broker.controller.port", 0)
                        .set("http.port", 0)
                        .set("ingest.feeds.file", feedsFile.toString())
                        .set("ingest.fetch.allow.private.networks", true)
                        .set(
                                "ingest.fetch.resolve",
                                String.join(
                                        ",", hosts.stream().map(h -> h + "=127.0.0.1").toList()));
        if (rate > 0) {
            // Feeds are polled every 2 s, 10 feeds a site: a politeness delay would hold polls to
            // one a second a site (the sites are local; the latency is measured from the fetch).
            b.set("ingest.fetch.host.delay.ms", 0);
        }
        if (!pages) {
            // the items carry the whole article: fetching the pages of the short ones (under
            // ingest.page.min.chars) would only add politeness waits of one request a second a
            // site and measure the sites, not the pipeline; --pages measures page fetching
            b.set("ingest.page.min.chars", 0);
        }
        settings.forEach(b::set);
        NewsflowConfig config = b.load();
        out.printf(
                Locale.ROOT,
                "%d feeds on %d sites, %d articles in %d languages, %s, items with %s; heap max %d"
                        + " MB; settings %s%n",
                feeds,
                hosts.size(),
                articles,
                PipelineFeedServer.LANGUAGES.size(),
                rate > 0 ? rate + " articles/s" : "all published at once",
                pages ? "a link to the page" : "the full text (content:encoded)",
                Runtime.getRuntime().maxMemory() >> 20,
                settings);

        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        long wall0 = System.nanoTime();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler =
                new Thread(
                        () -> {
                            var mem = ManagementFactory.getMemoryMXBean();
                            while (!Thread.currentThread().isInterrupted()) {
                                peakHeap.accumulateAndGet(
                                        mem.getHeapMemoryUsage().getUsed(), Math::max);
                                try {
                                    Thread.sleep(100);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (Pipeline pipeline = Pipeline.startAllInOne(config)) {
            double startS = (System.nanoTime() - wall0) / 1e9;
            if (rate > 0) {
                control(port, System.currentTimeMillis());
            }
            out.printf(Locale.ROOT, "started in %.1f s%n", startS);
            // CPU from here: the start (broker, topics, Streams) is left out, the first polls not
            long cpu0 = os.getProcessCpuTime();
            Map<String, Long> threads0 = threadCpu();
            MeterRegistry registry = pipeline.registry();
            long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
            double stored = 0;
            double last = -1;
            long progressAt = System.nanoTime();
            long reportAt = 0;
            while (stored < articles && System.nanoTime() < deadline) {
                Thread.sleep(250);
                stored = count(registry, "newsflow.sink.records", "written");
                if (stored > last) {
                    last = stored;
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > 180e9) {
                    out.println("no progress for 180 s; stopping");
                    break;
                }
                if (System.nanoTime() - reportAt > 15e9) {
                    reportAt = System.nanoTime();
                    out.printf(
                            Locale.ROOT,
                            "  %4.0f s: produced %.0f, enriched %.0f, stored %.0f, heap peak %d"
                                    + " MB%n",
                            (System.nanoTime() - wall0) / 1e9,
                            count(registry, "newsflow.ingest.items.new", null),
                            count(registry, "newsflow.enrich.records", null),
                            stored,
                            peakHeap.get() >> 20);
                }
            }
            long cpu = os.getProcessCpuTime() - cpu0;
            Map<String, Long> threads = threadCpu();
            threads.replaceAll((k, v) -> v - threads0.getOrDefault(k, 0L));
            sampler.interrupt();
            long rssPeak = procStatus("VmHWM");
            out.printf(
                    Locale.ROOT,
                    "produced %.0f, enriched %.0f (%s), stored %.0f, DLQ %.0f%n",
                    count(registry, "newsflow.ingest.items.new", null),
                    count(registry, "newsflow.enrich.records", null),
                    outcomes(registry, "newsflow.enrich.records"),
                    stored,
                    count(registry, "newsflow.enrich.dlq", null));

            Stages s = stages(pipeline.config());
            double baseline = baseline(pipeline.config(), s.rows);
            report(
                    s,
                    baseline,
                    cpu,
                    threads,
                    peakHeap.get(),
                    rssPeak,
                    feeds,
                    articles,
                    rate,
                    warmup);
        }
    }

    // ---- feeds -------------------------------------------------------------------------------

    private static final Map<String, String> TLD =
            Map.ofEntries(
                    Map.entry("en", "co.uk"),
                    Map.entry("id", "co.id"),
                    Map.entry("de", "de"),
                    Map.entry("fr", "fr"),
                    Map.entry("es", "es"),
                    Map.entry("pt", "com.br"),
                    Map.entry("it", "it"),
                    Map.entry("nl", "nl"),
                    Map.entry("ru", "ru"),
                    Map.entry("uk", "com.ua"),
                    Map.entry("tr", "com.tr"),
                    Map.entry("ar", "com.sa"),
                    Map.entry("fa", "ir"),
                    Map.entry("hi", "in"),
                    Map.entry("zh", "cn"),
                    Map.entry("ja", "jp"),
                    Map.entry("ko", "kr"),
                    Map.entry("th", "co.th"),
                    Map.entry("vi", "vn"),
                    Map.entry("ms", "com.my"));

    /**
     * Writes the feed list: 10 feeds a site, consecutive feeds on different sites (feed {@code f}
     * on site {@code f % sites}); even sites are on their country's domain, odd ones on {@code
     * .com}; two sites in three declare their language, so the detector sees strong, weak and no
     * metadata. Returns the host names.
     */
    private static List<String> writeFeeds(Path file, int port, int feeds, double rate)
            throws IOException {
        List<String> hosts = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("feeds:\n");
        for (int f = 0; f < feeds; f++) {
            int site = PipelineFeedServer.site(f, feeds);
            String lang = PipelineFeedServer.LANGUAGES.get(PipelineFeedServer.language(f, feeds));
            String host = "news" + site + "." + (site % 2 == 0 ? TLD.get(lang) : "com");
            if (f < PipelineFeedServer.sites(feeds)) {
                hosts.add(host);
            }
            yaml.append("  - name: Bench feed ")
                    .append(f)
                    .append("\n    url: http://")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("/f/")
                    .append(f)
                    .append(".xml\n");
            if (site % 3 != 2) {
                yaml.append("    language: ").append(lang).append('\n');
            }
            if (rate > 0) {
                yaml.append("    poll.interval.ms: 2000\n");
            }
        }
        Files.writeString(file, yaml);
        return hosts;
    }

    private static Process startServer(int feeds, int articles, double rate, boolean pages)
            throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path langs = Path.of("..", "shared", "bench", "langid", "sentences");
        if (!Files.isDirectory(langs)) {
            throw new IllegalStateException(langs.toAbsolutePath() + " is missing");
        }
        return new ProcessBuilder(
                        javaBin,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PipelineFeedServer.class.getName(),
                        Integer.toString(feeds),
                        Integer.toString(articles),
                        Double.toString(rate),
                        pages ? "pages" : "content",
                        langs.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int readPort(Process server) throws IOException {
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        return Integer.parseInt(in.readLine().trim());
    }

    private static void control(int port, long startMs) throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + port
                                                        + "/control?start="
                                                        + startMs))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
    }

    // ---- measurements ------------------------------------------------------------------------

    /** Stage times of every stored article, epoch ms, and the raw-topic size for the baseline. */
    private record Stages(long[] fetched, long[] enriched, long[] stored, int rows) {}

    private static Stages stages(NewsflowConfig config) throws Exception {
        List<long[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(config.sink().jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT fetched_at, enriched_at, stored_at FROM articles")) {
            while (rs.next()) {
                rows.add(
                        new long[] {
                            Instant.parse(rs.getString(1)).toEpochMilli(),
                            Instant.parse(rs.getString(2)).toEpochMilli(),
                            Instant.parse(rs.getString(3)).toEpochMilli()
                        });
            }
        }
        long[][] cols = new long[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 3; k++) {
                cols[k][i] = rows.get(i)[k];
            }
        }
        return new Stages(cols[0], cols[1], cols[2], rows.size());
    }

    /**
     * Articles/s of the raw records pushed through the broker with no processing: every record of
     * {@code newsflow.articles.raw} read back and produced to a fresh topic of the same partitions
     * by a plain producer (the ingest producer's compression), while a plain consumer reads them;
     * from the first send to the last record received.
     */
    private static double baseline(NewsflowConfig config, int expected) throws Exception {
        String servers = config.kafka().bootstrapServers();
        int partitions = config.topics().partitions();
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(servers, "read_committed")) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                parts.add(new TopicPartition(Topics.ARTICLES_RAW, p));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(ap)) {
            admin.createTopics(List.of(new NewTopic(BASELINE_TOPIC, partitions, (short) 1)))
                    .all()
                    .get();
        }
        AtomicReference<Long> lastAt = new AtomicReference<>(0L);
        AtomicLong received = new AtomicLong();
        Thread reader =
                new Thread(
                        () -> {
                            try (KafkaConsumer<byte[], byte[]> c =
                                    consumer(servers, "read_uncommitted")) {
                                List<TopicPartition> parts = new ArrayList<>();
                                for (int p = 0; p < partitions; p++) {
                                    parts.add(new TopicPartition(BASELINE_TOPIC, p));
                                }
                                c.assign(parts);
                                c.seekToBeginning(parts);
                                long stop = System.nanoTime() + 600_000_000_000L;
                                while (received.get() < values.size() && System.nanoTime() < stop) {
                                    int n = c.poll(Duration.ofMillis(50)).count();
                                    if (n > 0) {
                                        received.addAndGet(n);
                                        lastAt.set(System.nanoTime());
                                    }
                                }
                            }
                        },
                        "bench-baseline-reader");
        reader.start();
        Thread.sleep(2000); // the reader's assignment and first fetch
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        pp.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-baseline");
        pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        long first = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                p.send(new ProducerRecord<>(BASELINE_TOPIC, v));
            }
        }
        reader.join();
        double seconds = Math.max(1e-3, (lastAt.get() - first) / 1e9);
        out.printf(
                Locale.ROOT,
                "baseline: %d raw records (%d stored rows), %.1f MB, through the broker in %.2f"
                        + " s%n",
                values.size(),
                expected,
                values.stream().mapToLong(v -> v.length).sum() / 1e6,
                seconds);
        return received.get() / seconds;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String servers, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-baseline");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void report(
            Stages s,
            double baseline,
            long cpuNanos,
            Map<String, Long> threads,
            long peakHeap,
            long rssPeakKb,
            int feeds,
            int articles,
            double rate,
            int warmup) {
        int n = s.rows;
        if (n == 0) {
            out.println("nothing stored");
            return;
        }
        long first = Arrays.stream(s.fetched).min().orElseThrow();
        double fetchRate = n / span(s.fetched);
        double enrichRate = n / span(s.enriched);
        double storeRate = n / span(s.stored);
        double endToEnd = n / Math.max(1e-3, (max(s.stored) - first) / 1000.0);
        // Latency after the warm-up: the first articles fetched meet a cold JVM (JIT, lazily
        // opened stores) and are left out; the table also gives p99 over all of them.
        long[] fetchedSorted = s.fetched.clone();
        Arrays.sort(fetchedSorted);
        long warmEnd = warmup > 0 && warmup < n ? fetchedSorted[warmup] : Long.MIN_VALUE;
        int m = 0;
        for (long f : s.fetched) {
            m += f >= warmEnd ? 1 : 0;
        }
        long[] toEnriched = new long[m];
        long[] toStored = new long[m];
        long[] allToStored = new long[n];
        for (int i = 0, j = 0; i < n; i++) {
            allToStored[i] = s.stored[i] - s.fetched[i];
            if (s.fetched[i] >= warmEnd) {
                toEnriched[j] = s.enriched[i] - s.fetched[i];
                toStored[j++] = s.stored[i] - s.fetched[i];
            }
        }
        Arrays.sort(toEnriched);
        Arrays.sort(toStored);
        Arrays.sort(allToStored);
        out.printf(
                Locale.ROOT,
                "latency over the %d articles fetched after the first %d (warm-up); p99"
                        + " fetch→stored over all %d: %.2f s%n",
                m,
                n - m,
                n,
                pct(allToStored, 0.99) / 1000.0);
        out.println();
        out.println(
                "| feeds | articles stored | publishing | fetched/s | enriched/s | stored/s |"
                        + " end to end/s | baseline/s | ratio | fetch→enriched p50/p95/p99 s |"
                        + " fetch→stored p50/p95/p99 s | peak heap MB | peak RSS MB |");
        out.println(
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        out.printf(
                Locale.ROOT,
                "| %,d | %,d of %,d | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.3f | %s | %s | %d |"
                        + " %d |%n",
                feeds,
                n,
                articles,
                rate > 0 ? String.format(Locale.ROOT, "%.0f/s", rate) : "at once",
                fetchRate,
                enrichRate,
                storeRate,
                endToEnd,
                baseline,
                endToEnd / baseline,
                percentiles(toEnriched),
                percentiles(toStored),
                peakHeap >> 20,
                rssPeakKb >> 10);
        out.println();
        // CPU by stage, per stored article
        long named = threads.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> stages = new TreeMap<>(threads);
        stages.put("jvm (GC, JIT, ended threads)", Math.max(0, cpuNanos - named));
        // the benchmark's own threads (its sampler) are not the pipeline's
        long bench = stages.getOrDefault("bench", 0L);
        stages.remove("bench");
        out.println("| CPU-ms per article | " + String.join(" | ", stages.keySet()) + " | total |");
        out.println("| --- |" + " --- |".repeat(stages.size() + 1));
        StringBuilder row = new StringBuilder("| all-in-one |");
        for (long v : stages.values()) {
            row.append(String.format(Locale.ROOT, " %.2f |", v / 1e6 / n));
        }
        row.append(String.format(Locale.ROOT, " %.2f |", (cpuNanos - bench) / 1e6 / n));
        out.println(row);
    }

    private static String percentiles(long[] sorted) {
        return String.format(
                Locale.ROOT,
                "%.2f / %.2f / %.2f",
                pct(sorted, 0.50) / 1000.0,
                pct(sorted, 0.95) / 1000.0,
                pct(sorted, 0.99) / 1000.0);
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double span(long[] ms) {
        return Math.max(1e-3, (max(ms) - Arrays.stream(ms).min().orElseThrow()) / 1000.0);
    }

    private static long max(long[] ms) {
        return Arrays.stream(ms).max().orElseThrow();
    }

    private static double count(MeterRegistry registry, String name, String outcome) {
        var search = registry.find(name);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String outcomes(MeterRegistry registry, String name) {
        Map<String, Double> m = new TreeMap<>();
        for (Counter c : registry.find(name).counters()) {
            m.merge(String.valueOf(c.getId().getTag("outcome")), c.count(), Double::sum);
        }
        return m.toString();
    }

    /** CPU time by stage, from the thread names of each part. */
    private static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (info == null || t < 0) {
                continue;
            }
            groups.merge(stage(info.getThreadName()), t, Long::sum);
        }
        return groups;
    }

    static String stage(String thread) {
        if (thread.contains("newsflow-ingest")
                || thread.contains("newsflow-fetch")
                || thread.contains("newsflow-feeds")
                || thread.startsWith("httpclient")) {
            return "ingest";
        }
        // Lingua scores the languages of a text in parallel on the common fork-join pool, which
        // nothing else in the pipeline uses at any rate
        if (thread.contains("newsflow-enrich")
                || thread.contains("StreamThread")
                || thread.contains("StateUpdater")
                || thread.startsWith("ForkJoinPool.commonPool")) {
            return "enrich";
        }
        if (thread.contains("newsflow-sink")) {
            return "sink";
        }
        if (thread.startsWith("bench")
                || thread.equals("main")
                || thread.contains("bench-baseline")) {
            return "bench";
        }
        return "broker & other";
    }

    /** A field of /proc/self/status in kB (Linux), or -1. */
    private static long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
