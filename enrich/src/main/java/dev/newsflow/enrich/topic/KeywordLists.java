package dev.newsflow.enrich.topic;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.Language;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Curated multilingual keyword lists, one per topic and language ({@code topic-keywords.tsv} beside
 * this class), counted as distinct terms found in a text. A topic gets evidence only when at least
 * {@code minHits} distinct terms of its list occur (default 2): one word is a guess, two different
 * ones are a pattern. The evidence grows with the number of distinct terms, {@code 1 - 0.6^(hits -
 * 1)}: 0.4 for two, 0.64 for three, 0.78 for four. The shipped lists ({@link #loadDefault}) count
 * the terms by the text's length ({@link #withLengthScaling}, {@value #REFERENCE_WORDS} words, at
 * most as short as {@value #FLOOR_WORDS}): two terms in a feed item's 50-word summary are as sure
 * as four in a 200-word article or six in a 450-word one.
 *
 * <p>The lists of the text's language are used (Nigerian Pidgin also reads the English ones, each
 * term counted once); when the language is unknown, all lists are; a language without lists gets no
 * keyword evidence. Immutable and thread-safe.
 */
public final class KeywordLists {
    /** The lists shipped in the jar. */
    public static final String RESOURCE = "/dev/newsflow/enrich/topic/topic-keywords.tsv";

    private static final String ALL = "*";
    private static final Map<String, List<String>> ALSO_READS = Map.of("pcm", List.of("en"));
    private static final double DECAY = 0.6;

    /**
     * The length at which the shipped lists count the distinct terms found as they are: a shorter
     * text counts them more, a longer one less ({@link #withLengthScaling}). Chosen with {@link
     * #FLOOR_WORDS} and {@link IptcTopicTagger#KEYWORD_WEIGHT} on the dev half of real news pages
     * with silver labels (bench/README.md, "Keyword evidence by length, again"): unscaled, the
     * lists tagged almost nothing in a page's first 60 words (1 keyword-only tag in 181 leads).
     */
    public static final int REFERENCE_WORDS = 200;

    /** Texts shorter than this count as this long: the scaling of a short text stops at 2. */
    public static final int FLOOR_WORDS = 50;

    private record Lists(TermMatcher matcher, IptcTopic[] topicOfTerm) {}

    private final Map<String, Lists> byLanguage;
    private final int minHits;
    private final Set<String> languages;
    private final int referenceTokens;
    private final int floorTokens;
    private final Set<IptcTopic> scaled;

    private KeywordLists(
            Map<String, Lists> byLanguage,
            int minHits,
            Set<String> languages,
            int referenceTokens,
            int floorTokens,
            Set<IptcTopic> scaled) {
        this.byLanguage = byLanguage;
        this.minHits = minHits;
        this.languages = languages;
        this.referenceTokens = referenceTokens;
        this.floorTokens = floorTokens;
        this.scaled = scaled;
    }

    /**
     * These lists with the distinct terms of a text longer than {@code tokens} words counted as
     * {@code hits · sqrt(tokens / length)} for the evidence (0 = never scaled; a run of a script
     * written without spaces counts a word per two characters), since a long article finds more
     * distinct terms of every list; shorter texts count as they are. For experiments
     * (bench/README.md, "Keyword evidence by length"); the shipped lists scale both ways ({@link
     * #withLengthScaling}).
     */
    public KeywordLists withReferenceLength(int tokens) {
        return withReferenceLength(tokens, EnumSet.allOf(IptcTopic.class));
    }

    /** As {@link #withReferenceLength(int)}, for the lists of {@code topics} only. */
    public KeywordLists withReferenceLength(int tokens, Set<IptcTopic> topics) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be at least 0: " + tokens);
        }
        return new KeywordLists(byLanguage, minHits, languages, tokens, tokens, Set.copyOf(topics));
    }

    /**
     * These lists with the distinct terms of every text counted as {@code hits · sqrt(tokens /
     * max(length, floor))}: fewer for a text longer than {@code tokens} words, more for a shorter
     * one (at most {@code sqrt(tokens / floor)} times), since a short text that names several terms
     * of a list is about its topic more surely than a long one.
     */
    public KeywordLists withLengthScaling(int tokens, int floor) {
        if (tokens < 1 || floor < 1 || floor > tokens) {
            throw new IllegalArgumentException(
                    "need 1 <= floor <= tokens: floor " + floor + ", tokens " + tokens);
        }
        return new KeywordLists(
                byLanguage, minHits, languages, tokens, floor, EnumSet.allOf(IptcTopic.class));
    }

    /** Loads the lists shipped in the jar, scaled by text length as the tagger uses them. */
    public static KeywordLists loadDefault(int minHits) {
        return parse(TopicResources.lines(RESOURCE), minHits)
                .withLengthScaling(REFERENCE_WORDS, FLOOR_WORDS);
    }

    /**
     * Parses list lines ({@code nn<TAB>lang<TAB>term, term, ...}; blank lines and {@code #}
     * comments skipped).
     *
     * @param minHits distinct terms a topic needs for any evidence, at least 2
     * @throws IllegalArgumentException naming the first bad line
     */
    public static KeywordLists parse(List<String> lines, int minHits) {
        if (minHits < 2) {
            throw new IllegalArgumentException("minHits must be at least 2: " + minHits);
        }
        // language -> topic -> distinct normalised terms; sorted so ids never depend on hashing
        Map<String, Map<IptcTopic, Set<String>>> terms = new TreeMap<>();
        TopicResources.forEachRecord(
                lines,
                "keyword list",
                f -> {
                    IptcTopic topic = IptcTopic.expectByCode(f[0]);
                    String lang = f[1].strip().toLowerCase(Locale.ROOT);
                    for (String term : f[2].split(",")) {
                        String t = TextTokens.normalise(term.strip());
                        if (t.isEmpty()) {
                            throw new IllegalArgumentException("empty term");
                        }
                        for (String key : List.of(lang, ALL)) {
                            terms.computeIfAbsent(key, k -> new TreeMap<>())
                                    .computeIfAbsent(topic, k -> new LinkedHashSet<>())
                                    .add(t);
                        }
                    }
                });
        ALSO_READS.forEach(
                (lang, others) -> {
                    Map<IptcTopic, Set<String>> own = terms.get(lang);
                    for (String other : others) {
                        if (own != null && terms.containsKey(other)) {
                            terms.get(other)
                                    .forEach(
                                            (topic, set) ->
                                                    own.computeIfAbsent(
                                                                    topic,
                                                                    k -> new LinkedHashSet<>())
                                                            .addAll(set));
                        }
                    }
                });
        Map<String, Lists> byLanguage = new HashMap<>();
        terms.forEach(
                (lang, topics) -> {
                    List<String> flat = new ArrayList<>();
                    List<IptcTopic> owner = new ArrayList<>();
                    topics.forEach(
                            (topic, set) -> {
                                for (String t : set) {
                                    flat.add(t);
                                    owner.add(topic);
                                }
                            });
                    byLanguage.put(
                            lang,
                            new Lists(new TermMatcher(flat), owner.toArray(new IptcTopic[0])));
                });
        Set<String> languages = new LinkedHashSet<>(terms.keySet());
        languages.remove(ALL);
        return new KeywordLists(byLanguage, minHits, Set.copyOf(languages), 0, 0, Set.of());
    }

    /** The languages that have lists. */
    public Set<String> languages() {
        return languages;
    }

    /**
     * The number of distinct terms of each topic's list found in {@code text}.
     *
     * @param language BCP-47 code of the text ({@code zh-Hans} reads the {@code zh} lists); empty
     *     or {@code und} reads all lists
     */
    public Map<IptcTopic, Integer> hits(String text, String language) {
        Objects.requireNonNull(text, "text can't be null");
        Objects.requireNonNull(language, "language can't be null");
        return hits(TextTokens.tokens(TextTokens.normalise(text)), language);
    }

    private Map<IptcTopic, Integer> hits(List<TextTokens.Token> tokens, String language) {
        Map<IptcTopic, Integer> out = new EnumMap<>(IptcTopic.class);
        for (Lists lists : listsFor(language)) {
            BitSet found = lists.matcher().matches(tokens);
            for (int id = found.nextSetBit(0); id >= 0; id = found.nextSetBit(id + 1)) {
                out.merge(lists.topicOfTerm()[id], 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * The keyword evidence (0 to 1) of each topic in {@code text}: {@code 1 - 0.6^(hits - 1)} for
     * topics with at least {@code minHits} distinct terms, absent for the others.
     */
    public Map<IptcTopic, Double> evidence(String text, String language) {
        Objects.requireNonNull(text, "text can't be null");
        Objects.requireNonNull(language, "language can't be null");
        List<TextTokens.Token> tokens = TextTokens.tokens(TextTokens.normalise(text));
        double length = referenceTokens > 0 ? length(tokens) : 0;
        double scale =
                referenceTokens > 0
                        ? Math.sqrt(referenceTokens / Math.max(length, floorTokens))
                        : 1;
        Map<IptcTopic, Double> out = new EnumMap<>(IptcTopic.class);
        hits(tokens, language)
                .forEach(
                        (topic, hits) -> {
                            if (hits >= minHits) {
                                double e =
                                        1
                                                - Math.pow(
                                                        DECAY,
                                                        hits * (scaled.contains(topic) ? scale : 1)
                                                                - 1);
                                if (e > 0) {
                                    out.put(topic, e);
                                }
                            }
                        });
        return out;
    }

    // Words, with a run of a script written without spaces counted as one word per two characters.
    private static double length(List<TextTokens.Token> tokens) {
        double n = 0;
        for (TextTokens.Token t : tokens) {
            n += t.unsegmented() ? Math.max(1, t.text().length() / 2.0) : 1;
        }
        return n;
    }

    private List<Lists> listsFor(String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        int dash = lang.indexOf('-');
        if (dash > 0) {
            lang = lang.substring(0, dash);
        }
        if (lang.isEmpty() || lang.equals(Language.UNDETERMINED)) {
            lang = ALL;
        }
        Lists lists = byLanguage.get(lang);
        return lists == null ? List.of() : List.of(lists);
    }
}
