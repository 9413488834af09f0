/**
 * The records Newsflow publishes: {@link dev.newsflow.core.article.RawArticle} on {@code
 * newsflow.articles.raw} and {@link dev.newsflow.core.article.EnrichedArticle} on {@code
 * newsflow.articles.enriched}. Both are JSON documents with a {@code schemaVersion}; their JSON
 * Schemas live under {@code schemas/} in this jar.
 */
@NullMarked
package dev.newsflow.core.article;

import org.jspecify.annotations.NullMarked;
