package dev.newsflow.ingest;

import dev.newsflow.ingest.feed.PollResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The meters of feed polling. Names are lowercase and dotted; tag values come from bounded sets
 * (poll outcomes, rejection reasons). Thread-safe.
 *
 * <p>Meters are aggregated over the feeds of this instance, never tagged by feed: a deployment may
 * poll ten thousand feeds, which times a dozen meters and their outcomes is more series than a
 * metrics backend should take from one service, and a feed's series would move between instances at
 * every rebalance. The per-feed view (last outcome and error, HTTP status, items found and new,
 * bytes, latency, next poll and why) lives in the feed's state on {@code newsflow.feed-state},
 * shown by {@code newsflow feeds list}.
 *
 * <ul>
 *   <li>{@code newsflow.ingest.polls} (counter, tag {@code outcome}): polls by outcome ({@code ok},
 *       {@code not_modified}, {@code http_error}, {@code rate_limited}, {@code parse_error}, {@code
 *       blocked}, {@code timeout}, {@code robots_denied}, {@code deferred}…)
 *   <li>{@code newsflow.ingest.poll.duration} (timer): fetch and parse time of a poll
 *   <li>{@code newsflow.ingest.poll.delay} (timer): how late polls start after they are due
 *   <li>{@code newsflow.ingest.fetch.bytes} (summary): body size of polled feeds
 *   <li>{@code newsflow.ingest.items.found} (counter): items in fetched feeds
 *   <li>{@code newsflow.ingest.items.new} (counter): items produced
 *   <li>{@code newsflow.ingest.items.rejected} (counter, tag {@code reason}): items dropped
 *   <li>{@code newsflow.ingest.pages} (counter, tag {@code outcome}): article pages wanted during
 *       polls, by outcome: {@code ok} (page text used), else why the item kept its own content — a
 *       fetch outcome ({@code http_error}, {@code timeout}, {@code blocked}, {@code robots_denied},
 *       {@code too_large}, {@code deferred}…), an extraction outcome ({@code not_html}, {@code
 *       binary}, {@code empty}, {@code too_deep}, {@code failed}), {@code shorter} or {@code
 *       budget}
 *   <li>{@code newsflow.ingest.freshness.lag} (timer): from an item's publication date to its
 *       production (not counted on a feed's first poll)
 *   <li>{@code newsflow.ingest.feeds} (gauge): feeds this instance polls
 *   <li>{@code newsflow.ingest.feeds.failing} (gauge): of those, failing now
 *   <li>{@code newsflow.ingest.feeds.overdue} (gauge): of those, due more than a minute ago
 * </ul>
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> polls = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> pages = new ConcurrentHashMap<>();
    private final Timer pollDuration;
    private final Timer pollDelay;
    private final Timer freshnessLag;
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
        pollDelay =
                Timer.builder("newsflow.ingest.poll.delay")
                        .description("How late feed polls start after they are due")
                        .register(registry);
        freshnessLag =
                Timer.builder("newsflow.ingest.freshness.lag")
                        .description("Time from an item's publication date to its production")
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
        if (r.deferred()) {
            return;
        }
        pollDuration.record(r.elapsed());
        if (r.bytes() > 0) {
            bytes.record(r.bytes());
        }
        found.increment(r.itemsFound());
        r.rejected().forEach(x -> rejected(x.reason()).increment());
        r.pageOutcomes().forEach((outcome, n) -> page(outcome).increment(n));
    }

    private Counter page(String outcome) {
        return pages.computeIfAbsent(
                outcome,
                o ->
                        Counter.builder("newsflow.ingest.pages")
                                .tag("outcome", o)
                                .description("Article pages wanted during polls, by outcome")
                                .register(registry));
    }

    /** Records that a poll's items and state could not be committed. */
    public void recordPublishFailure() {
        poll(PollResult.PUBLISH_ERROR).increment();
    }

    /** Records {@code n} items produced, with the freshness lags of the dated ones. */
    public void recordPublished(int n, List<Duration> lags) {
        fresh.increment(n);
        lags.forEach(freshnessLag::record);
    }

    /** Records an item dropped for {@code reason} after mapping. */
    public void recordRejected(String reason) {
        rejected(reason).increment();
    }

    /** Records how late a poll started after it was due. */
    public void recordPollDelay(Duration late) {
        pollDelay.record(late.isNegative() ? Duration.ZERO : late);
    }

    /** Registers the feed gauges. */
    public void gauges(Supplier<Number> feeds, Supplier<Number> failing, Supplier<Number> overdue) {
        Gauge.builder("newsflow.ingest.feeds", feeds)
                .description("Feeds polled by this instance")
                .register(registry);
        Gauge.builder("newsflow.ingest.feeds.failing", failing)
                .description("Feeds whose last poll failed")
                .register(registry);
        Gauge.builder("newsflow.ingest.feeds.overdue", overdue)
                .description("Feeds due more than a minute ago (workers behind)")
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
