package dev.newsflow.enrich.cluster;

/**
 * How alike two articles are, estimated from their {@link Fingerprint}s.
 *
 * @param jaccard shared shingles over all shingles of the two, 0 to 1
 * @param containment shared shingles over the shingles of the shorter one, 0 to 1
 */
public record Similarity(double jaccard, double containment) {
    /** The larger of the two measures, the similarity reported on a cluster. */
    public double score() {
        return Math.max(jaccard, containment);
    }
}
