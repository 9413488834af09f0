/**
 * The read API over HTTP: {@code /api/articles}, {@code /api/articles/{id}}, {@code
 * /api/clusters/{id}}, served by {@link dev.newsflow.sink.api.ArticleApi} on the process's HTTP
 * endpoint.
 */
@NullMarked
package dev.newsflow.sink.api;

import org.jspecify.annotations.NullMarked;
