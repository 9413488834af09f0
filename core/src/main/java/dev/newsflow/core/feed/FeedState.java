package dev.newsflow.core.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What ingest knows about one feed between polls, stored on the compacted topic {@code
 * newsflow.feed-state} (key = feed id). A restarted or new ingest instance resumes from it.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param feedId the feed's id
 * @param url the URL polled last; differs from the definition after a permanent redirect
 * @param etag the last {@code ETag} validator, for conditional GET
 * @param lastModified the last {@code Last-Modified} validator, as sent by the server
 * @param lastPollAt when the feed was last polled
 * @param lastSuccessAt when a poll last succeeded (200 or 304)
 * @param nextPollAt when the feed is due next
 * @param lastOutcome the outcome of the last poll ({@code ok}, {@code not_modified}, {@code
 *     http_error}, {@code parse_error}, {@code blocked}, {@code timeout}…)
 * @param lastError a readable reason for the last failure, if the last poll failed
 * @param failingSince when the current run of failures began, if failing
 * @param consecutiveFailures failures since the last success
 * @param itemsTotal new items produced from this feed, all time
 * @param seenItemIds ids of items already produced, most recent last, bounded
 */
public record FeedState(
        int schemaVersion,
        String feedId,
        String url,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable Instant lastPollAt,
        @Nullable Instant lastSuccessAt,
        @Nullable Instant nextPollAt,
        @Nullable String lastOutcome,
        @Nullable String lastError,
        @Nullable Instant failingSince,
        int consecutiveFailures,
        long itemsTotal,
        List<String> seenItemIds) {

    public static final int SCHEMA_VERSION = 1;

    public FeedState {
        Objects.requireNonNull(feedId, "feedId can't be null");
        Objects.requireNonNull(url, "url can't be null");
        seenItemIds = seenItemIds == null ? List.of() : List.copyOf(seenItemIds);
    }

    /** The state of a feed never polled. */
    public static FeedState initial(FeedDefinition feed) {
        return new FeedState(
                SCHEMA_VERSION,
                feed.id(),
                feed.url(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                0,
                List.of());
    }

    /** Returns whether the last poll failed. */
    public boolean failing() {
        return consecutiveFailures > 0;
    }

    /**
     * Returns {@code seen} followed by {@code added} (without repeats), keeping the newest {@code
     * max} ids.
     */
    public static List<String> boundedSeen(
            Collection<String> seen, Collection<String> added, int max) {
        LinkedHashSet<String> all = new LinkedHashSet<>(seen);
        for (String id : added) {
            all.remove(id);
            all.add(id);
        }
        List<String> list = new ArrayList<>(all);
        return list.size() <= max ? list : list.subList(list.size() - max, list.size());
    }
}
