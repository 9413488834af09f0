package dev.newsflow.bench;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.json.Json;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.FeedPoller;
import dev.newsflow.ingest.feed.ItemMapper;
import dev.newsflow.ingest.feed.PollResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.publish.ArticlePublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Polling 10,000 feeds: CPU time per poll and heap after a full cycle, Newsflow's poll path against
 * a bare poller, interleaved in one process.
 *
 * <p>The feeds live on a local HTTP server in a child process ({@link FeedBenchServer}, so its CPU
 * is not counted), under 500 host names mapped to 127.0.0.1 (20 feeds a host). Every feed has 50
 * items and an {@code ETag}; every round, nine feeds in ten answer 304 and one in ten answers 200
 * with five new items. A cycle polls every feed once, with 4 worker threads:
 *
 * <ul>
 *   <li>{@code baseline}: Apache HttpClient 5 (pooled, default settings), conditional GET with the
 *       ETag, Rome to parse, a set of seen entry ids per feed. No address guard, no politeness, no
 *       robots.txt, no URL or text normalisation, no state to write.
 *   <li>{@code newsflow}: {@link FeedPoller#poll} through the shared {@link HttpFetcher} (address
 *       guard, per-host queue with no delay, robots.txt, deadline, size cap), {@link FeedParser},
 *       {@link ItemMapper}, the poll planner, then what the scheduler does before Kafka: each new
 *       article and the next state serialised to JSON. A poll put off because its host is busy is
 *       run again when the host is free and counted once.
 * </ul>
 *
 * CPU is the process's CPU time over a cycle (GC and JIT included) divided by the feeds polled; the
 * subjects run interleaved, their order swapped each round, so that other work on the machine falls
 * on both alike. Round 0 (every feed new: 200, 50 items each, robots.txt of every host) warms up
 * and is reported apart. Heap: used heap after full GCs with both subjects' state alive, then after
 * dropping each subject's state (and closing its client), the difference being what the subject
 * keeps between cycles.
 *
 * <p>Arguments: {@code --feeds N} (10000), {@code --hosts H} (500), {@code --rounds R} (5
 * measured), {@code --threads T} (4).
 */
public final class FeedPollBench {
    private FeedPollBench() {}

    /** One subject's cycle: CPU, wall time, polls and their outcomes. */
    private record Cycle(long cpuNanos, long wallNanos, int polls, Map<String, Integer> outcomes) {
        double cpuMicrosPerPoll() {
            return cpuNanos / 1000.0 / polls;
        }
    }

    /** Something that can poll every feed once. */
    private interface Subject {
        String name();

        Cycle cycle(int threads) throws InterruptedException;

        void drop();
    }

