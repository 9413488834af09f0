package dev.newsflow.ingest.feed;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of one poll of one feed, before its articles are published.
 *
 * @param feed the feed polled
 * @param outcome {@code ok}, {@code not_modified}, {@code parse_error}, {@code deferred} or another
 *     fetch outcome tag (a metric tag value, from a bounded set)
 * @param error a readable reason when the poll failed
 * @param newItems items not produced before, in feed order
 * @param itemsFound items in the document
 * @param rejected items rejected by the mapper
 * @param bytes bytes of the body
 * @param elapsed wall time of fetch and parse
 * @param next the feed's state once {@code newItems} are published
 * @param freshnessLags for new items with a publication date, the time from it to this poll (empty
 *     on a feed's first poll, whose backlog is not lag)
 * @param pageOutcomes article pages tried in this poll, by outcome ({@code ok} or the reason a page
 *     was not used, see {@link PageFetcher})
 */
public record PollResult(
        FeedDefinition feed,
        String outcome,
        @Nullable String error,
        List<ItemMapper.Accepted> newItems,
        int itemsFound,
        List<ItemMapper.Rejected> rejected,
        long bytes,
        Duration elapsed,
        FeedState next,
        List<Duration> freshnessLags,
        Map<String, Integer> pageOutcomes) {
    /** Outcome of a poll whose document could not be read as a feed. */
    public static final String PARSE_ERROR = "parse_error";

    /** Outcome of a poll whose articles or state could not be written to Kafka. */
    public static final String PUBLISH_ERROR = "publish_error";

    /** Outcome of a poll that failed on a bug (an unexpected exception). */
    public static final String INTERNAL_ERROR = "internal_error";

    /** Outcome of a poll put off because the host is busy or held off. */
    public static final String DEFERRED = "deferred";

    public PollResult {
        newItems = List.copyOf(newItems);
        rejected = List.copyOf(rejected);
        freshnessLags = List.copyOf(freshnessLags);
        pageOutcomes = Map.copyOf(pageOutcomes);
    }

    /** A result without article pages. */
    public PollResult(
            FeedDefinition feed,
            String outcome,
            @Nullable String error,
            List<ItemMapper.Accepted> newItems,
            int itemsFound,
            List<ItemMapper.Rejected> rejected,
            long bytes,
            Duration elapsed,
            FeedState next,
            List<Duration> freshnessLags) {
        this(
                feed,
                outcome,
                error,
                newItems,
                itemsFound,
                rejected,
                bytes,
                elapsed,
                next,
                freshnessLags,
                Map.of());
    }

    /** Returns whether the poll succeeded (new content or not modified) or was only put off. */
    public boolean succeeded() {
        return error == null;
    }

    /** Returns whether the poll was put off without fetching (host busy or held off). */
    public boolean deferred() {
        return DEFERRED.equals(outcome);
    }
}
