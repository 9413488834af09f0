package dev.newsflow.enrich.topic.eval;

/**
 * The scores of a tagger on one language of one benchmark set.
 *
 * @param dataset {@code sib-200} or {@code masakhanews}
 * @param set the language folder, e.g. {@code zho_Hant}; {@code all} for a macro-average
 * @param examples examples whose label maps to IPTC (the others are not scored)
 * @param accuracy share of examples whose best-scoring topic is the gold topic
 * @param macroF1 mean over the gold topics of the set of the F1 of the best-scoring topic
 * @param coverage share of examples that get at least one tag at the threshold
 * @param precision among covered examples, share whose first tag is the gold topic
 */
public record TopicScore(
        String dataset,
        String set,
        int examples,
        double accuracy,
        double macroF1,
        double coverage,
        double precision) {}