    public static void main(String[] args) throws Exception {
        int feeds = intArg(args, "--feeds", 10_000);
        int hosts = intArg(args, "--hosts", 500);
        int rounds = intArg(args, "--rounds", 5);
        int threads = intArg(args, "--threads", 4);
        Process server = startServer();
        try {
            int port = readPort(server);
            List<String> urls =
                    IntStream.range(0, feeds)
                            .mapToObj(
                                    n ->
                                            "http://h"
                                                    + (n % hosts)
                                                    + ".bench:"
                                                    + port
                                                    + "/f/"
                                                    + n
                                                    + ".xml")
                            .toList();
            String resolve =
                    IntStream.range(0, hosts)
                            .mapToObj(h -> "h" + h + ".bench=127.0.0.1")
                            .collect(Collectors.joining(","));
            IngestConfig ingest =
                    ConfigLoader.builder()
                            .env(Map.of())
                            .set("ingest.feeds.file", "")
                            .set("ingest.fetch.allow.private.networks", true)
                            .set("ingest.fetch.host.delay.ms", 0)
                            .set("ingest.fetch.resolve", resolve)
                            // feed polling only, like the baseline: the items' article pages
                            // (short items are completed from them by default) are not compared
                            .set("ingest.page.min.chars", 0)
                            .load()
                            .ingest();
            Subject newsflow = new Newsflow(ingest, urls);
            Subject baseline = new Baseline(urls);
            HttpClient control = HttpClient.newHttpClient();

            System.out.printf(
                    Locale.ROOT,
                    "%d feeds on %d hosts, %d threads, %d measured rounds (+1 warm-up)%n%n",
                    feeds,
                    hosts,
                    threads,
                    rounds);
            System.out.println(
                    "| round | first | baseline µs CPU/poll | newsflow µs CPU/poll | ratio |"
                            + " baseline wall s | newsflow wall s | newsflow outcomes |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            List<Double> ratios = new ArrayList<>();
            List<Double> base = new ArrayList<>();
            List<Double> nf = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                control.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + port + "/control?round=" + r))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                List<Subject> order =
                        r % 2 == 0 ? List.of(baseline, newsflow) : List.of(newsflow, baseline);
                Cycle b = null;
                Cycle n = null;
                for (Subject s : order) {
                    Cycle c = s.cycle(threads);
                    if (s == baseline) {
                        b = c;
                    } else {
                        n = c;
                    }
                }
                double ratio = n.cpuMicrosPerPoll() / b.cpuMicrosPerPoll();
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.0f | %.0f | %.2f | %.1f | %.1f | %s |%n",
                        r == 0 ? "0 (warm-up)" : Integer.toString(r),
                        order.get(0).name(),
                        b.cpuMicrosPerPoll(),
                        n.cpuMicrosPerPoll(),
                        ratio,
                        b.wallNanos() / 1e9,
                        n.wallNanos() / 1e9,
                        n.outcomes());
                if (r > 0) {
                    ratios.add(ratio);
                    base.add(b.cpuMicrosPerPoll());
                    nf.add(n.cpuMicrosPerPoll());
                }
            }
            // a quiet round: nothing changed since the last one, every feed answers 304
            Cycle quietBase = baseline.cycle(threads);
            Cycle quietNewsflow = newsflow.cycle(threads);
            System.out.printf(
                    Locale.ROOT,
                    "| quiet (all 304) | baseline | %.0f | %.0f | %.2f | %.1f | %.1f | %s |%n",
                    quietBase.cpuMicrosPerPoll(),
                    quietNewsflow.cpuMicrosPerPoll(),
                    quietNewsflow.cpuMicrosPerPoll() / quietBase.cpuMicrosPerPoll(),
                    quietBase.wallNanos() / 1e9,
                    quietNewsflow.wallNanos() / 1e9,
                    quietNewsflow.outcomes());
            long both = usedAfterGc();
            newsflow.drop();
            long withoutNewsflow = usedAfterGc();
            baseline.drop();
            long none = usedAfterGc();
            System.out.printf(
                    Locale.ROOT,
                    "%nMedian of rounds 1-%d: baseline %.0f µs, newsflow %.0f µs CPU per poll,"
                            + " ratio %.2f%n",
                    rounds,
                    median(base),
                    median(nf),
                    median(ratios));
            System.out.printf(
                    Locale.ROOT,
                    "Heap after the last cycle (after GC): %.1f MiB in all; kept between cycles:"
                            + " newsflow %.1f MiB (%.1f KiB a feed), baseline %.1f MiB (%.1f KiB"
                            + " a feed), ratio %.2f%n",
                    both / 1048576.0,
                    (both - withoutNewsflow) / 1048576.0,
                    (both - withoutNewsflow) / 1024.0 / feeds,
                    (withoutNewsflow - none) / 1048576.0,
                    (withoutNewsflow - none) / 1024.0 / feeds,
                    (double) (both - withoutNewsflow) / (withoutNewsflow - none));
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Newsflow's poll path, without Kafka. */
    private static final class Newsflow implements Subject {
        private final HttpFetcher fetcher;
        private final FeedPoller poller;
        private final List<FeedDefinition> feeds;
        private final Map<String, FeedState> states = new ConcurrentHashMap<>();

        Newsflow(IngestConfig config, List<String> urls) {
            fetcher = new HttpFetcher(config.fetch(), new SimpleMeterRegistry());
            poller =
                    new FeedPoller(
                            fetcher, new FeedParser(), new ItemMapper(), config, Clock.systemUTC());
            feeds = urls.stream().map(FeedDefinition::of).toList();
            feeds.forEach(f -> states.put(f.id(), FeedState.initial(f)));
        }

        @Override
        public String name() {
            return "newsflow";
        }

        @Override
        public Cycle cycle(int threads) throws InterruptedException {
            ScheduledExecutorService pool = Executors.newScheduledThreadPool(threads);
            CountDownLatch done = new CountDownLatch(feeds.size());
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            AtomicLong bytes = new AtomicLong();
            long cpu = cpuNanos();
            long wall = System.nanoTime();
            for (FeedDefinition f : feeds) {
                pool.execute(() -> poll(f, pool, done, outcomes, bytes));
            }
            done.await();
            long cpuUsed = cpuNanos() - cpu;
            long wallUsed = System.nanoTime() - wall;
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            return new Cycle(cpuUsed, wallUsed, feeds.size(), new TreeMap<>(outcomes));
        }

        private void poll(
                FeedDefinition f,
                ScheduledExecutorService pool,
                CountDownLatch done,
                Map<String, Integer> outcomes,
                AtomicLong bytes) {
            PollResult r = poller.poll(f, states.get(f.id()));
            outcomes.merge(r.outcome(), 1, Integer::sum);
            if (r.deferred()) {
                long wait = Duration.between(Instant.now(), r.next().nextPollAt()).toMillis();
                pool.schedule(
                        () -> poll(f, pool, done, outcomes, bytes),
                        Math.max(0, wait),
                        TimeUnit.MILLISECONDS);
                return;
            }
            for (ItemMapper.Accepted a : r.newItems()) {
                ArticlePublisher.serialize(a.article())
                        .ifPresent(s -> bytes.addAndGet(s.json().length));
            }
            bytes.addAndGet(Json.toBytes(r.next()).length);
            states.put(f.id(), r.next());
            done.countDown();
        }

        @Override
        public void drop() {
            states.clear();
            fetcher.close();
        }
    }

    /** A bare poller: HttpClient, conditional GET, Rome, a seen set. */
    private static final class Baseline implements Subject {
        private final CloseableHttpClient client;
        private final List<String> urls;
        private final Map<String, String> etags = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

        Baseline(List<String> urls) {
            this.urls = urls;
            DnsResolver benchNames =
                    new DnsResolver() {
                        @Override
                        public InetAddress[] resolve(String host) throws UnknownHostException {
                            return host.endsWith(".bench")
                                    ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                                    : SystemDefaultDnsResolver.INSTANCE.resolve(host);
                        }

                        @Override
                        public String resolveCanonicalHostname(String host) {
                            return host;
                        }
                    };
            client =
                    HttpClients.custom()
                            .setConnectionManager(
                                    PoolingHttpClientConnectionManagerBuilder.create()
                                            .setDnsResolver(benchNames)
                                            .setMaxConnTotal(256)
                                            .setMaxConnPerRoute(2)
                                            .build())
                            .build();
        }

        @Override
        public String name() {
            return "baseline";
        }

        @Override
        public Cycle cycle(int threads) throws InterruptedException {
            var pool = Executors.newFixedThreadPool(threads);
            Map<String, Integer> outcomes = new ConcurrentHashMap<>();
            long cpu = cpuNanos();
            long wall = System.nanoTime();
            for (String url : urls) {
                pool.execute(() -> outcomes.merge(poll(url), 1, Integer::sum));
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            return new Cycle(
                    cpuNanos() - cpu,
                    System.nanoTime() - wall,
                    urls.size(),
                    new TreeMap<>(outcomes));
        }

        private String poll(String url) {
            HttpGet get = new HttpGet(url);
            String etag = etags.get(url);
            if (etag != null) {
                get.setHeader("If-None-Match", etag);
            }
            try {
                return client.execute(
                        get,
                        response -> {
                            if (response.getCode() == 304) {
                                return "not_modified";
                            }
                            byte[] body = EntityUtils.toByteArray(response.getEntity());
                            SyndFeed feed;
                            try {
                                feed =
                                        new SyndFeedInput()
                                                .build(
                                                        new XmlReader(
                                                                new ByteArrayInputStream(body)));
                            } catch (com.rometools.rome.io.FeedException e) {
                                return "parse_error";
                            }
                            Set<String> ids =
                                    seen.computeIfAbsent(
                                            url, u -> Collections.synchronizedSet(new HashSet<>()));
                            for (SyndEntry e : feed.getEntries()) {
                                ids.add(e.getUri() != null ? e.getUri() : e.getLink());
                            }
                            if (response.getFirstHeader("ETag") != null) {
                                etags.put(url, response.getFirstHeader("ETag").getValue());
                            }
                            return "ok";
                        });
            } catch (IOException e) {
                return "error";
            }
        }

        @Override
        public void drop() {
            etags.clear();
            seen.clear();
            client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        }
    }

    private static Process startServer() throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        javaBin,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FeedBenchServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int readPort(Process server) throws IOException {
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        return Integer.parseInt(in.readLine().trim());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int intArg(String[] args, String name, int def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }
}
