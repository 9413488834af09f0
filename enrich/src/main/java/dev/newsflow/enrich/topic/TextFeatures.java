package dev.newsflow.enrich.topic;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns a text into a sparse, L2-normalised vector of hashed features: words, word bigrams and
 * character n-grams of words, and character n-grams of runs in scripts written without spaces. With
 * {@code languageConjunction} every word and bigram is hashed a second time together with the
 * language code, so the model can learn per-language weights beside the shared ones (the "feature
 * augmentation" of Daumé III, 2007). Values are {@code 1 + ln(count)} before normalisation.
 *
 * <p>Hashing is ours (FNV-1a over UTF-16 units, finished with MurmurHash3's 64-bit mixer) rather
 * than {@link String#hashCode()} so that a model stays valid whatever the JVM, and without building
 * a string per n-gram. Immutable and thread-safe.
 *
 * @param bits the feature space has {@code 2^bits} buckets
 * @param minN shortest character n-gram
 * @param maxN longest character n-gram
 * @param languageConjunction also emit language-specific copies of word features
 * @param priors also emit, outside the normalised vector with value 1, a feature of the language,
 *     one of the text's length class and one of both, so that the model learns a prior per language
 *     and per kind of text (a one-sentence text and a whole article do not have the same topic
 *     distribution)
 * @param titleFeatures also emit the words and word bigrams of the title (see {@link
 *     #extract(String, String, String)}) a second time, hashed apart from those of the text, so
 *     that the model can weigh a word in a headline unlike the same word in the body
 */
public record TextFeatures(
        int bits,
        int minN,
        int maxN,
        boolean languageConjunction,
        boolean priors,
        boolean titleFeatures) {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long WORD = 'w';
    private static final long BIGRAM = 'b';
    private static final long CHARS = 'c';
    private static final long RUN = 'r';
    private static final long PRIOR = 'p';
    private static final long TITLE_WORD = 'W';
    private static final long TITLE_BIGRAM = 'B';
    private static final long TITLE_RUN = 'R';
    private static final int MAX_LENGTH_CLASS = 9;

    public TextFeatures {
        if (bits < 8 || bits > 26) {
            throw new IllegalArgumentException("bits must be 8 to 26: " + bits);
        }
        if (minN < 1 || maxN < minN || maxN > 8) {
            throw new IllegalArgumentException("bad n-gram range " + minN + ".." + maxN);
        }
    }

    /** Features without priors nor title features. */
    public TextFeatures(int bits, int minN, int maxN, boolean languageConjunction) {
        this(bits, minN, maxN, languageConjunction, false, false);
    }

    /** Features without title features. */
    public TextFeatures(int bits, int minN, int maxN, boolean languageConjunction, boolean priors) {
        this(bits, minN, maxN, languageConjunction, priors, false);
    }

    /** A sparse vector: ascending distinct {@code indices} in {@code [0, 2^bits)} and values. */
    public record Vector(int[] indices, float[] values) {
        public Vector {
            Objects.requireNonNull(indices, "indices can't be null");
            Objects.requireNonNull(values, "values can't be null");
        }

        /** The number of non-zero features. */
        public int size() {
            return indices.length;
        }
    }

    /** The number of buckets, {@code 2^bits}. */
    public int dimension() {
        return 1 << bits;
    }

    /**
     * Extracts the features of {@code text} in language {@code language} (ISO 639 code, or empty
     * when unknown; only used with {@code languageConjunction}).
     */
    public Vector extract(String text, String language) {
        return extract(text, "", language);
    }

    /**
     * Extracts the features of {@code text} as {@link #extract(String, String)} does and, with
     * {@link #titleFeatures()}, those of the words, word bigrams and runs of unsegmented scripts of
     * {@code title} hashed apart. {@code text} is the whole input of the model, title included (as
     * {@code RawArticle.titleAndText()}); {@code title} is empty when there is none.
     */
    public Vector extract(String text, String title, String language) {
        Objects.requireNonNull(text, "text can't be null");
        Objects.requireNonNull(title, "title can't be null");
        Objects.requireNonNull(language, "language can't be null");
        String normalised = TextTokens.normalise(text);
        List<TextTokens.Token> tokens = TextTokens.tokens(normalised);
        long langSeed = language.isEmpty() ? 0 : hash(FNV_OFFSET, language) | 1;
        int[] buf = new int[64];
        int count = 0;
        if (titleFeatures && !title.isBlank()) {
            String previous = null;
            for (TextTokens.Token token : TextTokens.tokens(TextTokens.normalise(title))) {
                String t = token.text();
                if (token.unsegmented()) {
                    for (int n = 1; n <= 3; n++) {
                        for (int i = 0; i + n <= t.length(); i++) {
                            buf = grow(buf, count + 1);
                            buf[count++] = index(hash(TITLE_RUN, t, i, i + n));
                        }
                    }
                    previous = null;
                    continue;
                }
                String word = isNumber(t) ? "0" : t;
                buf = grow(buf, count + 2);
                buf[count++] = index(hash(TITLE_WORD, word, 0, word.length()));
                if (previous != null) {
                    long ph = hash(TITLE_BIGRAM, previous, 0, previous.length());
                    buf[count++] = index(hash(ph, word, 0, word.length()));
                }
                previous = word;
            }
        }
        char[] padded = new char[64];
        String previous = null;
        for (TextTokens.Token token : tokens) {
            String t = token.text();
            if (token.unsegmented()) {
                // No word boundaries: character n-grams of the run stand in for words.
                for (int n = 1; n <= 3; n++) {
                    for (int i = 0; i + n <= t.length(); i++) {
                        buf = grow(buf, count + 2);
                        long h = hash(RUN, t, i, i + n);
                        buf[count++] = index(h);
                        if (langSeed != 0 && languageConjunction && n > 1) {
                            buf[count++] = index(h ^ langSeed);
                        }
                    }
                }
                previous = null;
                continue;
            }
            boolean number = isNumber(t);
            String word = number ? "0" : t;
            buf = grow(buf, count + 4);
            long wh = hash(WORD, word, 0, word.length());
            buf[count++] = index(wh);
            if (langSeed != 0 && languageConjunction) {
                buf[count++] = index(wh ^ langSeed);
            }
            if (previous != null) {
                long bh =
                        hash(hash(BIGRAM, previous, 0, previous.length()), word, 0, word.length());
                buf[count++] = index(bh);
                if (langSeed != 0 && languageConjunction) {
                    buf[count++] = index(bh ^ langSeed);
                }
            }
            previous = word;
            if (number) {
                continue;
            }
            int len = t.length() + 2;
            if (padded.length < len) {
                padded = new char[len * 2];
            }
            padded[0] = '<';
            t.getChars(0, t.length(), padded, 1);
            padded[len - 1] = '>';
            // A Hangul letter is a whole syllable: shorter n-grams play the part of 3-5 letters.
            boolean hangul =
                    Character.UnicodeScript.of(t.codePointAt(0)) == Character.UnicodeScript.HANGUL;
            int from = hangul ? Math.max(1, minN - 1) : minN;
            int to = hangul ? Math.max(from, maxN - 2) : maxN;
            for (int n = from; n <= to && n <= len; n++) {
                buf = grow(buf, count + len);
                for (int i = 0; i + n <= len; i++) {
                    buf[count++] = index(hash(CHARS, padded, i, i + n));
                }
            }
        }
        Vector v = toVector(buf, count);
        return priors ? withPriors(v, normalised.length(), language) : v;
    }

    /**
     * The length class of a text of {@code chars} characters: {@code log2(chars / 16)}, 0 to
     * {@value #MAX_LENGTH_CLASS} (a sentence of 130 characters is 3, an article of 2,000 is 6).
     */
    static int lengthClass(int chars) {
        int c = 0;
        for (int n = chars / 16; n > 1 && c < MAX_LENGTH_CLASS; n >>= 1) {
            c++;
        }
        return c;
    }

    private Vector withPriors(Vector v, int chars, String language) {
        String length = Integer.toString(lengthClass(chars));
        int[] extra = {
            index(hash(PRIOR, "l" + language)),
            index(hash(PRIOR, "n" + length)),
            index(hash(PRIOR, "b" + language + "\t" + length))
        };
        int[] idx = Arrays.copyOf(v.indices(), v.size() + extra.length);
        float[] val = Arrays.copyOf(v.values(), v.size() + extra.length);
        int n = v.size();
        for (int e : extra) {
            int at = Arrays.binarySearch(idx, 0, n, e);
            if (at >= 0) {
                val[at] += 1;
                continue;
            }
            int ins = -at - 1;
            System.arraycopy(idx, ins, idx, ins + 1, n - ins);
            System.arraycopy(val, ins, val, ins + 1, n - ins);
            idx[ins] = e;
            val[ins] = 1;
            n++;
        }
        return new Vector(Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
    }

    private int index(long h) {
        return (int) (fmix64(h) >>> (64 - bits));
    }

    private static Vector toVector(int[] buf, int count) {
        Arrays.sort(buf, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || buf[i] != buf[i - 1]) {
                distinct++;
            }
        }
        int[] idx = new int[distinct];
        float[] val = new float[distinct];
        int k = -1;
        int run = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || buf[i] != buf[i - 1]) {
                if (k >= 0) {
                    val[k] = (float) (1 + Math.log(run));
                }
                idx[++k] = buf[i];
                run = 0;
            }
            run++;
        }
        if (k >= 0) {
            val[k] = (float) (1 + Math.log(run));
        }
        double norm = 0;
        for (float v : val) {
            norm += v * v;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < val.length; i++) {
                val[i] *= inv;
            }
        }
        return new Vector(idx, val);
    }

    private static int[] grow(int[] buf, int needed) {
        return needed <= buf.length ? buf : Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }

    private static boolean isNumber(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static long hash(long seed, CharSequence s) {
        return hash(seed, s, 0, s.length());
    }

    private static long hash(long seed, CharSequence s, int from, int to) {
        long h = FNV_OFFSET ^ (seed * FNV_PRIME);
        for (int i = from; i < to; i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static long hash(long seed, char[] s, int from, int to) {
        long h = FNV_OFFSET ^ (seed * FNV_PRIME);
        for (int i = from; i < to; i++) {
            h = (h ^ s[i]) * FNV_PRIME;
        }
        return h;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb93e185a653bL;
        k ^= k >>> 33;
        return k;
    }
}
