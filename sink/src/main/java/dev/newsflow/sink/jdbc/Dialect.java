package dev.newsflow.sink.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The databases the sink writes to, and what differs between them: how times and JSON are stored
 * and which errors are the data's fault. PostgreSQL stores times as {@code timestamptz}
 * (microseconds) and lists as {@code jsonb}; SQLite stores times as ISO-8601 UTC text with
 * milliseconds, fixed width so that text order is time order, and lists as JSON text.
 */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    // PostgreSQL SQLState classes a retry cannot fix: data exception, integrity constraint
    // violation, program limit exceeded (e.g. a row or tsvector too large).
    private static final Set<String> PG_DATA_CLASSES = Set.of("22", "23", "54");
    // SQLite result codes of the same kind: SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH,
    // SQLITE_RANGE (low byte: extended codes carry the primary code there).
    private static final Set<Integer> SQLITE_DATA_CODES = Set.of(18, 19, 20, 25);

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

    /** A bind placeholder for a JSON value given as text. */
    String jsonParameter() {
        return this == POSTGRESQL ? "CAST(? AS jsonb)" : "?";
    }

    /** The instant as this dialect stores it: what a read returns for a written {@code t}. */
    public Instant stored(Instant t) {
        return t.truncatedTo(this == POSTGRESQL ? ChronoUnit.MICROS : ChronoUnit.MILLIS);
    }

    /** Binds an instant, or SQL NULL. */
    public void setInstant(PreparedStatement ps, int index, @Nullable Instant t)
            throws SQLException {
        if (this == POSTGRESQL) {
            if (t == null) {
                ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, t.atOffset(ZoneOffset.UTC));
            }
        } else if (t == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, SQLITE_TIME.format(t));
        }
    }

    /** Reads an instant written by {@link #setInstant}. */
    public @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
        if (this == POSTGRESQL) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        String s = rs.getString(column);
        return s == null ? null : Instant.parse(s);
    }

    /**
     * Whether {@code e} is the fault of the written data (too large, invalid, violating a
     * constraint), so that retrying the same record can never succeed. Everything else — lost
     * connections, a database shutting down, locks, a full disk — is taken as passing.
     */
    public boolean isDataError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if (this == POSTGRESQL) {
                    String state = s.getSQLState();
                    if (state != null
                            && state.length() == 5
                            && PG_DATA_CLASSES.contains(state.substring(0, 2))) {
                        return true;
                    }
                } else if (SQLITE_DATA_CODES.contains(s.getErrorCode() & 0xff)) {
                    return true;
                }
            }
        }
        return false;
    }
}
