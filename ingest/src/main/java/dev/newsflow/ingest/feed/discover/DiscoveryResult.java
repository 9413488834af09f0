package dev.newsflow.ingest.feed.discover;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link FeedDiscovery#discover(String)} found on one site.
 *
 * @param siteUrl the URL discovery started from
 * @param siteError why the site's page could not be read (fetch outcome and reason), if it could
 *     not; robots.txt and the common paths are still tried unless the host was not reached
 * @param feeds the feeds found, without duplicates, in the order found (the site URL itself, page
 *     links, robots.txt sitemaps, common paths): the working ones and the advertised ones that are
 *     broken, with their reason; common paths that are not feeds are left out
 * @param pathsProbed common feed paths fetched
 * @param notes what else kept discovery from looking everywhere, for people: robots.txt not read
 *     (other than "there is none"), path probing stopped because the host defers us
 */
public record DiscoveryResult(
        String siteUrl,
        @Nullable String siteError,
        List<DiscoveredFeed> feeds,
        int pathsProbed,
        List<String> notes) {

    public DiscoveryResult {
        Objects.requireNonNull(siteUrl, "siteUrl can't be null");
        feeds = List.copyOf(feeds);
        notes = List.copyOf(notes);
    }

    /** The feeds that fetched and parsed. */
    public List<DiscoveredFeed> working() {
        return feeds.stream().filter(DiscoveredFeed::ok).toList();
    }

    /** The advertised feeds that did not fetch or parse, each with its reason. */
    public List<DiscoveredFeed> broken() {
        return feeds.stream().filter(f -> !f.ok()).toList();
    }
}
