package dev.newsflow.enrich.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShinglesScriptTest {
    @Test
    void theFastPathAgreesWithTheScriptLookupOnEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean expected =
                    switch (script) {
                        case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
                        default -> false;
                    };
            assertEquals(expected, Shingles.unspaced(cp), "U+" + Integer.toHexString(cp));
        }
    }
}
