package dev.newsflow.core.config;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP fetch layer shared by feed and page fetching ({@code ingest.fetch.*}).
 *
 * @param timeoutMs whole-request deadline in ms, redirects and body included (default 30000)
 * @param connectTimeoutMs connect timeout in ms (default 10000)
 * @param maxBytes cap on a body after decompression, in bytes (default 10 MiB)
 * @param maxRedirects redirects followed at most (default 5)
 * @param userAgent the User-Agent header
 * @param allowPrivateNetworks allow non-public addresses (default false)
 * @param proxy an HTTP proxy as host:port, or null
 */
public record FetchConfig(
        long timeoutMs,
        long connectTimeoutMs,
        long maxBytes,
        int maxRedirects,
        String userAgent,
        boolean allowPrivateNetworks,
        @Nullable String proxy) {}
