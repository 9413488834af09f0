package dev.newsflow.ingest.fetch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The meters of the fetch layer, shared by feed and page fetches. Tag values come from bounded sets
 * (fetch outcomes, robots results); never a host or a URL. Thread-safe.
 *
 * <ul>
 *   <li>{@code newsflow.ingest.fetch.requests} (counter, tag {@code outcome}): fetches by outcome
 *   <li>{@code newsflow.ingest.fetch.host.wait} (timer): time spent waiting for a host's turn
 *   <li>{@code newsflow.ingest.fetch.robots.fetches} (counter, tag {@code result}): robots.txt
 *       fetches: {@code ok}, {@code not_found} (4xx, no rules), {@code unreachable} (5xx), {@code
 *       failed} (host not reached)
 *   <li>{@code newsflow.ingest.fetch.robots.denied} (counter): fetches robots.txt refused
 * </ul>
 */
public final class FetchMetrics {
    private final MeterRegistry registry;
    private final Map<FetchOutcome, Counter> requests = new EnumMap<>(FetchOutcome.class);
    private final ConcurrentMap<String, Counter> robots = new ConcurrentHashMap<>();
    private final Timer hostWait;
    private final Counter robotsDenied;

    public FetchMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (FetchOutcome o : FetchOutcome.values()) {
            requests.put(
                    o,
                    Counter.builder("newsflow.ingest.fetch.requests")
                            .tag("outcome", o.tag())
                            .description("Fetches (feeds and pages) by outcome")
                            .register(registry));
        }
        hostWait =
                Timer.builder("newsflow.ingest.fetch.host.wait")
                        .description("Time waited for a host's turn (politeness)")
                        .register(registry);
        robotsDenied =
                Counter.builder("newsflow.ingest.fetch.robots.denied")
                        .description("Fetches refused by robots.txt")
                        .register(registry);
    }

    void request(FetchOutcome outcome) {
        requests.get(outcome).increment();
    }

    void hostWait(long nanos) {
        hostWait.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void robotsFetch(String result) {
        robots.computeIfAbsent(
                        result,
                        r ->
                                Counter.builder("newsflow.ingest.fetch.robots.fetches")
                                        .tag("result", r)
                                        .description("robots.txt fetches by result")
                                        .register(registry))
                .increment();
    }

    void robotsDenied() {
        robotsDenied.increment();
    }
}
