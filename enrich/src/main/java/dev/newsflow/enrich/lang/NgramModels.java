package dev.newsflow.enrich.lang;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.pemistahl.lingua.api.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lingua's own n-gram models (the {@code language-models/<iso>/*.json} files in the Lingua jar),
 * held compactly for the short-text path of {@link LinguaLanguageDetector}.
 *
 * <p>Why not Lingua's high-accuracy mode: Lingua 1.2.2 keeps every n-gram as a {@code String} key
 * of a fastutil hash map, about 60 bytes an entry, and a Latin-script language has about 400,000
 * uni- to fivegrams: high-accuracy mode over the 20 benchmark languages holds 456 MB of heap
 * (bench/README.md). Here an n-gram is packed into a {@code long} (12 bits a character, from a
 * per-language alphabet) in a sorted array beside a {@code float[]} of its relative frequency: 12
 * bytes an entry, the same numbers. Lingua's low-accuracy mode (trigrams only, about 2 MB a
 * language) still does everything for texts of 120 characters and more, where its high-accuracy
 * mode uses trigrams only too.
 *
 * <p>A language is loaded on first use (or all at once by {@link #preload}); loading one takes 0.1
 * to 0.5 seconds. Thread-safe.
 */
final class NgramModels {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_ALPHABET = (1 << 12) - 1;
    private static final String[] FILES = {
        "unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"
    };

    private final Map<Language, Model> models = new EnumMap<>(Language.class);

    /** Loads the models of {@code languages} now rather than on first use. */
    void preload(Iterable<Language> languages) {
        for (Language l : languages) {
            model(l);
        }
    }

    /** The relative frequency of {@code ngram} (1 to 5 letters, lower case) in {@code language}. */
    float probability(Language language, CharSequence ngram) {
        return model(language).probability(ngram);
    }

    /** Bytes held by the loaded models (arrays only), for the benchmark. */
    long bytes() {
        synchronized (models) {
            return models.values().stream().mapToLong(Model::bytes).sum();
        }
    }

    private Model model(Language language) {
        synchronized (models) {
            // Loading under the lock is deliberate: two threads loading the same 20 MB of JSON
            // at once would only double the garbage.
            return models.computeIfAbsent(language, Model::load);
        }
    }

    /** The five n-gram tables of one language. Immutable once loaded. */
    private static final class Model {
        /**
         * Character to alphabet index (1..4095) in bi- to fivegrams, 0 when none of them has it.
         */
        private final short[] alphabet;

        private final long[][] keys = new long[5][];
        private final float[][] values = new float[5][];

        private Model(short[] alphabet) {
            this.alphabet = alphabet;
        }

        static Model load(Language language) {
            String iso = language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
            Model m = new Model(new short[Character.MAX_VALUE + 1]);
            int[] size = {0};
            for (int order = 1; order <= 5; order++) {
                String path = "/language-models/" + iso + "/" + FILES[order - 1] + ".json";
                try (InputStream in = Language.class.getResourceAsStream(path)) {
                    if (in == null) {
                        // Languages written without spaces (zh, ja, ko…) ship unigrams only.
                        m.keys[order - 1] = new long[0];
                        m.values[order - 1] = new float[0];
                        continue;
                    }
                    m.read(in, order, size);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read Lingua model " + path, e);
                }
            }
            return m;
        }

        private void read(InputStream in, int order, int[] alphabetSize) throws IOException {
            long[] k = new long[1024];
            float[] v = new float[1024];
            int n = 0;
            try (JsonParser p = JSON.createParser(in)) {
                // {"language": "...", "ngrams": {"numerator/denominator": "ngram ngram …", …}}
                while (p.nextToken() != null) {
                    if (p.currentToken() != JsonToken.FIELD_NAME
                            || !p.currentName().equals("ngrams")) {
                        continue;
                    }
                    p.nextToken(); // START_OBJECT
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String fraction = p.currentName();
                        int slash = fraction.indexOf('/');
                        float probability =
                                Float.parseFloat(fraction.substring(0, slash))
                                        / Integer.parseInt(fraction.substring(slash + 1));
                        p.nextToken();
                        String ngrams = p.getText();
                        int start = 0;
                        while (start < ngrams.length()) {
                            int end = ngrams.indexOf(' ', start);
                            if (end < 0) {
                                end = ngrams.length();
                            }
                            long key = pack(ngrams, start, end, alphabetSize);
                            if (key >= 0) {
                                if (n == k.length) {
                                    k = Arrays.copyOf(k, n * 2);
                                    v = Arrays.copyOf(v, n * 2);
                                }
                                k[n] = key;
                                v[n] = probability;
                                n++;
                            }
                            start = end + 1;
                        }
                    }
                }
            }
            k = Arrays.copyOf(k, n);
            v = Arrays.copyOf(v, n);
            sort(k, v, 0, n - 1);
            keys[order - 1] = k;
            values[order - 1] = v;
        }

        /** Packs {@code s[start, end)}, adding new characters to the alphabet; -1 if full. */
        private long pack(String s, int start, int end, int[] alphabetSize) {
            if (end - start == 1) {
                return s.charAt(start); // unigrams by code unit: zh alone has 7,490 of them
            }
            long key = 0;
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                int index = alphabet[c];
                if (index == 0) {
                    if (alphabetSize[0] == MAX_ALPHABET) {
                        return -1;
                    }
                    index = ++alphabetSize[0];
                    alphabet[c] = (short) index;
                }
                key = key << 12 | index;
            }
            return key;
        }

        float probability(CharSequence ngram) {
            int order = ngram.length();
            long key = order == 1 ? ngram.charAt(0) : 0;
            for (int i = 0; order > 1 && i < order; i++) {
                int index = alphabet[ngram.charAt(i)];
                if (index == 0) {
                    return 0f;
                }
                key = key << 12 | index;
            }
            int at = Arrays.binarySearch(keys[order - 1], key);
            return at >= 0 ? values[order - 1][at] : 0f;
        }

        long bytes() {
            long b = alphabet.length * 2L;
            for (long[] k : keys) {
                b += k == null ? 0 : k.length * 12L;
            }
            return b;
        }

        /** Sorts the parallel arrays by key (quicksort; keys are unique). */
        private static void sort(long[] k, float[] v, int lo, int hi) {
            while (lo < hi) {
                long pivot = k[(lo + hi) >>> 1];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (k[i] < pivot) {
                        i++;
                    }
                    while (k[j] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        long tk = k[i];
                        k[i] = k[j];
                        k[j] = tk;
                        float tv = v[i];
                        v[i] = v[j];
                        v[j] = tv;
                        i++;
                        j--;
                    }
                }
                // Recurse into the smaller half, loop on the larger: bounded stack depth.
                if (j - lo < hi - i) {
                    sort(k, v, lo, j);
                    lo = i;
                } else {
                    sort(k, v, i, hi);
                    hi = j;
                }
            }
        }
    }
}
