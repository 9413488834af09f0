package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.TestConfigs;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One feed polled again and again against a real HTTP server, state carried between polls. */
class FeedPollerIT {
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private final LocalHttpServer server = LocalHttpServer.start();
    private final IngestConfig config =
            TestConfigs.config(
                            "ingest.fetch.allow.private.networks",
                            true,
                            "ingest.fetch.host.delay.ms",
                            0,
                            "ingest.poll.jitter.ratio",
                            0.0,
                            "ingest.poll.backoff.max.ms",
                            3_600_000)
                    .ingest();
    private final HttpFetcher fetcher = new HttpFetcher(config.fetch());
    private final FeedPoller poller =
            new FeedPoller(
                    fetcher,
                    new FeedParser(),
                    new ItemMapper(),
                    config,
                    Clock.systemUTC(),
                    () -> new SplittableRandom(1));

    @AfterEach
    void close() {
        fetcher.close();
        server.close();
    }

    private FeedDefinition feed(String path, long intervalMs) {
        String url = server.url(path);
        return new FeedDefinition(
                FeedDefinition.SCHEMA_VERSION,
                "f-" + path.replace("/", ""),
                url,
                "test",
                FeedDefinition.TYPE_FEED,
                null,
                intervalMs,
                false,
                FeedDefinition.ORIGIN_CONFIG);
    }

    @Test
    void shouldRecordInTheFeedStateWhichItemsItDroppedAndWhy() {
        String rss =
                "<rss version=\"2.0\"><channel><title>T</title>"
                    + "<item><title>kept</title><link>https://a.example/1</link></item><item><title>Breaking</title><description>no"
                    + " link here</description></item>"
                    + "<item><title>odd</title><link>ftp://a.example/2</link></item>"
                    + "</channel></rss>";
        server.handle(
                "/rejects.xml",
                ex -> LocalHttpServer.send(ex, 200, "application/rss+xml", rss.getBytes(UTF_8)));
        FeedDefinition feed = feed("/rejects.xml", 60_000);

        PollResult r = poller.poll(feed, FeedState.initial(feed));

        assertThat(r.newItems()).hasSize(1);
        assertThat(r.next().lastItemsFound()).isEqualTo(3);
        assertThat(r.next().lastItemsNew()).isEqualTo(1);
        assertThat(r.next().lastItemsRejected()).isEqualTo(2);
        assertThat(r.next().lastRejection()).startsWith(r.rejected().get(0).reason() + ": ");
        assertThat(r.rejected())
                .extracting(ItemMapper.Rejected::reason)
                .containsExactly("no_link", "no_link"); // an ftp: link is no article link
    }

