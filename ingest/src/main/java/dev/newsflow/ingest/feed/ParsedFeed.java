package dev.newsflow.ingest.feed;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed feed.
 *
 * @param format {@code rss}, {@code atom} or {@code json} (the {@code source.type} of its articles)
 * @param formatVersion the exact dialect, e.g. {@code rss_2.0}, {@code atom_1.0}
 * @param title the feed's title
 * @param link the site the feed belongs to
 * @param language the feed's declared language, if any
 * @param ttlMinutes RSS {@code ttl}, if given
 * @param items the items in document order
 * @param notes what the parser had to recover from (for {@code --explain} and logs)
 */
public record ParsedFeed(
        String format,
        String formatVersion,
        @Nullable String title,
        @Nullable String link,
        @Nullable String language,
        @Nullable Integer ttlMinutes,
        List<FeedItem> items,
        List<String> notes) {
    public ParsedFeed {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }
}
