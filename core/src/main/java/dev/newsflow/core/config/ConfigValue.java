package dev.newsflow.core.config;

/**
 * A raw configuration value and the layer it came from.
 *
 * @param value the value as text
 * @param origin where it was set, for error messages: {@code defaults}, the config file path,
 *     {@code env NEWSFLOW_…} or {@code command line}
 */
record ConfigValue(String value, String origin) {}
