package dev.newsflow.core.config;

/**
 * How Newsflow creates its topics.
 *
 * @param partitions partitions of every topic ({@code topics.partitions}, default 3)
 * @param replicationFactor replication factor ({@code topics.replication.factor}, default 1)
 * @param create create missing topics at start ({@code topics.create}, default true)
 */
public record TopicsConfig(int partitions, short replicationFactor, boolean create) {}
