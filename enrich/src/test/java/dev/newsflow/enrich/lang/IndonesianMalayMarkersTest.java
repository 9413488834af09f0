package dev.newsflow.enrich.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.test.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndonesianMalayMarkersTest {
    @Test
    void shouldCountMarkersOfEachLanguage() {
        assertThat(IndonesianMalayMarkers.count("Dia bilang bahwa mobil itu bisa dipakai."))
                .isEqualTo(new IndonesianMalayMarkers.Count(3, 0));
        assertThat(IndonesianMalayMarkers.count("Beliau berkata bahawa kereta itu boleh dipakai."))
                .isEqualTo(new IndonesianMalayMarkers.Count(0, 2));
        assertThat(IndonesianMalayMarkers.count("KARENA, kerana; Karena!").net()).isEqualTo(1);
        assertThat(IndonesianMalayMarkers.count("kesehatan 30 persen, kesihatan 30 peratus"))
                .isEqualTo(new IndonesianMalayMarkers.Count(2, 2));
    }

    @Test
    void shouldIgnoreWordsBothLanguagesUse() {
        // pejabat: an Indonesian official, a Malay office — no evidence either way
        assertThat(IndonesianMalayMarkers.count("pejabat kerajaan di bandar itu"))
                .isEqualTo(new IndonesianMalayMarkers.Count(0, 0));
        // polisi: a Malay "policy"; Mahkamah Agung: Indonesia's own supreme court
        assertThat(IndonesianMalayMarkers.count("polisi baru Mahkamah Agung"))
                .isEqualTo(new IndonesianMalayMarkers.Count(0, 0));
    }

    /**
     * The rule the words were chosen by: on the SIB-200 train split (the Flores translations of the
     * same sentences), a marker of one language is absent, or nearly, from the other's side — at
     * most 3 times, and at most a third as often as on its own side.
     */
    @Test
    void shouldFindMarkersRarelyOnTheOtherSideOfSib200Train() throws IOException {
        Map<String, Integer> id = words("ind_Latn");
        Map<String, Integer> ms = words("zsm_Latn");
        assertThat(IndonesianMalayMarkers.INDONESIAN)
                .allSatisfy(w -> assertRare(w, id.getOrDefault(w, 0), ms.getOrDefault(w, 0)));
        assertThat(IndonesianMalayMarkers.MALAY)
                .allSatisfy(w -> assertRare(w, ms.getOrDefault(w, 0), id.getOrDefault(w, 0)));
        assertThat(IndonesianMalayMarkers.INDONESIAN)
                .doesNotContainAnyElementsOf(IndonesianMalayMarkers.MALAY);
    }

    private static void assertRare(String word, int own, int other) {
        assertThat(other)
                .as("%s: %d on its side, %d on the other", word, own, other)
                .isLessThanOrEqualTo(3)
                .isLessThanOrEqualTo(own / 3);
    }

    /** Word counts of one language's SIB-200 train split (lower case, letters only). */
    private static Map<String, Integer> words(String lang) throws IOException {
        Path file = Fixtures.sharedDir().resolve("bench/topics/sib-200/" + lang + "/train.tsv");
        Map<String, Integer> counts = new HashMap<>();
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            for (String w : row.split("\t", 3)[2].split("[^\\p{L}]+")) {
                if (!w.isEmpty()) {
                    counts.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