    @Test
    void shouldProduceNewItemsOnceAndUseConditionalGet() {
        AtomicReference<String> body = new AtomicReference<>(TestFeeds.rss("a", 1, 3, EPOCH));
        AtomicReference<String> etag = new AtomicReference<>("\"1\"");
        server.handle(
                "/a.xml",
                ex -> {
                    if (etag.get().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                        ex.sendResponseHeaders(304, -1);
                        return;
                    }
                    ex.getResponseHeaders().set("ETag", etag.get());
                    LocalHttpServer.send(
                            ex, 200, "application/rss+xml", body.get().getBytes(UTF_8));
                });
        FeedDefinition feed = feed("/a.xml", 600_000);

        PollResult first = poller.poll(feed, FeedState.initial(feed));
        PollResult notModified = poller.poll(feed, first.next());
        body.set(TestFeeds.rss("a", 1, 4, EPOCH));
        etag.set("\"2\"");
        PollResult changed = poller.poll(feed, notModified.next());
        etag.set("\"3\""); // same content, new validator: nothing new to produce
        PollResult same = poller.poll(feed, changed.next());

        assertThat(first.outcome()).isEqualTo("ok");
        assertThat(first.newItems()).hasSize(3);
        assertThat(first.freshnessLags()).isEmpty(); // a first poll's backlog is not lag
        assertThat(first.next().etag()).isEqualTo("\"1\"");
        assertThat(first.next().lastItemsFound()).isEqualTo(3);
        assertThat(first.next().lastStatus()).isEqualTo(200);
        assertThat(notModified.outcome()).isEqualTo("not_modified");
        assertThat(notModified.newItems()).isEmpty();
        assertThat(notModified.next().etag()).isEqualTo("\"1\"");
        assertThat(notModified.next().seenItemIds()).isEqualTo(first.next().seenItemIds());
        assertThat(changed.newItems())
                .extracting(a -> a.article().url())
                .containsExactly("https://news.example/a/4");
        assertThat(changed.freshnessLags()).hasSize(1);
        assertThat(same.outcome()).isEqualTo("ok");
        assertThat(same.newItems()).isEmpty();
        assertThat(same.next().itemsTotal()).isEqualTo(4);
        assertThat(same.next().publishIntervalMs()).isEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void shouldReadOnlyTheFirstItemsOfAFeedOverTheItemLimitAndCountTheRest() {
        IngestConfig capped =
                TestConfigs.config(
                                "ingest.fetch.allow.private.networks",
                                true,
                                "ingest.fetch.host.delay.ms",
                                0,
                                "ingest.feed.max.items",
                                5)
                        .ingest();
        FeedPoller cappedPoller =
                new FeedPoller(
                        fetcher,
                        new FeedParser(),
                        new ItemMapper(),
                        capped,
                        Clock.systemUTC(),
                        () -> new SplittableRandom(1));
        AtomicReference<String> body = new AtomicReference<>(TestFeeds.rss("m", 1, 12, EPOCH));
        server.handle(
                "/m.xml",
                ex ->
                        LocalHttpServer.send(
                                ex, 200, "application/rss+xml", body.get().getBytes(UTF_8)));
        FeedDefinition feed = feed("/m.xml", 600_000);

        PollResult first = cappedPoller.poll(feed, FeedState.initial(feed));
        body.set(TestFeeds.rss("m", 1, 13, EPOCH));
        PollResult second = cappedPoller.poll(feed, first.next());

        assertThat(first.outcome()).isEqualTo("ok");
        assertThat(first.itemsFound()).isEqualTo(12);
        assertThat(first.overLimit()).isEqualTo(7);
        assertThat(first.newItems()) // the newest five, in document order
                .extracting(a -> a.article().url())
                .containsExactly(
                        "https://news.example/m/12",
                        "https://news.example/m/11",
                        "https://news.example/m/10",
                        "https://news.example/m/9",
                        "https://news.example/m/8");
        assertThat(first.next().lastItemsFound()).isEqualTo(12);
        assertThat(first.next().lastItemsNew()).isEqualTo(5);
        assertThat(second.overLimit()).isEqualTo(8);
        assertThat(second.newItems())
                .extracting(a -> a.article().url())
                .containsExactly("https://news.example/m/13");
    }

    @Test
    void shouldBackOffWhileFailingAndRecover() {
        AtomicInteger status = new AtomicInteger(500);
        server.handle(
                "/b.xml",
                ex -> {
                    if (status.get() != 200) {
                        LocalHttpServer.send(
                                ex, status.get(), "text/plain", "down".getBytes(UTF_8));
                        return;
                    }
                    LocalHttpServer.send(
                            ex,
                            200,
                            "application/rss+xml",
                            TestFeeds.rss("b", 1, 2, EPOCH).getBytes(UTF_8));
                });
        FeedDefinition feed = feed("/b.xml", 60_000);

        FeedState s = FeedState.initial(feed);
        long[] waits = new long[4];
        Instant firstFailure = null;
        for (int i = 0; i < 4; i++) {
            PollResult r = poller.poll(feed, s);
            s = r.next();
            assertThat(r.outcome()).isEqualTo("http_error");
            assertThat(r.error()).startsWith("HTTP 500");
            firstFailure = firstFailure == null ? s.failingSince() : firstFailure;
            waits[i] = Duration.between(s.lastPollAt(), s.nextPollAt()).toMillis();
        }
        // never given up: after many failures the feed is still due within the backoff cap
        FeedState many = s.toBuilder().consecutiveFailures(500).build();
        PollResult stillTried = poller.poll(feed, many);
        status.set(200);
        PollResult recovered = poller.poll(feed, s);

        assertThat(waits).containsExactly(60_000, 120_000, 240_000, 480_000);
        assertThat(s.consecutiveFailures()).isEqualTo(4);
        assertThat(s.failingSince()).isEqualTo(firstFailure);
        assertThat(s.nextPollReason()).isEqualTo("backoff");
        assertThat(s.lastError()).startsWith("HTTP 500");
        assertThat(stillTried.next().consecutiveFailures()).isEqualTo(501);
        assertThat(Duration.between(stillTried.next().lastPollAt(), stillTried.next().nextPollAt()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(recovered.outcome()).isEqualTo("ok");
        assertThat(recovered.newItems()).hasSize(2);
        assertThat(recovered.next().consecutiveFailures()).isZero();
        assertThat(recovered.next().failingSince()).isNull();
        assertThat(recovered.next().lastError()).isNull();
        assertThat(recovered.next().nextPollReason()).isEqualTo("interval");
    }

    @Test
    void shouldWaitForRetryAfter() {
        server.handle(
                "/c.xml",
                ex -> {
                    ex.getResponseHeaders().set("Retry-After", "1800");
                    LocalHttpServer.send(ex, 503, "text/plain", "busy".getBytes(UTF_8));
                });
        FeedDefinition feed = feed("/c.xml", 60_000);

        PollResult r = poller.poll(feed, FeedState.initial(feed));

        assertThat(r.outcome()).isEqualTo("rate_limited");
        assertThat(r.next().nextPollReason()).isEqualTo("retry_after");
        assertThat(Duration.between(r.next().lastPollAt(), r.next().nextPollAt()))
                .isBetween(Duration.ofMinutes(37), Duration.ofSeconds(37 * 60 + 30)); // +1/4
        assertThat(r.next().lastStatus()).isEqualTo(503);
    }

    @Test
    void shouldHonourCacheControlAsTheEarliestNextPoll() {
        server.handle(
                "/d.xml",
                ex -> {
                    ex.getResponseHeaders().set("Cache-Control", "public, max-age=1200");
                    LocalHttpServer.send(
                            ex,
                            200,
                            "application/rss+xml",
                            TestFeeds.rss("d", 1, 2, EPOCH).getBytes(UTF_8));
                });
        FeedDefinition feed = feed("/d.xml", 60_000);

        PollResult r = poller.poll(feed, FeedState.initial(feed));

        assertThat(r.next().nextPollReason()).isEqualTo("cache");
        assertThat(Duration.between(r.next().lastPollAt(), r.next().nextPollAt()))
                .isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void shouldMoveTheFeedAfterAPermanentRedirectThatWorks() {
        server.handle(
                "/old.xml",
                ex -> {
                    ex.getResponseHeaders().set("Location", "/new.xml");
                    ex.sendResponseHeaders(301, -1);
                });
        server.serve("/new.xml", "application/rss+xml", TestFeeds.rss("e", 1, 2, EPOCH));
        server.handle(
                "/gone-old.xml",
                ex -> {
                    ex.getResponseHeaders().set("Location", "/missing.xml");
                    ex.sendResponseHeaders(301, -1);
                });
        FeedDefinition moved = feed("/old.xml", 60_000);
        FeedDefinition broken = feed("/gone-old.xml", 60_000);

        PollResult r = poller.poll(moved, FeedState.initial(moved));
        PollResult again = poller.poll(moved, r.next());
        PollResult failed = poller.poll(broken, FeedState.initial(broken));

        assertThat(r.next().url()).isEqualTo(server.url("/new.xml"));
        assertThat(again.outcome()).isEqualTo("ok");
        assertThat(server.hits("/old.xml")).isEqualTo(1);
        assertThat(failed.outcome()).isEqualTo("http_error");
        assertThat(failed.next().url()).isEqualTo(broken.url());
    }

    @Test
    void shouldRecordAParseErrorAsAFailure() {
        server.serve("/junk.xml", "application/rss+xml", "this is not a feed");
        FeedDefinition feed = feed("/junk.xml", 60_000);

        PollResult r = poller.poll(feed, FeedState.initial(feed));

        assertThat(r.outcome()).isEqualTo("parse_error");
        assertThat(r.next().consecutiveFailures()).isEqualTo(1);
        assertThat(r.next().lastError()).isNotBlank();
    }
}
