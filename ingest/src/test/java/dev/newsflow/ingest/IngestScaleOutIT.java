package dev.newsflow.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.ingest.feed.FeedPartitioner;
import dev.newsflow.ingest.feed.TestFeeds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two ingest processes share the feeds through the consumer group, and when one is killed (SIGKILL,
 * mid-work) the other takes its feeds over from their committed state without producing any item a
 * second time.
 *
 * <p>Every feed has its own host name (mapped to the local server with {@code
 * ingest.fetch.resolve}), because feeds are placed in partitions by host; the names are picked so
 * that each of the six partitions holds two feeds. The feeds send no validators, so only the
 * remembered item ids stop a re-poll from producing items again.
 */
class IngestScaleOutIT {
    private static final int PARTITIONS = 6;
    private static final int FEEDS_PER_PARTITION = 2;
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private final TestBroker broker = TestBroker.start();
    private final LocalHttpServer server = LocalHttpServer.start();
    private final Map<String, Integer> items = new ConcurrentHashMap<>();
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private record Poll(long at, String host, String agent) {}

    @AfterEach
    void close() throws Exception {
        for (Process p : processes) {
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        server.close();
        broker.close();
    }

    @Test
    void shouldSplitTheFeedsAndTakeOverFromAKilledInstanceWithoutDuplicates() throws Exception {
        List<String> hosts = hostsCoveringEveryPartition();
        for (String host : hosts) {
            items.put(host, 3);
            server.handle(
                    "/" + host + "/",
                    ex -> {
                        polls.add(
                                new Poll(
                                        System.nanoTime(),
                                        host,
                                        ex.getRequestHeaders().getFirst("User-Agent")));
                        LocalHttpServer.send(
                                ex,
                                200,
                                "application/rss+xml",
                                TestFeeds.rss(host, 1, items.get(host), EPOCH).getBytes(UTF_8));
                    });
        }
        Path config = writeConfig(hosts);
        try (Admin admin = TopicAdmin.admin(config(config), "test")) {
            TopicAdmin.ensureTopics(admin, PARTITIONS, (short) 1, List.of());
        }

        // two instances start together: the feeds are split, each polled by exactly one of them
        Process a = launch(config, "a");
        Process b = launch(config, "b");
        awaitStarted(a, "a");
        awaitStarted(b, "b");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> splitSince(System.nanoTime() - TimeUnit.SECONDS.toNanos(3), hosts));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RawTopic.counts(config(config)).size() == hosts.size() * 3);
        long window = System.nanoTime() - TimeUnit.SECONDS.toNanos(3);
        Set<String> ofA = hostsPolledBy("NewsflowA", window);
        Set<String> ofB = hostsPolledBy("NewsflowB", window);
        assertThat(ofA).isNotEmpty().doesNotContainAnyElementsOf(ofB);
        assertThat(ofB).isNotEmpty();
        assertThat(union(ofA, ofB)).containsExactlyInAnyOrderElementsOf(hosts);

        // B is killed while it polls; A takes B's feeds over
        b.destroyForcibly();
        assertThat(b.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> hostsPolledBy("NewsflowA", killedAt).containsAll(hosts));

