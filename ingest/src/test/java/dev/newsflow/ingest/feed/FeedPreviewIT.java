package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.TestConfigs;
import dev.newsflow.ingest.feed.discover.DiscoverySite;
import dev.newsflow.ingest.feed.discover.FeedCandidate;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link FeedPreview} against a real local site, checked against a first poll of the same feed. */
class FeedPreviewIT {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2025-01-02T00:00:00Z"), ZoneOffset.UTC);

    private final LocalHttpServer server = LocalHttpServer.start();
    private final DiscoverySite site = new DiscoverySite(server);
    private final HttpFetcher fetcher = new HttpFetcher(TestConfigs.fetch());
    private final FeedPreview preview =
            new FeedPreview(fetcher, new FeedParser(), new ItemMapper(), CLOCK);

    @AfterEach
    void close() {
        fetcher.close();
        server.close();
    }

    @Test
    void shouldShowEveryItemWithItsFateAsAFirstPollWouldProduceIt() {
        FeedDefinition feed = FeedDefinition.of(server.url("/feeds/rss.xml"));

        FeedPreview.Result result = preview.preview(feed, null);
        PollResult poll =
                new FeedPoller(
                                fetcher,
                                new FeedParser(),
                                new ItemMapper(),
                                TestConfigs.config().ingest(),
                                CLOCK)
                        .poll(feed, dev.newsflow.core.feed.FeedState.initial(feed));

        assertThat(result.ok()).isTrue();
        assertThat(result.detectedType()).isEqualTo("rss");
        assertThat(result.title()).isEqualTo("Example News");
        assertThat(result.items())
                .extracting(
                        FeedPreview.Item::title,
                        FeedPreview.Item::link,
                        FeedPreview.Item::accepted,
                        FeedPreview.Item::pageFetched)
                .containsExactly(
                        tuple(
                                "First story",
                                "https://news.example/2025/01/01/first-story",
                                true,
                                false),
                        tuple(
                                "Second story",
                                "https://news.example/2025/01/01/second-story",
                                true,
                                false),
                        tuple(
                                "Third story",
                                "https://news.example/2025/01/01/third-story",
                                true,
                                false),
                        tuple("No link here", null, false, false),
                        tuple(
                                "First story",
                                "https://news.example/2025/01/01/first-story",
                                false,
                                false));
        assertThat(result.items().get(0).publishedAt())
                .isEqualTo(Instant.parse("2025-01-01T08:00:00Z"));
        assertThat(result.items().get(3).rejected()).startsWith("no_link: ");
        assertThat(result.items().get(4).rejected()).startsWith("repeated");
        // the same answer as the service's own first poll
        assertThat(result.acceptedCount()).isEqualTo(poll.newItems().size());
        assertThat(result.items().stream().filter(FeedPreview.Item::accepted))
                .extracting(FeedPreview.Item::link)
                .containsExactlyElementsOf(
                        poll.newItems().stream().map(a -> a.article().url()).toList());
        assertThat(result.pageNote()).isEqualTo(FeedPreview.PAGES_NOT_FETCHED);
    }

    @Test
    void shouldDetectJsonFeedsAndSitemaps() {
        FeedPreview.Result json =
                preview.preview(FeedDefinition.of(server.url("/feeds/feed.json")), null);
        FeedPreview.Result sitemap =
                preview.preview(
                        FeedDefinition.of(server.url("/sitemap-news.xml")),
                        FeedDefinition.TYPE_SITEMAP);
        site.serve(
                "/sitemap-index.xml",
                "application/xml",
                DiscoverySite.fixture("sitemap-index.xml"));
        FeedPreview.Result index =
                preview.preview(FeedDefinition.of(server.url("/sitemap-index.xml")), null);

        assertThat(json.detectedType()).isEqualTo("json");
        assertThat(json.acceptedCount()).isEqualTo(4);
        assertThat(sitemap.detectedType()).isEqualTo("sitemap");
        assertThat(sitemap.requestedType()).isEqualTo("sitemap");
        // entries without a news:title have nothing to produce without their page: the mapper
        // rejects them, and the preview says so
        assertThat(sitemap.items()).hasSize(6);
        assertThat(sitemap.acceptedCount()).isEqualTo(2);
        assertThat(sitemap.items().get(2).rejected()).startsWith("empty: ");
        assertThat(index.detectedType()).isEqualTo("sitemap index");
        assertThat(index.items()).isEmpty();
        assertThat(index.childSitemaps())
                .containsExactly(
                        "https://news.example/sitemap-news.xml",
                        "https://news.example/sitemap-2024.xml");
    }

    @Test
    void shouldSayHtmlSourcesAreNotAvailableAndListTheFeedsThePageOffers() {
        FeedPreview.Result detected = preview.preview(FeedDefinition.of(server.url("/")), null);
        FeedPreview.Result asked =
                preview.preview(FeedDefinition.of(server.url("/")), FeedDefinition.TYPE_HTML);

        for (FeedPreview.Result r : new FeedPreview.Result[] {detected, asked}) {
            assertThat(r.ok()).isFalse();
            assertThat(r.detectedType()).isEqualTo("html");
            assertThat(r.outcome()).isEqualTo("unsupported");
            assertThat(r.error()).isEqualTo(FeedPreview.HTML_UNAVAILABLE);
            assertThat(r.advertisedFeeds())
                    .extracting(FeedCandidate::url)
                    .contains(server.url("/feeds/rss.xml"), server.url("/feeds/atom.xml"));
        }
    }

    @Test
    void shouldReportFetchAndParseFailuresWithTheirReason() {
        FeedPreview.Result missing =
                preview.preview(FeedDefinition.of(server.url("/nothing.xml")), null);
        site.serve("/garbage.xml", "application/xml", new byte[] {'{', 'x'});
        FeedPreview.Result garbage =
                preview.preview(FeedDefinition.of(server.url("/garbage.xml")), null);

        assertThat(missing.outcome()).isEqualTo("http_error");
        assertThat(missing.error()).startsWith("http_error: HTTP 404");
        assertThat(garbage.outcome()).isEqualTo("parse_error");
        assertThat(garbage.error()).isNotBlank();
    }
}
