package dev.newsflow.ingest.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.newsflow.core.config.FetchConfig;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetch layer against a real HTTP server on 127.0.0.1 (private networks allowed here). */
class HttpFetcherIT {
    private final LocalHttpServer server = LocalHttpServer.start();
    private final List<HttpFetcher> fetchers = new ArrayList<>();

    @AfterEach
    void close() {
        fetchers.forEach(HttpFetcher::close);
        server.close();
    }

    private HttpFetcher fetcher(Object... overrides) {
        FetchConfig config = TestConfigs.fetch(overrides);
        HttpFetcher f = new HttpFetcher(config);
        fetchers.add(f);
        return f;
    }

    @Test
    void shouldSendValidatorsAndReportNotModified() {
        server.handle(
                "/feed.xml",
                ex -> {
                    if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                        ex.sendResponseHeaders(304, -1);
                        return;
                    }
                    ex.getResponseHeaders().set("ETag", "\"v1\"");
                    ex.getResponseHeaders().set("Last-Modified", "Sat, 01 Mar 2025 12:00:00 GMT");
                    LocalHttpServer.send(ex, 200, "application/rss+xml", "<rss/>".getBytes(UTF_8));
                });
        HttpFetcher fetcher = fetcher();

        FetchResult first = fetcher.fetch(FetchRequest.feed(server.url("/feed.xml")));
        FetchResult second =
                fetcher.fetch(
                        new FetchRequest(
                                server.url("/feed.xml"),
                                first.etag(),
                                first.lastModified(),
                                FetchRequest.ACCEPT_FEED));

        assertThat(first.outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(new String(first.body(), UTF_8)).isEqualTo("<rss/>");
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(second.outcome()).isEqualTo(FetchOutcome.NOT_MODIFIED);
        assertThat(second.status()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
        Map<String, List<String>> sent = server.requestHeaders().get(1);
        assertThat(sent.get("If-modified-since")).containsExactly("Sat, 01 Mar 2025 12:00:00 GMT");
        assertThat(sent.get("User-agent").get(0)).startsWith("Newsflow/");
    }

    @Test
    void shouldDecompressGzipAndDeflate() throws IOException {
        byte[] text = "<rss>".concat("x".repeat(5000)).concat("</rss>").getBytes(UTF_8);
        byte[] gzip = gzip(text);
        byte[] deflate = deflate(text);
        server.handle("/gz", ex -> encoded(ex, "gzip", gzip));
        server.handle("/deflate", ex -> encoded(ex, "deflate", deflate));
        HttpFetcher fetcher = fetcher();

        FetchResult gz = fetcher.fetch(FetchRequest.feed(server.url("/gz")));
        FetchResult df = fetcher.fetch(FetchRequest.feed(server.url("/deflate")));

        assertThat(gz.body()).isEqualTo(text);
        assertThat(df.body()).isEqualTo(text);
        assertThat(server.requestHeaders().get(0).get("Accept-encoding").get(0))
                .contains("gzip", "deflate");
    }

    @Test
    void shouldRefuseAGzipBombOnceDecompressedPastTheCap() throws IOException {
        // 200 MB of zeros, about 200 KB on the wire
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                gz.write(zeros);
            }
        }
        byte[] compressed = bomb.toByteArray();
        server.handle("/bomb", ex -> encoded(ex, "gzip", compressed));

        FetchResult r =
                fetcher("ingest.fetch.max.bytes", 1_048_576)
                        .fetch(FetchRequest.feed(server.url("/bomb")));

