package dev.newsflow.ingest.feed;

import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.log.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a feed is doing, read from its state: what {@code newsflow feeds list} shows.
 *
 * @param status {@code pending} (never polled), {@code ok}, {@code failing} or {@code backing_off}
 *     (failing, and waiting longer than its interval: backoff or {@code Retry-After})
 * @param summary one line for people, e.g. {@code failing since 2025-01-01T10:00:00Z (3 failures):
 *     HTTP 503}, or {@code ok (ok, HTTP 200); 2 items dropped (no_link: …, …)} when the last poll
 *     dropped items; for an {@code html} source whose page offers a working feed, followed by
 *     {@code ; the page offers a working feed: URL}
 * @param offeredFeed for an {@code html} source, the working feed its page offers ({@link
 *     FeedState#offeredFeedUrl()}); null otherwise
 */
public record FeedHealth(String status, String summary, @Nullable String offeredFeed) {

    /** A health without an offered feed. */
    public FeedHealth(String status, String summary) {
        this(status, summary, null);
    }

    /** The health of a feed whose state is {@code state} (null: never polled) at {@code now}. */
    public static FeedHealth of(@Nullable FeedState state, Instant now) {
        FeedHealth h = withoutOffer(state, now);
        if (state == null || state.offeredFeedUrl() == null) {
            return h;
        }
        String offered = state.offeredFeedUrl();
        return new FeedHealth(
                h.status(),
                h.summary() + "; the page offers a working feed: " + Redactor.redact(offered),
                offered);
    }

    private static FeedHealth withoutOffer(@Nullable FeedState state, Instant now) {
        if (state == null || state.lastPollAt() == null) {
            return new FeedHealth("pending", "not polled yet");
        }
        if (!state.failing()) {
            String status = state.lastStatus() == null ? "" : ", HTTP " + state.lastStatus();
            Integer rejected = state.lastItemsRejected();
            String dropped =
                    rejected == null || rejected == 0
                            ? ""
                            : "; "
                                    + rejected
                                    + (rejected == 1 ? " item" : " items")
                                    + " dropped ("
                                    + Redactor.redact(String.valueOf(state.lastRejection()))
                                    + (rejected == 1 ? ")" : ", …)");
            return new FeedHealth("ok", "ok (" + state.lastOutcome() + status + ")" + dropped);
        }
        String since =
                "failing since "
                        + time(state.failingSince())
                        + " ("
                        + state.consecutiveFailures()
                        + (state.consecutiveFailures() == 1 ? " failure" : " failures")
                        + "): "
                        + state.lastError();
        boolean backingOff =
                state.nextPollAt() != null
                        && state.nextPollAt().isAfter(now)
                        && ("backoff".equals(state.nextPollReason())
                                || "retry_after".equals(state.nextPollReason()));
        if (backingOff) {
            return new FeedHealth(
                    "backing_off", since + "; backing off until " + time(state.nextPollAt()));
        }
        return new FeedHealth("failing", since);
    }

    /** An instant to the second, or {@code -}. */
    public static String time(@Nullable Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A short relative time such as {@code in 4m} or {@code 2h ago}. */
    public static String relative(@Nullable Instant t, Instant now) {
        if (t == null) {
            return "-";
        }
        Duration d = Duration.between(now, t);
        boolean future = !d.isNegative();
        long s = Math.abs(d.toSeconds());
        String amount;
        if (s < 60) {
            amount = s + "s";
        } else if (s < 3600) {
            amount = (s / 60) + "m";
        } else if (s < 48 * 3600) {
            amount = (s / 3600) + "h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + "m" : "");
        } else {
            amount = (s / 86400) + "d";
        }
        return String.format(Locale.ROOT, future ? "in %s" : "%s ago", amount);
    }
}
