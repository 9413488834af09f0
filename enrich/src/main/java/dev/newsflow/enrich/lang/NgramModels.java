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
 * held compactly for {@link LinguaLanguageDetector}.
 *
 * <p>Why not Lingua's high-accuracy mode: Lingua 1.2.2 keeps every n-gram as a {@code String} key
 * of a fastutil hash map, about 60 bytes an entry, and a Latin-script language has about 400,000
 * uni- to fivegrams: high-accuracy mode over the 20 benchmark languages holds 456 MB of heap
 * (bench/README.md). Here an n-gram and the index of its relative frequency are packed into one
 * {@code long} (9 bits a character, from a per-language alphabet) in a sorted array: 8 bytes an
 * entry, the same numbers. They serve texts of 120 characters and more too, where Lingua scores
 * trigrams only (its low-accuracy models are then never loaded).
 *
 * <p>A language is loaded on first use (or all at once by {@link #preload}); loading one took 0.8
 * to 2 seconds on a 2-core machine at load 17, the first one 4 (JIT warm-up). Thread-safe.
 */
final class NgramModels {
    /**
     * Field names here are frequencies ("3/1000"), up to 95,408 distinct ones a file: interning and
     * canonicalising them, Jackson's defaults, only fills and clears its caches.
     */
    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .build();

    private static final String[] FILES = {
        "unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"
    };

    private static final NgramModels SHARED = new NgramModels();

    private final Map<Language, Model> models = new EnumMap<>(Language.class);

    private NgramModels() {}

    /**
     * The models of this JVM. Like Lingua's own models they are loaded once and shared by every
     * detector: the CLI, the topology and the tests build several detectors over the same
     * languages, and the models never change.
     */
    static NgramModels shared() {
        return SHARED;
    }

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
        private static final int BITS_PER_CHAR = 9;
        private static final int MAX_ALPHABET = (1 << BITS_PER_CHAR) - 1;
        private static final int PROBABILITY_BITS = 17;
        private static final long PROBABILITY_MASK = (1L << PROBABILITY_BITS) - 1;

        /**
         * Character to alphabet index (1..511) in bi- to fivegrams, 0 when none of them has it.
         * Lingua's largest alphabet has 201 letters.
         */
        private final short[] alphabet = new short[Character.MAX_VALUE + 1];

        private int alphabetSize;

        /**
         * Per n-gram length, sorted: the packed n-gram (9 bits a character; unigrams by code unit)
         * shifted left by 17 bits, or'ed with the index of its relative frequency in {@link
         * #probabilities}. One {@code long} an n-gram; a plain {@link Arrays#sort} orders them.
         */
        private final long[][] entries = new long[5][];

        /** Per n-gram length, the distinct relative frequencies (at most 95,408 in a file). */
        private final float[][] probabilities = new float[5][];

        static Model load(Language language) {
            String iso = language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
            Model m = new Model();
            for (int order = 1; order <= 5; order++) {
                String path = "/language-models/" + iso + "/" + FILES[order - 1] + ".json";
                try (InputStream in = Language.class.getResourceAsStream(path)) {
                    if (in == null) {
                        // Languages written without spaces (zh, ja, ko…) ship unigrams only.
                        m.entries[order - 1] = new long[0];
                        m.probabilities[order - 1] = new float[0];
                        continue;
                    }
                    m.read(in, order);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read Lingua model " + path, e);
                }
            }
            return m;
        }

        private void read(InputStream in, int order) throws IOException {
            long[] e = new long[1024];
            float[] probs = new float[256];
            int n = 0;
            int distinct = 0;
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
                        if (distinct == probs.length) {
                            probs = Arrays.copyOf(probs, distinct * 2);
                        }
                        probs[distinct] =
                                Float.parseFloat(fraction.substring(0, slash))
                                        / Integer.parseInt(fraction.substring(slash + 1));
                        if (distinct > PROBABILITY_MASK) {
                            throw new IllegalStateException("too many frequencies in " + order);
                        }
                        p.nextToken();
                        String ngrams = p.getText();
                        int start = 0;
                        while (start < ngrams.length()) {
                            int end = ngrams.indexOf(' ', start);
                            if (end < 0) {
                                end = ngrams.length();
                            }
                            long key = pack(ngrams, start, end, true);
                            if (key >= 0) {
                                if (n == e.length) {
                                    e = Arrays.copyOf(e, n * 2);
                                }
                                e[n++] = key << PROBABILITY_BITS | distinct;
                            }
                            start = end + 1;
                        }
                        distinct++;
                    }
                }
            }
            e = Arrays.copyOf(e, n);
            Arrays.sort(e);
            entries[order - 1] = e;
            probabilities[order - 1] = Arrays.copyOf(probs, distinct);
        }

        /**
         * Packs {@code s[start, end)}; with {@code grow}, new characters join the alphabet. -1 if a
         * character is not in the alphabet (or it is full).
         */
        private long pack(CharSequence s, int start, int end, boolean grow) {
            if (end - start == 1) {
                return s.charAt(start); // unigrams by code unit: zh alone has 7,490 of them
            }
            long key = 0;
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                int index = alphabet[c];
                if (index == 0) {
                    if (!grow || alphabetSize == MAX_ALPHABET) {
                        return -1;
                    }
                    index = ++alphabetSize;
                    alphabet[c] = (short) index;
                }
                key = key << BITS_PER_CHAR | index;
            }
            return key;
        }

        float probability(CharSequence ngram) {
            int order = ngram.length();
            long key = pack(ngram, 0, order, false);
            if (key < 0) {
                return 0f;
            }
            long[] e = entries[order - 1];
            int at = Arrays.binarySearch(e, key << PROBABILITY_BITS);
            if (at < 0) {
                at = -at - 1;
            }
            if (at < e.length && e[at] >>> PROBABILITY_BITS == key) {
                return probabilities[order - 1][(int) (e[at] & PROBABILITY_MASK)];
            }
            return 0f;
        }

        long bytes() {
            long b = alphabet.length * 2L;
            for (int i = 0; i < 5; i++) {
                b += entries[i] == null ? 0 : entries[i].length * 8L;
                b += probabilities[i] == null ? 0 : probabilities[i].length * 4L;
            }
            return b;
        }
    }
}
