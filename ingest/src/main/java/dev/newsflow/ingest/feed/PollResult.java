package dev.newsflow.ingest.feed;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one poll of one feed, before its articles are published.
 *
 * @param feed the feed polled
 * @param outcome {@code ok}, {@code not_modified}, {@code parse_error} or a fetch outcome tag
 * @param error a readable reason when the poll failed
 * @param newItems items not produced before, in feed order
 * @param itemsFound items in the document
 * @param rejected items rejected by the mapper
 * @param bytes bytes of the body
 * @param elapsed wall time of fetch and parse
 * @param next the feed's state once {@code newItems} are published
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
        FeedState next) {
    public PollResult {
        newItems = List.copyOf(newItems);
        rejected = List.copyOf(rejected);
    }

    /** Returns whether the poll succeeded (new content or not modified). */
    public boolean succeeded() {
        return error == null;
    }
}
