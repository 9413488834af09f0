package dev.newsflow.enrich.lang;

import static org.assertj.core.api.Assertions.assertThat;

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
}
