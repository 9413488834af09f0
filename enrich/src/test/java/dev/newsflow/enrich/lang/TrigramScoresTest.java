package dev.newsflow.enrich.lang;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.newsflow.core.test.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortTextScorer#scoreTrigrams} must give exactly Lingua's own scores for texts of 120
 * cleaned characters and more, where Lingua (both modes) scores trigrams only: same languages, same
 * relative values (to 1e-6: Lingua sums in {@code float}), same best language. Checked on the
 * langid sentences of the 20 benchmark languages (every 10th line here; {@code
 * -Dnewsflow.langid.all=true} checks every line).
 */
class TrigramScoresTest {
    private static final List<String> LANGS =
            List.of(
                    "ar", "de", "en", "es", "fa", "fr", "hi", "id", "it", "ja", "ko", "ms", "nl",
                    "pt", "ru", "th", "tr", "uk", "vi", "zh");

    @Test
    void shouldScoreLongTextsExactlyAsLinguaDoes() throws IOException {
        LanguageDetector lingua =
                LanguageDetectorBuilder.fromIsoCodes639_1(
                                LANGS.stream()
                                        .map(c -> IsoCode639_1.valueOf(c.toUpperCase(Locale.ROOT)))
                                        .toArray(IsoCode639_1[]::new))
                        .withLowAccuracyMode()
                        .build();
        ShortTextScorer scorer = new ShortTextScorer(NgramModels.shared());
        int step = Boolean.getBoolean("newsflow.langid.all") ? 1 : 10;
        int compared = 0;
        for (String lang : LANGS) {
            Path file = Fixtures.sharedDir().resolve("bench/langid/sentences/" + lang + ".txt");
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i += step) {
                String line = lines.get(i);
                String cleaned = ShortTextScorer.clean(line);
                if (cleaned.length() < LinguaLanguageDetector.SHORT_TEXT_CHARS) {
                    continue;
                }
                Map<Language, Double> expected = lingua.computeLanguageConfidenceValues(line);
                Map<Language, Double> actual = scorer.scoreTrigrams(lingua, cleaned);
                assertThat(actual.keySet())
                        .as("%s line %d", lang, i + 1)
                        .isEqualTo(expected.keySet());
                for (var e : expected.entrySet()) {
                    assertThat(actual.get(e.getKey()))
                            .as("%s line %d, %s", lang, i + 1, e.getKey())
                            .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(1e-6));
                }
                assertThat(best(actual)).as("%s line %d", lang, i + 1).isEqualTo(best(expected));
                compared++;
            }
        }
        System.out.println("long lines compared: " + compared);
        assertThat(compared).as("long lines compared").isGreaterThan(step == 1 ? 5_000 : 500);
    }

    private static Language best(Map<Language, Double> values) {
        return values.entrySet().stream()
                .max(
                        Map.Entry.<Language, Double>comparingByValue()
                                .thenComparing(
                                        e -> e.getKey().name(),
                                        java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }
}
