package dev.newsflow.enrich.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.enrich.dedup.ContentHash;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Clustering shingles the text the content hash folded ({@link ContentHash#folded}) instead of
 * folding the title and text again: both must give the same shingles, whatever the spacing,
 * composition, case and marks.
 */
class FoldedTextTest {
    private static final Shingles SHINGLES = Shingles.of(3, 3);

    /** Spaces of every kind, combining marks, final-sigma contexts, ligatures, unspaced scripts. */
    private static final String[] PIECES = {
        "a",
        "B",
        "ß",
        "Σ",
        "σ",
        "ΣΑ",
        "e\u0301",
        "\u0301",
        "\u0e34",
        "ก",
        "東",
        "カ",
        "ﬁ",
        "Ａ",
        "İ",
        "ǅ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\u000B",
        "\u00A0",
        "\u2003",
        ".",
        "-",
        "word",
        "Longer",
        "12",
        "\uD835\uDC00",
        "\u0345"
    };

    private static final Source SOURCE =
            new Source("feed0001", "https://example.org/feed.xml", "Example", "rss", null);

    private static String random(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(14); n > 0; n--) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static void assertSameShingles(RawArticle a) {
        long[] folded = SHINGLES.hashesOfFolded(ContentHash.folded(a));
        long[] direct = SHINGLES.hashes(a.titleAndText());
        java.util.Arrays.sort(folded);
        java.util.Arrays.sort(direct);
        assertThat(folded)
                .as("title '%s', text '%s', summary '%s'", a.title(), a.text(), a.summary())
                .isEqualTo(direct);
    }

    @Test
    void theContentHashesFoldedTextShinglesAsTheTitleAndText() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            var b = RawArticle.builder("https://example.org/a/" + i, SOURCE, Instant.EPOCH);
            if (r.nextInt(4) > 0) {
                b.title(random(r));
            }
            if (r.nextInt(4) > 0) {
                b.text(random(r));
            }
            if (r.nextBoolean()) {
                b.summary(random(r));
            }
            assertSameShingles(b.build());
        }
    }

    @Test
    void theLabelledSetShinglesAlike() {
        for (LabelledPairs.Pair p : LabelledPairs.load().pairs()) {
            assertSameShingles(
                    RawArticle.builder("https://example.org/p", SOURCE, Instant.EPOCH)
                            .title(p.titleA())
                            .text(p.textA())
                            .build());
        }
    }

    @Test
    void distinctKeepsFirstOccurrencesInOrder() {
        long[] a = {5, 0, 5, -1, 0, 7, -1, 5, 1L << 32, 1};
        int n = Shingles.distinct(a);
        assertThat(java.util.Arrays.copyOf(a, n)).containsExactly(5, 0, -1, 7, 1L << 32, 1);
    }
}
