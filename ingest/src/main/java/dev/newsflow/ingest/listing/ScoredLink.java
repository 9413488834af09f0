package dev.newsflow.ingest.listing;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One link of a listing page, as {@link ArticleLinkFinder} judged it.
 *
 * @param url the absolute link (resolved against the page, fragment removed)
 * @param title the listing's title for it: the rule's title selector, else the anchor text, else
 *     the card's heading or the image's alt text
 * @param teaser the listing's teaser next to it, if any
 * @param publishedAt the listing's date next to it, UTC, if any
 * @param score the automatic score (at least {@link ArticleLinkFinder#THRESHOLD} for an article);
 *     for a rule-matched link {@link ArticleLinkFinder#RULE_SCORE}
 * @param article whether the link is taken as an article
 * @param reason why: the signals that added up ({@code date+slug+headline}), the rule that matched
 *     ({@code rule:selector}), or what excluded it ({@code excluded:nav}, {@code
 *     excluded:path:tag}, {@code rule:exclude})
 */
public record ScoredLink(
        String url,
        @Nullable String title,
        @Nullable String teaser,
        @Nullable Instant publishedAt,
        double score,
        boolean article,
        String reason) {
    public ScoredLink {
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(reason, "reason can't be null");
    }
}
