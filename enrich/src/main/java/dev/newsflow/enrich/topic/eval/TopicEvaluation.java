package dev.newsflow.enrich.topic.eval;

import dev.newsflow.core.article.IptcTopic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Scores per-topic scores against benchmark labels: top-1 accuracy and macro-F1 (the best-scoring
 * of all 17 topics is the prediction, whatever the threshold), and, at the threshold, coverage and
 * precision. Examples whose label has no IPTC topic are skipped. A prediction outside the set's
 * label set counts as a miss of the gold topic.
 */
public final class TopicEvaluation {
    private TopicEvaluation() {}

    /**
     * Scores {@code examples}, one row per (dataset, set) in input order, then one macro-average
     * row per dataset ({@code set = "all"}, the unweighted mean over its sets).
     *
     * @param scorer the 17 topic scores of an example, indexed by {@link IptcTopic#ordinal()}
     * @param threshold the tagging threshold
     */
    public static List<TopicScore> evaluate(
            List<TopicExample> examples,
            Function<TopicExample, double[]> scorer,
            double threshold) {
        Objects.requireNonNull(scorer, "scorer can't be null");
        Map<String, List<TopicExample>> groups = new LinkedHashMap<>();
        for (TopicExample e : examples) {
            if (e.topic() != null) {
                groups.computeIfAbsent(e.dataset() + "\t" + e.set(), k -> new ArrayList<>()).add(e);
            }
        }
        List<TopicScore> rows = new ArrayList<>();
        for (List<TopicExample> group : groups.values()) {
            rows.add(score(group, scorer, threshold));
        }
        Map<String, List<TopicScore>> byDataset = new LinkedHashMap<>();
        for (TopicScore s : rows) {
            byDataset.computeIfAbsent(s.dataset(), k -> new ArrayList<>()).add(s);
        }
        List<TopicScore> out = new ArrayList<>(rows);
        byDataset.forEach(
                (dataset, list) ->
                        out.add(
                                new TopicScore(
                                        dataset,
                                        "all",
                                        list.stream().mapToInt(TopicScore::examples).sum(),
                                        mean(list, TopicScore::accuracy),
                                        mean(list, TopicScore::macroF1),
                                        mean(list, TopicScore::coverage),
                                        mean(list, TopicScore::precision))));
        return out;
    }

    private static TopicScore score(
            List<TopicExample> group, Function<TopicExample, double[]> scorer, double threshold) {
        Map<IptcTopic, int[]> counts = new EnumMap<>(IptcTopic.class); // tp, fp, fn
        for (TopicExample e : group) {
            counts.computeIfAbsent(e.topic(), k -> new int[3]);
        }
        int correct = 0;
        int covered = 0;
        int coveredCorrect = 0;
        for (TopicExample e : group) {
            double[] s = scorer.apply(e);
            int best = -1;
            for (int t = 0; t < s.length; t++) {
                if (s[t] > 0 && (best < 0 || s[t] > s[best])) {
                    best = t;
                }
            }
            IptcTopic predicted = best < 0 ? null : IptcTopic.values()[best];
            boolean hit = predicted == e.topic();
            if (hit) {
                correct++;
                counts.get(e.topic())[0]++;
            } else {
                counts.get(e.topic())[2]++;
                if (predicted != null && counts.containsKey(predicted)) {
                    counts.get(predicted)[1]++;
                }
            }
            if (best >= 0 && s[best] >= threshold) {
                covered++;
                if (hit) {
                    coveredCorrect++;
                }
            }
        }
        double f1Sum = 0;
        for (int[] c : counts.values()) {
            double p = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
            double r = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
            f1Sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        int n = group.size();
        TopicExample first = group.get(0);
        return new TopicScore(
                first.dataset(),
                first.set(),
                n,
                correct / (double) n,
                f1Sum / counts.size(),
                covered / (double) n,
                covered == 0 ? 0 : coveredCorrect / (double) covered);
    }

    private static double mean(List<TopicScore> rows, ToDoubleFunction<TopicScore> f) {
        return rows.stream().mapToDouble(f).average().orElse(0);
    }

    /**
     * {@code rows} as a Markdown table: dataset, language, n, accuracy, macro-F1, coverage,
     * precision.
     */
    public static String markdown(List<TopicScore> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| dataset | language | n | accuracy | macro-F1 | coverage | precision |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|\n");
        for (TopicScore s : rows) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f |%n",
                            s.dataset(),
                            s.set(),
                            s.examples(),
                            s.accuracy(),
                            s.macroF1(),
                            s.coverage(),
                            s.precision()));
        }
        return sb.toString();
    }
}
