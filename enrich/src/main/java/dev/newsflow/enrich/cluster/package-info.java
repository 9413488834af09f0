/**
 * Near-duplicate fingerprints: shingling that also works for scripts written without spaces,
 * MinHash signatures with LSH bands to find candidates, and the similarity that verifies them. The
 * topology ({@code enrich.topology}) stores and routes these values; this package does no I/O.
 */
@NullMarked
package dev.newsflow.enrich.cluster;

import org.jspecify.annotations.NullMarked;
