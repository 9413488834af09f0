package dev.newsflow.enrich.cluster;

/**
 * When two articles are near-duplicates, and the fingerprint shape that finds them.
 *
 * <p>Two articles are candidates when one of their {@code bands} LSH bands (each {@code rows}
 * signature positions) is equal, and near-duplicates when, in addition, the estimated Jaccard
 * similarity reaches {@code minJaccard} or the estimated containment reaches {@code
 * minContainment}. Articles with fewer than {@code minShingles} shingles are never clustered: a
 * headline-only item says too little to call it a copy. The defaults were chosen on the dev split
 * of the labelled set in {@code enrich/src/test/resources/neardup} (see its README for the
 * figures).
 *
 * @param wordShingle words per shingle in spaced scripts (default 3)
 * @param charShingle characters per shingle in unspaced scripts (default 3)
 * @param bands LSH bands (default 24, at most {@value #MAX_BANDS})
 * @param rows signature positions per band (default 3)
 * @param minJaccard estimated Jaccard similarity that makes a near-duplicate (default 0.3)
 * @param minContainment estimated containment that makes a near-duplicate (default 0.6)
 * @param minShingles fewer distinct shingles and the article is not clustered (default 5)
 */
public record ClusterPolicy(
        int wordShingle,
        int charShingle,
        int bands,
        int rows,
        double minJaccard,
        double minContainment,
        int minShingles) {
    /** The most bands: a band partition records the bands it indexed as one 64-bit mask. */
    public static final int MAX_BANDS = 64;

    public ClusterPolicy {
        if (wordShingle < 1 || charShingle < 1 || bands < 1 || rows < 1 || minShingles < 0) {
            throw new IllegalArgumentException("shingle sizes, bands and rows must be >= 1");
        }
        if (bands > MAX_BANDS) {
            throw new IllegalArgumentException("bands must be <= " + MAX_BANDS + ", got " + bands);
        }
        if (minJaccard <= 0 || minJaccard > 1 || minContainment <= 0 || minContainment > 1) {
            throw new IllegalArgumentException("thresholds must be in (0, 1]");
        }
    }

    /** The defaults, tuned on the dev split of the labelled near-duplicate set. */
    public static ClusterPolicy defaults() {
        return new ClusterPolicy(3, 3, 24, 3, 0.3, 0.6, 5);
    }

    /** Returns the hasher of this shape. */
    public MinHasher hasher() {
        return MinHasher.create(Shingles.of(wordShingle, charShingle), bands, rows);
    }

    /** Returns whether {@code a} and {@code b} share an LSH band. */
    public boolean candidates(Fingerprint a, Fingerprint b) {
        for (int i = 0; i < bands; i++) {
            if (a.band(i, rows) == b.band(i, rows)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether an article of this fingerprint takes part in clustering. */
    public boolean clusterable(Fingerprint f) {
        return f.shingles() >= minShingles;
    }

    /** Returns whether {@code s} is close enough for a near-duplicate. */
    public boolean nearDuplicate(Similarity s) {
        return s.jaccard() >= minJaccard || s.containment() >= minContainment;
    }
}
