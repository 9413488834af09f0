package dev.newsflow.enrich.cluster;

import java.util.Objects;

/**
 * The MinHash signature of an article's shingles, and how many distinct shingles it had.
 *
 * <p>The fraction of equal signature positions of two fingerprints estimates the Jaccard similarity
 * of their shingle sets (standard error {@code sqrt(J(1-J)/k)} for {@code k} positions); with the
 * set sizes it also estimates containment, the share of the smaller set found in the larger, which
 * stays high when one copy adds boilerplate or drops a paragraph. Values are immutable by contract:
 * never modify {@link #signature()}.
 *
 * @param signature the minimum of each of {@code k} hash functions over the shingles
 * @param shingles the number of distinct shingles
 */
public record Fingerprint(int[] signature, int shingles) {
    public Fingerprint {
        Objects.requireNonNull(signature, "signature can't be null");
    }

    /** Returns the estimated similarity of this and {@code other} (same signature length). */
    public Similarity similarity(Fingerprint other) {
        int[] a = signature;
        int[] b = other.signature;
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "signatures differ in length: " + a.length + " vs " + b.length);
        }
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        double jaccard = a.length == 0 ? 0 : (double) equal / a.length;
        // |A ∩ B| = J (|A| + |B|) / (1 + J), so containment = that / min(|A|, |B|).
        int smaller = Math.min(shingles, other.shingles);
        double containment =
                smaller == 0
                        ? 0
                        : Math.min(
                                1.0,
                                jaccard * (shingles + other.shingles) / (1 + jaccard) / smaller);
        return new Similarity(jaccard, containment);
    }

    /** Returns the hash of band {@code band} ({@code rows} signature positions from band*rows). */
    public long band(int band, int rows) {
        long h = 0x9e3779b97f4a7c15L * (band + 1);
        for (int i = band * rows; i < (band + 1) * rows; i++) {
            h = Shingles.mix(h ^ (signature[i] & 0xffffffffL));
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f
                && f.shingles == shingles
                && java.util.Arrays.equals(f.signature, signature);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(signature) + shingles;
    }

    @Override
    public String toString() {
        return "Fingerprint[k=" + signature.length + ", shingles=" + shingles + "]";
    }
}
