package dev.newsflow.enrich.cluster;

/**
 * 64-bit SimHash over shingle hashes (Charikar): each bit is the sign of the sum of that bit over
 * all shingles. Kept in the tests only, to measure it against MinHash on the labelled set.
 */
final class SimHash {
    private SimHash() {}

    static long of(long[] shingleHashes) {
        int[] weights = new int[64];
        for (long h : shingleHashes) {
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((h >>> bit) & 1L) == 1L ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
