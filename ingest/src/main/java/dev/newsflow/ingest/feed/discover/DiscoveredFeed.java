package dev.newsflow.ingest.feed.discover;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.ingest.feed.ParsedFeed;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A feed candidate after it was fetched and parsed.
 *
 * @param url the URL to poll: the candidate's URL, or its target when every redirect was permanent
 * @param via where it was found ({@link FeedCandidate#via()})
 * @param format {@code rss}, {@code atom}, {@code json} or {@code sitemap} as parsed ({@link
 *     ParsedFeed#format()}); null when it did not parse
 * @param title the feed's own title, else the title of the link that advertised it
 * @param items items in the document
 * @param childSitemaps for a sitemap index, its child sitemaps (it has no items itself)
 * @param error why it is not a working feed (fetch outcome and reason, or the parser's message);
 *     null when it parsed
 */
public record DiscoveredFeed(
        String url,
        String via,
        @Nullable String format,
        @Nullable String title,
        int items,
        int childSitemaps,
        @Nullable String error) {

    public DiscoveredFeed {
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(via, "via can't be null");
    }

    /** Returns whether it was fetched and parsed as a feed or sitemap. */
    public boolean ok() {
        return error == null;
    }

    /**
     * The source type to poll it as: {@link FeedDefinition#TYPE_SITEMAP} for sitemaps, else {@link
     * FeedDefinition#TYPE_FEED}.
     */
    public String sourceType() {
        return ParsedFeed.FORMAT_SITEMAP.equals(format)
                ? FeedDefinition.TYPE_SITEMAP
                : FeedDefinition.TYPE_FEED;
    }

    /** A short label of what it is: {@code rss}, {@code sitemap index}, {@code ?} when broken. */
    public String kind() {
        if (format == null) {
            return "?";
        }
        return ParsedFeed.FORMAT_SITEMAP.equals(format) && childSitemaps > 0 && items == 0
                ? "sitemap index"
                : format;
    }
}
