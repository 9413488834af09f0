package dev.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.newsflow.core.article.IptcTopic;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordListsTest {
    private static final List<String> LINES =
            List.of(
                    "# test lists",
                    "16\ten\twar, troops, ceasefire, peace talks",
                    "16\tid\tperang, pasukan, gencatan senjata",
                    "17\ten\train, storm, terror*",
                    "16\tzh\t战争, 停火");

    @Test
    void shouldNeedTwoDistinctTermsBeforeAListCounts() {
        KeywordLists lists = KeywordLists.parse(LINES, 2);

        assertThat(lists.evidence("War. War! More war.", "en")).isEmpty();
        assertThat(lists.hits("War. War! More war.", "en")).containsEntry(IptcTopic.CONFLICT, 1);
        assertThat(lists.evidence("The war goes on; troops advance.", "en"))
                .containsOnlyKeys(IptcTopic.CONFLICT);
    }

    @Test
    void shouldGrowEvidenceWithEveryDistinctTerm() {
        KeywordLists lists = KeywordLists.parse(LINES, 2);

        double two = lists.evidence("war and troops", "en").get(IptcTopic.CONFLICT);
        double four =
                lists.evidence("war, troops, a ceasefire and peace talks", "en")
                        .get(IptcTopic.CONFLICT);

        assertThat(two).isCloseTo(0.4, offset(1e-9));
        assertThat(four).isCloseTo(1 - 0.6 * 0.6 * 0.6, offset(1e-9));
    }

    @Test
    void shouldScaleTheTermsOfLongTextsOnlyForTheListsAskedFor() {
        KeywordLists lists = KeywordLists.parse(LINES, 2);
        String shortText = "war, troops, a ceasefire and peace talks; rain and a storm";
        // 4 + 2 terms in 100 words: at a reference of 25 words every count is halved
        String longText = shortText + " filler".repeat(100 - 11);

        KeywordLists all = lists.withReferenceLength(25);
        KeywordLists conflictOnly = lists.withReferenceLength(25, EnumSet.of(IptcTopic.CONFLICT));

        assertThat(all.evidence(shortText, "en")).isEqualTo(lists.evidence(shortText, "en"));
        assertThat(all.evidence(longText, "en").get(IptcTopic.CONFLICT))
                .isCloseTo(
                        lists.evidence("war and troops", "en").get(IptcTopic.CONFLICT),
                        offset(1e-9));
        assertThat(all.evidence(longText, "en")).doesNotContainKey(IptcTopic.WEATHER);
        assertThat(conflictOnly.evidence(longText, "en").get(IptcTopic.WEATHER))
                .isEqualTo(lists.evidence(longText, "en").get(IptcTopic.WEATHER));
        assertThat(lists.withReferenceLength(0).evidence(longText, "en"))
                .isEqualTo(lists.evidence(longText, "en"));
    }

    @Test
    void shouldCountTheTermsOfShortTextsUpAndOfLongTextsDown() {
        KeywordLists scaled = KeywordLists.parse(LINES, 2).withLengthScaling(200, 50);
        KeywordLists plain = KeywordLists.parse(LINES, 2);
        String two = "war and troops";
        // 2 terms in 3 words count as at the floor, 2 · sqrt(200 / 50) = 4; in 200 words as 2; in
        // 800 words as 1, which is no evidence
        String at200 = two + " filler".repeat(200 - 3);
        String at800 = two + " filler".repeat(800 - 3);

        assertThat(scaled.evidence(two, "en").get(IptcTopic.CONFLICT))
                .isCloseTo(1 - Math.pow(0.6, 3), offset(1e-9));
        assertThat(scaled.evidence(at200, "en")).isEqualTo(plain.evidence(two, "en"));
        assertThat(scaled.evidence(at800, "en")).doesNotContainKey(IptcTopic.CONFLICT);
        assertThat(scaled.hits(at800, "en")).containsEntry(IptcTopic.CONFLICT, 2);
        assertThatThrownBy(() -> plain.withLengthScaling(50, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadOnlyTheListsOfTheLanguageAndAllWhenUnknown() {
        KeywordLists lists = KeywordLists.parse(LINES, 2);
        String text = "perang dan pasukan; war and troops";

        assertThat(lists.hits(text, "id")).containsEntry(IptcTopic.CONFLICT, 2);
        assertThat(lists.hits(text, "en")).containsEntry(IptcTopic.CONFLICT, 2);
        assertThat(lists.hits(text, "und")).containsEntry(IptcTopic.CONFLICT, 4);
        assertThat(lists.hits(text, "fr")).isEmpty();
    }

    @Test
    void shouldMatchPhrasesPrefixesAndTermsInsideUnspacedScripts() {
        KeywordLists lists = KeywordLists.parse(LINES, 2);

        assertThat(lists.hits("Gencatan senjata disepakati, pasukan mundur.", "id"))
                .containsEntry(IptcTopic.CONFLICT, 2);
        assertThat(lists.hits("A storm of terrorising rain", "en"))
                .containsEntry(IptcTopic.WEATHER, 3);
        assertThat(lists.hits("双方宣布停火，结束了这场战争。", "zh-Hans")).containsEntry(IptcTopic.CONFLICT, 2);
    }

    @Test
    void shouldTagTheFixtureLanguagesFromTheShippedLists() {
        KeywordLists lists = KeywordLists.loadDefault(2);

        assertThat(lists.languages()).contains("en", "id", "fr", "de", "es", "pt", "sw", "ha");
        assertThat(lists.evidence("Sojoji sun kai hari kan 'yan bindiga a jihar Zamfara.", "ha"))
                .containsKey(IptcTopic.CONFLICT);
        assertThat(lists.evidence("Le match a été reporté.", "fr")).isEmpty();
    }

    @Test
    void shouldRejectSingleHitRuleAndNameBadLines() {
        assertThatThrownBy(() -> KeywordLists.parse(LINES, 1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> KeywordLists.parse(List.of("16\ten"), 2))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> KeywordLists.parse(List.of("99\ten\twar"), 2))
                .hasMessageContaining("line 1");
    }
}
