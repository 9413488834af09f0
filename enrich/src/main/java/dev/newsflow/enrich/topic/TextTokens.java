package dev.newsflow.enrich.topic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into the tokens that the topic model and the keyword lists see: NFKC, lower case
 * ({@link Locale#ROOT}), runs of letters, digits and combining marks. Scripts written without
 * spaces (Han, kana, Thai, Lao, Khmer, Myanmar) come out as their own runs, flagged {@code
 * unsegmented}: their features are character n-grams, not words. Stateless and thread-safe.
 */
final class TextTokens {
    private TextTokens() {}

    /** One token: its text and whether it is a run of a script without word spaces. */
    record Token(String text, boolean unsegmented) {}

    /** Normalises {@code text} the way tokens and keywords are compared. */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * Drops the accents of Latin letters ({@code thời tiết} → {@code thoi tiet}, {@code économie} →
     * {@code economie}) and leaves other scripts alone, whose marks are letters' parts. For text
     * that often comes unaccented, like URL paths.
     */
    static String foldLatin(String normalised) {
        String d = Normalizer.normalize(normalised, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(d.length());
        boolean afterLatin = false;
        for (int i = 0; i < d.length(); ) {
            int cp = d.codePointAt(i);
            i += Character.charCount(cp);
            if (afterLatin && Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            afterLatin = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
            switch (cp) {
                case 'đ' -> sb.append('d');
                case 'ı' -> sb.append('i');
                case 'ø' -> sb.append('o');
                case 'ß' -> sb.append("ss");
                default -> sb.appendCodePoint(cp);
            }
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFC);
    }

    /** The tokens of already {@link #normalise normalised} {@code text}, in order. */
    static List<Token> tokens(String normalised) {
        List<Token> out = new ArrayList<>();
        int start = -1;
        boolean runUnsegmented = false;
        int i = 0;
        int n = normalised.length();
        while (i < n) {
            int cp = normalised.codePointAt(i);
            int len = Character.charCount(cp);
            boolean word = isWordChar(cp);
            // The kana length mark and other common-script letters continue a run of kana or Han.
            boolean unseg =
                    word && (isUnsegmented(cp) || (start >= 0 && runUnsegmented && isCommon(cp)));
            if (start >= 0 && (!word || (unseg != runUnsegmented && !isMark(cp)))) {
                out.add(new Token(normalised.substring(start, i), runUnsegmented));
                start = -1;
            }
            if (word && start < 0) {
                start = i;
                runUnsegmented = unseg;
            }
            i += len;
        }
        if (start >= 0) {
            out.add(new Token(normalised.substring(start), runUnsegmented));
        }
        return out;
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || isMark(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        // Devanagari, Thai and Arabic vowel signs are marks: without them words fall apart.
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isCommon(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.COMMON || s == Character.UnicodeScript.INHERITED;
    }

    private static boolean isUnsegmented(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN
                || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.THAI
                || s == Character.UnicodeScript.LAO
                || s == Character.UnicodeScript.KHMER
                || s == Character.UnicodeScript.MYANMAR;
    }
}
