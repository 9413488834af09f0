package dev.newsflow.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.newsflow.core.article.LanguageHints;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.article.Source;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.enrich.EnrichApp;
import dev.newsflow.enrich.lang.Detection;
import dev.newsflow.enrich.lang.LinguaLanguageDetector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Language detection: accuracy per language on {@code ../shared/bench/langid} (and the SIB-200 dev
 * split for id/ms), heap after loading the models, and time per article for a bounded prefix
 * against full text. Baseline: Lingua 1.2.2 alone, high-accuracy mode, the 20 benchmark languages.
 * Subject: Newsflow's detector as configured by default.
 *
 * <p>{@code bench/run LanguageBench} runs everything; {@code accuracy}, {@code memory} or {@code
 * time} runs one part. Memory is measured in a fresh JVM per configuration (Lingua's models are
 * static, shared by every detector of a JVM).
 */
public final class LanguageBench {
    static final List<String> BENCH =
            List.of(
                    "ar", "de", "en", "es", "fa", "fr", "hi", "id", "it", "ja", "ko", "ms", "nl",
                    "pt", "ru", "th", "tr", "uk", "vi", "zh");

    private LanguageBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("heap-child")) {
            heapChild(args[1]);
            return;
        }
        String part = args.length > 0 ? args[0] : "all";
        Path langid = sharedDir().resolve("bench/langid");
        if (part.equals("all") || part.equals("accuracy")) {
            accuracy(langid);
        }
        if (part.equals("all") || part.equals("memory")) {
            memory();
        }
        if (part.equals("all") || part.equals("time")) {
            time(langid);
        }
    }

    // ---- accuracy ----------------------------------------------------------------------------

    private static final List<String> KINDS = List.of("sentences", "word-pairs", "single-words");

    private static void accuracy(Path langid) throws IOException {
        NewsflowConfig config = ConfigLoader.defaults();
        List<String> defaults = config.enrich().languages();
        // Same languages on both sides: the 20 benchmark languages, then the 25 defaults.
        var lingua20 = linguaHigh(BENCH);
        LinguaLanguageDetector ours20 = EnrichApp.detector(config, BENCH);
        var lingua25 = linguaHigh(defaults);
        LinguaLanguageDetector ours25 = EnrichApp.detector(config);
        System.out.println("## Accuracy (% of lines tagged with their language; und is wrong)");
        System.out.println();
        Map<String, Map<String, List<String>>> lines = new LinkedHashMap<>();
        for (String kind : KINDS) {
            Map<String, List<String>> byLang = new LinkedHashMap<>();
            for (String lang : BENCH) {
                byLang.put(lang, Files.readAllLines(langid.resolve(kind + "/" + lang + ".txt")));
            }
            lines.put(kind, byLang);
        }
        // The 20-language detector again without a minimum confidence: its confidences, for
        // the calibration table and the threshold sweep (a line is und when its confidence is
        // below the threshold and no language is declared, as in the benchmark).
        LinguaLanguageDetector unthresholded = EnrichApp.detector(config, BENCH, 0);
        List<double[]> sweep = new ArrayList<>(); // per line: kind, right?, confidence, Lingua?
        // Accuracy modes side by side (20 languages): Lingua high, Lingua low, Newsflow high
        // (default), Newsflow low; right answers per kind and language.
        var linguaLow20 =
                LanguageDetectorBuilder.fromIsoCodes639_1(codes(BENCH))
                        .withLowAccuracyMode()
                        .build();
        LinguaLanguageDetector oursLow20 =
                LinguaLanguageDetector.builder(BENCH)
                        .accuracy(LinguaLanguageDetector.Accuracy.LOW)
                        .minConfidence(config.enrich().minConfidence())
                        .build();
        int[][][] modeRight = new int[KINDS.size()][BENCH.size()][4];
        int[][] modeLines = new int[KINDS.size()][BENCH.size()];
        // Lines where neither Lingua nor unthresholded Newsflow names id or ms: the same answer?
        int[] agreement = new int[2];
        for (int set = 0; set < 2; set++) {
            var lingua = set == 0 ? lingua20 : lingua25;
            LinguaLanguageDetector ours = set == 0 ? ours20 : ours25;
            String label = set == 0 ? "20 benchmark languages" : "25 default languages";
            for (int k = 0; k < KINDS.size(); k++) {
                String kind = KINDS.get(k);
                System.out.printf(Locale.ROOT, "### %s, %s%n%n", kind, label);
                System.out.println(
                        "| lang | Lingua high | Newsflow | Δ | Newsflow answered | Newsflow right"
                                + " when answering | Lingua right on Newsflow's und |");
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                Score total = new Score();
                for (String lang : BENCH) {
                    Score sc = new Score();
                    List<String> file = lines.get(kind).get(lang);
                    for (int i = 0; i < file.size(); i++) {
                        String line = file.get(i);
                        String l = iso(lingua.detectLanguageOf(line));
                        sc.add(lang, l, code(ours, line, null));
                        if (set == 0) {
                            int li = BENCH.indexOf(lang);
                            modeLines[k][li]++;
                            modeRight[k][li][0] += l.equals(lang) ? 1 : 0;
                            modeRight[k][li][1] +=
                                    iso(linguaLow20.detectLanguageOf(line)).equals(lang) ? 1 : 0;
                            modeRight[k][li][2] +=
                                    code(ours, line, null).split("-")[0].equals(lang) ? 1 : 0;
                            modeRight[k][li][3] +=
                                    code(oursLow20, line, null).split("-")[0].equals(lang) ? 1 : 0;
                            var u = unthresholded.detect(article(line));
                            String uc = u.code().split("-")[0];
                            if (!l.matches("id|ms") && !uc.matches("id|ms")) {
                                agreement[0] += uc.equals(l) ? 1 : 0;
                                agreement[1]++;
                            }
                            sweep.add(
                                    new double[] {
                                        k,
                                        BENCH.indexOf(lang),
                                        u.code().split("-")[0].equals(lang) ? 1 : 0,
                                        u.confidence(),
                                        l.equals(lang) ? 1 : 0,
                                        i % 2
                                    });
                        }
                    }
                    total.addMean(sc);
                    System.out.println(sc.row(lang));
                }
                System.out.println(total.meanRow());
                System.out.println();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Newsflow without a minimum confidence names the same language as Lingua high on"
                        + " %d of the %d lines (20 languages) where neither names id or ms.%n%n",
                agreement[0],
                agreement[1]);
        System.out.println("### Accuracy modes, 20 languages (mean accuracy, und wrong)");
        System.out.println();
        System.out.println(
                "| kind | Lingua high | Lingua low | Newsflow high (default) | Newsflow low |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (int k = 0; k < KINDS.size(); k++) {
            StringBuilder row = new StringBuilder("| " + KINDS.get(k) + " |");
            for (int m = 0; m < 4; m++) {
                double sum = 0;
                for (int li = 0; li < BENCH.size(); li++) {
                    sum += 100.0 * modeRight[k][li][m] / modeLines[k][li];
                }
                row.append(String.format(Locale.ROOT, " %.1f |", sum / BENCH.size()));
            }
            System.out.println(row);
        }
        System.out.println();
        calibration(sweep);
        idMs(langid, lingua20, ours20);
    }

    /** Confidence bands against accuracy, and what other minimum confidences would give. */
    private static void calibration(List<double[]> sweep) {
        kindsTable(
                "### Calibration, 20 languages, odd lines (the confidence factors were fitted on"
                        + " the even ones)",
                "| confidence | ",
                "| --- | ---: | ---: | ---: |");
        for (int band = 0; band < 10; band++) {
            StringBuilder row =
                    new StringBuilder(
                            String.format(
                                    Locale.ROOT, "| %.1f–%.1f |", band / 10.0, (band + 1) / 10.0));
            for (int k = 0; k < KINDS.size(); k++) {
                int kind = k;
                int b = band;
                int[] t =
                        tally(
                                sweep,
                                r ->
                                        r[0] == kind
                                                && r[5] == 1
                                                && Math.min(9, (int) (r[3] * 10)) == b,
                                0);
                row.append(
                        t[0] == 0
                                ? " – |"
                                : String.format(
                                        Locale.ROOT,
                                        " %.0f%% right of %d |",
                                        100.0 * t[2] / t[0],
                                        t[0]));
            }
            System.out.println(row);
        }
        System.out.println();
        kindsTable(
                "### Minimum confidence, 20 languages: mean accuracy (und wrong) / share answered;"
                        + " languages worse than Lingua",
                "| min.confidence | ",
                "| ---: | --- | --- | --- |");
        for (double t : new double[] {0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5}) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.2f |", t));
            for (int k = 0; k < KINDS.size(); k++) {
                double sumAcc = 0;
                double sumAnswered = 0;
                List<String> worse = new ArrayList<>();
                for (int lang = 0; lang < BENCH.size(); lang++) {
                    int kind = k;
                    int l = lang;
                    int[] c = tally(sweep, r -> r[0] == kind && r[1] == l, t);
                    int n = c[0];
                    int answered = c[1];
                    int right = c[2];
                    int linguaRight = c[3];
                    sumAcc += 100.0 * right / n;
                    sumAnswered += 100.0 * answered / n;
                    if (right < linguaRight) {
                        worse.add(
                                String.format(
                                        Locale.ROOT,
                                        "%s %+.1f",
                                        BENCH.get(lang),
                                        100.0 * (right - linguaRight) / n));
                    }
                }
                row.append(
                        String.format(
                                Locale.ROOT,
                                " %.1f / %.1f%%; %s |",
                                sumAcc / BENCH.size(),
                                sumAnswered / BENCH.size(),
                                worse.isEmpty() ? "none" : String.join(", ", worse)));
            }
            System.out.println(row);
        }
        System.out.println();
    }

    /** Prints a table's title and a header with one column a kind of line. */
    private static void kindsTable(String title, String firstColumn, String separator) {
        System.out.println(title);
        System.out.println();
        System.out.println(firstColumn + String.join(" | ", KINDS) + " |");
        System.out.println(separator);
    }

    /**
     * The lines of {@code sweep} that {@code which} selects: how many, how many Newsflow answers
     * with minimum confidence {@code t}, how many of those are right, how many Lingua gets right.
     */
    private static int[] tally(List<double[]> sweep, Predicate<double[]> which, double t) {
        int[] c = new int[4];
        for (double[] r : sweep) {
            if (which.test(r)) {
                c[0]++;
                boolean answers = r[3] >= t;
                c[1] += answers ? 1 : 0;
                c[2] += answers ? (int) r[2] : 0;
                c[3] += (int) r[4];
            }
        }
        return c;
    }

    /** Indonesian and Malay: SIB-200 dev, the fixture, and what the langid ms file holds. */
    private static void idMs(
            Path langid,
            com.github.pemistahl.lingua.api.LanguageDetector lingua,
            LinguaLanguageDetector ours)
            throws IOException {
        Path sib = sharedDir().resolve("bench/topics/sib-200");
        System.out.println(
                "### SIB-200 dev, 20 benchmark languages (Flores sentences; id and ms are"
                        + " translations of one text)");
        System.out.println();
        System.out.println("| lang | Lingua high | Newsflow | Δ |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String[] l : new String[][] {{"id", "ind_Latn"}, {"ms", "zsm_Latn"}}) {
            List<String> rows = Files.readAllLines(sib.resolve(l[1] + "/dev.tsv"));
            Score sc = new Score();
            for (String row : rows.subList(1, rows.size())) {
                String text = row.split("\t", 3)[2];
                sc.add(l[0], iso(lingua.detectLanguageOf(text)), code(ours, text, null));
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %+.1f |%n",
                    l[0],
                    sc.pct(sc.linguaRight),
                    sc.pct(sc.right),
                    sc.pct(sc.right) - sc.pct(sc.linguaRight));
        }
        System.out.println();

        List<String> paragraphs =
                Files.readAllLines(sharedDir().resolve("fixtures/id-news-article.txt")).stream()
                        .filter(p -> !p.isBlank())
                        .toList();
        System.out.println("### The Indonesian fixture (paragraphs tagged id, whole article)");
        System.out.println();
        System.out.println("| hints | Lingua high | Newsflow |");
        System.out.println("| --- | --- | --- |");
        for (String hint : new String[] {null, "id"}) {
            int linguaId = 0;
            int oursId = 0;
            for (String p : paragraphs) {
                linguaId += iso(lingua.detectLanguageOf(p)).equals("id") ? 1 : 0;
                oursId += code(ours, p, hint).equals("id") ? 1 : 0;
            }
            String whole = String.join("\n\n", paragraphs);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d / %d, whole: %s | %d / %d, whole: %s |%n",
                    hint == null ? "none" : "feed language " + hint,
                    linguaId,
                    paragraphs.size(),
                    iso(lingua.detectLanguageOf(whole)),
                    oursId,
                    paragraphs.size(),
                    code(ours, whole, hint));
        }
        System.out.println();

        // Where Newsflow and Lingua disagree on id/ms lines, the marker words of each line.
        System.out.println(
                "### langid sentences: lines where Newsflow and Lingua pick different sides of"
                        + " id/ms");
        System.out.println();
        System.out.println(
                "| file | Newsflow id, Lingua ms | of them with Indonesian-only words, no"
                        + " Malay-only | Newsflow ms, Lingua id | of them with Malay-only words,"
                        + " no Indonesian-only |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        List<String> examples = new ArrayList<>();
        for (String file : List.of("id", "ms")) {
            int[] n = new int[4];
            for (String line : Files.readAllLines(langid.resolve("sentences/" + file + ".txt"))) {
                String l = iso(lingua.detectLanguageOf(line));
                Detection d = ours.explain(article(line, null));
                String o = d.language().code();
                Matcher m = MARKERS.matcher(d.reason());
                int mid = m.find() ? Integer.parseInt(m.group(1)) : 0;
                int mms = m.reset().find() ? Integer.parseInt(m.group(2)) : 0;
                if (o.equals("id") && l.equals("ms")) {
                    n[0]++;
                    n[1] += mid > 0 && mms == 0 ? 1 : 0;
                    if (file.equals("ms") && examples.size() < 8) {
                        examples.add("ms.txt, Newsflow id: " + line);
                    }
                } else if (o.equals("ms") && l.equals("id")) {
                    n[2]++;
                    n[3] += mms > 0 && mid == 0 ? 1 : 0;
                }
            }
            System.out.printf(
                    Locale.ROOT, "| %s.txt | %d | %d | %d | %d |%n", file, n[0], n[1], n[2], n[3]);
        }
        System.out.println();
        examples.forEach(e -> System.out.println("- " + e));
        System.out.println();
    }

    private static final Pattern MARKERS = Pattern.compile("markers id (\\d+) ms (\\d+)");

    /** Accuracy counts of one file: Lingua alone and Newsflow, line by line. */
    private static final class Score {
        int lines;
        int linguaRight;
        int right;
        int answered;
        int linguaRightOnUnd;
        double sumLingua;
        double sumOurs;
        double sumAnswered;
        double sumRightAnswered;
        double sumLinguaOnUnd;
        int files;

        void add(String lang, String lingua, String ours) {
            lines++;
            linguaRight += lingua.equals(lang) ? 1 : 0;
            right += ours.split("-")[0].equals(lang) ? 1 : 0;
            boolean und = ours.equals("und");
            answered += und ? 0 : 1;
            linguaRightOnUnd += und && lingua.equals(lang) ? 1 : 0;
        }

        double pct(int n) {
            return 100.0 * n / lines;
        }

        String row(String lang) {
            return String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %+.1f | %.1f | %.1f | %d / %d |",
                    lang,
                    pct(linguaRight),
                    pct(right),
                    pct(right) - pct(linguaRight),
                    pct(answered),
                    answered == 0 ? 0 : 100.0 * right / answered,
                    linguaRightOnUnd,
                    lines - answered);
        }

        void addMean(Score s) {
            files++;
            sumLingua += s.pct(s.linguaRight);
            sumOurs += s.pct(s.right);
            sumAnswered += s.pct(s.answered);
            sumRightAnswered += s.answered == 0 ? 0 : 100.0 * s.right / s.answered;
            linguaRightOnUnd += s.linguaRightOnUnd;
            lines += s.lines - s.answered; // und lines, for the last column
        }

        String meanRow() {
            return String.format(
                    Locale.ROOT,
                    "| **mean** | %.1f | %.1f | %+.1f | %.1f | %.1f | %d / %d |",
                    sumLingua / files,
                    sumOurs / files,
                    (sumOurs - sumLingua) / files,
                    sumAnswered / files,
                    sumRightAnswered / files,
                    linguaRightOnUnd,
                    lines);
        }
    }

    // ---- memory ------------------------------------------------------------------------------

    private static void memory() throws Exception {
        System.out.println("## Heap after loading (MB, used heap after full GC, minus before)");
        System.out.println();
        System.out.println("| detector | languages | heap MB |");
        System.out.println("| --- | --- | ---: |");
        for (String config :
                List.of(
                        "lingua-high:bench",
                        "lingua-high:default",
                        "lingua-low:default",
                        "newsflow-low:default",
                        "newsflow-high:default",
                        "newsflow-high:bench")) {
            String cp = System.getProperty("java.class.path");
            Process p =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx6g",
                                    "-cp",
                                    cp,
                                    LanguageBench.class.getName(),
                                    "heap-child",
                                    config)
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
            p.waitFor();
            String[] lines = out.split("\n");
            String[] c = config.split(":");
            System.out.printf(
                    Locale.ROOT, "| %s | %s | %s |%n", c[0], c[1], lines[lines.length - 1]);
        }
        System.out.println();
    }

    /** In a fresh JVM: builds one detector, runs all bench texts through it, prints heap MB. */
    private static void heapChild(String config) throws Exception {
        String[] c = config.split(":");
        NewsflowConfig defaults = ConfigLoader.defaults();
        List<String> langs =
                switch (c[1]) {
                    case "bench" -> BENCH;
                    case "default" -> defaults.enrich().languages();
                    default -> List.of();
                };
        long before = usedAfterGc();
        Function<String, String> detector;
        if (c[0].startsWith("lingua")) {
            var b =
                    c[1].equals("all")
                            ? LanguageDetectorBuilder.fromAllLanguages()
                            : LanguageDetectorBuilder.fromIsoCodes639_1(codes(langs));
            if (c[0].equals("lingua-low")) {
                b = b.withLowAccuracyMode();
            }
            var d = b.build();
            detector = t -> iso(d.detectLanguageOf(t));
        } else {
            var d =
                    LinguaLanguageDetector.builder(langs)
                            .accuracy(
                                    c[0].equals("newsflow-low")
                                            ? LinguaLanguageDetector.Accuracy.LOW
                                            : LinguaLanguageDetector.Accuracy.HIGH)
                            .build();
            detector = t -> d.detect(article(t)).code();
        }
        Path langid = sharedDir().resolve("bench/langid");
        int n = 0;
        for (String kind : List.of("sentences", "word-pairs", "single-words")) {
            for (String lang : BENCH) {
                for (String line : Files.readAllLines(langid.resolve(kind + "/" + lang + ".txt"))) {
                    n += detector.apply(line).length();
                }
            }
        }
        long after = usedAfterGc();
        System.out.println(n > 0 ? (after - before) / (1 << 20) : -1);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- time --------------------------------------------------------------------------------

    private static void time(Path langid) throws IOException {
        // Articles: 6,000 characters of consecutive benchmark sentences a language, plus the
        // Indonesian fixture, the length of a long news article.
        List<String> articles = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String lang : BENCH) {
            List<String> lines = Files.readAllLines(langid.resolve("sentences/" + lang + ".txt"));
            for (int start = 0; start + 60 < lines.size() && articles.size() < 400; start += 100) {
                StringBuilder sb = new StringBuilder();
                for (int i = start; sb.length() < 6000 && i < lines.size(); i++) {
                    sb.append(lines.get(i)).append(lang.matches("zh|ja|th") ? "" : " ");
                }
                articles.add(sb.toString());
                labels.add(lang);
            }
        }
        articles.add(
                String.join(
                        "\n\n",
                        Files.readAllLines(sharedDir().resolve("fixtures/id-news-article.txt"))));
        labels.add("id");
        NewsflowConfig config = ConfigLoader.defaults();
        LinguaLanguageDetector prefix = EnrichApp.detector(config);
        LinguaLanguageDetector full =
                LinguaLanguageDetector.builder(config.enrich().languages())
                        .maxChars(1_000_000)
                        .firstPassChars(0)
                        .build();
        LinguaLanguageDetector prefix500 =
                LinguaLanguageDetector.builder(config.enrich().languages())
                        .maxChars(500)
                        .firstPassChars(0)
                        .build();
        LinguaLanguageDetector noFirstPass =
                LinguaLanguageDetector.builder(config.enrich().languages())
                        .maxChars(config.enrich().maxChars())
                        .firstPassChars(0)
                        .build();
        var lingua = linguaHigh(BENCH);
        // Strong metadata: the feed and the page declare the article's language, so only the
        // first enrich.lang.verify.max.chars are checked (the shortcut).
        List<BiFunction<String, String, String>> subjects =
                List.of(
                        (t, l) -> iso(lingua.detectLanguageOf(t)),
                        (t, l) -> full.detect(article(t)).code(),
                        (t, l) -> noFirstPass.detect(article(t)).code(),
                        (t, l) -> prefix.detect(article(t)).code(),
                        (t, l) -> prefix500.detect(article(t)).code(),
                        (t, l) -> prefix.detect(declared(t, l)).code());
        List<String> names =
                List.of(
                        "Lingua high alone, full text",
                        "Newsflow, full text",
                        "Newsflow, 1,000-char prefix, no first pass",
                        "Newsflow, 1,000-char prefix, 300-char first pass (default)",
                        "Newsflow, 500-char prefix, no first pass",
                        "Newsflow, default, feed and page declare the language");
        long[] nanos = new long[subjects.size()];
        int[] correct = new int[subjects.size()];
        int rounds = 5;
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms up, not counted
            for (int s = 0; s < subjects.size(); s++) { // interleaved: noise hits all alike
                long t0 = System.nanoTime();
                int ok = 0;
                for (int i = 0; i < articles.size(); i++) {
                    if (subjects.get(s)
                            .apply(articles.get(i), labels.get(i))
                            .split("-")[0]
                            .equals(labels.get(i))) {
                        ok++;
                    }
                }
                if (round > 0) {
                    nanos[s] += System.nanoTime() - t0;
                    correct[s] = ok;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "## Time per article (%d articles of ~6,000 chars, %d interleaved rounds)%n%n",
                articles.size(),
                rounds);
        System.out.println("| detector | µs / article | vs Lingua | correct |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (int s = 0; s < subjects.size(); s++) {
            double us = nanos[s] / 1000.0 / rounds / articles.size();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.2f | %d / %d |%n",
                    names.get(s),
                    us,
                    (double) nanos[s] / nanos[0],
                    correct[s],
                    articles.size());
        }
        System.out.println();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static com.github.pemistahl.lingua.api.LanguageDetector linguaHigh(List<String> langs) {
        return LanguageDetectorBuilder.fromIsoCodes639_1(codes(langs)).build();
    }

    private static IsoCode639_1[] codes(List<String> langs) {
        return langs.stream()
                .map(l -> IsoCode639_1.valueOf(l.toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new);
    }

    private static String iso(Language l) {
        return l == Language.UNKNOWN
                ? "und"
                : l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    /** One benchmark line as the topology sees it: a feed item, with a feed language or none. */
    private static RawArticle article(String text, @Nullable String feedLanguage) {
        return RawArticle.builder(
                        "https://news.example/item",
                        new Source("bench", "https://news.example/feed", null, "rss", null),
                        Instant.EPOCH)
                .text(text)
                .languageHints(LanguageHints.fromFeed(feedLanguage))
                .build();
    }

    private static RawArticle article(String text) {
        return article(text, null);
    }

    private static RawArticle declared(String text, String lang) {
        return RawArticle.builder(
                        "https://news.example/item",
                        new Source("bench", "https://news.example/feed", null, "rss", null),
                        Instant.EPOCH)
                .text(text)
                .languageHints(new LanguageHints(lang, lang, null))
                .build();
    }

    private static String code(
            LinguaLanguageDetector d, String text, @Nullable String feedLanguage) {
        return d.detect(article(text, feedLanguage)).code();
    }

    private static Path sharedDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/bench"))) {
                return dir.resolve("shared");
            }
            if (Files.isDirectory(dir.resolveSibling("shared").resolve("bench"))) {
                return dir.resolveSibling("shared");
            }
        }
        throw new IllegalStateException("cannot find ../shared/bench");
    }
}
