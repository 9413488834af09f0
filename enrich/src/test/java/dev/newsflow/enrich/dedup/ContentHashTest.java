package dev.newsflow.enrich.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentHashTest {
    private static final String ALPHABET = "ab \t\n\u000B\f\r\u00A0\u2003\u1680Ä\uFB01.";

    @Test
    void collapsingWhitespaceIsTheRegexItReplaced() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = sb.toString();
            assertEquals(
                    s.replaceAll("\\s+", " "),
                    ContentHash.collapseWhitespace(s),
                    "for '" + s + "'");
        }
    }

    @Test
    void normalisedTextKeepsItsFormerHash() {
        // NFKC (the ligature), lower case, collapsed and stripped: the hash stored by earlier
        // versions for the same words.
        assertEquals("first line", ContentHash.normalize("\uFB01rst   LINE \n\t"));
        assertEquals("a b", ContentHash.normalize("  a\r\n b\u000B"));
    }
}
