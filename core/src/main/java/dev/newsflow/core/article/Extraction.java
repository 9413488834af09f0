package dev.newsflow.core.article;

import org.jspecify.annotations.Nullable;

/**
 * How an article's text was obtained.
 *
 * @param method {@code feed} (the feed item's own content), {@code page} (extracted from the
 *     article page, replacing the feed content) or {@code feed+page} (the page completed a short
 *     feed content)
 * @param detail which signal the extractor trusted ({@code json-ld}, {@code article}, {@code
 *     scoring}…), if a page was extracted
 * @param error why a page fetch or extraction failed, if it did; the feed content was kept
 */
public record Extraction(String method, @Nullable String detail, @Nullable String error) {
    public static final String FEED = "feed";
    public static final String PAGE = "page";
    public static final String FEED_AND_PAGE = "feed+page";

    /** The text came from the feed item only. */
    public static Extraction fromFeed() {
        return new Extraction(FEED, null, null);
    }
}
