package dev.newsflow.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.kafka.TopicAdmin;
import dev.newsflow.core.kafka.Topics;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractOutcome;
import dev.newsflow.ingest.extract.ExtractedPage;
import dev.newsflow.ingest.feed.TestFeeds;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.fetch.TestFetchers;
import dev.newsflow.ingest.publish.ArticlePublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service, running against a real broker, polls one good feed and a dozen hostile
 * servers on 127.0.0.1 with the SSRF guard on (each hostile server under its own host name, which
 * the test's fetcher treats as public; 127.0.0.1 itself stays blocked). Every hostile feed must end
 * in a clear outcome in its feed state and metrics, nothing must reach the "internal" endpoint, the
 * service must stay healthy and keep polling, every accepted item must be on the raw topic exactly
 * once, and the live heap must stay bounded while a 1 GiB gzip bomb, an endless body and a
 * 100,000-item feed are read.
 */
class HostileFeedsIT {
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int MAX_ITEMS = 1000;
    private static final int NESTING = 100_000;

    @TempDir Path dir;
    private final TestBroker broker = TestBroker.start();
    private final LocalHttpServer server = LocalHttpServer.start();
    private final int port = URI.create(server.baseUrl()).getPort();
    private final AtomicInteger goodItems = new AtomicInteger(20);
    private final AtomicInteger secretHits = new AtomicInteger();
    private IngestApp app;

    /** Feed id → URL, in the order the table in docs/RELIABILITY.md lists them. */
    private final Map<String, String> feeds = new LinkedHashMap<>();

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
        server.close();
        broker.close();
    }

    @Test
    void shouldGiveEveryHostileFeedAClearOutcomeAndKeepPublishingTheGoodOneExactlyOnce()
            throws Exception {
        serveHostileFixtures();
        NewsflowConfig config = config(writeConfig());
        try (Admin admin = TopicAdmin.admin(config, "test")) {
            TopicAdmin.ensureTopics(admin, 3, (short) 1, List.of());
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Health health = new Health();
        Set<String> publicNames =
                Set.copyOf(
                        feeds.values().stream()
                                .map(u -> URI.create(u).getHost())
                                .filter(h -> h.endsWith(".test"))
                                .toList());
        HeapWatch heap = HeapWatch.start();
        app =
                IngestApp.start(
                        config,
                        registry,
                        health,
                        TestFetchers.trusting(config.ingest().fetch(), registry, publicNames));

        // every feed polled at least twice (a failure is retried, a success re-read)
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> feeds.keySet().stream().allMatch(this::polledTwice));
        goodItems.set(21); // a new item while the hostile feeds keep failing
        await().atMost(Duration.ofSeconds(60)).until(() -> state("good").itemsTotal() == 21);
        heap.stop();

        Map<String, FeedState> states = new LinkedHashMap<>();
        feeds.keySet().forEach(id -> states.put(id, state(id)));
        states.forEach(
                (id, s) ->
                        System.err.printf(
                                "hostile feed %-14s outcome=%-14s items found=%s new(total)=%d"
                                        + " error=%s%n",
                                id,
                                s.lastOutcome(),
                                s.lastItemsFound(),
                                s.itemsTotal(),
                                s.lastError()));
        assertOutcome(states, "ssrf-direct", "blocked", "non-public address 127.0.0.1");
        assertOutcome(states, "ssrf-metadata", "blocked", "169.254.169.254");
        assertOutcome(states, "ssrf-redirect", "blocked", "127.0.0.1");
        assertOutcome(states, "gzip-encoding", "too_large", null);
        assertOutcome(states, "gzip-file", "parse_error", "inflates to more than " + MAX_BYTES);
        assertOutcome(states, "endless", "too_large", null);
        assertOutcome(states, "drip", "timeout", null);
        assertOutcome(states, "redirect-loop", "redirect_error", "redirect loop");
        assertOutcome(states, "nested-html", "parse_error", "HTML page, not a feed");
        assertThat(secretHits).as("requests that reached the internal endpoint").hasValue(0);

        // the hostile documents that are feeds are read within their limits
        assertThat(states.get("huge").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("huge").lastItemsFound()).isEqualTo(100_000);
        assertThat(states.get("huge").itemsTotal()).isEqualTo(MAX_ITEMS);
        assertOutcome(states, "nested-feed", "parse_error", "nested deeper than");
        assertThat(states.get("nested-summary").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("nested-summary").itemsTotal()).isEqualTo(1);
        assertThat(states.get("bad-utf8").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("bad-utf8").itemsTotal()).isEqualTo(2);
        assertThat(states.get("xxe").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("xxe").itemsTotal()).isEqualTo(1);
        assertThat(states.get("laughs").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("laughs").itemsTotal()).isEqualTo(1);
        assertThat(states.get("good").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("good").itemsTotal()).isEqualTo(21);
        // the 2 MB item is produced once, cut to fit one record and flagged so
        assertThat(states.get("bloated").lastOutcome()).isEqualTo("ok");
        assertThat(states.get("bloated").itemsTotal()).isEqualTo(2);
        assertThat(counter(registry, "newsflow.ingest.items.rejected", "reason", "too_large"))
                .isZero();
        double overLimit =
                counter(registry, "newsflow.ingest.items.rejected", "reason", "over_limit");
        assertThat(overLimit).isGreaterThanOrEqualTo(100_000 - MAX_ITEMS);
        assertThat(overLimit % (100_000 - MAX_ITEMS)).as("a whole number of polls").isZero();

        // the service is up and every accepted item is on the raw topic once
        assertThat(health.ready()).isTrue();
        Map<String, List<String>> raw = rawRecords(config);
        long accepted = (long) registry.get("newsflow.ingest.items.new").counter().count();
        long fromStates = states.values().stream().mapToLong(FeedState::itemsTotal).sum();
        assertThat(accepted).isEqualTo(fromStates).isEqualTo(MAX_ITEMS + 21 + 1 + 2 + 1 + 1 + 2);
        assertThat(raw).hasSize((int) accepted);
        assertThat(raw.values()).as("records per article id").allMatch(v -> v.size() == 1);
        String everything = String.join("\n", raw.values().stream().flatMap(List::stream).toList());
        assertThat(everything).doesNotContain("SECRET-", "lollollollollollollollol");
        String big = ArticleIds.fromCanonicalUrl("https://bloated.example/1");
        assertThat(raw.get(big))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getBytes(UTF_8).length).isLessThan(1_000_000);
                            assertThat(Json.fromBytes(r.getBytes(UTF_8), RawArticle.class).flags())
                                    .contains(ArticlePublisher.FLAG_TRUNCATED);
                            assertThat(
                                            Json.fromBytes(r.getBytes(UTF_8), RawArticle.class)
                                                    .summary())
                                    .startsWith("word word word");
                        });

        // a deeply nested page handed to the extractor gets its own outcome, not a stack overflow
        try (HttpFetcher pages =
                TestFetchers.trusting(config.ingest().fetch(), registry, publicNames)) {
            FetchResult page = pages.fetch(FetchRequest.feed(feeds.get("nested-html")));
            assertThat(page.outcome()).isEqualTo(FetchOutcome.OK);
            ExtractedPage extracted = new ArticleExtractor().extract(page);
            assertThat(extracted.outcome()).isEqualTo(ExtractOutcome.TOO_DEEP);
        }

        System.err.printf(
                "hostile feeds: heap peak used %d MiB, largest live heap after a GC %d MiB (%d"
                        + " GCs), max heap %d MiB%n",
                heap.peakUsed() >> 20,
                heap.maxAfterGc() >> 20,
                heap.gcs(),
                Runtime.getRuntime().maxMemory() >> 20);
        // The bodies are capped at 10 MiB; uncapped, the bomb (1 GiB) or the endless body (8 GiB)
        // would not fit in the test JVM's heap at all. The bound leaves room for the in-process
        // broker and the parse of the 5 MB, 100,000-item document (measured: about 370 MiB).
        assertThat(heap.maxAfterGc()).as("live heap after GC, bytes").isLessThan(640L << 20);
    }

    private void assertOutcome(
            Map<String, FeedState> states, String id, String outcome, String errorPart) {
        FeedState s = states.get(id);
        assertThat(s.lastOutcome()).as(id + " outcome").isEqualTo(outcome);
        assertThat(s.consecutiveFailures()).as(id + " failures").isGreaterThanOrEqualTo(2);
        assertThat(s.lastError()).as(id + " error").isNotBlank();
        if (errorPart != null) {
            assertThat(s.lastError()).as(id + " error").contains(errorPart);
        }
        assertThat(s.itemsTotal()).as(id + " items").isZero();
    }

    private boolean polledTwice(String id) {
        FeedState s = app.scheduler().findState(id).orElse(null);
        if (s == null || s.lastOutcome() == null) {
            return false;
        }
        return s.consecutiveFailures() >= 2 || (s.lastError() == null && polls(id) >= 2);
    }

    private final Map<String, AtomicInteger> hits = new HashMap<>();

    private int polls(String id) {
        AtomicInteger n = hits.get(id);
        return n == null ? 0 : n.get();
    }

    private FeedState state(String id) {
        return app.scheduler().findState(id).orElseThrow();
    }

    private static double counter(
            SimpleMeterRegistry registry, String name, String tag, String value) {
        Counter c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    private String host(String id) {
        return "http://" + id + ".test:" + port;
    }

    private void route(String id, String path, com.sun.net.httpserver.HttpHandler handler) {
        AtomicInteger n = hits.computeIfAbsent(id, k -> new AtomicInteger());
        server.handle(
                "/" + id + path,
                ex -> {
                    n.incrementAndGet();
                    handler.handle(ex);
                });
    }

    private void feed(String id, String url) {
        feeds.put(id, url);
    }

    private void serveHostileFixtures() throws IOException {
        server.handle(
                "/internal/",
                ex -> {
                    secretHits.incrementAndGet();
                    LocalHttpServer.send(ex, 200, "text/plain", "SECRET-TOKEN".getBytes(UTF_8));
                });
        String internal = server.url("/internal/secret");

        route(
                "good",
                "/feed.xml",
                ex ->
                        LocalHttpServer.send(
                                ex,
                                200,
                                "application/rss+xml",
                                TestFeeds.rss("good", 1, goodItems.get(), EPOCH).getBytes(UTF_8)));
        feed("good", host("good") + "/good/feed.xml");

        feed("ssrf-direct", internal);
        feed("ssrf-metadata", "http://169.254.169.254/latest/meta-data/");
        route(
                "ssrf-redirect",
                "/feed.xml",
                ex -> {
                    ex.getResponseHeaders().set("Location", internal);
                    ex.sendResponseHeaders(302, -1);
                    ex.close();
                });
        feed("ssrf-redirect", host("ssrf-redirect") + "/ssrf-redirect/feed.xml");

        byte[] bomb = gzipOfZeros(1024); // 1 GiB of zeros, about 1 MiB compressed
        route(
                "gzip-encoding",
                "/feed.xml",
                ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                    ex.getResponseHeaders().set("Content-Encoding", "gzip");
                    ex.sendResponseHeaders(200, bomb.length);
                    writeQuietly(ex.getResponseBody(), bomb);
                    ex.close();
                });
        feed("gzip-encoding", host("gzip-encoding") + "/gzip-encoding/feed.xml");
        route(
                "gzip-file",
                "/feed.xml.gz",
                ex -> LocalHttpServer.send(ex, 200, "application/gzip", bomb));
        feed("gzip-file", host("gzip-file") + "/gzip-file/feed.xml.gz");

        route(
                "endless",
                "/feed.xml",
                ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                    ex.sendResponseHeaders(200, 0);
                    byte[] chunk =
                            "<item><title>again</title><link>https://e.example/x</link></item>"
                                    .repeat(1000)
                                    .getBytes(UTF_8);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write("<rss version=\"2.0\"><channel><title>E</title>".getBytes(UTF_8));
                        for (long sent = 0; sent < (8L << 30); sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException e) {
                        // the client hung up at its cap: what this server is for
                    }
                });
        feed("endless", host("endless") + "/endless/feed.xml");

        route(
                "drip",
                "/feed.xml",
                ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                    ex.sendResponseHeaders(200, 0);
                    byte[] doc = TestFeeds.rss("drip", 1, 1, EPOCH).getBytes(UTF_8);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (byte b : doc) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(1000); // the hostile server's pace, not a test wait
                        }
                    } catch (IOException e) {
                        // the client gave up at its deadline
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        feed("drip", host("drip") + "/drip/feed.xml");

        route(
                "redirect-loop",
                "/",
                ex -> {
                    String next =
                            ex.getRequestURI().getPath().endsWith("/a")
                                    ? "/redirect-loop/b"
                                    : "/redirect-loop/a";
                    ex.getResponseHeaders().set("Location", next);
                    ex.sendResponseHeaders(301, -1);
                    ex.close();
                });
        feed("redirect-loop", host("redirect-loop") + "/redirect-loop/a");

        StringBuilder huge = new StringBuilder("<rss version=\"2.0\"><channel><title>Huge</title>");
        for (int i = 0; i < 100_000; i++) {
            huge.append("<item><link>https://huge.example/")
                    .append(i)
                    .append("</link><title>t")
                    .append(i)
                    .append("</title></item>");
        }
        byte[] hugeBytes = huge.append("</channel></rss>").toString().getBytes(UTF_8);
        assertThat((long) hugeBytes.length).isLessThan(MAX_BYTES);
        route(
                "huge",
                "/feed.xml",
                ex -> LocalHttpServer.send(ex, 200, "application/rss+xml", hugeBytes));
        feed("huge", host("huge") + "/huge/feed.xml");

        String deepHtml =
                "<!DOCTYPE html><html><body>"
                        + "<div>".repeat(NESTING)
                        + "deep"
                        + "</div>".repeat(NESTING)
                        + "</body></html>";
        route(
                "nested-html",
                "/page.html",
                ex -> LocalHttpServer.send(ex, 200, "text/html", deepHtml.getBytes(UTF_8)));
        feed("nested-html", host("nested-html") + "/nested-html/page.html");

        String deepFeed =
                "<rss version=\"2.0\"><channel><title>Deep</title><item><title>deep</title>"
                        + "<link>https://deep.example/1</link>"
                        + "<x:e xmlns:x=\"urn:x\">"
                        + "<x:e>".repeat(NESTING)
                        + "</x:e>".repeat(NESTING)
                        + "</x:e></item></channel></rss>";
        route(
                "nested-feed",
                "/feed.xml",
                ex ->
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", deepFeed.getBytes(UTF_8)));
        feed("nested-feed", host("nested-feed") + "/nested-feed/feed.xml");
        String deepSummary =
                "<rss version=\"2.0\"><channel><title>Deep</title><item><title>deep</title>"
                        + "<link>https://deep.example/1</link><description><![CDATA["
                        + "<div>".repeat(NESTING)
                        + "deep text"
                        + "</div>".repeat(NESTING)
                        + "]]></description></item></channel></rss>";
        route(
                "nested-summary",
                "/feed.xml",
                ex ->
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", deepSummary.getBytes(UTF_8)));
        feed("nested-summary", host("nested-summary") + "/nested-summary/feed.xml");

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>B"
                        .getBytes(UTF_8));
        bad.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
        bad.write(("</title><item><title>caf\u00e9 ").getBytes(UTF_8));
        bad.write(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        bad.write(
                ("</title><link>https://bad.example/1</link></item><item><title>ok</title>"
                                + "<link>https://bad.example/2</link></item></channel></rss>")
                        .getBytes(UTF_8));
        byte[] badBytes = bad.toByteArray();
        route(
                "bad-utf8",
                "/feed.xml",
                ex ->
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml; charset=utf-8", badBytes));
        feed("bad-utf8", host("bad-utf8") + "/bad-utf8/feed.xml");

        String xxe =
                "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
                        + internal
                        + "\"><!ENTITY % p SYSTEM \""
                        + internal
                        + "\"> %p;]><rss version=\"2.0\"><channel><title>X</title><item>"
                        + "<title>leak &xxe;</title><link>https://xxe.example/1</link></item>"
                        + "</channel></rss>";
        route(
                "xxe",
                "/feed.xml",
                ex -> LocalHttpServer.send(ex, 200, "application/rss+xml", xxe.getBytes(UTF_8)));
        feed("xxe", host("xxe") + "/xxe/feed.xml");

        StringBuilder laughs =
                new StringBuilder(
                        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">"
                                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"");
            laughs.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append(
                "]><rss version=\"2.0\"><channel><title>L</title><item><title>&lol9;</title>"
                        + "<description>&lol9;</description><link>https://laughs.example/1</link>"
                        + "</item></channel></rss>");
        byte[] laughsBytes = laughs.toString().getBytes(UTF_8);
        route(
                "laughs",
                "/feed.xml",
                ex -> LocalHttpServer.send(ex, 200, "application/rss+xml", laughsBytes));
        feed("laughs", host("laughs") + "/laughs/feed.xml");

        // an item whose record would be over the broker's 1 MB, beside an ordinary one
        String bloated =
                "<rss version=\"2.0\"><channel><title>Bloated</title><item><title>big</title>"
                        + "<link>https://bloated.example/1</link><description>"
                        + "word ".repeat(400_000)
                        + "</description></item><item><title>small</title>"
                        + "<link>https://bloated.example/2</link><description>fine</description>"
                        + "</item></channel></rss>";
        route(
                "bloated",
                "/feed.xml",
                ex ->
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", bloated.getBytes(UTF_8)));
        feed("bloated", host("bloated") + "/bloated/feed.xml");
    }

    private static void writeQuietly(OutputStream out, byte[] body) {
        try (out) {
            out.write(body);
        } catch (IOException e) {
            // the client stopped reading at its cap
        }
    }

    private static byte[] gzipOfZeros(int mebibytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < mebibytes; i++) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private Path writeConfig() throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("kafka:\n  bootstrap.servers: ")
                .append(broker.bootstrapServers())
                .append("\ntopics:\n  partitions: 3\nhttp:\n  port: -1\n")
                .append("ingest:\n  instance.id: hostile\n  feeds.file: \"\"\n  threads: 4\n")
                .append("  feed.max.items: ")
                .append(MAX_ITEMS)
                .append("\n  poll:\n    backoff.max.ms: 2000\n    jitter.ratio: 0.0\n")
                .append("  fetch:\n    allow.private.networks: false\n    host.delay.ms: 0\n")
                .append("    timeout.ms: 15000\n    max.bytes: ")
                .append(MAX_BYTES)
                .append("\n  kafka:\n    transaction.timeout.ms: 10000\nfeeds:\n");
        feeds.forEach(
                (id, url) ->
                        yaml.append("  - id: ")
                                .append(id)
                                .append("\n    url: ")
                                .append(url)
                                .append("\n    poll.interval.ms: 1000\n"));
        Path file = dir.resolve("hostile.yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    private static NewsflowConfig config(Path file) {
        return ConfigLoader.builder().file(file).env(Map.of()).load();
    }

    /** Committed records on the raw topic by article id. */
    private static Map<String, List<String>> rawRecords(NewsflowConfig config) {
        Map<String, Object> props =
                new HashMap<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                config.kafka().bootstrapServers(),
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"));
        Map<String, List<String>> out = new HashMap<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(Topics.ARTICLES_RAW).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        return out;
    }

    /**
     * Watches the heap: the peak of used heap (garbage included) and, from the GC notifications,
     * the largest heap left in use after a collection (the live set plus what the collector chose
     * to keep), which is what a cap on input sizes bounds.
     */
    private static final class HeapWatch {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicInteger gcs = new AtomicInteger();
        private final List<Runnable> undo = new ArrayList<>();
        private volatile boolean running = true;

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            Set<String> heapPools =
                    Set.copyOf(
                            ManagementFactory.getMemoryPoolMXBeans().stream()
                                    .filter(p -> p.getType() == MemoryType.HEAP)
                                    .map(MemoryPoolMXBean::getName)
                                    .toList());
            NotificationListener listener =
                    (n, h) -> {
                        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(n.getType())) {
                            return;
                        }
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from(
                                        (CompositeData) n.getUserData());
                        long after =
                                info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                        .filter(e -> heapPools.contains(e.getKey()))
                                        .mapToLong(e -> e.getValue().getUsed())
                                        .sum();
                        w.maxAfterGc.accumulateAndGet(after, Math::max);
                        w.gcs.incrementAndGet();
                    };
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    w.undo.add(
                            () -> {
                                try {
                                    emitter.removeNotificationListener(listener);
                                } catch (javax.management.ListenerNotFoundException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                }
            }
            Thread sampler =
                    new Thread(
                            () -> {
                                while (w.running) {
                                    w.peakUsed.accumulateAndGet(
                                            ManagementFactory.getMemoryMXBean()
                                                    .getHeapMemoryUsage()
                                                    .getUsed(),
                                            Math::max);
                                    try {
                                        Thread.sleep(20);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
            return w;
        }

        void stop() {
            running = false;
            undo.forEach(Runnable::run);
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }

        int gcs() {
            return gcs.get();
        }
    }
}