        // a new item in every feed is produced once, by A
        hosts.forEach(h -> items.put(h, 4));
        long published = System.nanoTime();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RawTopic.counts(config(config)).size() == hosts.size() * 4);
        // let A poll every feed twice more after that, then count every record
        await().atMost(Duration.ofSeconds(30))
                .until(() -> everyHostPolledTwiceSince(published, hosts));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                !RawTopic.counts(config(config))
                                        .isEmpty()); // read past any transaction B left open
        Map<String, Integer> counts = RawTopic.counts(config(config));

        assertThat(counts).hasSize(hosts.size() * 4);
        assertThat(counts.values()).as("records per article id").containsOnly(1);
        assertThat(a.isAlive()).isTrue();
    }

    /** Host names h0.test, h1.test… chosen so each partition holds the same number of feeds. */
    private static List<String> hostsCoveringEveryPartition() {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (int i = 0;
                byPartition.values().stream().mapToInt(List::size).sum()
                        < PARTITIONS * FEEDS_PER_PARTITION;
                i++) {
            String host = "h" + i + ".test";
            int p =
                    FeedPartitioner.partition(
                            FeedDefinition.of("http://" + host + "/"), PARTITIONS);
            List<String> in = byPartition.computeIfAbsent(p, k -> new ArrayList<>());
            if (in.size() < FEEDS_PER_PARTITION) {
                in.add(host);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    private Path writeConfig(List<String> hosts) throws IOException {
        int port = URI.create(server.baseUrl()).getPort();
        StringBuilder yaml = new StringBuilder();
        yaml.append("kafka:\n  bootstrap.servers: ")
                .append(broker.bootstrapServers())
                .append("\ntopics:\n  partitions: ")
                .append(PARTITIONS)
                .append("\nhttp:\n  port: -1\ningest:\n  feeds.file: \"\"\n  threads: 2\n")
                .append("  fetch:\n    allow.private.networks: true\n    host.delay.ms: 0\n")
                .append("    resolve: \"")
                .append(hosts.stream().map(h -> h + "=127.0.0.1").collect(Collectors.joining(",")))
                .append("\"\n  kafka:\n    session.timeout.ms: 6000\n")
                .append("    heartbeat.interval.ms: 1000\n    transaction.timeout.ms: 10000\n")
                .append("feeds:\n");
        for (String host : hosts) {
            yaml.append("  - id: feed-")
                    .append(host)
                    .append("\n    url: http://")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append('/')
                    .append(host)
                    .append("/feed.xml\n    poll.interval.ms: 1000\n");
        }
        Path file = Files.createTempFile("scaleout", ".yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    private static NewsflowConfig config(Path file) {
        return dev.newsflow.core.config.ConfigLoader.builder().file(file).env(Map.of()).load();
    }

    private Process launch(Path config, String name) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String classpath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Process p =
                new ProcessBuilder(
                                javaBin,
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                classpath,
                                IngestMain.class.getName(),
                                config.toString(),
                                "ingest.instance.id=" + name,
                                "ingest.fetch.user.agent=Newsflow"
                                        + name.toUpperCase(Locale.ROOT)
                                        + "/1")
                        .redirectErrorStream(true)
                        .redirectOutput(log(name).toFile())
                        .start();
        processes.add(p);
        return p;
    }

    private static Path log(String name) {
        return Path.of("target", "scaleout-" + name + ".log");
    }

    private static void awaitStarted(Process p, String name) {
        await().atMost(Duration.ofSeconds(180))
                .until(() -> !p.isAlive() || Files.readString(log(name)).contains("STARTED"));
        assertThat(p.isAlive()).as("instance %s started (see %s)", name, log(name)).isTrue();
    }

    private Set<String> hostsPolledBy(String agent, long sinceNanos) {
        return polls.stream()
                .filter(p -> p.at() - sinceNanos > 0 && p.agent().startsWith(agent + "/"))
                .map(Poll::host)
                .collect(Collectors.toSet());
    }

    /** Whether, since {@code sinceNanos}, every host was polled, each by one instance only. */
    private boolean splitSince(long sinceNanos, List<String> hosts) {
        Set<String> ofA = hostsPolledBy("NewsflowA", sinceNanos);
        Set<String> ofB = hostsPolledBy("NewsflowB", sinceNanos);
        Set<String> both = new HashSet<>(ofA);
        both.retainAll(ofB);
        return both.isEmpty()
                && !ofA.isEmpty()
                && !ofB.isEmpty()
                && union(ofA, ofB).containsAll(hosts);
    }

    private boolean everyHostPolledTwiceSince(long sinceNanos, List<String> hosts) {
        Map<String, Integer> n = new HashMap<>();
        polls.stream()
                .filter(p -> p.at() - sinceNanos > 0)
                .forEach(p -> n.merge(p.host(), 1, Integer::sum));
        return hosts.stream().allMatch(h -> n.getOrDefault(h, 0) >= 2);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
