package dev.newsflow.ingest.fetch;

/**
 * Fetches one URL for ingest, feeds and article pages alike, through one politeness, robots.txt and
 * address-guard layer: whoever fetches through the same {@code Fetcher} shares its per-host queue,
 * its robots.txt cache and its connection pool. Implementations are thread-safe.
 */
public interface Fetcher extends AutoCloseable {
    /**
     * Fetches {@code request}. Never throws for a per-URL problem: every failure is a {@link
     * FetchResult} with an outcome and a readable reason.
     */
    FetchResult fetch(FetchRequest request);

    /** Releases connections and threads. */
    @Override
    void close();
}
