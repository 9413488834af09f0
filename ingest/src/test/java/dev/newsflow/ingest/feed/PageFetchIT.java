package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.core.article.Extraction;
import dev.newsflow.core.article.RawArticle;
import dev.newsflow.core.config.IngestConfig;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.FeedState;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.IngestMetrics;
import dev.newsflow.ingest.TestConfigs;
import dev.newsflow.ingest.fetch.HttpFetcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Article pages fetched during feed polls from a real local HTTP server, through the real fetch
 * layer (robots.txt, size and time caps), with failures kept visible.
 */
class PageFetchIT {
    private final LocalHttpServer server = LocalHttpServer.start();
    private HttpFetcher fetcher;

    @AfterEach
    void close() {
        if (fetcher != null) {
            fetcher.close();
        }
        server.close();
    }

    private FeedPoller poller(Object... overrides) {
        Object[] all = new Object[overrides.length + 8];
        all[0] = "ingest.fetch.allow.private.networks";
        all[1] = true;
        all[2] = "ingest.fetch.host.delay.ms";
        all[3] = 0;
        all[4] = "ingest.fetch.timeout.ms";
        all[5] = 5000;
        all[6] = "ingest.fetch.max.bytes";
        all[7] = 200_000;
        System.arraycopy(overrides, 0, all, 8, overrides.length);
        IngestConfig config = TestConfigs.config(all).ingest();
        fetcher = new HttpFetcher(config.fetch());
        return new FeedPoller(
                fetcher, new FeedParser(), new ItemMapper(), config, Clock.systemUTC());
    }

    private String item(String path, String title, String description) {
        return "<item><title>"
                + title
                + "</title><link>"
                + server.url(path)
                + "</link><guid>"
                + path
                + "</guid><description>"
                + description
                + "</description></item>";
    }

    private String rss(String... items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                + "<title>Herald</title><link>"
                + server.url("/")
                + "</link><description>t</description>"
                + String.join("", items)
                + "</channel></rss>";
    }

    private static FeedDefinition feed(String url, boolean fullText) {
        return new FeedDefinition(
                FeedDefinition.SCHEMA_VERSION,
                "f-" + Math.abs(url.hashCode()),
                url,
                "herald",
                FeedDefinition.TYPE_FEED,
                null,
                600_000,
                fullText,
                FeedDefinition.ORIGIN_CONFIG);
    }

    private static Map<String, RawArticle> byPath(PollResult r) {
        return r.newItems().stream()
                .map(ItemMapper.Accepted::article)
                .collect(
                        Collectors.toMap(
                                a -> a.url().replaceFirst("^https?://[^/]+", ""),
                                Function.identity()));
    }

