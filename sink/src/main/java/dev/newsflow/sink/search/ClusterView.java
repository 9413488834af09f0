package dev.newsflow.sink.search;

import java.time.Instant;
import java.util.List;

/**
 * A story: the stored articles that share a cluster id.
 *
 * @param id the cluster id (the id of the story's earliest article)
 * @param size how many stored articles it has
 * @param firstAt the earliest {@code sortAt} among them
 * @param lastAt the latest
 * @param articles its articles, oldest first, at most {@link ArticleSearch#MAX_CLUSTER_ARTICLES}
 */
public record ClusterView(
        String id, int size, Instant firstAt, Instant lastAt, List<ArticleHit> articles) {
    public ClusterView {
        articles = List.copyOf(articles);
    }
}
