package dev.newsflow.core.config;

/**
 * The sink service ({@code sink.*}).
 *
 * @param jdbcUrl the database (default {@code jdbc:sqlite:${data.dir}/newsflow.db})
 * @param user database user, empty for none
 * @param password database password, empty for none
 * @param groupId the consumer group (default newsflow-sink)
 * @param batchSize records per database transaction at most (default 500)
 */
public record SinkConfig(
        String jdbcUrl, String user, String password, String groupId, int batchSize) {

    /** Returns whether the database is SQLite. */
    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
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
                + "]";
    }
}
