package dev.newsflow.core.article;

import org.jspecify.annotations.Nullable;

/**
 * The story an article belongs to.
 *
 * @param id the id of the earliest article of the story (the article's own id when it starts one)
 * @param duplicateOf the id of the article this one is a near-copy of, if it is one
 * @param similarity similarity to {@code duplicateOf} (0 to 1), if set
 */
public record Cluster(String id, @Nullable String duplicateOf, @Nullable Double similarity) {
    /** A story of its own. */
    public static Cluster own(String articleId) {
        return new Cluster(articleId, null, null);
    }
}
