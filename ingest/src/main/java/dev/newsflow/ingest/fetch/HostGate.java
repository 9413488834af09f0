package dev.newsflow.ingest.fetch;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-host politeness: one request at a time per host, and a pause between the end of one request
 * and the start of the next (the configured delay, or a longer robots.txt {@code Crawl-delay}); a
 * host can also be held off (after {@code Retry-After}).
 *
 * <p>Waiting is bounded so that one slow host cannot hold the fetch workers: at most one caller
 * waits per host, and nobody waits past its deadline. A caller that would have to is turned away at
 * once with the time its turn is expected, and comes back then. Thread-safe.
 */
final class HostGate {
    /** Callers that may wait for one host besides the one holding it. */
    static final int MAX_WAITERS = 1;

    private static final int SWEEP_ABOVE = 4096;

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** Whether a caller got the host, else when to come back ({@link System#nanoTime()}). */
    record Admission(boolean granted, long retryAtNanos) {
        static final Admission GRANTED = new Admission(true, 0);
    }

    /** One host; all fields change under its monitor. */
    private static final class Slot {
        boolean busy;
        boolean retired;
        int waiting;
        long nextAllowed;
        long acquiredAt;
        long lastDuration;
        long lastDelay;
    }

    /**
     * Takes {@code host} for one request, waiting for its turn until {@code deadlineNanos} at most.
     * A granted caller must call {@link #release} once done.
     */
    Admission acquire(String host, long deadlineNanos) {
        while (true) {
            Slot slot = slots.computeIfAbsent(host, h -> new Slot());
            synchronized (slot) {
                if (slot.retired) {
                    continue; // swept between lookup and lock: take the new slot
                }
                boolean counted = false;
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (!slot.busy && now - slot.nextAllowed >= 0) {
                            slot.busy = true;
                            slot.acquiredAt = now;
                            return Admission.GRANTED;
                        }
                        long expected =
                                slot.busy
                                        ? Math.max(
                                                slot.nextAllowed,
                                                slot.acquiredAt
                                                        + slot.lastDuration
                                                        + slot.lastDelay)
                                        : slot.nextAllowed;
                        if (expected - now < 0) {
                            expected = now + slot.lastDuration + slot.lastDelay;
                        }
                        if (!counted && slot.waiting >= MAX_WAITERS) {
                            long turn = slot.lastDuration + slot.lastDelay;
                            return new Admission(false, expected + turn * slot.waiting);
                        }
                        if (expected - deadlineNanos > 0 || now - deadlineNanos >= 0) {
                            return new Admission(false, expected);
                        }
                        if (!counted) {
                            slot.waiting++;
                            counted = true;
                        }
                        long waitUntil = slot.busy ? deadlineNanos : slot.nextAllowed;
                        long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitUntil - now));
                        try {
                            slot.wait(waitMs);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return new Admission(false, now);
                        }
                    }
                } finally {
                    if (counted) {
                        slot.waiting--;
                    }
                }
            }
        }
    }

    /** Gives {@code host} back after a request; the next one may start {@code delayNanos} later. */
    void release(String host, long delayNanos) {
        Slot slot = slots.get(host);
        if (slot == null) {
            return;
        }
        synchronized (slot) {
            long now = System.nanoTime();
            slot.busy = false;
            slot.lastDuration = now - slot.acquiredAt;
            slot.lastDelay = delayNanos;
            long next = now + delayNanos;
            if (next - slot.nextAllowed > 0) {
                slot.nextAllowed = next;
            }
            slot.notifyAll();
        }
        if (slots.size() > SWEEP_ABOVE) {
            sweep();
        }
    }

    /** Holds {@code host} off until {@code untilNanos} (a server's {@code Retry-After}). */
    void holdOff(String host, long untilNanos) {
        Slot slot = slots.computeIfAbsent(host, h -> new Slot());
        synchronized (slot) {
            if (untilNanos - slot.nextAllowed > 0) {
                slot.nextAllowed = untilNanos;
            }
        }
    }

    /** Callers waiting for {@code host} now (for tests). */
    int waiting(String host) {
        Slot slot = slots.get(host);
        if (slot == null) {
            return 0;
        }
        synchronized (slot) {
            return slot.waiting;
        }
    }

    /** Hosts currently tracked (for tests and the sweep). */
    int size() {
        return slots.size();
    }

    // Forgets hosts that are idle and past their pause, so the map stays as small as the set of
    // hosts fetched recently.
    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Slot slot = it.next().getValue();
            synchronized (slot) {
                if (!slot.busy && slot.waiting == 0 && now - slot.nextAllowed >= 0) {
                    slot.retired = true;
                    it.remove();
                }
            }
        }
    }
}
