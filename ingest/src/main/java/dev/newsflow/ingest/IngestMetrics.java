package dev.newsflow.ingest;

import dev.newsflow.ingest.feed.PollResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The meters of ingest. Names are lowercase and dotted; tag values come from bounded sets (poll
 * outcomes, rejection reasons). Thread-safe.
 *
 * <ul>
 *   <li>{@code newsflow.ingest.polls} (counter, tag {@code outcome}): polls by outcome
 *   <li>{@code newsflow.ingest.poll.duration} (timer): fetch and parse time of a poll
 *   <li>{@code newsflow.ingest.fetch.bytes} (summary): body size of polled feeds
 *   <li>{@code newsflow.ingest.items.found} (counter): items in fetched feeds
 *   <li>{@code newsflow.ingest.items.new} (counter): items produced
 *   <li>{@code newsflow.ingest.items.rejected} (counter, tag {@code reason}): items dropped
 *   <li>{@code newsflow.ingest.feeds} (gauge): feeds this instance polls
 *   <li>{@code newsflow.ingest.feeds.failing} (gauge): of those, failing now
 * </ul>
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> polls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Timer pollDuration;
    private final DistributionSummary bytes;
    private final Counter found;
    private final Counter fresh;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        pollDuration =
                Timer.builder("newsflow.ingest.poll.duration")
                        .description("Fetch and parse time of one feed poll")
                        .publishPercentileHistogram()
                        .register(registry);
        bytes =
                DistributionSummary.builder("newsflow.ingest.fetch.bytes")
                        .baseUnit("bytes")
                        .description("Body size of polled feeds")
                        .register(registry);
        found =
                Counter.builder("newsflow.ingest.items.found")
                        .description("Items found in fetched feeds")
                        .register(registry);
        fresh =
                Counter.builder("newsflow.ingest.items.new")
                        .description("New items produced to the raw topic")
                        .register(registry);
    }

    /** Records a finished poll. */
    public void recordPoll(PollResult r) {
        poll(r.outcome()).increment();
        pollDuration.record(r.elapsed());
        if (r.bytes() > 0) {
            bytes.record(r.bytes());
        }
        found.increment(r.itemsFound());
        r.rejected().forEach(x -> rejected(x.reason()).increment());
    }

    /** Records that a poll's items could not be published. */
    public void recordPublishFailure() {
        poll("publish_error").increment();
    }

    /** Records items produced. */
    public void recordPublished(int n) {
        fresh.increment(n);
    }

    /** Registers the feed gauges. */
    public void gauges(Supplier<Number> feeds, Supplier<Number> failing) {
        io.micrometer.core.instrument.Gauge.builder("newsflow.ingest.feeds", feeds)
                .description("Feeds polled by this instance")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("newsflow.ingest.feeds.failing", failing)
                .description("Feeds whose last poll failed")
                .register(registry);
    }

    private Counter poll(String outcome) {
        return polls.computeIfAbsent(
                outcome,
                o ->
                        Counter.builder("newsflow.ingest.polls")
                                .tag("outcome", o)
                                .description("Feed polls by outcome")
                                .register(registry));
    }

    private Counter rejected(String reason) {
        return rejected.computeIfAbsent(
                reason,
                r ->
                        Counter.builder("newsflow.ingest.items.rejected")
                                .tag("reason", r)
                                .description("Feed items dropped, by reason")
                                .register(registry));
    }
}
