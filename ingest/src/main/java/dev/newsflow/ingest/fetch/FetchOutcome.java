package dev.newsflow.ingest.fetch;

import java.util.Locale;

/** How a fetch ended. The lowercase name is the {@code outcome} tag value of fetch metrics. */
public enum FetchOutcome {
    /** 2xx with a body. */
    OK,
    /** 304: the validators still hold. */
    NOT_MODIFIED,
    /** A 4xx or 5xx status (other than the ones below). */
    HTTP_ERROR,
    /** 429 or 503: the server asks us to slow down (see Retry-After). */
    RATE_LIMITED,
    /** The body exceeded the size cap after decompression. */
    TOO_LARGE,
    /** The whole-request deadline passed. */
    TIMEOUT,
    /** The address is not public (SSRF guard) or the scheme is not allowed. */
    BLOCKED,
    /** robots.txt disallows the URL. */
    ROBOTS_DENIED,
    /** Too many redirects, a loop, or a redirect without a usable Location. */
    REDIRECT_ERROR,
    /** DNS, connect, TLS or I/O failure. */
    NETWORK_ERROR;

    /** The metric tag value: the lowercase name. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
