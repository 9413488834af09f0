package dev.newsflow.ingest.feed.discover;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
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

    /** A remote page must not send discovery to this machine's files (found by trying it). */
    @Test
    void shouldFollowFileLinksOnlyFromALocalPage() {
        byte[] page =
                ("<html><head>"
                                + "<link rel=\"alternate\" type=\"application/rss+xml\""
                                + " href=\"file:///etc/passwd\">"
                                + "<link rel=\"alternate\" type=\"application/rss+xml\""
                                + " href=\"FILE:/tmp/secret.xml\">"
                                + "<link rel=\"alternate\" type=\"application/rss+xml\""
                                + " href=\"/feed.xml\">"
                                + "</head></html>")
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(FeedDiscovery.advertisedFeeds(page, "text/html", "https://evil.example/"))
                .extracting(FeedCandidate::url)
                .containsExactly("https://evil.example/feed.xml");
        assertThat(FeedDiscovery.advertisedFeeds(page, "text/html", "file:///srv/site/index.html"))
                .extracting(FeedCandidate::url)
                .containsExactly("file:/etc/passwd", "file:/tmp/secret.xml", "file:/feed.xml");
    }

    @Test
    void shouldFindNothingOnAPageWithoutFeedLinks() {
        assertThat(
                        FeedDiscovery.advertisedFeeds(
                                "<p>no head at all".getBytes(UTF_8), null, "https://a.example/"))
                .isEmpty();
    }
}
