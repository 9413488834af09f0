package dev.newsflow.enrich.lang;

import com.ibm.icu.text.Transliterator;
import org.jspecify.annotations.Nullable;

/**
 * Tells Simplified from Traditional Chinese ({@code zh-Hans}, {@code zh-Hant}) by the characters
 * that exist in one script only, as ICU's {@code Hans-Hant} and {@code Hant-Hans} transliterators
 * know them. Text that has no such character keeps the script of its hint ({@code zh-TW}, {@code
 * zh-Hant}…) or is plain {@code zh}. Thread-safe.
 */
final class ChineseScript {
    private static final byte UNKNOWN = 0;
    private static final byte SHARED = 1;
    private static final byte SIMPLIFIED = 2;
    private static final byte TRADITIONAL = 3;

    private final Transliterator toTraditional = Transliterator.getInstance("Hans-Hant");
    private final Transliterator toSimplified = Transliterator.getInstance("Hant-Hans");

    /**
     * Character class cache. Racy on purpose: a slot only ever goes from UNKNOWN to one fixed
     * value, and byte writes are atomic.
     */
    private final byte[] kinds = new byte[Character.MAX_VALUE + 1];

    /** Returns {@code zh-Hans}, {@code zh-Hant} or {@code zh} for Chinese {@code text}. */
    String tag(String text, @Nullable String hint) {
        int simplified = 0;
        int traditional = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
                continue;
            }
            byte kind = kind(c);
            if (kind == SIMPLIFIED) {
                simplified++;
            } else if (kind == TRADITIONAL) {
                traditional++;
            }
        }
        if (simplified > traditional) {
            return "zh-Hans";
        }
        if (traditional > simplified) {
            return "zh-Hant";
        }
        return hint != null && hint.startsWith("zh-") ? hint : "zh";
    }

    private byte kind(char c) {
        byte k = kinds[c];
        if (k != UNKNOWN) {
            return k;
        }
        String s = String.valueOf(c);
        String traditional;
        String simplified;
        synchronized (this) { // ICU transliterators are not documented as thread-safe
            traditional = toTraditional.transliterate(s);
            simplified = toSimplified.transliterate(s);
        }
        if (!traditional.equals(s)) {
            k = SIMPLIFIED;
        } else if (!simplified.equals(s)) {
            k = TRADITIONAL;
        } else {
            k = SHARED;
        }
        kinds[c] = k;
        return k;
    }
}
