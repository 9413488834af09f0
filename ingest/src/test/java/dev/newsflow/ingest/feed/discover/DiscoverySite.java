package dev.newsflow.ingest.feed.discover;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import dev.newsflow.core.test.LocalHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site under {@code src/test/resources/discovery/} on a {@link LocalHttpServer}: one handler
 * for every path (the server's contexts match by prefix, and {@code /feed} must not answer {@code
 * /feed.json}), 404 for unknown paths.
 */
public final class DiscoverySite {
    private record Response(int status, String contentType, byte[] body, String location) {}

    private final LocalHttpServer server;
    private final Map<String, Response> routes = new ConcurrentHashMap<>();

    public DiscoverySite(LocalHttpServer server) {
        this.server = server;
        server.handle("/", this::answer);
        serve("/", "text/html; charset=utf-8", fixture("index.html"));
        serve("/feeds/rss.xml", "application/rss+xml", fixture("rss.xml"));
        serve("/feeds/atom.xml", "application/atom+xml", fixture("atom.xml"));
        serve("/feeds/feed.json", "application/feed+json", fixture("feed.json"));
        serve("/feeds/page.xml", "text/html", fixture("index.html"));
        serve("/index.xml", "application/rss+xml", fixture("index.xml"));
        serve("/sitemap-news.xml", "application/xml", fixture("sitemap-news.xml"));
        // the same RSS feed under a common path, and a permanent redirect to it
        serve("/rss.xml", "application/rss+xml", fixture("rss.xml"));
        routes.put("/feed", new Response(301, "text/plain", new byte[0], "/feeds/rss.xml"));
        serve(
                "/robots.txt",
                "text/plain",
                ("User-agent: *\nDisallow: /private/\n\nSitemap: "
                                + server.url("/sitemap-news.xml")
                                + "\nSitemap: "
                                + server.url("/sitemap-missing.xml")
                                + "\n")
                        .getBytes(UTF_8));
    }

    public DiscoverySite serve(String path, String contentType, byte[] body) {
        routes.put(path, new Response(200, contentType, body, null));
        return this;
    }

    public static byte[] fixture(String name) {
        try (InputStream in = DiscoverySite.class.getResourceAsStream("/discovery/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture discovery/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        Response r = routes.get(ex.getRequestURI().getPath());
        if (r == null) {
            LocalHttpServer.send(ex, 404, "text/plain", "not found".getBytes(UTF_8));
            return;
        }
        if (r.location() != null) {
            ex.getResponseHeaders().set("Location", r.location());
        }
        LocalHttpServer.send(ex, r.status(), r.contentType(), r.body());
    }
}
