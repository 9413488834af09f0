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
    /** 429 or 503: the server asks us to slow down (see {@link FetchResult#notBefore()}). */
    RATE_LIMITED,
    /** The body exceeded the size cap after decompression. */
    TOO_LARGE,
    /** The whole-request deadline passed. */
    TIMEOUT,
    /** The address is not public (SSRF guard) or the scheme is not allowed. */
    BLOCKED,
    /** robots.txt disallows the URL, or could not be fetched because of a server error. */
    ROBOTS_DENIED,
    /** Too many redirects, a loop, or a redirect without a usable Location. */
    REDIRECT_ERROR,
    /** DNS, connect, TLS or I/O failure. */
    NETWORK_ERROR,
    /**
     * Not fetched: the host is busy or held off (politeness, Crawl-delay, Retry-After) beyond the
     * deadline; come back at {@link FetchResult#notBefore()}. Not a failure of the URL.
     */
    DEFERRED;

    /** The metric tag value: the lowercase name. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
