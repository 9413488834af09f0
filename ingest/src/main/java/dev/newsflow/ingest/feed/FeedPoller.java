package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.ingest.fetch.CacheHeaders;
import dev.newsflow.ingest.fetch.FetchOutcome;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.Fetcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Polls one feed once: conditional fetch, parse, map items, keep the ones not produced before, and
 * compute the feed's next state, including when it is due again ({@link PollPlanner}). Does no
 * Kafka I/O. Thread-safe.
 *
 * <p>A permanent redirect moves the feed's URL in its state once the new URL answered (200 or 304).
 * The remembered item ids are bounded to three times the items of the last document (at least
 * {@value #SEEN_FLOOR}), never more than {@code ingest.seen.max.items}: enough for any item still
 * in the feed, and small enough for ten thousand feeds in one instance. At most {@code
 * ingest.feed.max.items} items of a document are read (in document order); the rest are counted in
 * {@link PollResult#overLimit()}.
 */
public final class FeedPoller {
    /** The fewest item ids remembered per feed (unless {@code ingest.seen.max.items} is lower). */
    static final int SEEN_FLOOR = 100;

    private final Fetcher fetcher;
    private final FeedParser parser;
    private final ItemMapper mapper;
    private final IngestConfig config;
    private final Clock clock;
    private final PollPlanner planner;

    public FeedPoller(
            Fetcher fetcher,
            FeedParser parser,
            ItemMapper mapper,
            IngestConfig config,
            Clock clock) {
        this(fetcher, parser, mapper, config, clock, ThreadLocalRandom::current);
    }

    FeedPoller(
            Fetcher fetcher,
            FeedParser parser,
            ItemMapper mapper,
            IngestConfig config,
            Clock clock,
            Supplier<RandomGenerator> random) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher can't be null");
        this.parser = Objects.requireNonNull(parser, "parser can't be null");
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.clock = Objects.requireNonNull(clock, "clock can't be null");
        this.planner = new PollPlanner(config, random);
    }

    /** Polls {@code feed} whose last known state is {@code state}. */
    public PollResult poll(FeedDefinition feed, FeedState state) {
        String url = state.url();
        FetchResult fetched =
                fetcher.fetch(
                        new FetchRequest(
                                url, state.etag(), state.lastModified(), FetchRequest.ACCEPT_FEED));
        Instant now = clock.instant();
        long elapsedMs = fetched.elapsed().toMillis();
        switch (fetched.outcome()) {
            case DEFERRED -> {
                Instant notBefore = fetched.notBefore() != null ? fetched.notBefore() : now;
                PollPlanner.Plan plan = planner.deferred(notBefore, now);
                FeedState next =
                        state.toBuilder()
                                .nextPollAt(plan.at())
                                .nextPollReason(plan.reason())
                                .build();
                return withoutItems(feed, PollResult.DEFERRED, fetched, next);
            }
            case NOT_MODIFIED -> {
                FeedState.Builder b =
                        succeeded(state, fetched, now)
                                .lastOutcome(FetchOutcome.NOT_MODIFIED.tag())
                                .etag(fetched.etag() != null ? fetched.etag() : state.etag())
                                .lastModified(
                                        fetched.lastModified() != null
                                                ? fetched.lastModified()
                                                : state.lastModified())
                                .lastItemsNew(0)
                                .lastBytes(0L)
                                .lastElapsedMs(elapsedMs);
                FeedState next = plan(feed, b, fetched, Optional.empty(), now);
                return withoutItems(feed, FetchOutcome.NOT_MODIFIED.tag(), fetched, next);
            }
            case OK -> {
                return parsed(feed, state, fetched, now);
            }
            default -> {
                String error = fetched.error() == null ? fetched.outcome().tag() : fetched.error();
                return failure(
                        feed,
                        state,
                        now,
                        fetched.outcome().tag(),
                        error,
                        fetched.status(),
                        fetched.notBefore(),
                        fetched.elapsed(),
                        fetched.body().length);
            }
        }
    }

    private static PollResult withoutItems(
            FeedDefinition feed, String outcome, FetchResult fetched, FeedState next) {
        return new PollResult(
                feed,
                outcome,
                null,
                List.of(),
                0,
                List.of(),
                0,
                0,
                fetched.elapsed(),
                next,
                List.of());
    }

    private PollResult parsed(
            FeedDefinition feed, FeedState state, FetchResult fetched, Instant now) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
        } catch (FeedParseException e) {
            return failure(
                    feed,
                    state,
                    now,
                    PollResult.PARSE_ERROR,
                    e.getMessage(),
                    fetched.status(),
                    null,
                    fetched.elapsed(),
                    fetched.body().length);
        }
        // the service's parser stops at the limit itself (cheaper); this holds for any parser
        List<FeedItem> items = parsed.items();
        int overLimit = parsed.itemsOmitted() + Math.max(0, items.size() - config.feedMaxItems());
        if (items.size() > config.feedMaxItems()) {
            // document order: feeds list the newest first, so the cap keeps what is current
            items = items.subList(0, config.feedMaxItems());
        }
        Set<String> seen = new HashSet<>(state.seenItemIds());
        Set<String> inThisPoll = new HashSet<>();
        List<ItemMapper.Accepted> fresh = new ArrayList<>();
        List<ItemMapper.Rejected> rejected = new ArrayList<>();
        List<@Nullable Instant> dates = new ArrayList<>(items.size());
        List<Duration> lags = new ArrayList<>();
        boolean firstPoll = state.lastSuccessAt() == null;
        for (FeedItem item : items) {
            dates.add(item.publishedAt() != null ? item.publishedAt() : item.updatedAt());
            ItemMapper.Mapped m = mapper.map(feed, parsed, item, now);
            if (m instanceof ItemMapper.Accepted a) {
                if (!seen.contains(a.seenKey()) && inThisPoll.add(a.seenKey())) {
                    fresh.add(a);
                    Instant published = item.publishedAt();
                    if (!firstPoll && published != null && !published.isAfter(now)) {
                        lags.add(Duration.between(published, now));
                    }
                }
            } else {
                rejected.add((ItemMapper.Rejected) m);
            }
        }
        int keep = Math.min(config.seenMaxItems(), Math.max(SEEN_FLOOR, 3 * items.size()));
        List<String> seenNext =
                FeedState.boundedSeen(
                        state.seenItemIds(),
                        fresh.stream().map(ItemMapper.Accepted::seenKey).toList(),
                        keep);
        PollPlanner.Estimate estimate = planner.estimate(state, dates, fresh.size(), now);
        FeedState.Builder b =
                succeeded(state, fetched, now)
                        .lastOutcome(FetchOutcome.OK.tag())
                        .etag(fetched.etag())
                        .lastModified(fetched.lastModified())
                        .seenItemIds(seenNext)
                        .itemsTotal(state.itemsTotal() + fresh.size())
                        .publishIntervalMs(estimate.publishIntervalMs())
                        .newestItemAt(estimate.newestItemAt())
                        .lastItemsFound(parsed.itemsInDocument())
                        .lastItemsNew(fresh.size())
                        .lastBytes((long) fetched.body().length)
                        .lastElapsedMs(fetched.elapsed().toMillis());
        FeedState next = plan(feed, b, fetched, parsed.suggestedInterval(), now);
        return new PollResult(
                feed,
                FetchOutcome.OK.tag(),
                null,
                fresh,
                parsed.itemsInDocument(),
                rejected,
                overLimit,
                fetched.body().length,
                fetched.elapsed(),
                next,
                lags);
    }

    /** The state fields every successful poll sets. */
    private static FeedState.Builder succeeded(FeedState state, FetchResult fetched, Instant now) {
        String url =
                fetched.permanentRedirect() != null ? fetched.permanentRedirect() : state.url();
        return state.toBuilder()
                .url(url)
                .lastPollAt(now)
                .lastSuccessAt(now)
                .lastError(null)
                .failingSince(null)
                .consecutiveFailures(0)
                .lastStatus(fetched.status() > 0 ? fetched.status() : null);
    }

    /**
     * Sets when the feed is due next after a success; {@code suggested} is the interval the
     * document itself suggests (RSS {@code ttl}).
     */
    private FeedState plan(
            FeedDefinition feed,
            FeedState.Builder b,
            FetchResult fetched,
            Optional<Duration> suggested,
            Instant now) {
        FeedState withEstimate = b.build();
        Optional<Duration> fresh = CacheHeaders.freshFor(fetched, now);
        if (suggested.isPresent()
                && (fresh.isEmpty() || suggested.get().compareTo(fresh.get()) > 0)) {
            fresh = suggested;
        }
        PollPlanner.Plan plan = planner.afterSuccess(feed, withEstimate, fresh, now);
        return b.nextPollAt(plan.at()).nextPollReason(plan.reason()).build();
    }

    /** The state of a feed whose poll succeeded but whose articles could not be published. */
    public FeedState publishFailed(FeedDefinition feed, FeedState before, String error) {
        return failed(feed, before, PollResult.PUBLISH_ERROR, error);
    }

    /** The state of a feed after a failure outside the fetch ({@code outcome}, {@code error}). */
    public FeedState failed(FeedDefinition feed, FeedState before, String outcome, String error) {
        return failureState(feed, before, clock.instant(), outcome, error, 0, null, 0, 0);
    }

    private PollResult failure(
            FeedDefinition feed,
            FeedState state,
            Instant now,
            String outcome,
            String error,
            int status,
            @Nullable Instant notBefore,
            Duration elapsed,
            long bytes) {
        FeedState next =
                failureState(
                        feed,
                        state,
                        now,
                        outcome,
                        error,
                        status,
                        notBefore,
                        bytes,
                        elapsed.toMillis());
        return new PollResult(
                feed, outcome, error, List.of(), 0, List.of(), 0, bytes, elapsed, next, List.of());
    }

    private FeedState failureState(
            FeedDefinition feed,
            FeedState s,
            Instant now,
            String outcome,
            String error,
            int status,
            @Nullable Instant notBefore,
            long bytes,
            long elapsedMs) {
        int failures = s.consecutiveFailures() + 1;
        PollPlanner.Plan plan = planner.afterFailure(feed, s, failures, notBefore, now);
        return s.toBuilder()
                .lastPollAt(now)
                .nextPollAt(plan.at())
                .nextPollReason(plan.reason())
                .lastOutcome(outcome)
                .lastError(error)
                .failingSince(s.failingSince() != null ? s.failingSince() : now)
                .consecutiveFailures(failures)
                .lastStatus(status > 0 ? status : null)
                .lastItemsFound(null)
                .lastItemsNew(0)
                .lastBytes(bytes)
                .lastElapsedMs(elapsedMs)
                .build();
    }
}
