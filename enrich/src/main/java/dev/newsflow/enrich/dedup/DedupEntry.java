package dev.newsflow.enrich.dedup;

/**
 * What the dedup store remembers of an article id.
 *
 * @param contentHash the content hash of its latest revision
 * @param revision its latest revision
 * @param lastSeenMs when it was last seen (epoch ms), for retention
 */
public record DedupEntry(String contentHash, int revision, long lastSeenMs) {}
