package dev.newsflow.enrich.topic;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.RawArticle;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the publisher's own categorisation to IPTC topics: feed {@code <category>} values, the page
 * section, and the URL's host labels and path segments ({@code sport.example.com}, {@code
 * /politik/}, {@code /afrique/sports-53327143}), through a multilingual lexicon of section names.
 *
 * <p>The lexicon ({@code section-lexicon.tsv} beside this class) has one entry a line: a section
 * word or phrase, a two-digit IPTC top-level number, and a strength: 1 when the section names the
 * topic ({@code sport}, {@code politik}), 0.5 when it only leans to it ({@code world} → politics).
 * Path segments that look like an article's slug (more than three words) are skipped: they are
 * headline text, not the publisher's section. Accents of Latin letters are ignored on both sides,
 * since URLs mostly drop them ({@code /economie/}, {@code /thoi-tiet/}). Immutable and thread-safe.
 */
public final class SectionLexicon {
    /** The lexicon resource shipped in the jar. */
    public static final String RESOURCE = "/dev/newsflow/enrich/topic/section-lexicon.tsv";

    private static final int MAX_SECTION_WORDS = 3;

    private final TermMatcher matcher;
    private final IptcTopic[] topics;
    private final double[] strengths;

    private SectionLexicon(List<String> terms, List<IptcTopic> topics, List<Double> strengths) {
        this.matcher = new TermMatcher(terms);
        this.topics = topics.toArray(new IptcTopic[0]);
        this.strengths = strengths.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Loads the lexicon shipped in the jar. */
    public static SectionLexicon loadDefault() {
        return parse(TopicResources.lines(RESOURCE));
    }

    /**
     * Parses lexicon lines ({@code term<TAB>nn<TAB>strength}; blank lines and {@code #} comments
     * skipped).
     *
     * @throws IllegalArgumentException naming the first bad line
     */
    public static SectionLexicon parse(List<String> lines) {
        List<String> terms = new ArrayList<>();
        List<IptcTopic> topics = new ArrayList<>();
        List<Double> strengths = new ArrayList<>();
        TopicResources.forEachRecord(
                lines,
                "section lexicon",
                f -> {
                    double strength = Double.parseDouble(f[2]);
                    if (!(strength > 0 && strength <= 1)) {
                        throw new IllegalArgumentException("strength must be in (0, 1]");
                    }
                    terms.add(TextTokens.foldLatin(TextTokens.normalise(f[0])));
                    topics.add(IptcTopic.expectByCode(f[1]));
                    strengths.add(strength);
                });
        return new SectionLexicon(terms, topics, strengths);
    }

    /**
     * The section evidence of {@code article}: for each topic its strongest matching entry among
     * the categories, the section and the URL. Empty when nothing matches.
     */
    public Map<IptcTopic, Double> evidence(RawArticle article) {
        Objects.requireNonNull(article, "article can't be null");
        List<String> sections = new ArrayList<>(article.categories());
        if (article.section() != null) {
            sections.add(article.section());
        }
        sections.addAll(urlSections(article.url()));
        return evidence(sections);
    }

    /** The evidence of publisher section names, as {@link #evidence(RawArticle)}. */
    public Map<IptcTopic, Double> evidence(List<String> sections) {
        Map<IptcTopic, Double> out = new EnumMap<>(IptcTopic.class);
        for (String section : sections) {
            BitSet found =
                    matcher.matches(
                            TextTokens.tokens(TextTokens.foldLatin(TextTokens.normalise(section))));
            for (int id = found.nextSetBit(0); id >= 0; id = found.nextSetBit(id + 1)) {
                out.merge(topics[id], strengths[id], Math::max);
            }
        }
        return out;
    }

    /**
     * The section-like parts of {@code url}: host labels left of the registrable domain ({@code
     * sport} of {@code sport.example.co.uk}, roughly: all labels but the last two, {@code www}
     * dropped) and path segments of at most three words, with dashes and underscores as spaces and
     * a file extension dropped. A URL that does not parse gives none.
     */
    public static List<String> urlSections(String url) {
        List<String> out = new ArrayList<>();
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return out;
        }
        String host = uri.getHost();
        if (host != null) {
            String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
            for (int i = 0; i < labels.length - 2; i++) {
                if (!labels[i].equals("www") && !labels[i].equals("m")) {
                    out.add(labels[i]);
                }
            }
        }
        String path = uri.getPath();
        if (path == null) {
            return out;
        }
        for (String segment : path.split("/")) {
            int dot = segment.lastIndexOf('.');
            if (dot > 0) {
                segment = segment.substring(0, dot);
            }
            String spaced = segment.replace('-', ' ').replace('_', ' ').replace('+', ' ');
            long words =
                    TextTokens.tokens(TextTokens.normalise(spaced)).stream()
                            .filter(t -> !t.text().chars().allMatch(Character::isDigit))
                            .count();
            if (words > 0 && words <= MAX_SECTION_WORDS) {
                out.add(spaced);
            }
        }
        return out;
    }
}
