package dev.newsflow.core.config;

/**
 * When feeds are polled ({@code ingest.poll.*} besides {@code ingest.poll.interval.ms}).
 *
 * @param adaptive derive a feed's interval from how often it publishes (default true); a feed with
 *     its own {@code poll.interval.*} keeps that interval
 * @param minIntervalMs the shortest adaptive interval, in ms (default 5 minutes)
 * @param maxIntervalMs the longest adaptive interval, in ms (default 4 hours); also caps how far
 *     {@code Cache-Control}, {@code Expires} and RSS {@code ttl} push the next poll
 * @param jitterRatio every interval is spread at random by plus or minus this fraction (default
 *     0.1)
 * @param backoffMaxMs the longest wait after failures, in ms (default 6 hours): a failing feed is
 *     retried at least this often, never given up
 */
public record PollConfig(
        boolean adaptive,
        long minIntervalMs,
        long maxIntervalMs,
        double jitterRatio,
        long backoffMaxMs) {}
