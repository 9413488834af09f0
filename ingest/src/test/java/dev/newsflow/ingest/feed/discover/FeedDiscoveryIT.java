package dev.newsflow.ingest.feed.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.newsflow.core.test.LocalHttpServer;
import dev.newsflow.ingest.TestConfigs;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.fetch.FetchRequest;
import dev.newsflow.ingest.fetch.FetchResult;
import dev.newsflow.ingest.fetch.HttpFetcher;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery against a real local site (see {@code src/test/resources/discovery/README.md}). */
class FeedDiscoveryIT {
    private final LocalHttpServer server = LocalHttpServer.start();
    private final DiscoverySite site = new DiscoverySite(server);
    private final HttpFetcher fetcher = new HttpFetcher(TestConfigs.fetch());
    private final FeedDiscovery discovery = new FeedDiscovery(fetcher, new FeedParser());

    @AfterEach
    void close() {
        fetcher.close();
        server.close();
    }

    @Test
    void shouldFindAdvertisedFeedsRobotsSitemapsAndCommonPathsWithTypesTitlesAndCounts() {
        DiscoveryResult result = discovery.discover(server.url("/"));

        assertThat(result.siteError()).isNull();
        assertThat(result.notes()).isEmpty();
        assertThat(result.working())
                .extracting(
                        DiscoveredFeed::url,
                        DiscoveredFeed::via,
                        DiscoveredFeed::kind,
                        DiscoveredFeed::title,
                        DiscoveredFeed::items,
                        DiscoveredFeed::sourceType)
                .containsExactly(
                        tuple(
                                server.url("/feeds/rss.xml"),
                                "link",
                                "rss",
                                "Example News",
                                5,
                                "feed"),
                        tuple(
                                server.url("/feeds/atom.xml"),
                                "link",
                                "atom",
                                "Example News (Atom)",
                                2,
                                "feed"),
                        tuple(
                                server.url("/feeds/feed.json"),
                                "link",
                                "json",
                                "Example News JSON",
                                4,
                                "feed"),
                        tuple(
                                server.url("/sitemap-news.xml"),
                                "robots.txt",
                                "sitemap",
                                "Example News", // the news:name of its entries
                                6,
                                "sitemap"),
                        tuple(server.url("/index.xml"), "path", "rss", "Example Blog", 5, "feed"));
        // /feed redirects to the RSS feed and /rss.xml serves it again: one entry, the first
        assertThat(server.hits("/feed")).isEqualTo(1);
        assertThat(server.hits("/rss.xml")).isEqualTo(1);
        // the advertised duplicate link was not fetched twice
        assertThat(server.hits("/feeds/rss.xml")).isEqualTo(2); // itself + the /feed redirect
        // oEmbed, WordPress REST and language alternates are not feeds: never fetched
        assertThat(server.hits("/oembed")).isZero();
        assertThat(server.hits("/wp-json/wp/v2/pages/2")).isZero();
        assertThat(server.hits("/de/")).isZero();
    }

    @Test
    void shouldReportBrokenAdvertisedFeedsWithTheirReason() {
        DiscoveryResult result = discovery.discover(server.url("/"));

        assertThat(result.broken())
                .extracting(DiscoveredFeed::url, DiscoveredFeed::via, DiscoveredFeed::title)
                .containsExactly(
                        tuple(server.url("/feeds/missing.xml"), "link", "Gone feed"),
                        tuple(server.url("/feeds/page.xml"), "link", "Not really a feed"),
                        tuple(server.url("/sitemap-missing.xml"), "robots.txt", null));
        assertThat(result.broken().get(0).error()).startsWith("http_error: HTTP 404");
        assertThat(result.broken().get(1).error()).startsWith("not a feed: this is an HTML page");
        assertThat(result.broken().get(2).error()).startsWith("http_error: HTTP 404");
        // common paths that are not feeds are not reported at all
        assertThat(result.feeds())
                .extracting(DiscoveredFeed::url)
                .doesNotContain(server.url("/rss"), server.url("/atom.xml"));
        assertThat(result.pathsProbed()).isEqualTo(FeedDiscovery.COMMON_PATHS.size());
    }

    @Test
    void shouldReportTheSiteItselfWhenItIsAFeed() {
        DiscoveryResult result = discovery.discover(server.url("/feeds/atom.xml"));

        assertThat(result.working().get(0))
                .extracting(DiscoveredFeed::url, DiscoveredFeed::via, DiscoveredFeed::kind)
                .containsExactly(server.url("/feeds/atom.xml"), "site", "atom");
        // the page's links are not looked for in a feed; robots.txt and paths still are
        assertThat(server.hits("/feeds/feed.json")).isZero();
        assertThat(result.working())
                .extracting(DiscoveredFeed::url)
                .contains(server.url("/sitemap-news.xml"), server.url("/index.xml"));
    }

    @Test
    void shouldStopAtTheAddressGuardWhenPrivateNetworksAreNotAllowed() {
        try (HttpFetcher guarded =
                new HttpFetcher(TestConfigs.fetch("ingest.fetch.allow.private.networks", false))) {
            DiscoveryResult result =
                    new FeedDiscovery(guarded, new FeedParser()).discover(server.url("/"));

            assertThat(result.siteError()).startsWith("blocked");
            assertThat(result.feeds()).isEmpty();
            assertThat(result.pathsProbed()).isZero();
            assertThat(server.hits("/")).isZero();
        }
    }

    @Test
    void shouldObeyRobotsTxtAndSayWhatItDenied() {
        site.serve(
                "/robots.txt",
                "text/plain",
                ("User-agent: *\nDisallow: /\n\nSitemap: " + server.url("/sitemap-news.xml") + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        DiscoveryResult result = discovery.discover(server.url("/"));

        assertThat(result.siteError()).startsWith("robots_denied");
        assertThat(result.working()).isEmpty();
        assertThat(result.broken())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.url()).isEqualTo(server.url("/sitemap-news.xml"));
                            assertThat(f.error()).startsWith("robots_denied: robots.txt of");
                        });
        assertThat(server.hits("/")).isZero();
        assertThat(server.hits("/sitemap-news.xml")).isZero();
        assertThat(server.hits("/index.xml")).isZero();
    }

    @Test
    void shouldStopProbingPathsWhenTheHostDefersUs() {
        site.serve(
                "/robots.txt",
                "text/plain",
                "User-agent: *\nCrawl-delay: 60\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        DiscoveryResult result = discovery.discover(server.url("/"));

        int pathHits = FeedDiscovery.COMMON_PATHS.stream().mapToInt(server::hits).sum();
        assertThat(pathHits).isZero();
        assertThat(result.pathsProbed()).isEqualTo(1);
    }

    @Test
    void shouldFindTheFirstWorkingFeedAListingPageOffers() {
        FetchResult page = fetcher.fetch(FetchRequest.page(server.url("/")));

        Optional<DiscoveredFeed> offered = discovery.findOfferedFeed(page, 3);
        Optional<DiscoveredFeed> none = discovery.findOfferedFeed(page, 1);

        assertThat(offered).map(DiscoveredFeed::url).contains(server.url("/feeds/rss.xml"));
        assertThat(none).isEmpty(); // only the missing feed was tried
    }
}
