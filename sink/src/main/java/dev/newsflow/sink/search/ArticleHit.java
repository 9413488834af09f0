package dev.newsflow.sink.search;

import dev.newsflow.core.article.TopicTag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One article in a result list: what a reader needs to pick it, without its text (the whole record
 * is at {@code GET /api/articles/{id}}).
 *
 * @param id article id
 * @param revision its stored revision
 * @param url canonical URL
 * @param title title, if any
 * @param summary summary, if any
 * @param language BCP-47 tag
 * @param publishedAt publication time, if known
 * @param fetchedAt when it was fetched
 * @param sortAt the time the list is ordered by: {@code publishedAt}, else (none, or implausible)
 *     {@code fetchedAt}
 * @param feedId the feed it came from ({@code source} filter)
 * @param feedName the feed's name, if any
 * @param siteName the publication's name, if known
 * @param topics IPTC topics, best first
 * @param clusterId its story's id
 * @param duplicateOf the article it is a near-copy of, if any
 */
public record ArticleHit(
        String id,
        int revision,
        String url,
        @Nullable String title,
        @Nullable String summary,
        String language,
        @Nullable Instant publishedAt,
        Instant fetchedAt,
        Instant sortAt,
        String feedId,
        @Nullable String feedName,
        @Nullable String siteName,
        List<TopicTag> topics,
        String clusterId,
        @Nullable String duplicateOf) {}
