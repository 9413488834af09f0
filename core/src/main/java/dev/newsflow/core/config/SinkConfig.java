package dev.newsflow.core.config;

/**
 * The sink service ({@code sink.*}).
 *
 * @param jdbcUrl the database (default {@code jdbc:sqlite:${data.dir}/newsflow.db})
 * @param user database user, empty for none
 * @param password database password, empty for none
 * @param groupId the consumer group (default newsflow-sink)
 * @param batchSize records per database transaction at most (default 500)
 * @param poolSize database connections of the sink and the read API (default 8)
 * @param retentionDays delete articles older than this many days, by {@code published_at} (else
 *     {@code fetched_at}); 0 (the default) keeps everything
 * @param retentionIntervalMs how often the retention delete runs (default one hour)
 * @param retentionBatchSize rows one retention delete transaction removes at most (default 1000)
 * @param instanceId the consumer's static group membership ({@code group.instance.id}); empty (the
 *     default) for dynamic membership
 */
public record SinkConfig(
        String jdbcUrl,
        String user,
        String password,
        String groupId,
        int batchSize,
        int poolSize,
        int retentionDays,
        long retentionIntervalMs,
        int retentionBatchSize,
        String instanceId) {

    /** Returns a copy with another {@link #instanceId()}. */
    public SinkConfig withInstanceId(String id) {
        return new SinkConfig(
                jdbcUrl,
                user,
                password,
                groupId,
                batchSize,
                poolSize,
                retentionDays,
                retentionIntervalMs,
                retentionBatchSize,
                id);
    }

    /** Returns whether the database is SQLite. */
    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** Returns whether old articles are deleted. */
    public boolean retentionEnabled() {
        return retentionDays > 0;
    }

    @Override
    public String toString() {
        return "SinkConfig[jdbcUrl="
                + jdbcUrl
                + ", user="
                + user
                + ", password="
                + (password.isEmpty() ? "" : "****")
                + ", groupId="
                + groupId
                + ", batchSize="
                + batchSize
                + ", poolSize="
                + poolSize
                + ", retentionDays="
                + retentionDays
                + ", retentionIntervalMs="
                + retentionIntervalMs
                + ", retentionBatchSize="
                + retentionBatchSize
                + ", instanceId="
                + instanceId
                + "]";
    }
}
