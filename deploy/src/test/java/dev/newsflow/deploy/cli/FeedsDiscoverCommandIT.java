package dev.newsflow.deploy.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.config.ConfigLoader;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.core.test.TestBroker;
import dev.newsflow.deploy.Newsflow;
import dev.newsflow.ingest.feed.FeedPreview;
import dev.newsflow.ingest.feed.FeedRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code newsflow feeds discover [--add]} and {@code newsflow feeds preview} against a real local
 * site, and a real broker for {@code --add}.
 */
class FeedsDiscoverCommandIT {
    private static final String RSS =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Good News</title>"
                    + "<link>https://news.example/</link><description>d</description>"
                    + "<item><title>One</title><link>https://news.example/1</link>"
                    + "<pubDate>Wed, 01 Jan 2025 08:00:00 GMT</pubDate>"
                    + "<description>First story.</description></item>"
                    + "<item><title>Two</title><link>https://news.example/2</link>"
                    + "<description>Second story.</description></item>"
                    + "<item><title>No link</title><description>x</description></item>"
                    + "</channel></rss>";
    private static final String SITEMAP =
            "<?xml version=\"1.0\"?><urlset"
                + " xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://news.example/1</loc></url><url><loc>https://news.example/3</loc></url></urlset>";
    private static final String PAGE =
            "<!DOCTYPE html><html><head><title>Home</title><link rel=\"alternate\""
                    + " type=\"application/rss+xml\" title=\"Good\" href=\"/news.rss\"><link"
                    + " rel=\"alternate\" type=\"application/atom+xml\" href=\"/gone.atom\">"
                    + "</head><body><a href=\"/1\">One</a></body></html>";

    private final LocalHttpServer server = LocalHttpServer.start();
    private TestBroker broker;

    @AfterEach
    void close() {
        server.close();
        if (broker != null) {
            broker.close();
        }
    }

    /** One route per exact path (the server's contexts match by prefix); 404 otherwise. */
    private void site() {
        Map<String, String[]> routes =
                Map.of(
                        "/", new String[] {"text/html", PAGE},
                        "/news.rss", new String[] {"application/rss+xml", RSS},
                        "/sitemap.xml", new String[] {"application/xml", SITEMAP},
                        "/robots.txt",
                                new String[] {
                                    "text/plain", "Sitemap: " + server.url("/sitemap.xml") + "\n"
                                });
        server.handle(
                "/",
                ex -> {
                    String[] r = routes.get(ex.getRequestURI().getPath());
                    if (r == null) {
                        LocalHttpServer.send(ex, 404, "text/plain", "no".getBytes(UTF_8));
                    } else {
                        LocalHttpServer.send(ex, 200, r[0], r[1].getBytes(UTF_8));
                    }
                });
    }

    private static String[] local(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--set";
        all[args.length + 1] = "ingest.fetch.allow.private.networks=true";
        all[args.length + 2] = "--set";
        all[args.length + 3] = "ingest.fetch.host.delay.ms=0";
        return all;
    }

    @Test
    void shouldPrintTheFeedsASiteOffersWithoutKafka() throws Exception {
        site();

        Run table =
                run(
                        local(
                                "feeds",
                                "discover",
                                server.url("/"),
                                "--bootstrap-servers",
                                "127.0.0.1:1"));
        Run json = run(local("feeds", "discover", "--json", server.url("/")));

        assertThat(table.code).isZero();
        assertThat(table.out.lines())
                .anyMatch(l -> l.matches("rss +Good News +3 +link +" + server.url("/news.rss")))
                .anyMatch(
                        l -> l.matches("sitemap +- +2 +robots.txt +" + server.url("/sitemap.xml")));
        assertThat(table.out)
                .contains("Advertised but not working:")
                .contains(server.url("/gone.atom") + " (link): http_error: HTTP 404")
                .contains("2 working (feed=1, sitemap=1), 1 broken; 8 common paths probed");
        List<String> lines = json.out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(Json.mapper().readTree(lines.get(0)).path("format").asText()).isEqualTo("rss");
        assertThat(Json.mapper().readTree(lines.get(0)).path("items").asInt()).isEqualTo(3);
        // in the order found: the page's links (the broken one too), then robots.txt
        assertThat(Json.mapper().readTree(lines.get(1)).path("error").asText())
                .startsWith("http_error: HTTP 404");
        assertThat(Json.mapper().readTree(lines.get(2)).path("via").asText())
                .isEqualTo("robots.txt");
    }

