package dev.newsflow.core.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP fetch layer shared by feed and page fetching ({@code ingest.fetch.*}).
 *
 * @param timeoutMs whole-request deadline in ms, redirects, politeness wait, robots.txt and body
 *     included (default 30000)
 * @param connectTimeoutMs connect timeout in ms (default 10000)
 * @param maxBytes cap on a body after decompression, in bytes (default 10 MiB)
 * @param maxRedirects redirects followed at most (default 5)
 * @param userAgent the User-Agent header; its first word (lower-cased) is the robots.txt agent
 * @param allowPrivateNetworks allow non-public addresses (default false)
 * @param proxy an HTTP proxy as host:port, or null
 * @param hostDelayMs pause between two requests to one host, in ms (default 1000); a longer
 *     robots.txt {@code Crawl-delay} wins
 * @param hostMaxDelayMs the longest a host is held off, in ms, whatever its {@code Crawl-delay} or
 *     {@code Retry-After} asks (default 10 minutes)
 * @param robotsEnabled obey robots.txt (default true)
 * @param robotsCacheMs how long a host's robots.txt is kept, in ms (default 24 hours)
 * @param resolve fixed host name to address mappings, used instead of DNS (like curl's {@code
 *     --resolve}); the address guard still applies (default none)
 */
public record FetchConfig(
        long timeoutMs,
        long connectTimeoutMs,
        long maxBytes,
        int maxRedirects,
        String userAgent,
        boolean allowPrivateNetworks,
        @Nullable String proxy,
        long hostDelayMs,
        long hostMaxDelayMs,
        boolean robotsEnabled,
        long robotsCacheMs,
        Map<String, String> resolve) {

    public FetchConfig {
        resolve = Map.copyOf(resolve);
    }
}
