package dev.newsflow.core.config;

/**
 * The ingest service ({@code ingest.*}).
 *
 * @param instanceId this instance's name (default: the host name)
 * @param threads feed fetch workers (default 4)
 * @param pollIntervalMs default poll interval of a feed, ms (default 15 minutes)
 * @param seenMaxItems item ids remembered per feed (default 5000)
 * @param fetch the HTTP fetch layer
 */
public record IngestConfig(
        String instanceId, int threads, long pollIntervalMs, int seenMaxItems, FetchConfig fetch) {}
