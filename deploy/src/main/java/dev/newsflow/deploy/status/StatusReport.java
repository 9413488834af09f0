package dev.newsflow.deploy.status;

import dev.newsflow.core.http.HealthStatus;
import dev.newsflow.sink.search.ArticleHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the status page shows, as served on {@code GET /api/status} and printed by {@code newsflow
 * status}. A section is null when this process does not run the part that knows it: {@code feeds}
 * without ingest, {@code latest} without the sink.
 *
 * @param generatedAt when the report was made
 * @param parts the parts this process runs ({@code ingest}, {@code enrich}, {@code sink})
 * @param ready whether every health check is ready
 * @param health the health checks by name
 * @param feeds the feeds this process polls, failing first, then by name
 * @param stages records per stage: totals since start and the last hour's series
 * @param languages enriched records by language since start (from {@code
 *     newsflow.enrich.languages})
 * @param topics enriched records by IPTC topic since start (from {@code newsflow.enrich.topics})
 * @param latest the newest stored articles
 * @param dlq the dead-letter queue: counts by stage and reason since start, latest records
 */
public record StatusReport(
        Instant generatedAt,
        List<String> parts,
        boolean ready,
        Map<String, HealthStatus> health,
        @Nullable List<FeedRow> feeds,
        List<StageRow> stages,
        Map<String, Long> languages,
        List<TopicCount> topics,
        @Nullable List<ArticleHit> latest,
        DlqSummary dlq) {

    /**
     * One feed and how it does.
     *
     * @param status {@code pending}, {@code ok}, {@code failing} or {@code backing_off}
     * @param summary one line for people, e.g. {@code failing since … (3 failures): HTTP 503}
     * @param itemsPerDay the feed's estimated publishing rate, if known
     */
    public record FeedRow(
            String id,
            @Nullable String name,
            String url,
            String status,
            String summary,
            @Nullable Instant lastPollAt,
            @Nullable String lastOutcome,
            @Nullable String lastError,
            @Nullable Instant failingSince,
            int consecutiveFailures,
            @Nullable Instant nextPollAt,
            @Nullable String nextPollReason,
            long itemsTotal,
            @Nullable Double itemsPerDay) {}

    /**
     * One stage's throughput.
     *
     * @param total records since the process started
     * @param lastHour records within the series
     * @param series records per sampling interval, oldest first, the last ending at {@code
     *     generatedAt}
     */
    public record StageRow(String stage, long total, long lastHour, List<Point> series) {}

    /** Records counted in the interval ending at {@code at}. */
    public record Point(Instant at, long count) {}

    /** Enriched records with one IPTC topic ({@code none}: no topic). */
    public record TopicCount(String code, String label, long count) {}

    /** Records sent to the DLQ for one reason. */
    public record DlqReason(String stage, String reason, long count) {}

    /**
     * One record of the DLQ topic, as its headers describe it.
     *
     * @param at the record's timestamp
     * @param stage {@code error.stage}
     * @param errorClass {@code error.class}
     * @param message {@code error.message}
     */
    public record DlqRecord(
            Instant at,
            @Nullable String key,
            @Nullable String stage,
            @Nullable String errorClass,
            @Nullable String message) {}

    /**
     * The dead-letter queue.
     *
     * @param total records this process sent to the DLQ since it started
     * @param reasons those records by stage and reason
     * @param latest the newest records of the DLQ topic (from every process), newest first
     */
    public record DlqSummary(long total, List<DlqReason> reasons, List<DlqRecord> latest) {}
}
