package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Polls one feed once: conditional fetch, parse, map items, keep the ones not produced before, and
 * compute the feed's next state. Does no Kafka I/O. Thread-safe.
 *
 * <p>Scheduling: after a success the feed is due again after its poll interval; after a failure
 * after the interval times 2^(failures-1), at most 24 hours, so a broken feed is retried less often
 * but never given up. A 10% jitter spreads feeds that were added together.
 */
public final class FeedPoller {
    static final Duration MAX_BACKOFF = Duration.ofHours(24);

    private final HttpFetcher fetcher;
    private final FeedParser parser;
    private final ItemMapper mapper;
    private final IngestConfig config;
    private final Clock clock;

    public FeedPoller(
            HttpFetcher fetcher,
            FeedParser parser,
            ItemMapper mapper,
            IngestConfig config,
            Clock clock) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.parser = Objects.requireNonNull(parser, "parser can't be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
    }

    /** Polls {@code feed} whose last known state is {@code state}. */
    public PollResult poll(FeedDefinition feed, FeedState state) {
        Instant now = clock.instant();
        String url = state.url() != null ? state.url() : feed.url();
        FetchResult fetched =
                fetcher.fetch(
                        new FetchRequest(
                                url, state.etag(), state.lastModified(), FetchRequest.ACCEPT_FEED));
        String newUrl = fetched.permanentRedirect() != null ? fetched.permanentRedirect() : url;
        if (fetched.outcome() == FetchOutcome.NOT_MODIFIED) {
            FeedState next =
                    success(
                            feed,
                            state,
                            now,
                            newUrl,
                            state.etag(),
                            state.lastModified(),
                            "not_modified",
                            state.seenItemIds(),
                            0);
            return new PollResult(
                    feed,
                    "not_modified",
                    null,
                    List.of(),
                    0,
                    List.of(),
                    0,
                    fetched.elapsed(),
                    next);
        }
        if (!fetched.ok()) {
            String error = fetched.error() == null ? fetched.outcome().tag() : fetched.error();
            return failure(
                    feed,
                    state,
                    now,
                    newUrl,
                    fetched.outcome().tag(),
                    error,
                    fetched.elapsed(),
                    fetched.body().length);
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FeedParseException e) {
            return failure(
                    feed,
                    state,
                    now,
                    newUrl,
                    "parse_error",
                    e.getMessage(),
                    fetched.elapsed(),
                    fetched.body().length);
        }
        Set<String> seen = new HashSet<>(state.seenItemIds());
        Set<String> inThisPoll = new HashSet<>();
        List<ItemMapper.Accepted> fresh = new ArrayList<>();
        List<ItemMapper.Rejected> rejected = new ArrayList<>();
        for (FeedItem item : parsed.items()) {
            ItemMapper.Mapped m = mapper.map(feed, parsed, item, now);
            if (m instanceof ItemMapper.Accepted a) {
                if (!seen.contains(a.seenKey()) && inThisPoll.add(a.seenKey())) {
                    fresh.add(a);
                }
            } else {
                rejected.add((ItemMapper.Rejected) m);
            }
        }
        List<String> seenNext =
                FeedState.boundedSeen(
                        state.seenItemIds(),
                        fresh.stream().map(ItemMapper.Accepted::seenKey).toList(),
                        config.seenMaxItems());
        FeedState next =
                success(
                        feed,
                        state,
                        now,
                        newUrl,
                        fetched.etag(),
                        fetched.lastModified(),
                        "ok",
                        seenNext,
                        fresh.size());
        return new PollResult(
                feed,
                "ok",
                null,
                fresh,
                parsed.items().size(),
                rejected,
                fetched.body().length,
                fetched.elapsed(),
                next);
    }

    /** The state of a feed whose poll succeeded but whose articles could not be published. */
    public FeedState publishFailed(FeedDefinition feed, FeedState before, String error) {
        return failureState(feed, before, clock.instant(), before.url(), "publish_error", error);
    }

    private PollResult failure(
            FeedDefinition feed,
            FeedState state,
            Instant now,
            String url,
            String outcome,
            String error,
            Duration elapsed,
            long bytes) {
        FeedState next = failureState(feed, state, now, url, outcome, error);
        return new PollResult(feed, outcome, error, List.of(), 0, List.of(), bytes, elapsed, next);
    }

    private FeedState success(
            FeedDefinition feed,
            FeedState s,
            Instant now,
            String url,
            String etag,
            String lastModified,
            String outcome,
            List<String> seen,
            int added) {
        return new FeedState(
                FeedState.SCHEMA_VERSION,
                s.feedId(),
                url,
                etag,
                lastModified,
                now,
                now,
                now.plus(jitter(interval(feed))),
                outcome,
                null,
                null,
                0,
                s.itemsTotal() + added,
                seen);
    }

    private FeedState failureState(
            FeedDefinition feed,
            FeedState s,
            Instant now,
            String url,
            String outcome,
            String error) {
        int failures = s.consecutiveFailures() + 1;
        Duration base = interval(feed);
        Duration backoff = base.multipliedBy(1L << Math.min(failures - 1, 16));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF.compareTo(base) > 0 ? MAX_BACKOFF : base;
        }
        return new FeedState(
                FeedState.SCHEMA_VERSION,
                s.feedId(),
                url,
                s.etag(),
                s.lastModified(),
                now,
                s.lastSuccessAt(),
                now.plus(jitter(backoff)),
                outcome,
                error,
                s.failingSince() != null ? s.failingSince() : now,
                failures,
                s.itemsTotal(),
                s.seenItemIds());
    }

    private Duration interval(FeedDefinition feed) {
        return Duration.ofMillis(
                feed.pollIntervalMs() > 0 ? feed.pollIntervalMs() : config.pollIntervalMs());
    }

    private static Duration jitter(Duration d) {
        long ms = d.toMillis();
        long spread = ms / 10;
        return Duration.ofMillis(
                spread <= 0 ? ms : ms - spread / 2 + ThreadLocalRandom.current().nextLong(spread));
    }
}
