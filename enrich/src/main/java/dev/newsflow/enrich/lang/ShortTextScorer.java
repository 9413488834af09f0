package dev.newsflow.enrich.lang;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lingua 1.2.2's high-accuracy scoring of short texts (uni- to fivegrams), over {@link
 * NgramModels}: Lingua's rules first (a script or letters only one candidate has decide alone;
 * otherwise they narrow the candidates), then for each n-gram length the sum of the log relative
 * frequencies of the text's distinct n-grams (backing off to the longest known prefix), summed over
 * the lengths and divided by the number of the text's letters the language knows. Returns Lingua's
 * relative confidence values: 1.0 for the best language, {@code best / sum} for the others.
 * Thread-safe.
 */
final class ShortTextScorer {
    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}");
    private static final Pattern NUMBERS = Pattern.compile("\\p{N}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final NgramModels models;

    ShortTextScorer(NgramModels models) {
        this.models = models;
    }

    /** Lingua's text clean-up: lower case, no punctuation, no digits, single spaces. */
    static String clean(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        s = PUNCTUATION.matcher(s).replaceAll("");
        s = NUMBERS.matcher(s).replaceAll("");
        return WHITESPACE.matcher(s).replaceAll(" ");
    }

    /**
     * Scores {@code cleaned} (see {@link #clean}) as Lingua's high-accuracy mode does with the
     * languages of {@code lingua} (a low-accuracy detector: only its rules are used here). Values
     * as Lingua's {@code computeLanguageConfidenceValues}, not sorted; empty without letters.
     */
    Map<Language, Double> score(LanguageDetector lingua, String cleaned) {
        return score(lingua, cleaned, 1, 5);
    }

    /**
     * Scores {@code cleaned} as Lingua's low-accuracy mode does, which is also what its
     * high-accuracy mode does from 120 characters on: the rules, then trigrams only (backing off to
     * their bi- and unigram prefixes), not divided by unigram counts. Lingua runs that one trigram
     * task on the common fork-join pool and waits for it, a hand-off per text that bought no
     * parallelism; here it runs on the caller's thread, over the compact tables.
     */
    Map<Language, Double> scoreTrigrams(LanguageDetector lingua, String cleaned) {
        return score(lingua, cleaned, 3, 3);
    }

    private Map<Language, Double> score(
            LanguageDetector lingua, String cleaned, int minOrder, int maxOrder) {
        if (cleaned.codePoints().noneMatch(Character::isLetter)) {
            return Map.of();
        }
        // Lingua's rule steps, Kotlin-internal but public in the bytecode of the pinned 1.2.2:
        // the same candidates as its high-accuracy mode. Lingua's low-accuracy scores cannot
        // stand in for them: they drop every language without a letter trigram in the text
        // (a two-letter word, a Hindi word whose vowel signs are not letters).
        List<String> words = lingua.splitTextIntoWords$lingua(cleaned);
        Language ruled = lingua.detectLanguageWithRules$lingua(words);
        if (ruled != Language.UNKNOWN) {
            return Map.of(ruled, 1.0);
        }
        Set<Language> candidates = lingua.filterLanguagesByRules$lingua(words);
        if (candidates.size() == 1) {
            return Map.of(candidates.iterator().next(), 1.0);
        }
        return score(cleaned, candidates, minOrder, maxOrder);
    }

    /**
     * Scores {@code cleaned} (see {@link #clean}) for each of {@code candidates}; languages that
     * know none of its n-grams are left out. Values as Lingua's {@code
     * computeLanguageConfidenceValues}, not sorted.
     */
    Map<Language, Double> score(String cleaned, Collection<Language> candidates) {
        return score(cleaned, candidates, 1, 5);
    }

    private Map<Language, Double> score(
            String cleaned, Collection<Language> candidates, int minOrder, int maxOrder) {
        Map<Language, Double> sums = new EnumMap<>(Language.class);
        Map<Language, Integer> unigramHits = new EnumMap<>(Language.class);
        for (int order = minOrder; order <= maxOrder && order <= cleaned.length(); order++) {
            Set<String> ngrams = ngrams(cleaned, order);
            Map<Language, Double> orderSums = new EnumMap<>(Language.class);
            for (Language language : candidates) {
                double sum = 0;
                for (String ngram : ngrams) {
                    for (int len = order; len >= 1; len--) {
                        float p = models.probability(language, ngram.subSequence(0, len));
                        if (p > 0) {
                            sum += Math.log(p);
                            break;
                        }
                    }
                }
                if (sum < 0) {
                    orderSums.put(language, sum);
                }
            }
            if (order == 1) {
                Collection<Language> counted =
                        orderSums.isEmpty() ? candidates : orderSums.keySet();
                for (Language language : counted) {
                    int hits = 0;
                    for (String unigram : ngrams) {
                        if (models.probability(language, unigram) > 0) {
                            hits++;
                        }
                    }
                    if (hits > 0) {
                        unigramHits.put(language, hits);
                    }
                }
            }
            orderSums.forEach((l, s) -> sums.merge(l, s, Double::sum));
        }
        Map<Language, Double> values = new EnumMap<>(Language.class);
        double best = Double.NEGATIVE_INFINITY;
        for (var e : sums.entrySet()) {
            Integer hits = unigramHits.get(e.getKey());
            double s = hits == null ? e.getValue() : e.getValue() / hits;
            if (s != 0) {
                values.put(e.getKey(), s);
                best = Math.max(best, s);
            }
        }
        double top = best;
        values.replaceAll((l, s) -> top / s);
        return values;
    }

    /** The distinct all-letter substrings of {@code text} of length {@code n}. */
    private static Set<String> ngrams(String text, int n) {
        Set<String> out = new HashSet<>();
        outer:
        for (int i = 0; i + n <= text.length(); i++) {
            for (int j = i; j < i + n; j++) {
                if (!Character.isLetter(text.charAt(j))) {
                    continue outer;
                }
            }
            out.add(text.substring(i, i + n));
        }
        return out;
    }
}
