/**
 * The {@code newsflow} command: {@code run} (everything in one JVM with an embedded broker) and
 * each service alone ({@code ingest}, {@code enrich}, {@code sink}).
 */
@NullMarked
package dev.newsflow.deploy;

import org.jspecify.annotations.NullMarked;
