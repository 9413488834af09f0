package dev.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.core.config.FetchConfig;
import dev.newsflow.core.config.NewsflowConfig;
import dev.newsflow.core.json.Json;
import dev.newsflow.deploy.logging.Logging;
import dev.newsflow.ingest.extract.ArticleExtractor;
import dev.newsflow.ingest.extract.ExtractOutcome;
import dev.newsflow.ingest.extract.ExtractedPage;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsflow extract}: runs the page extractor of ingest on a file, a URL or a directory of
 * pages and prints (or writes) the extracted records.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Extract the main text and metadata of article pages.",
            "A file (.html, or .html.gz) or an http(s) URL: prints one JSON record.",
            "A directory: extracts every .html/.htm/.html.gz file in it (not recursive) in one JVM"
                    + " and writes <name>.json per page into --out, then prints a summary.",
            "Records hold title, text, authors, publishedAt, modifiedAt, canonicalUrl, language,"
                    + " imageUrl, articleBody (= text) and the rest of the page metadata.",
            "Exit status: 0 when every page was extracted, 3 when a page had no main text or could"
                    + " not be read, 2 on bad usage."
        })
public final class ExtractCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ConfigOptions options;

    @Parameters(
            index = "0",
            paramLabel = "FILE|URL|DIR",
            description = "A page file, an http(s) URL, or a directory of page files.")
    String target;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The page's URL, for a file (base of relative links; default: the file).")
    String url;

    @Option(
            names = "--urls",
            paramLabel = "FILE",
            description =
                    "For a directory: JSON object of page name -> URL, or -> {\"url\": URL} (the"
                            + " benchmark's ground-truth.json has that shape).")
    Path urls;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write <name>.json records (required for a directory).")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Pages extracted in parallel for a directory (default: processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        NewsflowConfig config = options.load();
        Logging.configure(config.log());
        FetchConfig fetch = config.ingest().fetch();
        ArticleExtractor extractor =
                new ArticleExtractor((int) Math.min(Integer.MAX_VALUE - 16, fetch.maxBytes()));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (target.regionMatches(true, 0, "http://", 0, 7)
                || target.regionMatches(true, 0, "https://", 0, 8)) {
            ExtractedPage page;
            try (HttpFetcher fetcher = new HttpFetcher(fetch)) {
                FetchResult result = fetcher.fetch(FetchRequest.page(target));
                if (!result.ok()) {
                    stderr.println(
                            "extract: fetch of "
                                    + target
                                    + " failed: "
                                    + result.outcome().tag()
                                    + " "
                                    + result.error());
                    return 3;
                }
                page = extractor.extract(result);
            }
            return print(page, stdout, stderr);
        }
        Path path = Path.of(target);
        if (Files.isDirectory(path)) {
            if (out == null) {
                stderr.println("extract: --out DIR is required for a directory");
                return 2;
            }
            return extractDirectory(extractor, path, fetch.maxBytes(), stdout, stderr);
        }
        if (!Files.isRegularFile(path)) {
            stderr.println("extract: no such file, directory or URL: " + target);
            return 2;
        }
        String pageUrl = url != null ? url : path.toAbsolutePath().toUri().toString();
        ExtractedPage page = extractor.extract(read(path, fetch.maxBytes()), null, pageUrl);
        if (out != null) {
            Files.createDirectories(out);
            Files.write(
                    out.resolve(name(path) + ".json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(record(page)));
            stdout.println(summaryLine(name(path), page));
            return page.ok() ? 0 : 3;
        }
        return print(page, stdout, stderr);
    }

    private int print(ExtractedPage page, PrintWriter stdout, PrintWriter stderr) {
        stdout.println(Json.toPrettyString(record(page)));
        if (!page.ok()) {
            stderr.println("extract: " + page.outcome().tag() + ": " + page.detail());
            return 3;
        }
        return 0;
    }

    private int extractDirectory(
            ArticleExtractor extractor,
            Path dir,
            long maxBytes,
            PrintWriter stdout,
            PrintWriter stderr)
            throws IOException {
        Files.createDirectories(out);
        Map<String, String> urlMap = urls == null ? Map.of() : readUrls(urls);
        List<Path> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages =
                    files.filter(Files::isRegularFile)
                            .filter(p -> isPage(p.getFileName().toString()))
                            .sorted()
                            .toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        Map<ExtractOutcome, Integer> counts = new EnumMap<>(ExtractOutcome.class);
        long start = System.nanoTime();
        try {
            List<Future<ExtractedPage>> futures = new ArrayList<>();
            for (Path p : pages) {
                futures.add(
                        pool.submit(
                                () -> {
                                    String name = name(p);
                                    String pageUrl =
                                            urlMap.getOrDefault(
                                                    name, p.toAbsolutePath().toUri().toString());
                                    ExtractedPage page =
                                            extractor.extract(read(p, maxBytes), null, pageUrl);
                                    Files.write(
                                            out.resolve(name + ".json"),
                                            Json.mapper()
                                                    .writerWithDefaultPrettyPrinter()
                                                    .writeValueAsBytes(record(page)));
                                    return page;
                                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                ExtractedPage page;
                try {
                    page = futures.get(i).get();
                } catch (ExecutionException e) {
                    throw new IOException("extracting " + pages.get(i) + " failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                counts.merge(page.outcome(), 1, Integer::sum);
                if (!page.ok()) {
                    stderr.println(summaryLine(name(pages.get(i)), page));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(pages.size())
                .append(" pages in ")
                .append(String.format(Locale.ROOT, "%.1f", seconds))
                .append(" s:");
        counts.forEach((k, v) -> sb.append(' ').append(k.tag()).append('=').append(v));
        sb.append(" -> ").append(out);
        stdout.println(sb);
        return counts.getOrDefault(ExtractOutcome.OK, 0) == pages.size() ? 0 : 3;
    }

    private static String summaryLine(String name, ExtractedPage page) {
        return name
                + ": "
                + page.outcome().tag()
                + (page.detail() == null ? "" : " (" + page.detail() + ")");
    }

    /** The record printed for a page: the benchmark's fields first, then the rest. */
    static Map<String, Object> record(ExtractedPage p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("outcome", p.outcome().tag());
        r.put("detail", p.detail());
        r.put("url", p.url());
        r.put("title", p.title());
        r.put("text", p.text());
        r.put("authors", p.authors());
        r.put("publishedAt", p.publishedAt());
        r.put("modifiedAt", p.modifiedAt());
        r.put("canonicalUrl", p.canonicalUrl());
        r.put(
                "language",
                p.htmlLang() != null
                        ? p.htmlLang()
                        : p.ogLocale() != null ? p.ogLocale() : p.contentLanguage());
        r.put("imageUrl", p.imageUrl());
        r.put("articleBody", p.text() == null ? "" : p.text());
        r.put("siteName", p.siteName());
        r.put("section", p.section());
        r.put("description", p.description());
        r.put("tags", p.tags());
        r.put("paywalled", p.paywalled());
        r.put("languageHints", p.languageHints(null));
        r.put("method", p.method() == null ? null : p.method().tag());
        r.put("charset", p.charset());
        r.put("html", p.html());
        return r;
    }

    private static boolean isPage(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        return f.endsWith(".html")
                || f.endsWith(".htm")
                || f.endsWith(".html.gz")
                || f.endsWith(".htm.gz")
                || f.endsWith(".xhtml");
    }

    private static String name(Path p) {
        String f = p.getFileName().toString();
        for (String ext : new String[] {".html.gz", ".htm.gz", ".html", ".htm", ".xhtml", ".gz"}) {
            if (f.toLowerCase(Locale.ROOT).endsWith(ext)) {
                return f.substring(0, f.length() - ext.length());
            }
        }
        return f;
    }

    /** Reads at most {@code max + 1} bytes (gunzipped): enough for the extractor to see the cap. */
    static byte[] read(Path p, long max) throws IOException {
        try (InputStream raw = Files.newInputStream(p);
                InputStream in =
                        p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                                ? new GZIPInputStream(raw)
                                : raw) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
        }
    }

    private static Map<String, String> readUrls(Path file) {
        try {
            JsonNode root = Json.mapper().readTree(file.toFile());
            Map<String, String> map = new HashMap<>();
            root.fields()
                    .forEachRemaining(
                            e -> {
                                JsonNode v = e.getValue();
                                String u = v.isTextual() ? v.asText() : v.path("url").asText("");
                                if (!u.isEmpty()) {
                                    map.put(e.getKey(), u);
                                }
                            });
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --urls " + file, e);
        }
    }
}
