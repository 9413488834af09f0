package dev.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.article.IptcTopic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionLexiconTest {
    private static final SectionLexicon LEXICON = SectionLexicon.loadDefault();

    @Test
    void shouldTakeHostLabelsAndShortPathSegmentsOfUrl() {
        assertThat(
                        SectionLexicon.urlSections(
                                "https://sport.detik.com/sepakbola/liga-inggris/d-7012345/"
                                        + "arsenal-menang-tipis-atas-chelsea-di-emirates"))
                .containsExactly("sport", "sepakbola", "liga inggris", "d 7012345");
        assertThat(SectionLexicon.urlSections("https://www.bbc.com/afrique/sports-53327143"))
                .containsExactly("afrique", "sports 53327143");
    }

    @Test
    void shouldGiveNoSectionsForUrlThatDoesNotParse() {
        assertThat(SectionLexicon.urlSections("http://exa mple.com/sport/")).isEmpty();
        assertThat(SectionLexicon.urlSections("urn:newsflow:cli")).isEmpty();
    }

    @Test
    void shouldMapSectionNamesOfManyLanguages() {
        Map<String, IptcTopic> cases =
                Map.ofEntries(
                        Map.entry("https://example.com/sport/football/123", IptcTopic.SPORT),
                        Map.entry(
                                "https://www.spiegel.de/politik/deutschland/", IptcTopic.POLITICS),
                        Map.entry("https://www.di.se/ekonomi/", IptcTopic.ECONOMY),
                        Map.entry("https://bola.kompas.com/read/2024/01/01/x", IptcTopic.SPORT),
                        Map.entry(
                                "https://www.lemonde.fr/economie/article/x.html",
                                IptcTopic.ECONOMY),
                        Map.entry("https://elpais.com/deportes/2024-01-01/x.html", IptcTopic.SPORT),
                        Map.entry("https://www.xinhuanet.com/体育/2024/", IptcTopic.SPORT),
                        Map.entry("https://www.bbc.com/swahili/michezo-123", IptcTopic.SPORT),
                        Map.entry("https://example.com/kesehatan/123", IptcTopic.HEALTH),
                        Map.entry("https://example.com/thoi-tiet/", IptcTopic.WEATHER));
        cases.forEach(
                (url, topic) ->
                        assertThat(LEXICON.evidence(SectionLexicon.urlSections(url)))
                                .as(url)
                                .containsEntry(topic, 1.0));
    }

    @Test
    void shouldLeanWorldSectionsToPoliticsAtHalfStrength() {
        assertThat(LEXICON.evidence(SectionLexicon.urlSections("https://example.com/world/x-1")))
                .containsExactly(Map.entry(IptcTopic.POLITICS, 0.5));
    }

    @Test
    void shouldIgnoreSlugsSoHeadlineWordsAreNotSections() {
        // "football" is in the slug of a politics story, not the publisher's section
        assertThat(
                        LEXICON.evidence(
                                SectionLexicon.urlSections(
                                        "https://example.com/news/minister-resigns-after-football-"
                                                + "stadium-deal-123")))
                .isEmpty();
    }

    @Test
    void shouldReadFeedCategoriesWithTheirWords() {
        assertThat(LEXICON.evidence(List.of("Fußball", "Premier League")))
                .containsEntry(IptcTopic.SPORT, 1.0);
        assertThat(LEXICON.evidence(List.of("Politique", "Élections")))
                .containsOnlyKeys(IptcTopic.POLITICS);
        assertThat(LEXICON.evidence(List.of("スポーツ"))).containsEntry(IptcTopic.SPORT, 1.0);
        assertThat(LEXICON.evidence(List.of("Uncategorized"))).isEmpty();
    }

    @Test
    void shouldNameTheBadLineOfALexicon() {
        assertThatThrownBy(
                        () -> SectionLexicon.parse(List.of("# c", "sport\t15\t1", "news\t99\t1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> SectionLexicon.parse(List.of("sport\t15\t2")))
                .hasMessageContaining("strength");
    }
}
