package dev.newsflow.enrich.lang;

import java.util.Locale;
import java.util.Set;

/**
 * Words whose standard spelling or choice differs between Indonesian and Malaysian Malay, to tell
 * the two apart where Lingua's character n-grams hardly can.
 *
 * <p>Chosen from the standard spelling and vocabulary differences (bahwa/bahawa, karena/kerana,
 * -itas/-iti, telepon/telefon, Agustus/Ogos, miliar/bilion…) and checked on the SIB-200 (Flores)
 * train split, whose Indonesian and Malay sentences are translations of the same English text.
 * Words that exist in both languages with another meaning are left out on purpose: {@code pejabat}
 * is an Indonesian "official" and a Malay "office", {@code bandar}, {@code kerajaan}, {@code
 * beliau}, {@code berlaku}, {@code perlawanan} and {@code kereta} are common Indonesian words too.
 * Tuned on no benchmark text: bench/README.md reports it on the langid set and the SIB-200 dev
 * split. Thread-safe (immutable).
 */
final class IndonesianMalayMarkers {
    private static final Set<String> INDONESIAN =
            Set.of(
                    "bahwa",
                    "karena",
                    "bisa",
                    "saat",
                    "bagian",
                    "sebagian",
                    "memiliki",
                    "lainnya",
                    "mobil",
                    "hewan",
                    "telepon",
                    "kasus",
                    "eropa",
                    "jepang",
                    "internasional",
                    "aktivitas",
                    "olahraga",
                    "layanan",
                    "berbeda",
                    "ilmuwan",
                    "pemerintah",
                    "uang",
                    "kantor",
                    "polisi",
                    "universitas",
                    "kualitas",
                    "fasilitas",
                    "komunitas",
                    "kapasitas",
                    "identitas",
                    "otoritas",
                    "prioritas",
                    "wisatawan",
                    "yaitu",
                    "serikat",
                    "maret",
                    "juni",
                    "juli",
                    "agustus",
                    "desember",
                    "coba",
                    "mencoba",
                    "pariwisata",
                    "pengadilan",
                    "miliar",
                    "triliun");
    private static final Set<String> MALAY =
            Set.of(
                    "bahawa",
                    "kerana",
                    "boleh",
                    "selepas",
                    "semasa",
                    "bahagian",
                    "sebahagian",
                    "syarikat",
                    "berbeza",
                    "perkhidmatan",
                    "haiwan",
                    "telefon",
                    "kes",
                    "eropah",
                    "jepun",
                    "antarabangsa",
                    "sukan",
                    "baharu",
                    "tiada",
                    "dipanggil",
                    "sekiranya",
                    "dijangka",
                    "dikenali",
                    "cuba",
                    "mencuba",
                    "wang",
                    "hospital",
                    "polis",
                    "universiti",
                    "kualiti",
                    "aktiviti",
                    "fasiliti",
                    "komuniti",
                    "kapasiti",
                    "identiti",
                    "mahkamah",
                    "menerusi",
                    "manakala",
                    "iaitu",
                    "pelancongan",
                    "pelancong",
                    "saintis",
                    "lawatan",
                    "menyokong",
                    "sokongan",
                    "jun",
                    "julai",
                    "ogos",
                    "disember",
                    "bilion",
                    "trilion");

    private IndonesianMalayMarkers() {}

    /** The marker words found in a text, by language. */
    record Count(int indonesian, int malay) {
        /** Indonesian markers minus Malay markers. */
        int net() {
            return indonesian - malay;
        }
    }

    /** Counts the marker words of {@code text} (every occurrence, case-insensitive). */
    static Count count(String text) {
        int id = 0;
        int ms = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start && i - start <= 13) {
                String word = text.substring(start, i).toLowerCase(Locale.ROOT);
                if (INDONESIAN.contains(word)) {
                    id++;
                } else if (MALAY.contains(word)) {
                    ms++;
                }
            }
        }
        return new Count(id, ms);
    }
}
