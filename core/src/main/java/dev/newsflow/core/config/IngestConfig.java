package dev.newsflow.core.config;

/**
 * The ingest service ({@code ingest.*}).
 *
 * @param instanceId this instance's name (default: the host name); it names the transactional
 *     producer, so two running instances must not share it
 * @param threads feed fetch workers (default 4)
 * @param pollIntervalMs default poll interval of a feed, ms (default 15 minutes); the adaptive
 *     interval starts from it
 * @param seenMaxItems item ids remembered per feed at most (default 5000)
 * @param fetch the HTTP fetch layer
 * @param poll adaptive intervals, jitter and backoff
 * @param page article-page fetching during polls
 */
public record IngestConfig(
        String instanceId,
        int threads,
        long pollIntervalMs,
        int seenMaxItems,
        FetchConfig fetch,
        PollConfig poll,
        PageConfig page) {}
