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
 * newsflow.feed-state} (key = feed id, in the partition of the feed's definition). A restarted or
 * new ingest instance resumes from it, and {@code newsflow feeds list} shows it as the feed's
 * health.
 *
 * <p>Fields after {@code seenItemIds} were added later; records written before them read with those
 * fields null.
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
 * @param lastStatus the HTTP status of the last poll, if a response came
 * @param nextPollReason why {@code nextPollAt} is what it is: {@code interval} (fixed), {@code
 *     adaptive}, {@code cache} (Cache-Control, Expires or RSS ttl), {@code retry_after}, {@code
 *     backoff} or {@code host_busy}
 * @param publishIntervalMs the estimated time between two items of the feed, in ms, if known
 * @param newestItemAt the publication time of the newest item seen (or, for undated feeds, when new
 *     items last appeared)
 * @param lastItemsFound items in the last document fetched
 * @param lastItemsNew of those, items produced
 * @param lastItemsRejected of those, items dropped as unusable (no link, a bad link, no content,
 *     too large), if any
 * @param lastRejection the reason and detail of the first of them, e.g. {@code no_link: item 3 has
 *     no link}
 * @param lastBytes body size of the last poll, after decompression
 * @param lastElapsedMs wall time of the last poll's fetch and parse, in ms
 * @param offeredFeedUrl for an {@code html} source: a feed the listing page advertises ({@code
 *     <link rel="alternate">}) that fetched and parsed with items when last checked; null when none
 *     was found or the source was not checked. Shown by the feed health as a hint to poll the feed
 *     instead. Filled by the poller of {@code html} sources, e.g. with {@code
 *     FeedDiscovery.findOfferedFeed}
 * @param offeredFeedCheckedAt when {@code offeredFeedUrl} was last looked for, so that the check
 *     can run far less often than the polls
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
        List<String> seenItemIds,
        @Nullable Integer lastStatus,
        @Nullable String nextPollReason,
        @Nullable Long publishIntervalMs,
        @Nullable Instant newestItemAt,
        @Nullable Integer lastItemsFound,
        @Nullable Integer lastItemsNew,
        @Nullable Integer lastItemsRejected,
        @Nullable String lastRejection,
        @Nullable Long lastBytes,
        @Nullable Long lastElapsedMs,
        @Nullable String offeredFeedUrl,
        @Nullable Instant offeredFeedCheckedAt) {

    public static final int SCHEMA_VERSION = 1;

    public FeedState {
        Objects.requireNonNull(feedId, "feedId can't be null");
        Objects.requireNonNull(url, "url can't be null");
        seenItemIds = seenItemIds == null ? List.of() : List.copyOf(seenItemIds);
    }

    /** The state of a feed never polled. */
    public static FeedState initial(FeedDefinition feed) {
        return new Builder(feed.id(), feed.url()).build();
    }

    /** Returns whether the last poll failed. */
    public boolean failing() {
        return consecutiveFailures > 0;
    }

    /** A builder starting from this state. */
    public Builder toBuilder() {
        return new Builder(this);
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

    /** Builds a {@link FeedState}; not thread-safe. */
    public static final class Builder {
        private final String feedId;
        private String url;
        private @Nullable String etag;
        private @Nullable String lastModified;
        private @Nullable Instant lastPollAt;
        private @Nullable Instant lastSuccessAt;
        private @Nullable Instant nextPollAt;
        private @Nullable String lastOutcome;
        private @Nullable String lastError;
        private @Nullable Instant failingSince;
        private int consecutiveFailures;
        private long itemsTotal;
        private List<String> seenItemIds = List.of();
        private @Nullable Integer lastStatus;
        private @Nullable String nextPollReason;
        private @Nullable Long publishIntervalMs;
        private @Nullable Instant newestItemAt;
        private @Nullable Integer lastItemsFound;
        private @Nullable Integer lastItemsNew;
        private @Nullable Integer lastItemsRejected;
        private @Nullable String lastRejection;
        private @Nullable Long lastBytes;
        private @Nullable Long lastElapsedMs;
        private @Nullable String offeredFeedUrl;
        private @Nullable Instant offeredFeedCheckedAt;

        /** A builder of the state of a feed never polled. */
        public Builder(String feedId, String url) {
            this.feedId = Objects.requireNonNull(feedId, "feedId can't be null");
            this.url = Objects.requireNonNull(url, "url can't be null");
        }

        private Builder(FeedState s) {
            this(s.feedId, s.url);
            etag = s.etag;
            lastModified = s.lastModified;
            lastPollAt = s.lastPollAt;
            lastSuccessAt = s.lastSuccessAt;
            nextPollAt = s.nextPollAt;
            lastOutcome = s.lastOutcome;
            lastError = s.lastError;
            failingSince = s.failingSince;
            consecutiveFailures = s.consecutiveFailures;
            itemsTotal = s.itemsTotal;
            seenItemIds = s.seenItemIds;
            lastStatus = s.lastStatus;
            nextPollReason = s.nextPollReason;
            publishIntervalMs = s.publishIntervalMs;
            newestItemAt = s.newestItemAt;
            lastItemsFound = s.lastItemsFound;
            lastItemsNew = s.lastItemsNew;
            lastItemsRejected = s.lastItemsRejected;
            lastRejection = s.lastRejection;
            lastBytes = s.lastBytes;
            lastElapsedMs = s.lastElapsedMs;
            offeredFeedUrl = s.offeredFeedUrl;
            offeredFeedCheckedAt = s.offeredFeedCheckedAt;
        }

        public Builder url(String v) {
            url = Objects.requireNonNull(v, "url can't be null");
            return this;
        }

        public Builder etag(@Nullable String v) {
            etag = v;
            return this;
        }

        public Builder lastModified(@Nullable String v) {
            lastModified = v;
            return this;
        }

        public Builder lastPollAt(@Nullable Instant v) {
            lastPollAt = v;
            return this;
        }

        public Builder lastSuccessAt(@Nullable Instant v) {
            lastSuccessAt = v;
            return this;
        }

        public Builder nextPollAt(@Nullable Instant v) {
            nextPollAt = v;
            return this;
        }

        public Builder lastOutcome(@Nullable String v) {
            lastOutcome = v;
            return this;
        }

        public Builder lastError(@Nullable String v) {
            lastError = v;
            return this;
        }

        public Builder failingSince(@Nullable Instant v) {
            failingSince = v;
            return this;
        }

        public Builder consecutiveFailures(int v) {
            consecutiveFailures = v;
            return this;
        }

        public Builder itemsTotal(long v) {
            itemsTotal = v;
            return this;
        }

        public Builder seenItemIds(List<String> v) {
            seenItemIds = v;
            return this;
        }

        public Builder lastStatus(@Nullable Integer v) {
            lastStatus = v;
            return this;
        }

        public Builder nextPollReason(@Nullable String v) {
            nextPollReason = v;
            return this;
        }

        public Builder publishIntervalMs(@Nullable Long v) {
            publishIntervalMs = v;
            return this;
        }

        public Builder newestItemAt(@Nullable Instant v) {
            newestItemAt = v;
            return this;
        }

        public Builder lastItemsFound(@Nullable Integer v) {
            lastItemsFound = v;
            return this;
        }

        public Builder lastItemsNew(@Nullable Integer v) {
            lastItemsNew = v;
            return this;
        }

        public Builder lastItemsRejected(@Nullable Integer v) {
            lastItemsRejected = v;
            return this;
        }

        public Builder lastRejection(@Nullable String v) {
            lastRejection = v;
            return this;
        }

        public Builder lastBytes(@Nullable Long v) {
            lastBytes = v;
            return this;
        }

        public Builder lastElapsedMs(@Nullable Long v) {
            lastElapsedMs = v;
            return this;
        }

        public Builder offeredFeedUrl(@Nullable String v) {
            offeredFeedUrl = v;
            return this;
        }

        public Builder offeredFeedCheckedAt(@Nullable Instant v) {
            offeredFeedCheckedAt = v;
            return this;
        }

        public FeedState build() {
            return new FeedState(
                    SCHEMA_VERSION,
                    feedId,
                    url,
                    etag,
                    lastModified,
                    lastPollAt,
                    lastSuccessAt,
                    nextPollAt,
                    lastOutcome,
                    lastError,
                    failingSince,
                    consecutiveFailures,
                    itemsTotal,
                    seenItemIds,
                    lastStatus,
                    nextPollReason,
                    publishIntervalMs,
                    newestItemAt,
                    lastItemsFound,
                    lastItemsNew,
                    lastItemsRejected,
                    lastRejection,
                    lastBytes,
                    lastElapsedMs,
                    offeredFeedUrl,
                    offeredFeedCheckedAt);
        }
    }
}
