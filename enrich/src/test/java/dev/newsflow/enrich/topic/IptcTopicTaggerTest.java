package dev.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.newsflow.core.article.IptcTopic;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.article.TopicTag;
import dev.newsflow.core.config.TopicTaggerConfig;
import dev.newsflow.core.test.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptcTopicTaggerTest {
    private static final IptcTopicTagger TAGGER =
            IptcTopicTagger.create(TopicTaggerConfig.defaults());
    private static final Language EN = new Language("en", 0.99, "text");

    private static final String FOOTBALL =
            "Arsenal beat Chelsea 2-1 at the Emirates. Saka scored the winner in the second half"
                    + " and the league leaders stay three points clear after the match.";
    private static final String ELECTION =
            "The president dissolved parliament and called an early election after the coalition"
                    + " government lost a confidence vote; opposition parties began campaigning.";

    private static RawArticle article(String url, String title, String text) {
        return RawArticle.builder(
                        url,
                        new Source("f", "https://example.com/feed", "Example", "rss", null),
                        Instant.parse("2024-01-01T00:00:00Z"))
                .title(title)
                .text(text)
                .build();
    }

    private static List<String> codes(List<TopicTag> tags) {
        return tags.stream().map(TopicTag::code).toList();
    }

    @Test
    void shouldTagIndonesianFixtureAsPoliticsAndConflict() {
        String text = Fixtures.text("fixtures/id-news-article.txt");
        RawArticle a =
                article(
                        "https://example.co.id/internasional/rusia-taliban-moskow",
                        "Rusia menjadi tuan rumah pembicaraan Taliban di Moskow",
                        text);

        List<TopicTag> tags = TAGGER.tag(a, new Language("id", 0.98, "text"));

        assertThat(codes(tags)).contains("medtop:11000000", "medtop:16000000");
        assertThat(tags)
                .allSatisfy(t -> assertThat(t.score()).isBetween(0.5, 1.0))
                .filteredOn(t -> t.code().equals("medtop:16000000"))
                .singleElement()
                .satisfies(t -> assertThat(t.label()).isEqualTo("conflict, war and peace"));
    }

    @Test
    void shouldGiveSportHighScoreForFootballTextInSportUrl() {
        List<TopicTag> tags =
                TAGGER.tag(
                        article(
                                "https://example.com/sport/football/arsenal-chelsea",
                                "Derby",
                                FOOTBALL),
                        EN);

        assertThat(tags).isNotEmpty();
        assertThat(tags.get(0).code()).isEqualTo("medtop:15000000");
        assertThat(tags.get(0).label()).isEqualTo("sport");
        assertThat(tags.get(0).score()).isGreaterThan(0.9);
    }

    @Test
    void shouldNotMakePoliticsTextSportJustBecauseOfSportUrl() {
        RawArticle a = article("https://example.com/sport/early-election", "Election", ELECTION);

        List<TopicTag> tags = TAGGER.tag(a, EN);
        double[] scores = TAGGER.scores(a, EN);

        assertThat(codes(tags)).startsWith("medtop:11000000").doesNotContain("medtop:15000000");
        // the section still counts: sport scores more than it would without the URL
        double[] noUrl = TAGGER.scores(article("https://example.com/a", "Election", ELECTION), EN);
        assertThat(scores[IptcTopic.SPORT.ordinal()])
                .isGreaterThan(noUrl[IptcTopic.SPORT.ordinal()])
                .isLessThan(0.5);
    }

    @Test
    void shouldCombineSignalsAsNoisyOr() {
        IptcTopicTagger sectionsOnly =
                IptcTopicTagger.builder().sections(SectionLexicon.loadDefault()).build();
        RawArticle a = article("https://example.com/sport/x", "t", "text");

        double[] s = sectionsOnly.scores(a, EN);

        assertThat(s[IptcTopic.SPORT.ordinal()])
                .isCloseTo(IptcTopicTagger.SECTION_WEIGHT, offset(1e-12));
        assertThat(sectionsOnly.tag(a, EN)).isEmpty();
        assertThat(
                        IptcTopicTagger.builder()
                                .sections(SectionLexicon.loadDefault())
                                .threshold(0.4)
                                .build()
                                .tag(a, EN))
                .extracting(TopicTag::code)
                .containsExactly("medtop:15000000");
    }

    @Test
    void shouldTagAShortItemFromTwoKeywordsButNotALongTextThatMentionsThemInPassing() {
        // a feed item's summary: two distinct disaster terms (banjir, bencana) in 49 words
        String item =
                "Banjir rendam ratusan rumah warga setelah hujan deras semalaman. Hujan deras yang"
                        + " turun sejak sore hingga pagi hari menyebabkan banjir di sejumlah"
                        + " kecamatan. Ratusan rumah warga terendam air setinggi hingga satu meter."
                        + " Badan penanggulangan bencana daerah telah mendirikan posko pengungsian"
                        + " dan menyalurkan bantuan makanan serta selimut kepada warga yang"
                        + " terdampak.";
        Language id = new Language("id", 0.98, "text");
        String disaster = "medtop:03000000";

        assertThat(codes(TAGGER.tag(article("https://example.id/daerah/1", null, item), id)))
                .contains(disaster);
        // the same two terms in a 600-word text about something else are no evidence
        String padding = " Pemerintah membahas anggaran pendidikan bersama parlemen.".repeat(100);
        assertThat(
                        codes(
                                TAGGER.tag(
                                        article(
                                                "https://example.id/berita/1",
                                                null,
                                                item + padding),
                                        id)))
                .doesNotContain(disaster);
    }

    @Test
    void shouldMultiplyTheDoubtsOfSectionAndKeywords() {
        IptcTopicTagger tagger =
                IptcTopicTagger.builder()
                        .sections(SectionLexicon.loadDefault())
                        .keywords(KeywordLists.loadDefault(2))
                        .build();
        // three distinct Swahili sport keywords in 8 words, counted as 3 · sqrt(200 / 50) = 6 (a
        // text this short counts them twice): evidence 1 - 0.6^5
        RawArticle a =
                article(
                        "https://www.bbc.com/swahili/michezo-123",
                        "Ushindi mkubwa",
                        "Timu ilishinda mechi kwa mabao mawili.");
        Language sw = new Language("sw", 0.9, "text");

        double sport = tagger.scores(a, sw)[IptcTopic.SPORT.ordinal()];

        double expected =
                1
                        - (1 - IptcTopicTagger.SECTION_WEIGHT)
                                * (1 - IptcTopicTagger.KEYWORD_WEIGHT * (1 - Math.pow(0.6, 5)));
        assertThat(sport).isCloseTo(expected, offset(1e-9));
        assertThat(tagger.tag(a, sw)).extracting(TopicTag::code).containsExactly("medtop:15000000");
    }

    @Test
    void shouldTagNothingWhenThereIsNothingToGoOn() {
        assertThat(TAGGER.tag(article("https://example.com/a/1", null, null), EN)).isEmpty();
        assertThat(
                        TAGGER.tag(
                                article("https://example.com/a/1", "", " "),
                                Language.undetermined("none")))
                .isEmpty();
    }

    @Test
    void shouldKeepAtMostMaxTopicsBestFirst() {
        IptcTopicTagger one =
                IptcTopicTagger.builder()
                        .model(LinearTopicModel.loadDefault())
                        .keywords(KeywordLists.loadDefault(2))
                        .maxTopics(1)
                        .build();
        String text = Fixtures.text("fixtures/id-news-article.txt");
        RawArticle a = article("https://example.com/x", "", text);
        Language id = new Language("id", 0.98, "text");

        List<TopicTag> tags = one.tag(a, id);
        List<TopicTag> all = TAGGER.tag(a, id);

        assertThat(tags).hasSize(1);
        assertThat(all.size()).isGreaterThan(1);
        assertThat(all).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
        assertThat(tags.get(0)).isEqualTo(all.get(0));
    }
}
