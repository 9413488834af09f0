package dev.newsflow.enrich.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.cluster.LabelledPairs.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Precision and recall of the default {@link ClusterPolicy} on the labelled near-duplicate set. The
 * thresholds were chosen on the dev split ({@link NearDuplicateTuning}); the figures that count are
 * those of the held-out test split.
 */
class NearDuplicateSetTest {
    private static final Logger log = LoggerFactory.getLogger(NearDuplicateSetTest.class);
    private static final LabelledPairs SET = LabelledPairs.load();

    @Test
    void shouldHoldAtLeastTwoHundredPairsOfEveryKindInBothSplits() {
        assertThat(SET.pairs()).hasSizeGreaterThanOrEqualTo(200);
        for (String split : List.of("dev", "test")) {
            assertThat(SET.split(split))
                    .extracting(Pair::kind)
                    .contains(
                            "exact", "syndicated", "edited", "syndicated+edited", "hard-negative");
            assertThat(SET.split(split)).extracting(Pair::lang).contains("en", "zh", "ja", "th");
        }
    }

    @Test
    void shouldFindNearDuplicatesOfTheHeldOutSplitWithHighPrecisionAndRecall() {
        var dev = NearDuplicateEvaluation.minHash(SET.split("dev"), ClusterPolicy.defaults());
        var test = NearDuplicateEvaluation.minHash(SET.split("test"), ClusterPolicy.defaults());
        log.info("MinHash-LSH {} on dev:  {}", ClusterPolicy.defaults(), dev);
        log.info("MinHash-LSH {} on test: {}", ClusterPolicy.defaults(), test);

        assertThat(test.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(test.precision()).isGreaterThanOrEqualTo(0.98);
        assertThat(test.rate("exact")).isEqualTo(1.0);
        assertThat(test.rate("hard-negative")).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void shouldFindNearDuplicatesInUnspacedScripts() {
        List<Pair> cjk = SET.pairs().stream().filter(p -> p.lang().matches("zh|ja|th")).toList();
        var score = NearDuplicateEvaluation.minHash(cjk, ClusterPolicy.defaults());
        log.info("MinHash-LSH on zh/ja/th pairs (both splits): {}", score);

        assertThat(score.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(score.precision()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void shouldLoseLightRewritesWithSimHashAtSmallDistances() {
        // The measurement behind choosing MinHash: SimHash at a Hamming distance small enough to
        // index with few blocks keeps exact copies but misses most edited copies.
        Shingles shingles = Shingles.of(3, 3);
        var simHash3 = NearDuplicateEvaluation.simHash(SET.split("test"), shingles, 3);
        var simHash10 = NearDuplicateEvaluation.simHash(SET.split("test"), shingles, 10);
        log.info("SimHash d<=3 on test:  {}", simHash3);
        log.info("SimHash d<=10 on test: {}", simHash10);

        assertThat(simHash3.rate("exact")).isEqualTo(1.0);
        assertThat(simHash3.rate("edited")).isLessThan(0.5);
    }
}
