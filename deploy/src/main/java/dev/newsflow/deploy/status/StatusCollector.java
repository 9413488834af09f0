package dev.newsflow.deploy.status;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.http.Health;
import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.core.log.Redactor;
import dev.newsflow.ingest.feed.FeedHealth;
import dev.newsflow.sink.search.ArticleHit;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.search.ArticleSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link StatusReport} of this process from what its parts expose: the ingest
 * scheduler's feeds and states, the meter registry (throughput, languages, topics, DLQ reasons),
 * the sink's store (latest articles), the DLQ topic (latest records) and the health checks. Samples
 * the stage counters every {@code sampleEvery} (10 seconds in {@code newsflow run}) for the
 * last-hour charts. Thread-safe.
 */
public final class StatusCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusCollector.class);

    /** Latest articles and DLQ records shown. */
    public static final int LATEST = 20;

    private final List<String> parts;
    private final MeterRegistry registry;
    private final Health health;
    private final @Nullable Supplier<Map<FeedDefinition, FeedState>> feeds;
    private final @Nullable ArticleSearch search;
    private final DlqTail dlq;
    private final ThroughputHistory history;
    private final Clock clock;
    private final ScheduledExecutorService sampler;

    /**
     * Starts collecting.
     *
     * @param feeds the ingest scheduler's feeds and states, null when this process runs no ingest
     * @param search the sink's store, null when this process runs no sink
     */
    public StatusCollector(
            NewsflowConfig config,
            List<String> parts,
            MeterRegistry registry,
            Health health,
            @Nullable Supplier<Map<FeedDefinition, FeedState>> feeds,
            @Nullable ArticleSearch search,
            Duration sampleEvery) {
        this.parts = List.copyOf(parts);
        this.registry = Objects.requireNonNull(registry, "registry can't be null");
        this.health = Objects.requireNonNull(health, "health can't be null");
        this.feeds = feeds;
        this.search = search;
        this.clock = Clock.systemUTC();
        this.history = new ThroughputHistory(registry, clock);
        this.dlq = new DlqTail(config, LATEST);
        this.sampler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "newsflow-status-sampler");
                            t.setDaemon(true);
                            return t;
                        });
        history.sample();
        long every = sampleEvery.toMillis();
        sampler.scheduleAtFixedRate(history::sample, every, every, TimeUnit.MILLISECONDS);
    }

    /** The report as of now. */
    public StatusReport report() {
        Instant now = clock.instant();
        Map<String, HealthStatus> checks = health.check();
        boolean ready = checks.values().stream().allMatch(HealthStatus::ready);
        return new StatusReport(
                now,
                parts,
                ready,
                checks,
                feeds == null ? null : feedRows(feeds.get(), now),
                stages(),
                languages(),
                topics(),
                latestArticles(),
                dlqSummary());
    }

    static List<StatusReport.FeedRow> feedRows(Map<FeedDefinition, FeedState> feeds, Instant now) {
        List<StatusReport.FeedRow> rows = new ArrayList<>();
        feeds.forEach(
                (f, s) -> {
                    FeedHealth h = FeedHealth.of(s, now);
                    Long interval = s == null ? null : s.publishIntervalMs();
                    rows.add(
                            new StatusReport.FeedRow(
                                    f.id(),
                                    f.name(),
                                    Redactor.redact(s == null ? f.url() : s.url()),
                                    h.status(),
                                    Redactor.redact(h.summary()),
                                    s == null ? null : s.lastPollAt(),
                                    s == null ? null : s.lastOutcome(),
                                    s == null || s.lastError() == null
                                            ? null
                                            : Redactor.redact(s.lastError()),
                                    s == null ? null : s.failingSince(),
                                    s == null ? 0 : s.consecutiveFailures(),
                                    s == null ? null : s.nextPollAt(),
                                    s == null ? null : s.nextPollReason(),
                                    s == null ? 0 : s.itemsTotal(),
                                    interval == null || interval <= 0
                                            ? null
                                            : Duration.ofDays(1).toMillis() / (double) interval));
                });
        rows.sort(
                Comparator.comparing((StatusReport.FeedRow r) -> healthOrder(r.status()))
                        .thenComparing(
                                r ->
                                        (r.name() == null ? r.url() : r.name())
                                                .toLowerCase(Locale.ROOT)));
        return rows;
    }

    private static int healthOrder(String status) {
        return switch (status) {
            case "failing", "backing_off" -> 0;
            case "pending" -> 1;
            default -> 2;
        };
    }

    private List<StatusReport.StageRow> stages() {
        List<StatusReport.StageRow> rows = new ArrayList<>();
        Map<String, Double> totals = history.totals();
        for (ThroughputHistory.StageMeter s : ThroughputHistory.STAGES) {
            Double total = totals.get(s.stage());
            if (total == null) {
                continue;
            }
            List<StatusReport.Point> series = history.series(s.stage());
            long lastHour = series.stream().mapToLong(StatusReport.Point::count).sum();
            rows.add(new StatusReport.StageRow(s.stage(), total.longValue(), lastHour, series));
        }
        return rows;
    }

    private Map<String, Long> languages() {
        Map<String, Long> out = new TreeMap<>();
        for (Counter c : registry.find("newsflow.enrich.languages").counters()) {
            long n = (long) c.count();
            if (n > 0) {
                out.merge(c.getId().getTag("language"), n, Long::sum);
            }
        }
        return out;
    }

    private List<StatusReport.TopicCount> topics() {
        List<StatusReport.TopicCount> out = new ArrayList<>();
        for (Counter c : registry.find("newsflow.enrich.topics").counters()) {
            long n = (long) c.count();
            String tag = c.getId().getTag("topic");
            if (n > 0 && tag != null) {
                // the tag is the topic's name in lower case (politics, human_interest) or none
                IptcTopic topic = topic(tag);
                out.add(
                        new StatusReport.TopicCount(
                                topic == null ? tag : topic.code(),
                                topic == null ? tag : topic.label(),
                                n));
            }
        }
        out.sort(Comparator.comparingLong(StatusReport.TopicCount::count).reversed());
        return out;
    }

    private static @Nullable IptcTopic topic(String tag) {
        for (IptcTopic t : IptcTopic.values()) {
            if (t.name().equalsIgnoreCase(tag)) {
                return t;
            }
        }
        return null;
    }

    private @Nullable List<ArticleHit> latestArticles() {
        if (search == null) {
            return null;
        }
        try {
            return search.search(ArticleQuery.all()).items();
        } catch (SQLException | RuntimeException e) {
            log.warn("Status page: cannot read the latest articles: {}", e.toString());
            return List.of();
        }
    }

    private StatusReport.DlqSummary dlqSummary() {
        List<StatusReport.DlqReason> reasons = new ArrayList<>();
        for (Counter c : registry.find("newsflow.enrich.dlq").counters()) {
            reasons.add(
                    new StatusReport.DlqReason(
                            String.valueOf(c.getId().getTag("stage")),
                            String.valueOf(c.getId().getTag("reason")),
                            (long) c.count()));
        }
        Counter sinkDlq = registry.find("newsflow.sink.records").tag("outcome", "dlq").counter();
        if (sinkDlq != null && sinkDlq.count() > 0) {
            reasons.add(new StatusReport.DlqReason("sink", "rejected", (long) sinkDlq.count()));
        }
        reasons.removeIf(r -> r.count() == 0);
        reasons.sort(Comparator.comparingLong(StatusReport.DlqReason::count).reversed());
        long total = reasons.stream().mapToLong(StatusReport.DlqReason::count).sum();
        List<StatusReport.DlqRecord> latest;
        try {
            latest = dlq.latest();
        } catch (RuntimeException e) {
            log.warn("Status page: cannot read {}: {}", "the DLQ topic", e.toString());
            latest = List.of();
        }
        return new StatusReport.DlqSummary(total, reasons, latest);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        dlq.close();
    }
}
