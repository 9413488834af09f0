package dev.newsflow.enrich.cluster;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns text into the set of its shingle hashes: runs of consecutive tokens, hashed to 64 bits.
 *
 * <p>Text is NFKC-normalised and lower-cased ({@link Locale#ROOT}). A token is a run of letters,
 * digits and combining marks in scripts written with spaces, or a single character (with its
 * combining marks) in scripts written without them (Han, Hiragana, Katakana, Thai, Lao, Khmer,
 * Myanmar, Tibetan), so Chinese, Japanese and Thai text shingle on character n-grams without a word
 * segmenter. A text shingles on {@code charShingle}-character runs when most of its tokens are such
 * characters, else on {@code wordShingle}-word runs. Punctuation and spacing never matter.
 * Thread-safe.
 */
public final class Shingles {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long[] EMPTY = new long[0];

    private final int wordShingle;
    private final int charShingle;

    private Shingles(int wordShingle, int charShingle) {
        this.wordShingle = wordShingle;
        this.charShingle = charShingle;
    }

    /**
     * Returns a shingler of {@code wordShingle} words or {@code charShingle} characters.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public static Shingles of(int wordShingle, int charShingle) {
        if (wordShingle < 1 || charShingle < 1) {
            throw new IllegalArgumentException("shingle sizes must be >= 1");
        }
        return new Shingles(wordShingle, charShingle);
    }

    /**
     * Returns the distinct shingle hashes of {@code text}, in no particular order; empty for blank
     * text.
     */
    public long[] hashes(String text) {
        return hashesOfFolded(fold(text));
    }

    /**
     * {@code text} as shingles read it: NFKC-normalised, then lower-cased. Spacing and punctuation
     * may differ afterwards (they never make a token), so the content hash's folded text serves
     * too.
     */
    public static String fold(String text) {
        return (Normalizer.isNormalized(text, Normalizer.Form.NFKC)
                        ? text
                        : Normalizer.normalize(text, Normalizer.Form.NFKC))
                .toLowerCase(Locale.ROOT);
    }

    /**
     * {@link #hashes} of a text already {@linkplain #fold folded}: the enrich topology has folded
     * it for the content hash, and need not fold it twice.
     */
    public long[] hashesOfFolded(String s) {
        long[] tokens = new long[Math.max(16, s.length() / 4)];
        int count = 0;
        int charTokens = 0;
        long word = FNV_OFFSET;
        boolean inWord = false;
        boolean lastWasChar = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean mark =
                    type == Character.NON_SPACING_MARK
                            || type == Character.COMBINING_SPACING_MARK
                            || type == Character.ENCLOSING_MARK;
            if (mark && lastWasChar && count > 0) {
                tokens[count - 1] =
                        fnv(tokens[count - 1], cp); // a Thai vowel sign joins its letter
                continue;
            }
            if (!Character.isLetterOrDigit(cp) && !mark) {
                if (inWord) {
                    tokens = grow(tokens, count);
                    tokens[count++] = word;
                    inWord = false;
                }
                lastWasChar = false;
                continue;
            }
            if (!mark && unspaced(cp)) {
                if (inWord) {
                    tokens = grow(tokens, count);
                    tokens[count++] = word;
                    inWord = false;
                }
                tokens = grow(tokens, count);
                tokens[count++] = fnv(FNV_OFFSET, cp);
                charTokens++;
                lastWasChar = true;
                continue;
            }
            if (!inWord) {
                word = FNV_OFFSET;
                inWord = true;
            }
            word = fnv(word, cp);
            lastWasChar = false;
        }
        if (inWord) {
            tokens = grow(tokens, count);
            tokens[count++] = word;
        }
        if (count == 0) {
            return EMPTY;
        }
        int n = Math.min(charTokens * 2 >= count ? charShingle : wordShingle, count);
        long[] shingles = new long[count - n + 1];
        for (int i = 0; i < shingles.length; i++) {
            long h = 0x9e3779b97f4a7c15L;
            for (int j = 0; j < n; j++) {
                h = (h ^ tokens[i + j]) * 0xff51afd7ed558ccdL;
                h = Long.rotateLeft(h, 29);
            }
            shingles[i] = mix(h);
        }
        int distinct = distinct(shingles);
        return distinct == shingles.length ? shingles : Arrays.copyOf(shingles, distinct);
    }

    /**
     * Moves the distinct values of {@code a} to its front, first occurrences in order, and returns
     * their count: an open-addressing set at most half full, a third of the time of sorting.
     */
    static int distinct(long[] a) {
        int capacity = Integer.highestOneBit(Math.max(2, a.length) * 2 - 1) << 1;
        long[] table = new long[capacity];
        int mask = capacity - 1;
        boolean zero = false; // 0 marks an empty slot, so the value 0 is tracked apart
        int distinct = 0;
        for (long v : a) {
            if (v == 0) {
                if (!zero) {
                    zero = true;
                    a[distinct++] = v;
                }
                continue;
            }
            int slot = (int) (v ^ (v >>> 32)) & mask; // the values are mixed hashes already
            while (table[slot] != 0 && table[slot] != v) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] == 0) {
                table[slot] = v;
                a[distinct++] = v;
            }
        }
        return distinct;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static long fnv(long h, int cp) {
        return (h ^ cp) * FNV_PRIME;
    }

    private static long[] grow(long[] a, int count) {
        return count < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    static boolean unspaced(int cp) {
        if (cp < 0x0E00) {
            return false; // Thai (U+0E00) is the first of these scripts: skip the script lookup
        }
        // The commonest blocks without the lookup (a binary search over every script range, 4 % of
        // enrich's stream thread with Chinese and Japanese texts): U+4E00-U+9FFC are Han in every
        // JDK (U+9FFD-U+9FFF only from Unicode 14), the Hangul syllables Korean, written spaced.
        if (cp >= 0x4E00 && cp <= 0x9FFC) {
            return true;
        }
        if (cp >= 0xAC00 && cp <= 0xD7A3) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
            default -> false;
        };
    }
}
