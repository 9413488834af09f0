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
import dev.newsflow.enrich.lang.LinguaLanguageDetector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

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

    private static void accuracy(Path langid) throws IOException {
        var baseline = linguaHigh(BENCH);
        LinguaLanguageDetector ours = EnrichApp.detector(ConfigLoader.defaults());
        Function<String, String> base = t -> iso(baseline.detectLanguageOf(t));
        Function<String, String> subject = t -> ours.detect(article(t)).code();
        System.out.println("## Accuracy (% of lines tagged with their language; und is wrong)");
        System.out.println();
        for (String kind : List.of("sentences", "word-pairs", "single-words")) {
            System.out.println("### " + kind);
            System.out.println();
            System.out.println("| lang | Lingua high (20 langs) | Newsflow | Δ |");
            System.out.println("| --- | ---: | ---: | ---: |");
            double sumA = 0;
            double sumB = 0;
            for (String lang : BENCH) {
                List<String> lines = Files.readAllLines(langid.resolve(kind + "/" + lang + ".txt"));
                double[] acc = score(lines, lang, base, subject);
                sumA += acc[0];
                sumB += acc[1];
                row(lang, acc);
            }
            row("**mean**", new double[] {sumA / BENCH.size(), sumB / BENCH.size()});
            System.out.println();
        }
        Path sib = sharedDir().resolve("bench/topics/sib-200");
        System.out.println(
                "### SIB-200 dev (Flores sentences; id and ms are translations of one text)");
        System.out.println();
        System.out.println("| lang | Lingua high (20 langs) | Newsflow | Δ |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String[] l : new String[][] {{"id", "ind_Latn"}, {"ms", "zsm_Latn"}}) {
            List<String> lines = new ArrayList<>();
            List<String> rows = Files.readAllLines(sib.resolve(l[1] + "/dev.tsv"));
            for (String row : rows.subList(1, rows.size())) {
                lines.add(row.split("\t", 3)[2]);
            }
            row(l[0], score(lines, l[0], base, subject));
        }
        System.out.println();
    }

    private static double[] score(
            List<String> lines,
            String lang,
            Function<String, String> a,
            Function<String, String> b) {
        int okA = 0;
        int okB = 0;
        for (String line : lines) {
            if (a.apply(line).equals(lang)) {
                okA++;
            }
            if (b.apply(line).split("-")[0].equals(lang)) {
                okB++;
            }
        }
        return new double[] {100.0 * okA / lines.size(), 100.0 * okB / lines.size()};
    }

    private static void row(String lang, double[] acc) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %+.1f |%n",
                lang,
                acc[0],
                acc[1],
                acc[1] - acc[0]);
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
                        .build();
        var lingua = linguaHigh(BENCH);
        List<Function<String, String>> subjects =
                List.of(
                        t -> iso(lingua.detectLanguageOf(t)),
                        t -> full.detect(article(t)).code(),
                        t -> prefix.detect(article(t)).code());
        List<String> names =
                List.of(
                        "Lingua high alone, full text",
                        "Newsflow, full text",
                        "Newsflow, 1,000-char prefix (default)");
        long[] nanos = new long[subjects.size()];
        int[] correct = new int[subjects.size()];
        int rounds = 5;
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms up, not counted
            for (int s = 0; s < subjects.size(); s++) { // interleaved: noise hits all alike
                long t0 = System.nanoTime();
                int ok = 0;
                for (int i = 0; i < articles.size(); i++) {
                    if (subjects.get(s)
                            .apply(articles.get(i))
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

    /** One benchmark line as the topology sees it: a feed item with no hints. */
    private static RawArticle article(String text) {
        return RawArticle.builder(
                        "https://news.example/item",
                        new Source("bench", "https://news.example/feed", null, "rss", null),
                        Instant.EPOCH)
                .text(text)
                .languageHints(LanguageHints.none())
                .build();
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
