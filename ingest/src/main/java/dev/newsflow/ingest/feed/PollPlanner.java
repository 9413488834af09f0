package dev.newsflow.ingest.feed;

import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.config.PollConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Decides when a feed is polled next. Pure computation; thread-safe if its random source is.
 *
 * <ul>
 *   <li><b>Interval.</b> A feed with its own {@code poll.interval.*} keeps it ({@code interval}).
 *       Otherwise, with {@code ingest.poll.adaptive}, the interval is half the expected time to the
 *       feed's next item, clamped to {@code ingest.poll.min/max.interval.ms} ({@code adaptive});
 *       the expected time is the smoothed gap between its items, or a quarter of the time since its
 *       newest item when it has been quiet for longer than that (a feed gone quiet is polled less,
 *       one that publishes every minute at the minimum). Without an estimate yet, the default
 *       {@code ingest.poll.interval.ms}.
 *   <li><b>Freshness hints.</b> {@code Cache-Control: max-age}, {@code Expires} and RSS {@code ttl}
 *       can only push the next poll later, never past the maximum interval ({@code cache}).
 *   <li><b>Failures.</b> The interval times 2^(failures-1), at most {@code
 *       ingest.poll.backoff.max.ms} ({@code backoff}); a {@code Retry-After} later than that wins,
 *       plus a quarter, up to the same bound ({@code retry_after}): the other feeds of the host,
 *       held off as long, poll first. A feed is never given up.
 *   <li><b>Jitter.</b> Every wait is spread by {@code ±ingest.poll.jitter.ratio}, so feeds added
 *       together drift apart.
 * </ul>
 */
final class PollPlanner {
    /** Item dates further ahead than this are not used for the estimate. */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    /** Newest item dates used for the gap estimate. */
    static final int ESTIMATE_ITEMS = 20;

    private final IngestConfig config;
    private final Supplier<RandomGenerator> random;

    /** When to poll next and why ({@link FeedState#nextPollReason()}). */
    record Plan(Instant at, String reason) {}

    /** The publication-rate estimate of a feed after a poll. */
    record Estimate(@Nullable Long publishIntervalMs, @Nullable Instant newestItemAt) {}

    PollPlanner(IngestConfig config, Supplier<RandomGenerator> random) {
        this.config = Objects.requireNonNull(config, "config can't be null");
        this.random = Objects.requireNonNull(random, "random can't be null");
    }

    /**
     * Updates the publication-rate estimate of {@code before} with a fetched document whose items
     * are dated {@code itemDates} (nulls allowed), {@code fresh} of them new.
     */
    Estimate estimate(
            FeedState before, Collection<@Nullable Instant> itemDates, int fresh, Instant now) {
        Instant limit = now.plus(FUTURE_TOLERANCE);
        List<Instant> dates = new ArrayList<>();
        for (Instant d : itemDates) {
            if (d != null && !d.isAfter(limit)) {
                dates.add(d);
            }
        }
        dates.sort(Comparator.reverseOrder());
        List<Instant> recent = dates.subList(0, Math.min(dates.size(), ESTIMATE_ITEMS));
        Long interval = before.publishIntervalMs();
        Instant newest = before.newestItemAt();
        if (recent.size() >= 2 && recent.get(0).isAfter(recent.get(recent.size() - 1))) {
            long gap =
                    Duration.between(recent.get(recent.size() - 1), recent.get(0)).toMillis()
                            / (recent.size() - 1);
            interval = smooth(interval, gap);
            Instant top = recent.get(0).isAfter(now) ? now : recent.get(0);
            newest = newest == null || top.isAfter(newest) ? top : newest;
        } else if (before.lastSuccessAt() == null) {
            // first poll of an undated feed: its backlog says nothing about its rate; start here
            newest = now;
        } else if (fresh > 0) {
            // undated feed: learn from arrivals instead
            if (newest != null) {
                interval = smooth(interval, Duration.between(newest, now).toMillis() / fresh);
            }
            newest = now;
        }
        return new Estimate(interval, newest);
    }

    /** The plan after a successful poll ({@code state} already carries the new estimate). */
    Plan afterSuccess(
            FeedDefinition feed, FeedState state, Optional<Duration> freshness, Instant now) {
        Plan base = interval(feed, state, now);
        Duration wait = Duration.between(now, base.at());
        String reason = base.reason();
        if (freshness.isPresent() && freshness.get().compareTo(wait) > 0) {
            Duration cap = max(wait, Duration.ofMillis(poll().maxIntervalMs()));
            wait = min(freshness.get(), cap);
            reason = "cache";
        }
        return new Plan(now.plus(jitter(wait)), reason);
    }

    /**
     * The plan after a failed poll, the {@code failures}-th in a row; {@code notBefore} is a
     * server's {@code Retry-After}, if any.
     */
    Plan afterFailure(
            FeedDefinition feed,
            FeedState state,
            int failures,
            @Nullable Instant notBefore,
            Instant now) {
        Duration base = Duration.between(now, interval(feed, state, now).at());
        Duration cap = max(base, Duration.ofMillis(poll().backoffMaxMs()));
        Duration backoff =
                min(base.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 20)), cap);
        Duration wait = jitter(backoff);
        String reason = "backoff";
        if (notBefore != null) {
            // A quarter later than asked: the Retry-After also holds the whole host, and the
            // feeds it put off come back spread over the fifth after it (deferred): they go
            // first, else this feed, back first, renewed the hold each time and starved them.
            Duration asked =
                    min(Duration.between(now, notBefore).multipliedBy(5).dividedBy(4), cap);
            if (asked.compareTo(wait) > 0) {
                wait = asked;
                reason = "retry_after";
            }
        }
        return new Plan(now.plus(wait), reason);
    }

    /** The plan of a poll put off because its host is busy until {@code notBefore}. */
    Plan deferred(Instant notBefore, Instant now) {
        Duration wait = Duration.between(now, notBefore);
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        // spread the feeds waiting for one host so they do not all come back at once
        long spreadMs = Math.max(50, wait.toMillis() / 5);
        return new Plan(
                now.plus(wait).plusMillis(random.get().nextLong(spreadMs + 1)), "host_busy");
    }

    /** The unjittered interval of {@code feed} and its reason: fixed, adaptive, or the default. */
    Plan interval(FeedDefinition feed, FeedState state, Instant now) {
        if (feed.pollIntervalMs() > 0) {
            return new Plan(now.plusMillis(feed.pollIntervalMs()), "interval");
        }
        if (!poll().adaptive()) {
            return new Plan(now.plusMillis(config.pollIntervalMs()), "interval");
        }
        Long gap = state.publishIntervalMs();
        if (gap == null) {
            return new Plan(now.plusMillis(clamp(config.pollIntervalMs())), "adaptive");
        }
        long expected = gap;
        if (state.newestItemAt() != null) {
            long quiet = Duration.between(state.newestItemAt(), now).toMillis();
            expected = Math.max(expected, quiet / 4);
        }
        return new Plan(now.plusMillis(clamp(expected / 2)), "adaptive");
    }

    private long clamp(long ms) {
        return Math.max(poll().minIntervalMs(), Math.min(poll().maxIntervalMs(), ms));
    }

    private Duration jitter(Duration d) {
        double r = poll().jitterRatio();
        if (r <= 0) {
            return d;
        }
        double factor = 1 - r + 2 * r * random.get().nextDouble();
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }

    private PollConfig poll() {
        return config.poll();
    }

    private static long smooth(@Nullable Long previous, long observed) {
        return previous == null ? observed : (previous + observed) / 2;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
