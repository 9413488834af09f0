package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.json.Json;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractedPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Pages per second of {@link ArticleExtractor} on the 181 pages of the ScrapingHub
 * article-extraction benchmark, beside two baselines run in the same JVM on the same pages: bare
 * jsoup ({@code Jsoup.parse} with jsoup's own charset detection, then {@code body().text()}) and
 * Readability4J 1.0.8 (the same jsoup parse, then its Readability port).
 *
 * <p>Pages are decompressed into memory first. Each round runs every system once over all pages,
 * single-threaded, in an order that rotates from round to round, so that noise from other work on
 * the machine hits all systems alike; the figure reported is the median round. The allocated bytes
 * per page come from the thread's allocation counter. The texts of the last round are written to
 * {@code bench/target/extraction-bench/<system>/<id>.json} for the benchmark's evaluate.py.
 *
 * <p>Usage: {@code bench/run ExtractionBench [ROUNDS] [WARMUP_ROUNDS]} (default 9 and 3).
 */
public final class ExtractionBench {
    private record Page(String id, String url, byte[] html) {}

    private interface Extractor {
        String text(Page page);
    }

    private ExtractionBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path aeb = sharedDir().resolve("bench/extraction/aeb");
        List<Page> pages = load(aeb);
        ArticleExtractor newsflow = new ArticleExtractor();
        Map<String, Extractor> systems = new LinkedHashMap<>();
        systems.put("jsoup parse + body().text()", p -> jsoup(p).body().text());
        systems.put("Readability4J 1.0.8", ExtractionBench::readability);
        systems.put(
                "Newsflow ArticleExtractor",
                p -> {
                    ExtractedPage e = newsflow.extract(p.html(), null, p.url());
                    return e.text() == null ? "" : e.text();
                });
        List<String> names = new ArrayList<>(systems.keySet());
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Long> allocated = new LinkedHashMap<>();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        names.forEach(n -> seconds.put(n, new ArrayList<>()));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        for (int round = 0; round < warmup + rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((round + k) % names.size());
                Extractor system = systems.get(name);
                Map<String, String> out = new LinkedHashMap<>();
                long bytesBefore = threads.getThreadAllocatedBytes(threadId);
                long start = System.nanoTime();
                for (Page p : pages) {
                    out.put(p.id(), system.text(p));
                }
                double s = (System.nanoTime() - start) / 1e9;
                long bytes = threads.getThreadAllocatedBytes(threadId) - bytesBefore;
                if (round >= warmup) {
                    seconds.get(name).add(s);
                    allocated.put(name, bytes / pages.size());
                    texts.put(name, out);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d pages, %d measured rounds after %d warm-up rounds, interleaved%n%n",
                pages.size(),
                rounds,
                warmup);
        System.out.println(
                "| system | pages/s (median round) | ms/page | allocated MB/page | vs jsoup | vs"
                        + " Readability4J |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        double jsoup = pagesPerSecond(seconds.get(names.get(0)), pages.size());
        double readability = pagesPerSecond(seconds.get(names.get(1)), pages.size());
        for (String name : names) {
            double pps = pagesPerSecond(seconds.get(name), pages.size());
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.2f | %.2f | %.2f | %.2f |%n",
                    name,
                    pps,
                    1000 / pps,
                    allocated.get(name) / 1e6,
                    pps / jsoup,
                    pps / readability);
        }
        Path outDir = Path.of("bench/target/extraction-bench");
        for (Map.Entry<String, Map<String, String>> e : texts.entrySet()) {
            Path dir = outDir.resolve(slug(e.getKey()));
            Files.createDirectories(dir);
            for (Map.Entry<String, String> t : e.getValue().entrySet()) {
                Files.write(
                        dir.resolve(t.getKey() + ".json"),
                        Json.toBytes(Map.of("articleBody", t.getValue())));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nTexts of the last round in %s/<system>; score them with%n  python3 %s --gt %s"
                        + " --pred %s/*%n",
                outDir,
                sharedDir().resolve("bench/extraction/evaluate.py"),
                aeb.resolve("ground-truth.json"),
                outDir);
    }

    /** The {@code shared/} directory beside the checkout (or beside a parent, for worktrees). */
    private static Path sharedDir() {
        String prop = System.getProperty("newsflow.shared.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("bench/extraction"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no shared/bench/extraction beside the checkout; set -Dnewsflow.shared.dir");
    }

    private static Document jsoup(Page p) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(p.html()), null, p.url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readability(Page p) {
        Article article = new Readability4J(p.url(), jsoup(p)).parse();
        String text = article.getTextContent();
        return text == null ? "" : text;
    }

    private static double pagesPerSecond(List<Double> roundSeconds, int pages) {
        double[] sorted = roundSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return pages / sorted[sorted.length / 2];
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static List<Page> load(Path aeb) throws IOException {
        JsonNode truth = Json.mapper().readTree(aeb.resolve("ground-truth.json").toFile());
        List<Page> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = truth.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try (InputStream in =
                    new GZIPInputStream(
                            Files.newInputStream(
                                    aeb.resolve("html_gz/" + e.getKey() + ".html.gz")))) {
                pages.add(
                        new Page(e.getKey(), e.getValue().path("url").asText(), in.readAllBytes()));
            }
        }
        pages.sort((a, b) -> a.id().compareTo(b.id()));
        return pages;
    }

    static {
        // Readability4J logs every page at debug through SLF4J: keep the measurement quiet
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("net.dankito"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }
}
