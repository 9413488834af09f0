package dev.newsflow.enrich.topic;

import dev.newsflow.core.article.TopicTag;
import java.util.Locale;
import java.util.Optional;

/**
 * The 17 top-level IPTC Media Topics (NewsCodes {@code medtop}, CC BY 4.0) with their English
 * (en-GB) labels.
 */
public enum IptcTopic {
    ARTS("medtop:01000000", "arts, culture, entertainment and media"),
    CRIME("medtop:02000000", "crime, law and justice"),
    DISASTER("medtop:03000000", "disaster, accident and emergency incident"),
    ECONOMY("medtop:04000000", "economy, business and finance"),
    EDUCATION("medtop:05000000", "education"),
    ENVIRONMENT("medtop:06000000", "environment"),
    HEALTH("medtop:07000000", "health"),
    HUMAN_INTEREST("medtop:08000000", "human interest"),
    LABOUR("medtop:09000000", "labour"),
    LIFESTYLE("medtop:10000000", "lifestyle and leisure"),
    POLITICS("medtop:11000000", "politics"),
    RELIGION("medtop:12000000", "religion"),
    SCIENCE("medtop:13000000", "science and technology"),
    SOCIETY("medtop:14000000", "society"),
    SPORT("medtop:15000000", "sport"),
    CONFLICT("medtop:16000000", "conflict, war and peace"),
    WEATHER("medtop:17000000", "weather");

    private final String code;
    private final String label;

    IptcTopic(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The QCode, e.g. {@code medtop:11000000}. */
    public String code() {
        return code;
    }

    /** The English label, e.g. {@code politics}. */
    public String label() {
        return label;
    }

    /** A tag of this topic with {@code score}. */
    public TopicTag tag(double score) {
        return new TopicTag(code, label, score);
    }

    /**
     * Finds the topic of a QCode ({@code medtop:11000000}) or of its number alone ({@code
     * 11000000}, {@code 11}).
     */
    public static Optional<IptcTopic> findByCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        if (c.startsWith("medtop:")) {
            c = c.substring("medtop:".length());
        }
        for (IptcTopic t : values()) {
            String n = t.code.substring("medtop:".length());
            if (n.equals(c) || n.substring(0, 2).equals(c.length() == 1 ? "0" + c : c)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #findByCode(String)}, throwing when {@code code} names no top-level topic. */
    public static IptcTopic expectByCode(String code) {
        return findByCode(code)
                .orElseThrow(
                        () -> new IllegalArgumentException("not an IPTC top-level code: " + code));
    }
}
