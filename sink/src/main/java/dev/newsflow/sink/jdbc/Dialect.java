package dev.newsflow.sink.jdbc;

import java.util.Locale;

/** The databases the sink writes to. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    /** The dialect of a JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "unsupported JDBC URL (sqlite or postgresql): " + jdbcUrl);
    }

    /** The folder of this dialect's migrations under {@code db/}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
