package dev.newsflow.core.config;

/**
 * Article-page fetching during feed polls ({@code ingest.page.*}).
 *
 * @param minChars a feed item whose own text (else summary) is shorter than this many characters
 *     has its page fetched and extracted (default 600); 0 fetches pages only for feeds with {@code
 *     full.text} and for {@code html} sources
 * @param maxPerPoll article pages fetched in one poll at most (default 20); the rest of a feed's
 *     items are published with their feed content, the rest of an {@code html} source's links wait
 *     for the next poll
 * @param budgetMs wall time one poll may spend on article pages, in ms (default 120000); past it
 *     the rest is treated as over {@code maxPerPoll}
 */
public record PageConfig(int minChars, int maxPerPoll, long budgetMs) {}
