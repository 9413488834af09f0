/**
 * Benchmarks. Each is a {@code main} class run with {@code bench/run NAME}; each measures a stage
 * against a baseline run side by side in the same process and prints a Markdown table row for
 * {@code bench/README.md}.
 */
@NullMarked
package dev.newsflow.bench;

import org.jspecify.annotations.NullMarked;
