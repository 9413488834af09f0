/**
 * Ingest: polls feeds, fetches and parses them, maps items to raw articles and produces them on
 * {@code newsflow.articles.raw}. {@link dev.newsflow.ingest.IngestApp} is the wiring.
 */
@NullMarked
package dev.newsflow.ingest;

import org.jspecify.annotations.NullMarked;
