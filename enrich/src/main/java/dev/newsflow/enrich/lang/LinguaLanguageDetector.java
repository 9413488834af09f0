package dev.newsflow.enrich.lang;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.newsflow.core.article.Language;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Detects the language of an article with Lingua over a bounded prefix of its title and text,
 * weighed with the metadata around it. Emits a BCP-47 code ({@code id}, {@code en}, {@code
 * zh-Hans}…) with a calibrated confidence, or {@code und} when unsure.
 *
 * <h2>Policy, in order</h2>
 *
 * <ol>
 *   <li><b>Sample.</b> Title and text (or summary), cut to {@code maxChars} (default 1,000) at a
 *       word boundary. No letters: the declared language if there is one ({@code hint}), else
 *       {@code und}.
 *   <li><b>Shortcut when metadata is strong.</b> A declared language (feed {@code <language>} or
 *       configured feed language, page {@code lang}, {@code Content-Language}) backed by a second
 *       source (another declaration or the country TLD) is only verified: the policy runs on the
 *       first {@code verifyMaxChars} (default 300) and, if the result is the declared language,
 *       stops there. Otherwise the full sample decides.
 *   <li><b>First pass.</b> Without that shortcut, a sample longer than {@code firstPassChars}
 *       (default 300) and written in one script is first decided on its first {@code
 *       firstPassChars} by the steps below; the answer stands when its confidence is at least 0.95
 *       and it is neither Indonesian nor Malay (whose marker words want the whole sample).
 *       Otherwise the full sample decides. Scoring time grows with the sample, and most news texts
 *       are sure of their language well within 300 characters.
 *   <li><b>Text.</b> Lingua 1.2.2, restricted to the configured languages: its rules (scripts,
 *       letters unique to a language) and, in {@link Accuracy#HIGH}, trigrams for samples of 120
 *       characters and more and uni- to fivegrams for shorter ones — exactly Lingua's high-accuracy
 *       decisions (same top language on all 57,790 langid lines; the trigram scores equal Lingua's
 *       to 1e-6 on its 5,953 long sentences, {@code TrigramScoresTest}), scored on the caller's
 *       thread over {@link NgramModels}, in an eighth of Lingua's memory. Lingua itself gives only
 *       its rules: its own trigram scoring ran one task on the common fork-join pool per text and
 *       waited for it, and took a third more time (bench/README.md).
 *   <li><b>Confidence.</b> Lingua's relative scores become probabilities: the runner-up with
 *       relative score {@code r} gets weight {@code exp(-k·√n·(1/r - 1))} against the best, {@code
 *       n} the distinct letter trigrams of the sample, {@code k} 6 on uni- to fivegram scores and
 *       3.5 on trigram scores — a maximum-likelihood fit on the even langid lines. On the odd ones,
 *       word pairs and single words answered with confidence 0.3–0.4 are right 36–39% of the time,
 *       0.8–0.9 85–86%; sentences are somewhat overconfident between 0.5 and 0.9 (73% right at
 *       0.8–0.9), and 98% right above 0.9, where nearly all of them are.
 *   <li><b>Indonesian and Malay.</b> When one of them leads, {@link IndonesianMalayMarkers}
 *       (bahwa/bahawa, karena/kerana, -itas/-iti, kesehatan/kesihatan, miliar/bilion…) multiply the
 *       side they favour by 4 per net marker word. There is no prior for either side: without a
 *       marker or a hint, Lingua's n-grams decide.
 *   <li><b>Hints.</b> The declared language's probability is multiplied by 20, the country TLD's by
 *       4 (both are priors, not verdicts: a long text in another language still wins). An
 *       <em>Indonesian source</em> — declared {@code id}, or a {@code .id} domain with no marker
 *       against it — never comes out Malay when the text is Indonesian or Malay (and the same for
 *       Malay sources): the two share most n-grams, the source knows better.
 *   <li><b>Decision.</b> The most probable language, with its probability as confidence, if it
 *       reaches {@code minConfidence} (default 0.15); else the declared language ({@code hint}) if
 *       there is one, else {@code und}. Chinese becomes {@code zh-Hans} or {@code zh-Hant} by the
 *       characters only one script has ({@link ChineseScript}), else the hint's script, else {@code
 *       zh}.
 * </ol>
 *
 * <p>{@link Language#method()} is {@code text} (the text decided), {@code text+hint} (the text and
 * a hint agree, or a hint tipped an unsure text), {@code hint} (the hint alone), or {@code none}.
 *
 * <h2>Memory and time (bench/README.md, {@code bench/run LanguageBench})</h2>
 *
 * Lingua's own high-accuracy mode holds its uni- to fivegram models as {@code String}-keyed maps,
 * about 60 bytes an n-gram: hundreds of MB for the benchmark languages. {@link Accuracy#HIGH} (the
 * default) takes Lingua's low-accuracy models plus compact uni- to fivegram tables for the same
 * decisions, a fraction of that, so it fits the 1 GiB all-in-one heap beside the broker, Streams
 * and the sink. Detection time grows with the sample, hence the bounded prefix and the shortcut.
 *
 * <p>Thread-safe: the Lingua detector and the models are shared (the compact models by every
 * detector of the JVM, as Lingua's own), loaded lazily (or at build time with {@code preload}).
 */
public final class LinguaLanguageDetector implements LanguageDetector {
    /** How Lingua scores texts. */
    public enum Accuracy {
        /** Lingua's low-accuracy mode: trigrams only, also for short texts. Least memory. */
        LOW,
        /**
         * Lingua's low-accuracy models for texts of 120 characters and more, Lingua's uni- to
         * fivegram scoring over compact models below: Lingua's high-accuracy decisions.
         */
        HIGH,
        /** Lingua's own high-accuracy mode: same decisions as {@link #HIGH}, 4× its memory. */
        LINGUA_HIGH;

        /** Parses {@code low}, {@code high} or {@code lingua-high}. */
        public static Accuracy parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Lingua uses uni- to fivegrams below this many cleaned characters, trigrams above. */
    static final int SHORT_TEXT_CHARS = 120;

    /**
     * Scale of Lingua's uni- to fivegram scores (texts under 120 characters in {@link
     * Accuracy#HIGH} and {@link Accuracy#LINGUA_HIGH}) in {@link #classify}. It and {@link
     * #K_TRIGRAMS} are the maximum-likelihood fit of the true language's probability on the even
     * lines of the langid benchmark (sentences, word pairs and single words of the 20 benchmark
     * languages), with the exponent ½ of {@code n}; the calibration on the odd lines is in
     * bench/README.md.
     */
    static final double K_SHORT_TEXT = 6;

    /** Scale of Lingua's trigram scores (texts of 120 characters and more; all in LOW). */
    static final double K_TRIGRAMS = 3.5;

    /**
     * The confidence at which the first pass's answer stands without the rest of the sample (see
     * {@link Builder#firstPassChars(int)}).
     */
    static final double FIRST_PASS_CONFIDENCE = 0.95;

    private static final double DECLARED_WEIGHT = 20;
    private static final double TLD_WEIGHT = 4;
    private static final double MARKER_WEIGHT = 4;

    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    private final @Nullable ShortTextScorer shortText;
    private final Set<String> languages;
    private final Accuracy accuracy;
    private final double minConfidence;
    private final int maxChars;
    private final int verifyMaxChars;
    private final int firstPassChars;
    private final boolean tldHints;
    private volatile @Nullable ChineseScript chinese;

    private LinguaLanguageDetector(Builder b, List<IsoCode639_1> codes) {
        var lb = LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(new IsoCode639_1[0]));
        if (b.accuracy != Accuracy.LINGUA_HIGH) {
            lb = lb.withLowAccuracyMode();
        }
        if (b.preload && b.accuracy != Accuracy.HIGH) {
            // HIGH scores over NgramModels and takes only Lingua's rules, which need no model
            lb = lb.withPreloadedLanguageModels();
        }
        this.lingua = lb.build();
        if (b.accuracy == Accuracy.HIGH) {
            NgramModels models = NgramModels.shared();
            if (b.preload) {
                List<com.github.pemistahl.lingua.api.Language> ls = new ArrayList<>();
                for (IsoCode639_1 c : codes) {
                    ls.add(com.github.pemistahl.lingua.api.Language.getByIsoCode639_1(c));
                }
                models.preload(ls);
            }
            this.shortText = new ShortTextScorer(models);
        } else {
            this.shortText = null;
        }
        Set<String> ls = new HashSet<>();
        for (IsoCode639_1 c : codes) {
            ls.add(c.toString().toLowerCase(Locale.ROOT));
        }
        this.languages = Set.copyOf(ls);
        this.accuracy = b.accuracy;
        this.minConfidence = b.minConfidence;
        this.maxChars = b.maxChars;
        this.verifyMaxChars = b.verifyMaxChars;
        this.firstPassChars = b.firstPassChars;
        this.tldHints = b.tldHints;
    }

    /**
     * Starts a detector choosing among {@code isoCodes} (ISO 639-1, at least two).
     *
     * @throws IllegalArgumentException (from {@link Builder#build()}) if a code is not a language
     *     Lingua knows
     */
    public static Builder builder(List<String> isoCodes) {
        return new Builder(isoCodes);
    }

    /** Whether Lingua knows the language of ISO 639-1 {@code code} ({@code NONE} is not one). */
    public static boolean knows(String code) {
        try {
            return IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT)) != IsoCode639_1.NONE;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The languages this detector chooses from (ISO 639-1). */
    public Set<String> languages() {
        return languages;
    }

    /** The accuracy mode. */
    public Accuracy accuracy() {
        return accuracy;
    }

    @Override
    public Language detect(RawArticle article) {
        return explain(article).language();
    }

    /** Detects the language of {@code article} and says why. */
    public Detection explain(RawArticle article) {
        Objects.requireNonNull(article, "article can't be null");
        LanguageHints h = article.languageHints();
        List<String> declared = new ArrayList<>(3);
        for (String tag : new String[] {h.feed(), h.page(), h.http()}) {
            String d = LanguageHintParser.declared(tag);
            if (d != null) {
                declared.add(d);
            }
        }
        String tld = tldHints ? LanguageHintParser.fromUrl(article.url()) : null;
        return decide(article.titleAndText(), declared, tld);
    }

    private Detection decide(String text, List<String> declaredTags, @Nullable String tld) {
        String declared = declaredTags.isEmpty() ? null : declaredTags.get(0);
        String sample = prefix(text, maxChars);
        if (!hasLetter(sample)) {
            return declared != null
                    ? new Detection(new Language(declared, 0.5, "hint"), "no text; " + declared)
                    : new Detection(Language.undetermined("none"), "no text, no hint");
        }
        String verifiedHead = null;
        Detection verified = null;
        if (declared != null && sample.length() > verifyMaxChars && strong(declaredTags, tld)) {
            verifiedHead = prefix(sample, verifyMaxChars);
            verified = combine(classify(verifiedHead), verifiedHead, declared, tld);
            if (LanguageHintParser.primary(verified.language().code())
                    .equals(LanguageHintParser.primary(declared))) {
                return new Detection(
                        verified.language(),
                        "verified on " + verifiedHead.length() + " chars; " + verified.reason());
            }
        }
        if (firstPassChars > 0 && sample.length() > firstPassChars && oneScript(sample)) {
            String head = prefix(sample, firstPassChars);
            // the same head as a failed verification (both 300 by default) is not scored twice
            Detection d =
                    head.equals(verifiedHead)
                            ? verified
                            : combine(classify(head), head, declared, tld);
            String code = LanguageHintParser.primary(d.language().code());
            if (d.language().confidence() >= FIRST_PASS_CONFIDENCE
                    && !isIdMs(code)
                    && !code.equals(Language.UNDETERMINED)) {
                return new Detection(
                        d.language(), "decided on " + head.length() + " chars; " + d.reason());
            }
        }
        return combine(classify(sample), sample, declared, tld);
    }

    /**
     * Whether every letter of {@code sample} is of one script. A first pass decides only such
     * samples: where a head of another script (a Chinese newsletter line before a Thai story, a
     * Chinese paragraph before a Japanese one) met a short prefix, the first pass answered the
     * head's language with full confidence, since Lingua's rules count a script's words.
     */
    static boolean oneScript(String sample) {
        Character.UnicodeScript first = null;
        for (int i = 0; i < sample.length(); ) {
            int cp = sample.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 'A' || !Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript script =
                    cp < 0x250 ? Character.UnicodeScript.LATIN : Character.UnicodeScript.of(cp);
            if (first == null) {
                first = script;
            } else if (script != first) {
                return false;
            }
        }
        return true;
    }

    /** A declared language that a second declaration or the TLD backs up. */
    private static boolean strong(List<String> declared, @Nullable String tld) {
        String first = LanguageHintParser.primary(declared.get(0));
        int agreeing = 0;
        for (String d : declared) {
            if (LanguageHintParser.primary(d).equals(first)) {
                agreeing++;
            }
        }
        return agreeing >= 2 || (tld != null && LanguageHintParser.primary(tld).equals(first));
    }

    /**
     * Lingua's view of {@code sample}: ISO code to probability, most probable first. Lingua's
     * relative scores (1.0 for the best language, {@code r < 1} for the others) become weights
     * {@code exp(-k·√n·(1/r - 1))}, {@code n} the distinct letter trigrams of the sample, then
     * probabilities; {@code k} is fitted per kind of score (see {@link #K_SHORT_TEXT}).
     */
    Map<String, Double> classify(String sample) {
        boolean fivegrams =
                accuracy != Accuracy.LOW
                        && ShortTextScorer.clean(sample).length() < SHORT_TEXT_CHARS;
        double k = fivegrams ? K_SHORT_TEXT : K_TRIGRAMS;
        double scale = k * Math.sqrt(Math.max(1, distinctTrigrams(sample)));
        Map<String, Double> weights = new LinkedHashMap<>();
        double total = 0;
        for (var e : relativeScores(sample).entrySet()) {
            double r = e.getValue();
            double w = r >= 1 ? 1 : r <= 0 ? 0 : Math.exp(-scale * (1 / r - 1));
            weights.put(e.getKey(), w);
            total += w;
        }
        return normalise(weights, total);
    }

    /**
     * Lingua's relative confidence values for {@code sample} by ISO code: 1.0 for the best
     * language, {@code best score / score} for the others; empty when no configured language fits.
     */
    Map<String, Double> relativeScores(String sample) {
        String cleaned = ShortTextScorer.clean(sample);
        Map<com.github.pemistahl.lingua.api.Language, Double> values =
                shortText == null
                        ? lingua.computeLanguageConfidenceValues(sample)
                        : cleaned.length() < SHORT_TEXT_CHARS
                                ? shortText.score(lingua, cleaned)
                                : shortText.scoreTrigrams(lingua, cleaned);
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((l, r) -> out.put(iso(l), r));
        return out;
    }

    private Detection combine(
            Map<String, Double> text,
            String sample,
            @Nullable String declared,
            @Nullable String tld) {
        if (text.isEmpty()) {
            return declared != null
                    ? new Detection(
                            new Language(declared, 0.5, "hint"),
                            "text in no configured language; " + declared)
                    : new Detection(
                            Language.undetermined("text"), "text in no configured language");
        }
        StringBuilder reason = new StringBuilder("text ").append(top(text, 3));
        Map<String, Double> w = new LinkedHashMap<>(text);
        String best = argmax(w);
        IndonesianMalayMarkers.Count markers = null;
        if ((best.equals("id") || best.equals("ms"))
                && languages.contains("id")
                && languages.contains("ms")) {
            markers = IndonesianMalayMarkers.count(sample);
            if (markers.net() != 0) {
                double factor = Math.pow(MARKER_WEIGHT, Math.abs(markers.net()));
                w.computeIfPresent(markers.net() > 0 ? "id" : "ms", (l, p) -> p * factor);
            }
            reason.append("; markers id ")
                    .append(markers.indonesian())
                    .append(" ms ")
                    .append(markers.malay());
        }
        String declaredLang = declared == null ? null : LanguageHintParser.primary(declared);
        String tldLang = tld == null ? null : LanguageHintParser.primary(tld);
        if (declaredLang != null) {
            w.computeIfPresent(declaredLang, (l, p) -> p * DECLARED_WEIGHT);
            reason.append("; declared ").append(declared);
        }
        if (tldLang != null) {
            w.computeIfPresent(tldLang, (l, p) -> p * TLD_WEIGHT);
            reason.append("; domain ").append(tld);
        }
        w = normalise(w, w.values().stream().mapToDouble(Double::doubleValue).sum());
        String choice = argmax(w);
        String source = declaredLang;
        if (source == null
                && tldLang != null
                && (markers == null || markers.net() == 0 || favours(markers, tldLang))) {
            source = tldLang;
        }
        if (source != null && isIdMs(source) && isIdMs(choice) && !source.equals(choice)) {
            reason.append("; ").append(source).append(" source");
            w.put(source, w.getOrDefault(source, 0.0) + w.get(choice));
            w.put(choice, 0.0);
            choice = source;
        }
        double confidence = w.getOrDefault(choice, 0.0);
        boolean hinted = choice.equals(declaredLang) || choice.equals(tldLang);
        if (confidence < minConfidence) {
            if (declared == null) {
                return new Detection(Language.undetermined("text"), reason + "; unsure");
            }
            choice = declaredLang;
            confidence = w.getOrDefault(choice, 0.0);
            return new Detection(
                    new Language(code(choice, sample, declared, tld), round(confidence), "hint"),
                    reason + "; text unsure");
        }
        return new Detection(
                new Language(
                        code(choice, sample, declared, tld),
                        round(confidence),
                        hinted ? "text+hint" : "text"),
                reason.toString());
    }

    private static boolean favours(IndonesianMalayMarkers.Count markers, String lang) {
        return lang.equals("id") ? markers.net() > 0 : lang.equals("ms") && markers.net() < 0;
    }

    private static boolean isIdMs(String lang) {
        return lang.equals("id") || lang.equals("ms");
    }

    /** The BCP-47 code of {@code lang}: Chinese gets its script. */
    private String code(
            String lang, String sample, @Nullable String declared, @Nullable String tld) {
        if (!lang.equals("zh")) {
            return lang;
        }
        ChineseScript c = chinese;
        if (c == null) {
            synchronized (this) {
                c = chinese;
                if (c == null) {
                    c = new ChineseScript();
                    chinese = c;
                }
            }
        }
        String hint = declared != null && declared.startsWith("zh-") ? declared : tld;
        return c.tag(sample, hint != null && hint.startsWith("zh-") ? hint : null);
    }

    private static Map<String, Double> normalise(Map<String, Double> weights, double total) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(weights.entrySet());
        entries.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : entries) {
            out.put(e.getKey(), total > 0 ? e.getValue() / total : 0.0);
        }
        return out;
    }

    private static String argmax(Map<String, Double> w) {
        String best = null;
        double max = -1;
        for (var e : w.entrySet()) {
            if (e.getValue() > max) {
                max = e.getValue();
                best = e.getKey();
            }
        }
        return Objects.requireNonNull(best);
    }

    private static String top(Map<String, Double> ranking, int n) {
        StringBuilder sb = new StringBuilder();
        for (var e : ranking.entrySet()) {
            if (n-- == 0 || (sb.length() > 0 && e.getValue() < 0.001)) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(String.format(Locale.ROOT, " %.3f", e.getValue()));
        }
        return sb.toString();
    }

    private static String iso(com.github.pemistahl.lingua.api.Language l) {
        return l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    /** {@code text} cut to at most {@code max} chars, at the last whitespace if there is one. */
    static String prefix(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        while (cut > max / 2 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        if (cut == max / 2) {
            cut = max;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut);
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int distinctTrigrams(String sample) {
        Set<String> seen = new HashSet<>();
        String s = sample.toLowerCase(Locale.ROOT);
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = Character.isLetter(s.charAt(i)) ? run + 1 : 0;
            if (run >= 3) {
                seen.add(s.substring(i - 2, i + 1));
            }
        }
        return seen.size();
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    /** Builds a {@link LinguaLanguageDetector}; not thread-safe. */
    public static final class Builder {
        private final List<String> isoCodes;
        private Accuracy accuracy = Accuracy.HIGH;
        private double minConfidence = 0.15;
        private int maxChars = 1000;
        private int verifyMaxChars = 300;
        private int firstPassChars = 300;
        private boolean tldHints = true;
        private boolean preload;

        private Builder(List<String> isoCodes) {
            this.isoCodes = List.copyOf(Objects.requireNonNull(isoCodes, "isoCodes can't be null"));
        }

        /** How Lingua scores texts (default {@link Accuracy#HIGH}). */
        public Builder accuracy(Accuracy accuracy) {
            this.accuracy = Objects.requireNonNull(accuracy, "accuracy can't be null");
            return this;
        }

        /** Below this confidence (0 to 1) the text alone does not decide (default 0.15). */
        public Builder minConfidence(double minConfidence) {
            this.minConfidence = minConfidence;
            return this;
        }

        /** Characters of title and text given to Lingua (default 1,000). */
        public Builder maxChars(int maxChars) {
            this.maxChars = maxChars;
            return this;
        }

        /** Characters checked when metadata is strong (default 300). */
        public Builder verifyMaxChars(int verifyMaxChars) {
            this.verifyMaxChars = verifyMaxChars;
            return this;
        }

        /**
         * Characters of a first, cheaper pass over a longer sample in one script (default 300; 0:
         * none): its answer stands when its confidence reaches 0.95 and it is neither Indonesian
         * nor Malay (their marker words need the longer sample); otherwise the whole sample
         * decides.
         */
        public Builder firstPassChars(int firstPassChars) {
            this.firstPassChars = firstPassChars;
            return this;
        }

        /** Whether the country TLD of the URL is a hint (default true). */
        public Builder tldHints(boolean tldHints) {
            this.tldHints = tldHints;
            return this;
        }

        /** Load every model at build time rather than on first use (default false). */
        public Builder preload(boolean preload) {
            this.preload = preload;
            return this;
        }

        /**
         * Builds the detector.
         *
         * @throws IllegalArgumentException if a code is not a language Lingua knows, or fewer than
         *     two are given
         */
        public LinguaLanguageDetector build() {
            Set<IsoCode639_1> codes = EnumSet.noneOf(IsoCode639_1.class);
            for (String code : isoCodes) {
                try {
                    codes.add(IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "Lingua does not know language '" + code + "'", e);
                }
            }
            if (codes.size() < 2) {
                throw new IllegalArgumentException(
                        "the language list needs at least two languages");
            }
            if (maxChars < 50 || verifyMaxChars < 50) {
                throw new IllegalArgumentException("maxChars and verifyMaxChars must be >= 50");
            }
            if (firstPassChars != 0 && firstPassChars < 50) {
                throw new IllegalArgumentException("firstPassChars must be 0 or >= 50");
            }
            return new LinguaLanguageDetector(this, List.copyOf(codes));
        }
    }
}
