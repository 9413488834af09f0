package dev.newsflow.enrich.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {
    private static final TextFeatures F = new TextFeatures(18, 3, 5, true);

    private static double norm(TextFeatures.Vector v) {
        double n = 0;
        for (float x : v.values()) {
            n += x * x;
        }
        return Math.sqrt(n);
    }

    @Test
    void shouldGiveSameSortedUnitVectorForSameText() {
        TextFeatures.Vector a = F.extract("Parliament passed the budget.", "en");
        TextFeatures.Vector b = F.extract("Parliament passed the budget.", "en");

        assertThat(a.indices()).isEqualTo(b.indices()).isSorted().doesNotHaveDuplicates();
        assertThat(norm(a)).isCloseTo(1.0, offset(1e-5));
    }

    @Test
    void shouldFeatureScriptsWrittenWithoutSpaces() {
        // one token each to a word splitter; character n-grams make them comparable
        TextFeatures.Vector zh = F.extract("国会通过了预算", "zh");
        TextFeatures.Vector zh2 = F.extract("国会否决了预算", "zh");
        TextFeatures.Vector th = F.extract("รัฐสภาผ่านงบประมาณ", "th");

        assertThat(zh.size()).isGreaterThan(15);
        assertThat(th.size()).isGreaterThan(15);
        assertThat(shared(zh, zh2)).isGreaterThan(5);
    }

    @Test
    void shouldKeepDevanagariWordsWhole() {
        assertThat(TextTokens.tokens(TextTokens.normalise("संसद ने बजट पारित किया")))
                .extracting(TextTokens.Token::text)
                .containsExactly("संसद", "ने", "बजट", "पारित", "किया");
    }

    @Test
    void shouldKeepKanaLengthMarkInsideItsRun() {
        assertThat(TextTokens.tokens(TextTokens.normalise("スポーツニュース")))
                .containsExactly(new TextTokens.Token("スポーツニュース", true));
    }

    @Test
    void shouldAddLanguageSpecificCopiesOnlyWhenAsked() {
        TextFeatures plain = new TextFeatures(18, 3, 5, false);

        assertThat(F.extract("budget", "en").size()).isGreaterThan(F.extract("budget", "").size());
        assertThat(plain.extract("budget", "en").indices())
                .isEqualTo(plain.extract("budget", "fr").indices());
    }

    @Test
    void shouldAddLanguageAndLengthPriorsOnlyWhenAsked() {
        TextFeatures priors = new TextFeatures(18, 3, 5, false, true);
        TextFeatures plain = new TextFeatures(18, 3, 5, false);
        String sentence = "Parliament passed the budget on Tuesday after a long debate.";

        TextFeatures.Vector p = priors.extract(sentence, "en");
        TextFeatures.Vector q = plain.extract(sentence, "en");

        assertThat(p.indices()).isSorted().doesNotHaveDuplicates();
        assertThat(p.size()).isEqualTo(q.size() + 3);
        assertThat(norm(p)).isCloseTo(Math.sqrt(4), offset(1e-4));
        assertThat(priors.extract(sentence, "fr").indices()).isNotEqualTo(p.indices());
        assertThat(TextFeatures.lengthClass(sentence.length())).isEqualTo(1);
        assertThat(TextFeatures.lengthClass(2000)).isEqualTo(6);
        assertThat(TextFeatures.lengthClass(1_000_000)).isEqualTo(9);
        assertThat(TextFeatures.lengthClass(0)).isZero();
    }

    @Test
    void shouldFeatureTitleWordsApartOnlyWhenAsked() {
        TextFeatures titled = new TextFeatures(18, 3, 5, false, false, true);
        TextFeatures plain = new TextFeatures(18, 3, 5, false);
        String title = "Budget passed";
        String text = title + "\n\nParliament passed the budget on Tuesday.";

        TextFeatures.Vector t = titled.extract(text, title, "en");
        TextFeatures.Vector u = titled.extract(text, "", "en");

        // two title words and one title bigram, none of them a bucket of the text's features
        assertThat(t.size()).isEqualTo(u.size() + 3);
        assertThat(shared(t, u)).isEqualTo(u.size());
        assertThat(t.indices()).isSorted().doesNotHaveDuplicates();
        assertThat(norm(t)).isCloseTo(1.0, offset(1e-5));
        assertThat(plain.extract(text, title, "en").indices())
                .isEqualTo(plain.extract(text, "en").indices());
        assertThat(titled.extract(text, "en").indices()).isEqualTo(u.indices());
    }

    @Test
    void shouldGiveEmptyVectorForTextWithoutWords() {
        assertThat(F.extract(" — ... ", "en").size()).isZero();
    }

    private static int shared(TextFeatures.Vector a, TextFeatures.Vector b) {
        int n = 0;
        for (int i : a.indices()) {
            if (java.util.Arrays.binarySearch(b.indices(), i) >= 0) {
                n++;
            }
        }
        return n;
    }
}
