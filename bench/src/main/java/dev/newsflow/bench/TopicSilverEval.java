package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.TopicTaggerConfig;
import dev.newsflow.enrich.topic.IptcTopicTagger;
import dev.newsflow.enrich.topic.KeywordLists;
import dev.newsflow.enrich.topic.LinearTopicModel;
import dev.newsflow.enrich.topic.SectionLexicon;
import dev.newsflow.enrich.topic.eval.TopicDatasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Multi-label scores of the topic tagger on real news pages with silver labels: the 181 pages of
 * the article-extraction benchmark (`../shared/bench/extraction/aeb`), labelled with IPTC top-level
 * topics in `bench/data/topics/aeb-iptc-silver.tsv`. Each page is tagged twice: its whole text, and
 * its lead (the first sentences, about {@value #LEAD_WORDS} words: what a feed item's summary
 * holds), with its URL and its labelled language. Pages alternate between a dev half (even line)
 * and a test half (odd line).
 *
 * <pre>
 * bench/run TopicSilverEval [--keyword-weight W] [--length L] [--min-length M]
 * </pre>
 *
 * Without options the tagger is as shipped; {@code --length 0} counts keyword terms unscaled (the
 * lists before the tenth session, with {@code --keyword-weight 0.6}), {@code --length L} alone
 * scales only texts longer than L words, with {@code --min-length M} shorter ones too.
 *
 * <p>Printed per half and text: tags per page, coverage (pages with a tag), precision and recall of
 * the tags against the labels (micro), the same for the topics the model does not know (which only
 * the keyword lists and sections can give), and whether the first tag is a label.
 */
public final class TopicSilverEval {
    static final int LEAD_WORDS = 60;

    private TopicSilverEval() {}

    private record Page(String id, String lang, String url, String body, Set<IptcTopic> labels) {}

    public static void main(String[] args) throws IOException {
        double keywordWeight = IptcTopicTagger.KEYWORD_WEIGHT;
        int length = -1;
        int minLength = -1;
        Path labels = Path.of("bench/data/topics/aeb-iptc-silver.tsv");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keyword-weight" -> keywordWeight = Double.parseDouble(args[++i]);
                case "--length" -> length = Integer.parseInt(args[++i]);
                case "--min-length" -> minLength = Integer.parseInt(args[++i]);
                case "--labels" -> labels = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path aeb =
                TopicDatasets.findShared(Path.of(""))
                        .resolveSibling("extraction/aeb/ground-truth.json");
        List<Page> pages = pages(labels, aeb);
        TopicTaggerConfig config = ConfigLoader.builder().load().enrich().topic();
        LinearTopicModel model = LinearTopicModel.loadDefault();
        // as shipped unless --length says otherwise: 0 no scaling, L alone only long texts scaled
        KeywordLists keywords = KeywordLists.loadDefault(config.keywordMinHits());
        if (length >= 0) {
            keywords =
                    minLength < 0
                            ? keywords.withReferenceLength(length)
                            : keywords.withLengthScaling(length, minLength);
        }
        IptcTopicTagger tagger =
                IptcTopicTagger.builder()
                        .model(model)
                        .sections(SectionLexicon.loadDefault())
                        .keywords(keywords)
                        .keywordWeight(keywordWeight)
                        .threshold(config.threshold())
                        .maxTopics(config.maxTopics())
                        .maxChars(config.maxChars())
                        .build();
        Set<IptcTopic> unknown = EnumSet.complementOf(EnumSet.copyOf(model.topics()));
        System.out.printf(
                Locale.ROOT,
                "%d pages; keyword weight %.2f, length scaling %s%n",
                pages.size(),
                keywordWeight,
                length < 0
                        ? "as shipped ("
                                + KeywordLists.REFERENCE_WORDS
                                + " words, floor "
                                + KeywordLists.FLOOR_WORDS
                                + ")"
                        : length == 0 ? "none" : length + " words, floor " + minLength);
        System.out.println(
                "| half | text | pages | tags/page | coverage | precision | recall | keyword-only"
                        + " topics: tags, precision, recall (labels) | first tag right |");
        System.out.println("|---|---|--:|--:|--:|--:|--:|---|--:|");
        for (int half = 0; half < 2; half++) {
            for (boolean lead : List.of(true, false)) {
                List<Page> subset = new ArrayList<>();
                for (int i = half; i < pages.size(); i += 2) {
                    subset.add(pages.get(i));
                }
                score(half == 0 ? "dev" : "test", lead, subset, tagger, unknown);
            }
        }
    }

    private static void score(
            String half,
            boolean lead,
            List<Page> pages,
            IptcTopicTagger tagger,
            Set<IptcTopic> unknown) {
        int tags = 0;
        int right = 0;
        int gold = 0;
        int covered = 0;
        int firstRight = 0;
        int uTags = 0;
        int uRight = 0;
        int uGold = 0;
        for (Page p : pages) {
            String text = lead ? lead(p.body()) : p.body();
            RawArticle a = RawArticle.builder(p.url(), SOURCE, Instant.EPOCH).text(text).build();
            List<TopicTag> out = tagger.tag(a, new Language(p.lang(), 1.0, "hint"));
            gold += p.labels().size();
            for (IptcTopic t : p.labels()) {
                uGold += unknown.contains(t) ? 1 : 0;
            }
            if (!out.isEmpty()) {
                covered++;
                if (p.labels().contains(IptcTopic.expectByCode(out.get(0).code()))) {
                    firstRight++;
                }
            }
            for (TopicTag tag : out) {
                IptcTopic t = IptcTopic.expectByCode(tag.code());
                boolean ok = p.labels().contains(t);
                tags++;
                right += ok ? 1 : 0;
                if (unknown.contains(t)) {
                    uTags++;
                    uRight += ok ? 1 : 0;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d | %.2f | %.3f | %.3f | %.3f | %d, %.3f, %.3f (%d) | %.3f |%n",
                half,
                lead ? "lead" : "whole",
                pages.size(),
                tags / (double) pages.size(),
                covered / (double) pages.size(),
                right / (double) Math.max(1, tags),
                right / (double) Math.max(1, gold),
                uTags,
                uRight / (double) Math.max(1, uTags),
                uRight / (double) Math.max(1, uGold),
                uGold,
                firstRight / (double) Math.max(1, covered));
    }

    /** The first sentences of {@code body}, up to about {@link #LEAD_WORDS} words. */
    static String lead(String body) {
        String[] words = body.strip().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(words[i]);
            boolean end = words[i].matches(".*[.!?。！？][\"'”’)]?");
            if (i + 1 >= LEAD_WORDS && end || i + 1 >= 2 * LEAD_WORDS) {
                break;
            }
        }
        return sb.toString();
    }

    private static final Source SOURCE =
            new Source("eval", "urn:newsflow:eval", "topic evaluation", "eval", null);

    private static List<Page> pages(Path labels, Path aeb) throws IOException {
        JsonNode truth = new ObjectMapper().readTree(aeb.toFile());
        Map<String, Page> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("id\t") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            JsonNode page = truth.get(f[0]);
            if (page == null) {
                throw new IllegalArgumentException("no page " + f[0] + " in " + aeb);
            }
            Set<IptcTopic> topics = EnumSet.noneOf(IptcTopic.class);
            for (String code : f[3].split(",")) {
                topics.add(IptcTopic.expectByCode("medtop:" + code.strip() + "000000"));
            }
            out.put(
                    f[0],
                    new Page(
                            f[0],
                            f[1],
                            page.path("url").asText("urn:newsflow:eval"),
                            page.path("articleBody").asText(""),
                            topics));
        }
        return new ArrayList<>(out.values());
    }
}