    @Test
    void shouldAddTheWorkingFeedsAsFeedsAddDoes() {
        site();
        broker = TestBroker.start();

        Run added =
                run(
                        local(
                                "feeds",
                                "discover",
                                "--add",
                                server.url("/"),
                                "--bootstrap-servers",
                                broker.bootstrapServers()));
        Run again =
                run(
                        local(
                                "feeds",
                                "discover",
                                "--add",
                                server.url("/"),
                                "--bootstrap-servers",
                                broker.bootstrapServers()));

        String rssId = ArticleIds.feedId(server.url("/news.rss"));
        String sitemapId = ArticleIds.feedId(server.url("/sitemap.xml"));
        assertThat(added.code).isZero();
        assertThat(added.out)
                .contains("Added: " + rssId + " " + server.url("/news.rss"))
                .contains("Added: " + sitemapId + " " + server.url("/sitemap.xml") + " (sitemap)");
        assertThat(added.out).doesNotContain("gone.atom\n");
        assertThat(again.out).contains("Unchanged: " + rssId, "Unchanged: " + sitemapId);
        try (FeedRegistry registry =
                new FeedRegistry(
                        ConfigLoader.builder()
                                .env(Map.of())
                                .set("kafka.bootstrap.servers", broker.bootstrapServers())
                                .load())) {
            Map<String, FeedDefinition> feeds = registry.list();
            assertThat(feeds).containsOnlyKeys(rssId, sitemapId);
            assertThat(feeds.get(rssId).name()).isEqualTo("Good News");
            assertThat(feeds.get(rssId).type()).isEqualTo(FeedDefinition.TYPE_FEED);
            assertThat(feeds.get(rssId).origin()).isEqualTo(FeedDefinition.ORIGIN_CLI);
            assertThat(feeds.get(sitemapId).type()).isEqualTo(FeedDefinition.TYPE_SITEMAP);
        }
    }

    @Test
    void shouldSayWhenASiteOffersNoFeed() {
        server.handle(
                "/",
                ex ->
                        LocalHttpServer.send(
                                ex,
                                ex.getRequestURI().getPath().equals("/") ? 200 : 404,
                                "text/html",
                                "<html><body>nothing</body></html>".getBytes(UTF_8)));

        Run none = run(local("feeds", "discover", server.url("/")));

        assertThat(none.code).isEqualTo(1);
        assertThat(none.out).contains("0 working (none), 0 broken; 8 common paths probed");
    }

    @Test
    void shouldPreviewWhatAFeedWouldProduceWithoutProducing() throws Exception {
        site();

        // no broker at all: preview must not need one
        Run rss =
                run(
                        local(
                                "feeds",
                                "preview",
                                server.url("/news.rss"),
                                "--bootstrap-servers",
                                "127.0.0.1:1"));
        Run sitemap =
                run(local("feeds", "preview", "--type", "sitemap", server.url("/sitemap.xml")));
        Run json = run(local("feeds", "preview", "--json", server.url("/news.rss")));

        assertThat(rss.code).isZero();
        assertThat(rss.out)
                .startsWith(server.url("/news.rss") + ": rss \"Good News\" (detected), HTTP 200")
                .contains("3 items, 2 would be produced, 1 not")
                .contains("Pages: " + FeedPreview.PAGES_NOT_FETCHED);
        assertThat(rss.out.lines())
                .anyMatch(
                        l ->
                                l.matches(
                                        "2025-01-01T08:00:00Z +yes +no +One +https://news.example/1"
                                                + " +-"))
                .anyMatch(l -> l.matches("- +no +no +No link +- +no_link: .*"));
        assertThat(sitemap.out).contains("sitemap (as sitemap)");
        assertThat(Json.mapper().readTree(json.out).path("items").size()).isEqualTo(3);
        assertThat(Json.mapper().readTree(json.out).path("detectedType").asText()).isEqualTo("rss");
    }

    @Test
    void shouldSayHtmlSourcesAreNotAvailableInThisBuild() {
        site();

        Run html = run(local("feeds", "preview", "--type", "html", server.url("/")));
        Run detected = run(local("feeds", "preview", server.url("/")));

        for (Run r : List.of(html, detected)) {
            assertThat(r.code).isEqualTo(1);
            assertThat(r.err).contains("html sources: link finder not available in this build");
            assertThat(r.out)
                    .contains(": html")
                    .contains("  " + server.url("/news.rss") + " (application/rss+xml, Good)");
        }
        assertThat(html.out).contains("(as html)");
        assertThat(detected.out).contains("(detected)");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Newsflow.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
