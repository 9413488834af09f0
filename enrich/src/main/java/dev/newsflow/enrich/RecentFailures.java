package dev.newsflow.enrich;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Stream-thread failures of the last window, for the health check. A replaced thread that fails
 * again and again on the same record (a poison record no handler caught, a record the producer
 * refuses) leaves the application between REBALANCING and RUNNING, which alone reads as healthy
 * most of the time; from {@code threshold} failures in the window the check reports it instead.
 * Thread-safe.
 */
final class RecentFailures {
    private final int threshold;
    private final long windowMs;
    private final Deque<Long> times = new ArrayDeque<>();
    private String last = "";

    RecentFailures(int threshold, Duration window) {
        this.threshold = threshold;
        this.windowMs = window.toMillis();
    }

    /** Records a failure at {@code nowMs} because of {@code error}. */
    synchronized void record(long nowMs, Throwable error) {
        times.addLast(nowMs);
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        last = root.getClass().getSimpleName() + ": " + root.getMessage();
        prune(nowMs);
    }

    /** Why the check should be down at {@code nowMs}, if failures are that frequent. */
    synchronized Optional<String> problem(long nowMs) {
        prune(nowMs);
        if (times.size() < threshold) {
            return Optional.empty();
        }
        return Optional.of(
                "stream thread failed "
                        + times.size()
                        + " times in the last "
                        + windowMs / 60_000
                        + " min and was replaced each time; last: "
                        + last);
    }

    private void prune(long nowMs) {
        while (!times.isEmpty() && nowMs - times.peekFirst() > windowMs) {
            times.removeFirst();
        }
    }
}
