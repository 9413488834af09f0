package dev.newsflow.ingest.feed.discover;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A URL that may be a feed, before it was fetched.
 *
 * @param url the absolute URL
 * @param via where it was found: {@link #VIA_SITE} (the URL given is itself a feed), {@link
 *     #VIA_LINK} ({@code <link rel="alternate">} on the page), {@link #VIA_ROBOTS} (a {@code
 *     Sitemap:} line of robots.txt) or {@link #VIA_PATH} (a common feed path)
 * @param declaredType the {@code type} attribute of the link, lower-cased, without parameters
 * @param declaredTitle the {@code title} attribute of the link
 */
public record FeedCandidate(
        String url, String via, @Nullable String declaredType, @Nullable String declaredTitle) {
    public static final String VIA_SITE = "site";
    public static final String VIA_LINK = "link";
    public static final String VIA_ROBOTS = "robots.txt";
    public static final String VIA_PATH = "path";

    public FeedCandidate {
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(via, "via can't be null");
    }

    /** Returns whether the site itself advertised this URL (link or robots.txt), not guessed. */
    public boolean advertised() {
        return !via.equals(VIA_PATH);
    }
}
