package dev.newsflow.enrich.lang;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.RawArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Detects languages with Lingua, restricted to a configured set, over a bounded prefix of title and
 * text, combined with the metadata hints of the article.
 *
 * <p>Policy: Lingua's best language wins when its confidence reaches {@code minConfidence}; when a
 * hint (feed language, page {@code lang}) names a language Lingua also finds plausible (at least a
 * quarter of the top confidence), or the text is too short to judge, the hint wins ({@code
 * text+hint} or {@code hint}); Indonesian text Lingua calls Malay is tagged Indonesian when a hint
 * says so. With neither, the result is {@code und}. Thread-safe.
 */
public final class LinguaLanguageDetector implements LanguageDetector {
    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    private final double minConfidence;
    private final int maxChars;

    private LinguaLanguageDetector(
            com.github.pemistahl.lingua.api.LanguageDetector lingua,
            double minConfidence,
            int maxChars) {
        this.lingua = lingua;
        this.minConfidence = minConfidence;
        this.maxChars = maxChars;
    }

    /**
     * Builds a detector choosing among {@code isoCodes} (ISO 639-1).
     *
     * @throws IllegalArgumentException if a code is not a language Lingua knows
     */
    public static LinguaLanguageDetector create(
            List<String> isoCodes, double minConfidence, int maxChars) {
        List<IsoCode639_1> codes = new ArrayList<>();
        for (String code : isoCodes) {
            try {
                codes.add(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Lingua does not know language '" + code + "'", e);
            }
        }
        if (codes.size() < 2) {
            throw new IllegalArgumentException("the language list needs at least two languages");
        }
        var lingua =
                LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0]))
                        .build();
        return new LinguaLanguageDetector(lingua, minConfidence, maxChars);
    }

    @Override
    public Language detect(RawArticle article) {
        Objects.requireNonNull(article, "article can't be null");
        String hint =
                primary(
                        article.languageHints().feed() != null
                                ? article.languageHints().feed()
                                : article.languageHints().page());
        return detect(article.titleAndText(), hint);
    }

    /** Detects the language of {@code text}, with {@code hint} (ISO 639-1 or BCP-47) if any. */
    public Language detect(String text, @Nullable String hint) {
        String sample = text.length() > maxChars ? text.substring(0, maxChars) : text;
        hint = primary(hint);
        if (sample.isBlank()) {
            return hint != null ? new Language(hint, 0.5, "hint") : Language.undetermined("none");
        }
        Map<com.github.pemistahl.lingua.api.Language, Double> values =
                lingua.computeLanguageConfidenceValues(sample);
        if (values.isEmpty()) {
            return hint != null ? new Language(hint, 0.5, "hint") : Language.undetermined("text");
        }
        var top = values.entrySet().iterator().next();
        String code = iso(top.getKey());
        double confidence = top.getValue();
        if (hint != null && !hint.equals(code)) {
            Double hinted = null;
            for (var e : values.entrySet()) {
                if (iso(e.getKey()).equals(hint)) {
                    hinted = e.getValue();
                }
            }
            boolean idMs = hint.equals("id") && code.equals("ms");
            if (idMs || (hinted != null && hinted >= confidence * 0.25)) {
                return new Language(
                        hint,
                        round(Math.max(hinted == null ? 0 : hinted, Math.min(1, confidence))),
                        "text+hint");
            }
        }
        if (confidence >= minConfidence) {
            return new Language(
                    code,
                    round(confidence),
                    hint != null && hint.equals(code) ? "text+hint" : "text");
        }
        return hint != null
                ? new Language(hint, round(confidence), "hint")
                : Language.undetermined("text");
    }

    private static String iso(com.github.pemistahl.lingua.api.Language l) {
        return l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String primary(@Nullable String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String p = tag.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
        if (p.equals("in")) {
            return "id"; // the old ISO code of Indonesian, still seen in feeds
        }
        return p.matches("[a-z]{2,3}") ? p : null;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