    @Test
    void shouldCompleteShortItemsFromTheirPagesAndKeepEveryFailedOneWithItsReason() {
        server.serve("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        server.serve(
                "/2026/11/28/ok-story",
                "text/html; charset=utf-8",
                TestPages.article("Council approves budget", 6));
        server.handle(
                "/2026/11/28/missing",
                ex ->
                        LocalHttpServer.send(
                                ex, 404, "text/html", "<h1>Not found</h1>".getBytes(UTF_8)));
        server.serve("/private/secret-story", "text/html", TestPages.article("Secret", 6));
        server.serve(
                "/files/report.pdf",
                "application/pdf",
                "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n");
        server.serve("/huge-story", "text/html", TestPages.article("Huge", 2000)); // over 200 kB
        server.handle(
                "/slow-story",
                ex -> {
                    try {
                        Thread.sleep(15_000); // the server is slow; the fetch deadline is 5 s
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    LocalHttpServer.send(
                            ex, 200, "text/html", TestPages.article("Slow", 3).getBytes(UTF_8));
                });
        server.serve("/2026/11/28/long-item", "text/html", TestPages.article("Long", 6));
        String longText =
                "The whole story is in the feed already, sentence after sentence. ".repeat(12);
        server.serve(
                "/feed.xml",
                "application/rss+xml",
                rss(
                        item(
                                "/2026/11/28/ok-story",
                                "Council approves budget",
                                "The council voted."),
                        item("/2026/11/28/missing", "Missing page", "Gone."),
                        item("/private/secret-story", "Secret", "Disallowed by robots.txt."),
                        item("/files/report.pdf", "Report", "A PDF."),
                        item("/huge-story", "Huge", "Too big."),
                        item("/slow-story", "Slow", "Too slow."),
                        item("/2026/11/28/long-item", "Long", longText)));
        FeedPoller poller = poller();
        FeedDefinition feed = feed(server.url("/feed.xml"), false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        PollResult r = poller.poll(feed, FeedState.initial(feed));
        new IngestMetrics(registry).recordPoll(r);

        assertThat(r.outcome()).isEqualTo("ok");
        Map<String, RawArticle> items = byPath(r);
        assertThat(items).hasSize(7); // nothing lost
        RawArticle ok = items.get("/2026/11/28/ok-story");
        assertThat(ok.extraction().method()).isEqualTo(Extraction.FEED_AND_PAGE);
        assertThat(ok.text()).startsWith("Paragraph 1 of").contains("Paragraph 6 of");
        assertThat(ok.summary()).isEqualTo("The council voted.");
        Map<String, String> reasons =
                Map.of(
                        "/2026/11/28/missing", "http_error",
                        "/private/secret-story", "robots_denied",
                        "/files/report.pdf", "binary",
                        "/huge-story", "too_large",
                        "/slow-story", "timeout");
        reasons.forEach(
                (path, reason) -> {
                    RawArticle a = items.get(path);
                    assertThat(a.extraction().method()).as(path).isEqualTo(Extraction.FEED);
                    assertThat(a.extraction().error()).as(path).startsWith(reason);
                    assertThat(a.flags()).as(path).contains(PageFetcher.FLAG_PAGE_FAILED);
                    assertThat(a.summary()).as(path).isNotBlank(); // the feed's own content
                    assertThat(a.text()).as(path).isNull();
                    assertThat(
                                    registry.get("newsflow.ingest.pages")
                                            .tag("outcome", reason)
                                            .counter()
                                            .count())
                            .as(reason)
                            .isEqualTo(1.0);
                });
        RawArticle longItem = items.get("/2026/11/28/long-item");
        assertThat(longItem.extraction()).isEqualTo(Extraction.fromFeed());
        assertThat(server.hits("/2026/11/28/long-item")).isZero();
        assertThat(server.hits("/private/secret-story")).isZero();
        assertThat(registry.get("newsflow.ingest.pages").tag("outcome", "ok").counter().count())
                .isEqualTo(1.0);
        assertThat(r.pageOutcomes()).containsEntry("ok", 1).hasSize(6);
    }

    @Test
    void shouldReplaceContentOfFullTextFeedsWithinThePollBudget() {
        String longText =
                "The whole story is in the feed already, sentence after sentence. ".repeat(12);
        server.serve("/a/one", "text/html", TestPages.article("One", 5));
        server.serve("/a/two", "text/html", TestPages.article("Two", 5));
        server.serve("/a/three", "text/html", TestPages.article("Three", 5));
        server.serve(
                "/full.xml",
                "application/rss+xml",
                rss(
                        item("/a/one", "One", longText),
                        item("/a/two", "Two", longText),
                        item("/a/three", "Three", longText)));
        FeedPoller poller = poller("ingest.page.max.per.poll", 2);
        FeedDefinition feed = feed(server.url("/full.xml"), true);

        PollResult r = poller.poll(feed, FeedState.initial(feed));

        Map<String, RawArticle> items = byPath(r);
        assertThat(items.get("/a/one").extraction().method()).isEqualTo(Extraction.PAGE);
        assertThat(items.get("/a/one").text()).startsWith("Paragraph 1 of \"One\"");
        assertThat(items.get("/a/two").extraction().method()).isEqualTo(Extraction.PAGE);
        // the third is over the budget of two pages: published with its feed content, said so
        assertThat(items.get("/a/three").extraction().method()).isEqualTo(Extraction.FEED);
        assertThat(items.get("/a/three").extraction().error()).startsWith("budget");
        assertThat(items.get("/a/three").summary()).isEqualTo(longText.strip());
        assertThat(items.get("/a/three").text()).isNull();
        assertThat(server.hits("/a/three")).isZero();
        assertThat(r.pageOutcomes()).isEqualTo(Map.of("ok", 2, "budget", 1));
    }
}