        assertThat(compressed.length).isLessThan(1_048_576);
        assertThat(r.outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
        assertThat(r.error()).contains("1048576 bytes after decompression");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void shouldAbandonAnOversizedBodyWithoutReadingTheRest() {
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        server.handle(
                "/huge",
                ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                    ex.sendResponseHeaders(200, 0); // chunked, no length announced
                    byte[] chunk = new byte[64 * 1024];
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 1600; i++) { // 100 MiB
                            out.write(chunk);
                            written.addAndGet(chunk.length);
                        }
                    } catch (IOException e) {
                        // the client hung up, as it should
                    } finally {
                        serverDone.countDown();
                    }
                });

        FetchResult r =
                fetcher("ingest.fetch.max.bytes", 1_048_576)
                        .fetch(FetchRequest.feed(server.url("/huge")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.TOO_LARGE);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> serverDone.getCount() == 0);
        assertThat(written.get()).isLessThan(50L * 1024 * 1024);
    }

    @Test
    void shouldEndAFetchAtItsDeadlineWhenTheServerDripsAByteASecond() {
        server.handle(
                "/drip",
                ex -> {
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 120; i++) {
                            out.write('x');
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client gave up, as it should
                    }
                });
        long start = System.nanoTime();

        FetchResult r =
                fetcher("ingest.fetch.timeout.ms", 2500)
                        .fetch(FetchRequest.feed(server.url("/drip")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.TIMEOUT);
        assertThat(r.error()).contains("deadline of 2500 ms");
        // each byte came well within the read timeout: only the whole-request deadline ended it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void shouldReportRetryAfterAndHoldTheHostOff() {
        server.handle(
                "/limited",
                ex -> {
                    ex.getResponseHeaders().set("Retry-After", "120");
                    LocalHttpServer.send(ex, 429, "text/plain", "slow down".getBytes(UTF_8));
                });
        server.serve("/other", "application/rss+xml", "<rss/>");
        HttpFetcher fetcher = fetcher();
        Instant before = Instant.now();

        FetchResult limited = fetcher.fetch(FetchRequest.feed(server.url("/limited")));
        FetchResult other = fetcher.fetch(FetchRequest.feed(server.url("/other")));

        assertThat(limited.outcome()).isEqualTo(FetchOutcome.RATE_LIMITED);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.notBefore())
                .isBetween(before.plusSeconds(115), Instant.now().plusSeconds(121));
        assertThat(other.outcome()).isEqualTo(FetchOutcome.DEFERRED);
        assertThat(other.notBefore()).isAfter(before.plusSeconds(110));
        assertThat(server.hits("/other")).isZero();
    }

    @Test
    void shouldStopAtARedirectLoopAndRedactTheUrl() {
        server.handle("/loop-a", ex -> redirect(ex, 302, "/loop-b?token=s3cret"));
        server.handle("/loop-b", ex -> redirect(ex, 302, "/loop-a"));

        FetchResult r = fetcher().fetch(FetchRequest.feed(server.url("/loop-a")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.REDIRECT_ERROR);
        assertThat(r.error()).startsWith("redirect loop at").doesNotContain("s3cret");
        assertThat(server.hits("/loop-a")).isEqualTo(1);
        assertThat(server.hits("/loop-b")).isEqualTo(1);
    }

    @Test
    void shouldFollowFiveRedirectsAndNoMore() {
        chain("/five", 5);
        chain("/six", 6);
        HttpFetcher fetcher = fetcher();

        FetchResult five = fetcher.fetch(FetchRequest.feed(server.url("/five0/")));
        FetchResult six = fetcher.fetch(FetchRequest.feed(server.url("/six0/")));

        assertThat(five.outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(five.finalUrl()).isEqualTo(server.url("/five5/"));
        assertThat(six.outcome()).isEqualTo(FetchOutcome.REDIRECT_ERROR);
        assertThat(six.error()).isEqualTo("more than 5 redirects");
        assertThat(server.hits("/six6/")).isZero();
    }

    /** {@code prefix0/} redirects to {@code prefix1/}… {@code redirects} times, then a feed. */
    private void chain(String prefix, int redirects) {
        for (int i = 0; i < redirects; i++) {
            String next = prefix + (i + 1) + "/";
            server.handle(prefix + i + "/", ex -> redirect(ex, 302, next));
        }
        server.serve(prefix + redirects + "/", "application/rss+xml", "<rss/>");
    }

    @Test
    void shouldReportTheNewUrlOnlyWhenEveryRedirectIsPermanent() {
        server.handle("/old", ex -> redirect(ex, 301, "/older-moved"));
        server.handle("/older-moved", ex -> redirect(ex, 308, "/final.xml"));
        server.handle("/temp", ex -> redirect(ex, 302, "/final.xml"));
        server.handle("/mixed", ex -> redirect(ex, 301, "/temp"));
        server.serve("/final.xml", "application/rss+xml", "<rss/>");
        HttpFetcher fetcher = fetcher();

        FetchResult permanent = fetcher.fetch(FetchRequest.feed(server.url("/old")));
        FetchResult temporary = fetcher.fetch(FetchRequest.feed(server.url("/temp")));
        FetchResult mixed = fetcher.fetch(FetchRequest.feed(server.url("/mixed")));

        assertThat(permanent.outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(permanent.finalUrl()).isEqualTo(server.url("/final.xml"));
        assertThat(permanent.permanentRedirect()).isEqualTo(server.url("/final.xml"));
        assertThat(temporary.finalUrl()).isEqualTo(server.url("/final.xml"));
        assertThat(temporary.permanentRedirect()).isNull();
        assertThat(mixed.permanentRedirect()).isNull();
    }

    @Test
    void shouldObeyRobotsTxtAndFetchItOncePerOrigin() {
        server.serve(
                "/robots.txt",
                "text/plain",
                "User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n");
        server.serve("/private/feed.xml", "application/rss+xml", "<rss/>");
        server.serve("/public/feed.xml", "application/rss+xml", "<rss/>");
        HttpFetcher fetcher = fetcher();

        FetchResult denied = fetcher.fetch(FetchRequest.feed(server.url("/private/feed.xml")));
        FetchResult allowed = fetcher.fetch(FetchRequest.feed(server.url("/public/feed.xml")));
        fetcher.fetch(FetchRequest.feed(server.url("/public/feed.xml")));

        assertThat(denied.outcome()).isEqualTo(FetchOutcome.ROBOTS_DENIED);
        assertThat(denied.error()).contains("disallows /private/feed.xml");
        assertThat(allowed.outcome()).isEqualTo(FetchOutcome.OK);
        assertThat(server.hits("/private/feed.xml")).isZero();
        assertThat(server.hits("/public/feed.xml")).isEqualTo(2);
        assertThat(server.hits("/robots.txt")).isEqualTo(1);
    }

    @Test
    void shouldTreatARobotsTxtServerErrorAsDisallowForNow() {
        server.handle(
                "/robots.txt", ex -> LocalHttpServer.send(ex, 500, "text/plain", new byte[0]));
        server.serve("/feed.xml", "application/rss+xml", "<rss/>");

        FetchResult r = fetcher().fetch(FetchRequest.feed(server.url("/feed.xml")));

        assertThat(r.outcome()).isEqualTo(FetchOutcome.ROBOTS_DENIED);
        assertThat(r.error()).contains("robots.txt answered HTTP 500");
        assertThat(server.hits("/feed.xml")).isZero();
    }

    @Test
    void shouldWaitTheCrawlDelayBetweenTwoRequestsToAHost() {
        server.serve("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 1\n");
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        Map<String, Long> endedAt = new ConcurrentHashMap<>();
        for (String p : List.of("/a.xml", "/b.xml")) {
            server.handle(
                    p,
                    ex -> {
                        startedAt.put(p, System.nanoTime());
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", "<rss/>".getBytes(UTF_8));
                        endedAt.put(p, System.nanoTime());
                    });
        }
        HttpFetcher fetcher = fetcher();

        assertThat(fetcher.fetch(FetchRequest.feed(server.url("/a.xml"))).ok()).isTrue();
        assertThat(fetcher.fetch(FetchRequest.feed(server.url("/b.xml"))).ok()).isTrue();

        assertThat(startedAt.get("/b.xml") - endedAt.get("/a.xml"))
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
    }

    @Test
    void shouldSendOneRequestAtATimeToAHost() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            server.handle(
                    "/slow" + i + ".xml",
                    ex -> {
                        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", "<rss/>".getBytes(UTF_8));
                    });
        }
        HttpFetcher fetcher = fetcher();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<FetchResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String url = server.url("/slow" + i + ".xml");
            results.add(pool.submit(() -> fetcher.fetch(FetchRequest.feed(url))));
        }
        List<FetchOutcome> outcomes = new ArrayList<>();
        for (Future<FetchResult> f : results) {
            outcomes.add(f.get(30, TimeUnit.SECONDS).outcome());
        }
        pool.shutdown();

        assertThat(maxInFlight).hasValue(1);
        assertThat(outcomes)
                .contains(FetchOutcome.OK)
                .containsOnly(FetchOutcome.OK, FetchOutcome.DEFERRED);
        // at most one caller waits per host: the others were sent away to come back later
        assertThat(outcomes).contains(FetchOutcome.DEFERRED);
    }

    @Test
    void shouldSendTheConfiguredUserAgent() {
        server.serve("/ua.xml", "application/rss+xml", "<rss/>");

        fetcher("ingest.fetch.user.agent", "TestBot/9 (+mailto:ops@example.org)")
                .fetch(FetchRequest.feed(server.url("/ua.xml")));

        assertThat(server.requestHeaders())
                .allSatisfy(
                        h ->
                                assertThat(h.get("User-agent"))
                                        .containsExactly("TestBot/9 (+mailto:ops@example.org)"));
    }

    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
    }

    private static void encoded(HttpExchange ex, String encoding, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Encoding", encoding);
        LocalHttpServer.send(ex, 200, "application/rss+xml", body);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream df = new DeflaterOutputStream(out)) {
            df.write(data);
        }
        return out.toByteArray();
    }
}
