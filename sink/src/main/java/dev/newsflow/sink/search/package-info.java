/**
 * Search and reads over the stored articles: query parameters and their validation ({@link
 * dev.newsflow.sink.search.ArticleQuery}), keyset cursors, full-text queries for both databases,
 * and {@link dev.newsflow.sink.search.ArticleSearch}, which the read API and {@code newsflow
 * search} share.
 */
@NullMarked
package dev.newsflow.sink.search;

import org.jspecify.annotations.NullMarked;
