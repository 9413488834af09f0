package dev.newsflow.enrich.topic;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.TopicTaggerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tags an article with IPTC top-level Media Topics by combining three signals into one score per
 * topic, then keeping the topics whose score reaches the threshold, best first, at most {@code
 * maxTopics}; no topic rather than a guess.
 *
 * <p>The combination rule, for each of the 17 topics (a noisy-OR: each signal is an independent
 * chance that the topic is right, so agreeing signals reinforce each other and none can lower
 * another):
 *
 * <pre>
 * score = 1 − (1 − model) · (1 − 0.45 · section) · (1 − 0.8 · keywords)
 * </pre>
 *
 * <ul>
 *   <li>{@code model}: the probability of the {@link LinearTopicModel} (0 for the topics it was not
 *       trained on) for title and text, in the article's language; the title is also read apart
 *       when the model was trained with {@link TextFeatures#titleFeatures()}.
 *   <li>{@code section}: the {@link SectionLexicon} strength (1 or 0.5) of the publisher's
 *       categories, section and URL. Scaled by {@value #SECTION_WEIGHT}, it stays below the default
 *       threshold on its own: a {@code /sport/} URL makes a football text surely sport, but does
 *       not make a text about an election sport.
 *   <li>{@code keywords}: the {@link KeywordLists} evidence, present only with at least two
 *       distinct keywords of the topic, scaled by {@value #KEYWORD_WEIGHT}.
 * </ul>
 *
 * Loads its resources once when built; {@link #tag} is thread-safe and does no I/O.
 */
public final class IptcTopicTagger implements TopicTagger {
    /** How much a matching publisher section counts, alone at most this score. */
    public static final double SECTION_WEIGHT = 0.45;

    /**
     * How much keyword evidence counts: alone, a topic needs evidence 0.625 to pass the default
     * threshold, i.e. two distinct keywords in a text of up to about 90 words, three up to 210,
     * four up to 375, six in 600 (the shipped lists scale by length, {@link
     * KeywordLists#loadDefault}). Chosen with that scaling on the dev half of real news pages with
     * silver labels; 0.6 before, when the lists did not scale and a list needed five keywords
     * whatever the length (bench/README.md).
     */
    public static final double KEYWORD_WEIGHT = 0.8;

    private static final IptcTopic[] TOPICS = IptcTopic.values();

    private final @Nullable LinearTopicModel model;
    private final @Nullable SectionLexicon sections;
    private final @Nullable KeywordLists keywords;
    private final double threshold;
    private final double sectionWeight;
    private final double keywordWeight;
    private final int maxTopics;
    private final int maxChars;
    private final int[] modelTopic;

    private IptcTopicTagger(Builder b) {
        this.model = b.model;
        this.sections = b.sections;
        this.keywords = b.keywords;
        this.threshold = b.threshold;
        this.sectionWeight = b.sectionWeight;
        this.keywordWeight = b.keywordWeight;
        this.maxTopics = b.maxTopics;
        this.maxChars = b.maxChars;
        this.modelTopic =
                model == null
                        ? new int[0]
                        : model.topics().stream().mapToInt(Enum::ordinal).toArray();
    }

    /** The tagger of {@code config} with every signal, from the resources shipped in the jar. */
    public static IptcTopicTagger create(TopicTaggerConfig config) {
        Objects.requireNonNull(config, "config can't be null");
        return builder()
                .model(LinearTopicModel.loadDefault())
                .sections(SectionLexicon.loadDefault())
                .keywords(KeywordLists.loadDefault(config.keywordMinHits()))
                .threshold(config.threshold())
                .maxTopics(config.maxTopics())
                .maxChars(config.maxChars())
                .build();
    }

    /** Starts a tagger with no signal, threshold 0.5, at most 3 topics, 10,000 characters. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<TopicTag> tag(RawArticle article, Language language) {
        return tags(scores(article, language));
    }

    /**
     * The tags of {@code scores} (indexed by {@link IptcTopic#ordinal()}, as {@link #scores} gives
     * them): the topics at or above the threshold, best first, at most {@code maxTopics}.
     */
    public List<TopicTag> tags(double[] scores) {
        List<IptcTopic> kept = new ArrayList<>();
        for (IptcTopic t : TOPICS) {
            if (scores[t.ordinal()] >= threshold && scores[t.ordinal()] > 0) {
                kept.add(t);
            }
        }
        kept.sort(
                Comparator.comparingDouble((IptcTopic t) -> -scores[t.ordinal()])
                        .thenComparing(Enum::ordinal));
        List<TopicTag> out = new ArrayList<>(Math.min(kept.size(), maxTopics));
        for (IptcTopic t : kept.subList(0, Math.min(kept.size(), maxTopics))) {
            out.add(t.tag(Math.round(scores[t.ordinal()] * 1000) / 1000.0));
        }
        return out;
    }

    /**
     * The combined score (0 to 1) of every topic, indexed by {@link IptcTopic#ordinal()}, before
     * the threshold.
     */
    public double[] scores(RawArticle article, Language language) {
        return explain(article, language).scores();
    }

    /**
     * What each signal says of each topic, indexed by {@link IptcTopic#ordinal()}: the model's
     * probability, the section strength and the keyword evidence, before their weights; {@code
     * scores} combines them by the rule above.
     */
    public record Explanation(
            double[] model, double[] section, double[] keywords, double[] scores) {}

    /** The signals behind {@link #scores} (for {@code newsflow topics classify --verbose}). */
    public Explanation explain(RawArticle article, Language language) {
        Objects.requireNonNull(article, "article can't be null");
        Objects.requireNonNull(language, "language can't be null");
        String text = article.titleAndText();
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
        }
        String lang = modelLanguage(language.code());
        double[] fromModel = new double[TOPICS.length];
        double[] fromSection = new double[TOPICS.length];
        double[] fromKeywords = new double[TOPICS.length];
        if (model != null && !text.isBlank()) {
            String title = article.title() == null ? "" : article.title();
            if (title.length() > maxChars) {
                title = title.substring(0, maxChars);
            }
            double[] m = model.scores(text, title, lang);
            for (int i = 0; i < m.length; i++) {
                fromModel[modelTopic[i]] = m[i];
            }
        }
        if (sections != null) {
            sections.evidence(article).forEach((t, e) -> fromSection[t.ordinal()] = e);
        }
        if (keywords != null && !text.isBlank()) {
            keywords.evidence(text, lang).forEach((t, e) -> fromKeywords[t.ordinal()] = e);
        }
        double[] scores = new double[TOPICS.length];
        for (int i = 0; i < scores.length; i++) {
            // a noisy-OR: the product of each signal's doubt
            scores[i] =
                    1
                            - (1 - fromModel[i])
                                    * (1 - sectionWeight * fromSection[i])
                                    * (1 - keywordWeight * fromKeywords[i]);
        }
        return new Explanation(fromModel, fromSection, fromKeywords, scores);
    }

    /** The primary language subtag the model and lists know ({@code zh-Hans} → {@code zh}). */
    static String modelLanguage(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        int dash = c.indexOf('-');
        if (dash > 0) {
            c = c.substring(0, dash);
        }
        return c.equals(Language.UNDETERMINED) ? "" : c;
    }

    /** Builds {@link IptcTopicTagger}s; not thread-safe. */
    public static final class Builder {
        private @Nullable LinearTopicModel model;
        private @Nullable SectionLexicon sections;
        private @Nullable KeywordLists keywords;
        private double threshold = 0.5;
        private double sectionWeight = SECTION_WEIGHT;
        private double keywordWeight = KEYWORD_WEIGHT;
        private int maxTopics = 3;
        private int maxChars = 10_000;

        private Builder() {}

        /** The linear text model; none by default. */
        public Builder model(@Nullable LinearTopicModel model) {
            this.model = model;
            return this;
        }

        /** The section lexicon; none by default. */
        public Builder sections(@Nullable SectionLexicon sections) {
            this.sections = sections;
            return this;
        }

        /** The keyword lists; none by default. */
        public Builder keywords(@Nullable KeywordLists keywords) {
            this.keywords = keywords;
            return this;
        }

        /** The tagging threshold, 0 to 1 (default 0.5). */
        public Builder threshold(double threshold) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be 0 to 1: " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /** Weight of section evidence, 0 to 1 (default {@value IptcTopicTagger#SECTION_WEIGHT}). */
        public Builder sectionWeight(double weight) {
            this.sectionWeight = checkWeight(weight);
            return this;
        }

        /** Weight of keyword evidence, 0 to 1 (default {@value IptcTopicTagger#KEYWORD_WEIGHT}). */
        public Builder keywordWeight(double weight) {
            this.keywordWeight = checkWeight(weight);
            return this;
        }

        private static double checkWeight(double weight) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("weight must be 0 to 1: " + weight);
            }
            return weight;
        }

        /** At most this many topics (default 3). */
        public Builder maxTopics(int maxTopics) {
            if (maxTopics < 1) {
                throw new IllegalArgumentException("maxTopics must be at least 1: " + maxTopics);
            }
            this.maxTopics = maxTopics;
            return this;
        }

        /** Characters of title and text read (default 10,000). */
        public Builder maxChars(int maxChars) {
            if (maxChars < 1) {
                throw new IllegalArgumentException("maxChars must be at least 1: " + maxChars);
            }
            this.maxChars = maxChars;
            return this;
        }

        public IptcTopicTagger build() {
            return new IptcTopicTagger(this);
        }
    }
}
