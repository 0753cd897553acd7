package org.dynamocsms.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.replay.Generation;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL for the tests, started once per test JVM and migrated with the module's own migrations. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting anyway
                }
            }));
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
        }
        return postgres.getPostgresDatabase();
    }

    /** The test database, connected with these JDBC driver properties. */
    public static DataSource withProperties(Map<String, String> properties) {
        dataSource();
        return postgres.getDatabase("postgres", "postgres", properties);
    }

    /** A new, empty database on the same server, for tests of the migrations themselves. */
    public static DataSource emptyDatabase(String name) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** A new database on the same server, migrated, for tests that change its schema (new generations). */
    public static DataSource migratedDatabase(String name) throws SQLException {
        DataSource database = emptyDatabase(name);
        Flyway.configure().dataSource(database).load().migrate();
        return database;
    }

    /**
     * An empty read store: the live generation's tables (views cannot be truncated), the refusals and the recent
     * writes.
     */
    public static DataSource clean() throws SQLException {
        DataSource dataSource = dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>(List.of("read_store_refusal", "recent_write"));
            for (Generation live : ReadTables.liveGenerations(connection).values()) {
                ReadTables.of(live.projection()).forEach(table -> tables.add(live.table(table)));
            }
            statement.execute("TRUNCATE " + String.join(", ", tables));
        }
        return dataSource;
    }
}
