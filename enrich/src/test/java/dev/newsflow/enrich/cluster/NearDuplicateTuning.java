package dev.newsflow.enrich.cluster;

import dev.newsflow.enrich.cluster.LabelledPairs.Pair;
import java.util.List;
import java.util.Locale;

/**
 * Grid search of the fingerprint parameters on the dev split of the labelled set (never the test
 * split). Run: {@code java -cp <test classpath> dev.newsflow.enrich.cluster.NearDuplicateTuning}.
 * Prints one line per setting: recall, precision, and the recall of each kind.
 */
public final class NearDuplicateTuning {
    private NearDuplicateTuning() {}

    public static void main(String[] args) {
        List<Pair> dev = LabelledPairs.load().split("dev");
        for (int charShingle : new int[] {3, 4}) {
            Shingles shingles = Shingles.of(3, charShingle);
            for (int d : new int[] {3, 6, 10, 14, 18}) {
                NearDuplicateEvaluation.Score s = NearDuplicateEvaluation.simHash(dev, shingles, d);
                System.out.printf(Locale.ROOT, "simhash chars=%d d<=%-2d %s%n", charShingle, d, s);
            }
            for (int rows : new int[] {2, 3, 4}) {
                for (int bands : new int[] {16, 20, 24, 32}) {
                    for (double t : new double[] {0.2, 0.25, 0.3, 0.35, 0.4, 0.5}) {
                        ClusterPolicy policy =
                                new ClusterPolicy(3, charShingle, bands, rows, t, 2 * t, 5);
                        System.out.printf(
                                Locale.ROOT,
                                "minhash chars=%d rows=%d bands=%2d j>=%.2f c>=%.2f %s%n",
                                charShingle,
                                rows,
                                bands,
                                t,
                                2 * t,
                                NearDuplicateEvaluation.minHash(dev, policy));
                    }
                }
            }
        }
    }
}
