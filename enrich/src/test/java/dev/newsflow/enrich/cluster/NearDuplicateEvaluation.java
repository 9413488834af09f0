package dev.newsflow.enrich.cluster;

import dev.newsflow.enrich.cluster.LabelledPairs.Pair;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Scores a near-duplicate decision on labelled pairs. */
final class NearDuplicateEvaluation {
    private NearDuplicateEvaluation() {}

    /** Counts of one evaluation, with the recall of each positive kind. */
    record Score(int tp, int fp, int fn, int tn, Map<String, int[]> byKind) {
        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        /** Recall of positive kinds, or the true-negative rate of negative kinds. */
        double rate(String kind) {
            int[] c = byKind.get(kind);
            return c == null ? Double.NaN : (double) c[0] / c[1];
        }

        @Override
        public String toString() {
            StringBuilder sb =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT,
                                    "P %.3f R %.3f (tp %d fp %d fn %d tn %d)",
                                    precision(),
                                    recall(),
                                    tp,
                                    fp,
                                    fn,
                                    tn));
            byKind.forEach(
                    (k, c) -> sb.append(String.format(Locale.ROOT, " %s %d/%d", k, c[0], c[1])));
            return sb.toString();
        }
    }

    static String text(String title, String text) {
        return title + "\n" + text;
    }

    /** MinHash-LSH with verification, as the topology decides. */
    static Score minHash(List<Pair> pairs, ClusterPolicy policy) {
        MinHasher hasher = policy.hasher();
        return score(
                pairs,
                p -> {
                    Fingerprint a = hasher.fingerprint(text(p.titleA(), p.textA()));
                    Fingerprint b = hasher.fingerprint(text(p.titleB(), p.textB()));
                    return policy.clusterable(a)
                            && policy.clusterable(b)
                            && policy.candidates(a, b)
                            && policy.nearDuplicate(a.similarity(b));
                });
    }

    /** SimHash: near-duplicates when the Hamming distance is at most {@code maxDistance}. */
    static Score simHash(List<Pair> pairs, Shingles shingles, int maxDistance) {
        return score(
                pairs,
                p ->
                        SimHash.distance(
                                        SimHash.of(shingles.hashes(text(p.titleA(), p.textA()))),
                                        SimHash.of(shingles.hashes(text(p.titleB(), p.textB()))))
                                <= maxDistance);
    }

    static Score score(List<Pair> pairs, Predicate<Pair> decide) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        for (Pair p : pairs) {
            boolean said = decide.test(p);
            int[] c = byKind.computeIfAbsent(p.kind(), k -> new int[2]);
            c[1]++;
            if (said == p.duplicate()) {
                c[0]++;
            }
            if (p.duplicate()) {
                if (said) tp++;
                else fn++;
            } else {
                if (said) fp++;
                else tn++;
            }
        }
        return new Score(tp, fp, fn, tn, byKind);
    }
}
