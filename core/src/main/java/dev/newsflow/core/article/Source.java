package dev.newsflow.core.article;

import org.jspecify.annotations.Nullable;

/**
 * Where an article came from: the feed (or listing page, or sitemap) that named it.
 *
 * @param feedId the feed's id on {@code newsflow.feeds}
 * @param feedUrl the URL that was polled
 * @param feedName the operator's name for the feed, if any
 * @param type the source format: {@code rss} (RSS 0.9x to 2.0 and RSS 1.0/RDF), {@code atom},
 *     {@code json} (JSON Feed), {@code sitemap} or {@code html} (a listing page)
 * @param feedTitle the title the feed gives itself, if any
 */
public record Source(
        String feedId,
        String feedUrl,
        @Nullable String feedName,
        String type,
        @Nullable String feedTitle) {}
