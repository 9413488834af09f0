package dev.newsflow.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;

/**
 * The news sites of {@link PipelineBench}, run in its own process so that its CPU time is not
 * counted against the pipeline: {@code feeds} RSS feeds sharing {@code articles} distinct articles
 * (article {@code i} is in feed {@code i % feeds}), each article a title and 8–16 sentences of one
 * language from {@code ../shared/bench/langid/sentences}, the language of its site ({@link
 * #FEEDS_PER_HOST} feeds a site, sites cycling through 20 languages).
 *
 * <ul>
 *   <li>{@code /f/N.xml}: feed {@code N}, its newest 50 visible items, each with the full article
 *       as HTML in {@code content:encoded} (mode {@code content}) or only a one-sentence
 *       description (mode {@code pages}, for when ingest fetches the linked page), an {@code ETag}
 *       (304 when it still matches);
 *   <li>{@code /a/I.html}: article {@code I} as a full HTML page (header, navigation, the article
 *       in {@code <article>}, footer), the link of every item;
 *   <li>{@code /control?start=EPOCH_MS}: from then on, article {@code i} is visible from {@code
 *       start + i / rate} (all at once when {@code rate} is 0, the default before any control).
 * </ul>
 *
 * Usage: {@code PipelineFeedServer FEEDS ARTICLES RATE MODE LANGS_DIR}. Prints its port, then
 * serves until its standard input closes.
 */
public final class PipelineFeedServer {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);
    private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");
    private static final int ITEMS = 50;

    /** The languages of the feeds, in the order feeds take them. */
    static final List<String> LANGUAGES =
            List.of(
                    "en", "id", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "tr", "ar", "fa",
                    "hi", "zh", "ja", "ko", "th", "vi", "ms");

    private static int feeds;
    private static int articles;
    private static double rate;
    private static boolean pages;
    private static volatile long start;
    private static final List<List<String>> sentences = new ArrayList<>();

    private PipelineFeedServer() {}

    public static void main(String[] args) throws IOException {
        feeds = Integer.parseInt(args[0]);
        articles = Integer.parseInt(args[1]);
        rate = Double.parseDouble(args[2]);
        pages = args[3].equals("pages");
        for (String lang : LANGUAGES) {
            sentences.add(Files.readAllLines(Path.of(args[4], lang + ".txt"), UTF_8));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/control", PipelineFeedServer::control);
        server.createContext("/f/", PipelineFeedServer::feed);
        server.createContext("/a/", PipelineFeedServer::page);
        server.createContext("/", ex -> send(ex, 404, new byte[0], "text/plain", null));
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // serve until the benchmark closes our input
        }
        server.stop(0);
        System.exit(0);
    }

    /** Feeds a host serves: a host is one news site, in one language. */
    static final int FEEDS_PER_HOST = 10;

    /** Sites of {@code feeds} feeds. */
    static int sites(int feeds) {
        return Math.max(1, (feeds + FEEDS_PER_HOST - 1) / FEEDS_PER_HOST);
    }

    /**
     * The site of feed {@code feed} of {@code feeds}: consecutive feeds are on different sites, as
     * in a list of feeds gathered from many sites (the scheduler polls in list order).
     */
    static int site(int feed, int feeds) {
        return feed % sites(feeds);
    }

    /** The index in {@link #LANGUAGES} of the language of feed {@code feed} and its articles. */
    static int language(int feed, int feeds) {
        return site(feed, feeds) % LANGUAGES.size();
    }

    private static void control(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        start = Long.parseLong(q.substring(q.indexOf('=') + 1));
        send(ex, 200, new byte[0], "text/plain", null);
    }

    /** Articles visible now: all of them until the start, or at the rate after it. */
    private static int visible() {
        if (rate <= 0 || start == 0) {
            return articles;
        }
        long elapsed = System.currentTimeMillis() - start;
        return (int) Math.min(articles, Math.max(0, elapsed * rate / 1000));
    }

    private static void feed(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        int n = Integer.parseInt(path.substring(3, path.indexOf('.', 3)));
        int visible = visible();
        // the items of feed n are n, n + feeds, n + 2·feeds…; the newest visible one:
        int newest = visible <= n ? -1 : n + (visible - 1 - n) / feeds * feeds;
        String etag = "\"" + n + "-" + newest + "\"";
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"")
                .append(" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>")
                .append("<title>Bench feed ")
                .append(n)
                .append("</title><link>http://")
                .append(host)
                .append("/</link><description>A benchmark feed</description>");
        for (int i = newest, k = 0; i >= 0 && k < ITEMS; i -= feeds, k++) {
            Article a = article(i);
            sb.append("<item><title>")
                    .append(escape(a.title))
                    .append("</title><link>http://")
                    .append(host)
                    .append("/a/")
                    .append(i)
                    .append(".html</link><guid isPermaLink=\"false\">bench-")
                    .append(i)
                    .append("</guid><pubDate>")
                    .append(RFC_1123.format(EPOCH.plusSeconds(60L * i)))
                    .append("</pubDate><description>")
                    .append(escape(a.paragraphs.get(0)))
                    .append("</description>");
            if (!pages) {
                sb.append("<content:encoded><![CDATA[");
                for (String p : a.paragraphs) {
                    sb.append("<p>").append(escape(p)).append("</p>");
                }
                sb.append("]]></content:encoded>");
            }
            sb.append("</item>");
        }
        sb.append("</channel></rss>");
        send(ex, 200, sb.toString().getBytes(UTF_8), "application/rss+xml; charset=utf-8", etag);
    }

    private static void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        int i = Integer.parseInt(path.substring(3, path.indexOf('.', 3)));
        if (i < 0 || i >= articles) {
            send(ex, 404, new byte[0], "text/plain", null);
            return;
        }
        Article a = article(i);
        StringBuilder sb = new StringBuilder(16 * 1024);
        sb.append("<!doctype html><html lang=\"")
                .append(a.language)
                .append("\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(a.title))
                .append("</title></head><body><header><nav><a href=\"/\">Home</a>")
                .append(" <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav></header>")
                .append("<main><article><h1>")
                .append(escape(a.title))
                .append("</h1><time datetime=\"")
                .append(EPOCH.plusSeconds(60L * i))
                .append("\"></time>");
        for (String p : a.paragraphs) {
            sb.append("<p>").append(escape(p)).append("</p>");
        }
        sb.append("</article></main><footer>© Bench News</footer></body></html>");
        send(ex, 200, sb.toString().getBytes(UTF_8), "text/html; charset=utf-8", null);
    }

    private record Article(String language, String title, List<String> paragraphs) {}

    /** Article {@code i}: the same text every time, from a seed of {@code i}. */
    private static Article article(int i) {
        int lang = language(i % feeds, feeds);
        List<String> pool = sentences.get(lang);
        SplittableRandom random = new SplittableRandom(0x5eed_0000L + i);
        String title = pool.get(random.nextInt(pool.size()));
        List<String> paragraphs = new ArrayList<>();
        int count = 8 + random.nextInt(9);
        StringBuilder p = new StringBuilder();
        for (int s = 0; s < count; s++) {
            p.append(p.length() > 0 ? " " : "").append(pool.get(random.nextInt(pool.size())));
            if (s % 3 == 2 || s == count - 1) {
                paragraphs.add(p.toString());
                p.setLength(0);
            }
        }
        // one sentence of its own, so no two articles have the same text even by chance
        paragraphs.add("(" + i + ")");
        return new Article(LANGUAGES.get(lang), title, paragraphs);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type, String etag)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (etag != null) {
            ex.getResponseHeaders().set("ETag", etag);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }
}
