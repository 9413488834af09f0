package dev.newsflow.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The feed server of {@link FeedPollBench}, run in its own process so that its CPU time is not
 * counted: {@code /f/N.xml} is an RSS feed of 50 items with an {@code ETag}, answered 304 when the
 * client's {@code If-None-Match} still matches. Every tenth feed publishes five new items a round
 * ({@code /control?round=R} sets the round); the others never change. Prints its port, then serves
 * until its standard input closes.
 */
public final class FeedBenchServer {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);
    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final int ITEMS = 50;
    static final int NEW_PER_ROUND = 5;

    private static final AtomicInteger round = new AtomicInteger();

    private FeedBenchServer() {}

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/control", FeedBenchServer::control);
        server.createContext("/f/", FeedBenchServer::feed);
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // serve until the benchmark closes our input
        }
        server.stop(0);
        System.exit(0);
    }

    /** Whether feed {@code n} publishes new items every round. */
    static boolean changing(int n) {
        return n % 10 == 0;
    }

    private static void control(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        round.set(Integer.parseInt(q.substring(q.indexOf('=') + 1)));
        send(ex, 200, new byte[0], null);
    }

    private static void feed(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        int n = Integer.parseInt(path.substring(3, path.indexOf('.', 3)));
        int version = changing(n) ? round.get() : 0;
        String etag = "\"" + n + "-" + version + "\"";
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        send(ex, 200, rss(n, version).getBytes(UTF_8), etag);
    }

    private static String rss(int n, int version) {
        StringBuilder sb = new StringBuilder(16 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>Bench feed ")
                .append(n)
                .append("</title><link>https://site")
                .append(n)
                .append(".example/</link><description>A benchmark feed</description>");
        int newest = NEW_PER_ROUND * version + ITEMS;
        for (int k = newest; k > newest - ITEMS; k--) {
            sb.append("<item><title>Feed ")
                    .append(n)
                    .append(" reports story number ")
                    .append(k)
                    .append("</title><link>https://site")
                    .append(n)
                    .append(".example/news/")
                    .append(k)
                    .append("?utm_source=rss</link><guid isPermaLink=\"false\">")
                    .append(n)
                    .append('-')
                    .append(k)
                    .append("</guid><description><![CDATA[<p>Story ")
                    .append(k)
                    .append(" of feed ")
                    .append(n)
                    .append(": a paragraph of summary text, as news feeds carry, with <b>some")
                    .append(" markup</b> and a <a href=\"/x\">link</a>.</p>]]></description>")
                    .append("<pubDate>")
                    .append(RFC_1123.format(EPOCH.plusSeconds(3600L * k)))
                    .append("</pubDate></item>");
        }
        return sb.append("</channel></rss>").toString();
    }

    private static void send(HttpExchange ex, int status, byte[] body, String etag)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
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
