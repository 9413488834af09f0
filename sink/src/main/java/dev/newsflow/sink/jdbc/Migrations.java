package dev.newsflow.sink.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway: the versioned SQL files {@code
 * db/<dialect>/V<n>__<name>.sql}, each applied once in its own transaction and recorded in {@code
 * flyway_schema_history}. Flyway (core for SQLite, {@code flyway-database-postgresql} for
 * PostgreSQL) handles both databases, including dollar-quoted PostgreSQL functions and SQLite
 * trigger bodies, and checks that applied files were not edited afterwards (checksums).
 *
 * <p>Databases created before Flyway was adopted carry the table {@code newsflow_schema_version} of
 * the small runner that preceded it; they are baselined at the version that table records, so only
 * the newer files run on them.
 */
public final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final String LEGACY_TABLE = "newsflow_schema_version";

    private Migrations() {}

    /**
     * Applies the migrations {@code dataSource} has not seen.
     *
     * @return the schema version after migration
     * @throws SQLException if the database cannot be reached or a migration fails (a failed
     *     migration's transaction is rolled back)
     */
    public static int migrate(DataSource dataSource, Dialect dialect) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource can't be null");
        Objects.requireNonNull(dialect, "dialect can't be null");
        OptionalInt legacy = legacyVersion(dataSource);
        var configuration =
                Flyway.configure(Migrations.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/" + dialect.folder())
                        .placeholderReplacement(false)
                        .validateMigrationNaming(true);
        if (legacy.isPresent()) {
            configuration
                    .baselineOnMigrate(true)
                    .baselineVersion(String.valueOf(legacy.getAsInt()))
                    .baselineDescription("applied before Flyway (" + LEGACY_TABLE + ")");
        }
        try {
            MigrateResult result = configuration.load().migrate();
            String version =
                    result.targetSchemaVersion != null
                            ? result.targetSchemaVersion
                            : result.initialSchemaVersion;
            if (result.migrationsExecuted > 0) {
                log.info(
                        "Applied {} schema migration(s) to {}: now at version {}",
                        result.migrationsExecuted,
                        dialect.folder(),
                        version);
            }
            return version == null ? 0 : Integer.parseInt(version);
        } catch (FlywayException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new SQLException("schema migration failed: " + e.getMessage(), sql);
            }
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }

    private static OptionalInt legacyVersion(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            boolean exists;
            try (ResultSet rs = meta.getTables(null, c.getSchema(), LEGACY_TABLE, null)) {
                exists = rs.next();
            }
            boolean flyway;
            try (ResultSet rs =
                    meta.getTables(null, c.getSchema(), "flyway_schema_history", null)) {
                flyway = rs.next();
            }
            if (!exists || flyway) {
                return OptionalInt.empty();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
                return rs.next() && rs.getInt(1) > 0
                        ? OptionalInt.of(rs.getInt(1))
                        : OptionalInt.empty();
            }
        }
    }
}
