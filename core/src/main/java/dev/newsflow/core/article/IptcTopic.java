package dev.newsflow.core.article;

import java.util.List;
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

    /**
     * Finds the topic a person means by {@code name}, ignoring case: a code as {@link #findByCode}
     * reads it, the whole label ({@code economy, business and finance}), one of the label's parts
     * ({@code economy}, {@code business}, {@code war}, {@code human interest}), the constant's name
     * ({@code human_interest}) or any of these with a plural {@code s} ({@code sports}). The parts
     * of the 17 labels are all different, so a part names one topic.
     */
    public static Optional<IptcTopic> find(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
        if (n.isEmpty()) {
            return Optional.empty();
        }
        Optional<IptcTopic> byCode = findByCode(n);
        if (byCode.isPresent()) {
            return byCode;
        }
        for (String candidate :
                n.endsWith("s") ? List.of(n, n.substring(0, n.length() - 1)) : List.of(n)) {
            for (IptcTopic t : values()) {
                if (t.label.equals(candidate)
                        || t.parts().contains(candidate)
                        || t.name().toLowerCase(Locale.ROOT).replace('_', ' ').equals(candidate)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /** The short name of this topic: the first part of its label ({@code economy}). */
    public String shortName() {
        return parts().get(0);
    }

    /**
     * The parts of the label: split at commas and at " and " ({@code economy}, {@code business}…).
     */
    List<String> parts() {
        return List.of(label.split(",\\s*|\\s+and\\s+"));
    }

    /** Like {@link #findByCode(String)}, throwing when {@code code} names no top-level topic. */
    public static IptcTopic expectByCode(String code) {
        return findByCode(code)
                .orElseThrow(
                        () -> new IllegalArgumentException("not an IPTC top-level code: " + code));
    }
}
