package dev.newsflow.core.config;

/**
 * Logging.
 *
 * @param format {@code text} (default) or {@code json} ({@code log.format})
 * @param level root level ({@code log.level}, default INFO)
 */
public record LogConfig(String format, String level) {}
