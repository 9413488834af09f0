package dev.newsflow.bench;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.ParsedFeed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Feed parse throughput: Newsflow's {@link FeedParser} against bare Rome ({@code SyndFeedInput}
 * over its lenient {@code XmlReader}, healer on, DOCTYPEs refused: Rome's defaults) on the same
 * bytes.
 *
 * <p>Three sets: {@code formats} (the format-variant groups of the hard-feed corpus: RSS 0.9x–2.0,
 * RDF, Atom, Media RSS, links; and the sample feeds), {@code hard} (every XML feed of the corpus:
 * broken XML, encodings, entities, dates…; JSON Feeds and sitemaps are left out because Rome does
 * not read them) and {@code large} (generated RSS 2.0 feeds of 200 items with 3 KB of HTML content
 * each). For each set, rounds alternate baseline and subject (ABBA, so that noise from the shared
 * machine hits both alike); the first rounds warm up and are not counted. Reported: median MB/s and
 * feeds/s of each, their ratio, and how many feeds each could read (Rome throws on the broken ones;
 * Newsflow's count includes feeds it reads with recoveries).
 *
 * <p>Run: {@code bench/run FeedParseBench [ROUNDS]} from the repository root (default 15 rounds
 * after 5 warm-up rounds).
 */
public final class FeedParseBench {
    private static final Path CORPUS = Path.of("ingest/src/test/resources/feeds");
    private static final Path SAMPLES = Path.of("samples/feeds");
    private static final Set<String> FORMAT_GROUPS = Set.of("rss", "rdf", "atom", "media", "links");
    private static final Set<String> NOT_FOR_ROME = Set.of("json", "sitemap", "errors");
    private static final int WARMUP = 5;

    private record Feed(String name, byte[] body) {}

    private record Pass(long nanos, int read) {}

    private interface Parser {
        boolean parse(Feed feed);
    }

    private FeedParseBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        FeedParser newsflow = new FeedParser();
        Parser subject =
                f -> {
                    try {
                        ParsedFeed p =
                                newsflow.parse(f.body(), null, "https://bench.example/" + f.name());
                        return p.items() != null;
                    } catch (FeedParseException e) {
                        return false;
                    }
                };
        Parser baseline =
                f -> {
                    try (XmlReader reader =
                            new XmlReader(
                                    new ByteArrayInputStream(f.body()), (String) null, true)) {
                        SyndFeed feed = new SyndFeedInput().build(reader);
                        return feed.getEntries() != null;
                    } catch (Exception e) {
                        // anything Rome throws is a feed it could not read: counted, not fatal
                        return false;
                    }
                };
        List<Feed> formats = new ArrayList<>(corpus(true));
        formats.addAll(samples());
        List<Feed> hard = corpus(false);
        List<Feed> large = large(5);
        System.out.printf(
                Locale.ROOT,
                "FeedParseBench: %d rounds after %d warm-up rounds, baseline and subject"
                        + " interleaved (ABBA), %s%n%n",
                rounds,
                WARMUP,
                Runtime.version());
        System.out.println(
                "| set | feeds | MB | bare Rome MB/s | Newsflow MB/s | ratio (Newsflow/Rome) | bare"
                        + " Rome feeds/s | Newsflow feeds/s | read by Rome | read by Newsflow |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        row("formats", formats, baseline, subject, rounds);
        row("hard", hard, baseline, subject, rounds);
        row("large", large, baseline, subject, rounds);
    }

    private static void row(
            String set, List<Feed> feeds, Parser baseline, Parser subject, int rounds) {
        long bytes = feeds.stream().mapToLong(f -> f.body().length).sum();
        // repeat small sets within a pass so that one pass takes long enough to time
        int repeat = (int) Math.max(1, 2_000_000 / Math.max(1, bytes));
        double[] base = new double[rounds];
        double[] subj = new double[rounds];
        int readBase = 0;
        int readSubj = 0;
        for (int r = -WARMUP; r < rounds; r++) {
            boolean baseFirst = Math.floorMod(r, 2) == 0;
            Pass a = baseFirst ? pass(baseline, feeds, repeat) : pass(subject, feeds, repeat);
            Pass b = baseFirst ? pass(subject, feeds, repeat) : pass(baseline, feeds, repeat);
            Pass pb = baseFirst ? a : b;
            Pass ps = baseFirst ? b : a;
            if (r >= 0) {
                base[r] = pb.nanos();
                subj[r] = ps.nanos();
            }
            readBase = pb.read() / repeat;
            readSubj = ps.read() / repeat;
        }
        double mb = bytes * (double) repeat / 1e6;
        double baseSeconds = median(base) / 1e9;
        double subjSeconds = median(subj) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.2f | %.1f | %.1f | %.2f | %.0f | %.0f | %d | %d |%n",
                set,
                feeds.size(),
                bytes / 1e6,
                mb / baseSeconds,
                mb / subjSeconds,
                baseSeconds / subjSeconds,
                feeds.size() * repeat / baseSeconds,
                feeds.size() * repeat / subjSeconds,
                readBase,
                readSubj);
    }

    private static Pass pass(Parser parser, List<Feed> feeds, int repeat) {
        int read = 0;
        long start = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            for (Feed f : feeds) {
                if (parser.parse(f)) {
                    read++;
                }
            }
        }
        return new Pass(System.nanoTime() - start, read);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Corpus XML feeds: only the format-variant groups when {@code formatsOnly}. */
    private static List<Feed> corpus(boolean formatsOnly) {
        if (!Files.isDirectory(CORPUS)) {
            throw new IllegalStateException("run from the repository root: no " + CORPUS);
        }
        try (Stream<Path> files = Files.walk(CORPUS)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(CORPUS))
                    .filter(p -> !p.getFileName().toString().endsWith(".expect.json"))
                    .filter(
                            p -> {
                                String group = p.getParent().getFileName().toString();
                                return formatsOnly
                                        ? FORMAT_GROUPS.contains(group)
                                                && !p.getFileName().toString().endsWith(".json")
                                        : !NOT_FOR_ROME.contains(group);
                            })
                    .sorted()
                    .map(FeedParseBench::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Feed> samples() {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.sorted().map(FeedParseBench::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Feed read(Path p) {
        try {
            return new Feed(
                    p.getParent().getFileName() + "/" + p.getFileName(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} RSS 2.0 feeds of 200 items, each with a 3 KB content:encoded, well-formed. */
    private static List<Feed> large(int n) {
        String paragraph =
                "<p>The council met on Monday to discuss the harbour budget &amp; the new ferry"
                        + " terminal. Members argued about costs, noise and the timetable for"
                        + " construction, which is expected to take two years.</p>";
        List<Feed> feeds = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            StringBuilder sb =
                    new StringBuilder(
                                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                        + "<rss version=\"2.0\""
                                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                                        + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Large"
                                        + " ")
                            .append(f)
                            .append("</title><link>https://large.example/</link>")
                            .append("<description>Generated</description>\n");
            for (int i = 0; i < 200; i++) {
                sb.append("<item><title>Story ")
                        .append(i)
                        .append(" of feed ")
                        .append(f)
                        .append(": council &amp; harbour</title><link>https://large.example/")
                        .append(f)
                        .append('/')
                        .append(i)
                        .append("</link><guid isPermaLink=\"false\">l-")
                        .append(f)
                        .append('-')
                        .append(i)
                        .append("</guid><pubDate>Mon, 15 Jan 2024 10:")
                        .append(String.format(Locale.ROOT, "%02d", i % 60))
                        .append(":00 +0100</pubDate><dc:creator>Reporter ")
                        .append(i % 7)
                        .append("</dc:creator><category>Politics</category>")
                        .append("<description>A short teaser about the harbour.</description>")
                        .append("<content:encoded><![CDATA[")
                        .append(paragraph.repeat(12))
                        .append("]]></content:encoded></item>\n");
            }
            sb.append("</channel></rss>\n");
            feeds.add(
                    new Feed(
                            "large-" + f + ".xml", sb.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return feeds;
    }
}
