package dev.newsflow.ingest.fetch;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One conditional GET.
 *
 * @param url the URL, {@code http(s):} or {@code file:}
 * @param etag the validator from the last 200, sent as {@code If-None-Match}
 * @param lastModified the validator from the last 200, sent as {@code If-Modified-Since}
 * @param accept the {@code Accept} header
 */
public record FetchRequest(
        String url, @Nullable String etag, @Nullable String lastModified, String accept) {
    public static final String ACCEPT_FEED =
            "application/rss+xml, application/atom+xml, application/feed+json,"
                    + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    public static final String ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    public FetchRequest {
        Objects.requireNonNull(url, "url can't be null");
        Objects.requireNonNull(accept, "accept can't be null");
    }

    /** An unconditional GET for a feed. */
    public static FetchRequest feed(String url) {
        return new FetchRequest(url, null, null, ACCEPT_FEED);
    }

    /** An unconditional GET for a page. */
    public static FetchRequest page(String url) {
        return new FetchRequest(url, null, null, ACCEPT_HTML);
    }
}
