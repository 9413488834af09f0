package dev.newsflow.ingest.feed.discover;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedDiscoveryTest {

    @Test
    void shouldListAdvertisedFeedsInPageOrderWithoutDuplicatesOrNonFeeds() {
        List<FeedCandidate> links =
                FeedDiscovery.advertisedFeeds(
                        DiscoverySite.fixture("index.html"),
                        "text/html; charset=utf-8",
                        "https://news.example/section/");

        assertThat(links)
                .extracting(
                        FeedCandidate::url,
                        FeedCandidate::declaredType,
                        FeedCandidate::declaredTitle)
                .containsExactly(
                        tuple(
                                "https://news.example/feeds/missing.xml",
                                "application/rss+xml",
                                "Gone feed"),
                        tuple(
                                "https://news.example/feeds/rss.xml",
                                "application/rss+xml",
                                "Example News RSS"),
                        tuple(
                                "https://news.example/section/feeds/atom.xml",
                                "application/atom+xml",
                                "Example News Atom"),
                        tuple(
                                "https://news.example/feeds/feed.json",
                                "application/feed+json",
                                "Example News JSON"),
                        tuple(
                                "https://news.example/feeds/page.xml",
                                "application/rss+xml",
                                "Not really a feed"));
        assertThat(links).allMatch(FeedCandidate::advertised);
    }

    @Test
    void shouldAcceptJsonFeedOneLinksAndRdf() {
        String html =
                "<html><head><link rel='alternate' type='application/json' title='JSON Feed'"
                        + " href='/feed.json'><link rel='alternate home'"
                        + " type='application/rdf+xml' href='/index.rdf'></head></html>";

        assertThat(
                        FeedDiscovery.advertisedFeeds(
                                html.getBytes(UTF_8), null, "https://blog.example/"))
                .extracting(FeedCandidate::url)
                .containsExactly(
                        "https://blog.example/feed.json", "https://blog.example/index.rdf");
    }

    @Test
    void shouldFindNothingOnAPageWithoutFeedLinks() {
        assertThat(
                        FeedDiscovery.advertisedFeeds(
                                "<p>no head at all".getBytes(UTF_8), null, "https://a.example/"))
                .isEmpty();
    }
}
