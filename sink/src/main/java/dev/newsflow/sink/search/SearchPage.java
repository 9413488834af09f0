package dev.newsflow.sink.search;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of results.
 *
 * @param items the articles, newest first
 * @param next the cursor of the next page, null on the last page
 */
public record SearchPage(List<ArticleHit> items, @Nullable String next) {
    public SearchPage {
        items = List.copyOf(items);
    }
}
