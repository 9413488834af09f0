/**
 * Sink: consumes enriched articles and upserts them into PostgreSQL or SQLite, committing offsets
 * only after the database commit. {@link dev.newsflow.sink.SinkApp} is the wiring.
 */
@NullMarked
package dev.newsflow.sink;

import org.jspecify.annotations.NullMarked;
