package org.dynamocsms.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/** The plain-JDBC plumbing the read stores share: transactions, leaving out rows the database refuses, timestamps. */
public final class Jdbc {

    private static final Logger LOG = Logger.getLogger(Jdbc.class);

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<R, E extends Exception> {
        R run(Connection connection) throws E;
    }

    /** Writes some rows, as one batch where it can. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(Connection connection, List<T> rows) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public static <R, E extends Exception> R inTransaction(DataSource dataSource, Work<R, E> work)
            throws SQLException, E {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                R result = work.run(connection);
                connection.commit();
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Writes {@code rows} inside the caller's transaction, all in one go. If the database refuses one of them as
     * data (say, a NUL character in a name), writes them one at a time instead and leaves out and returns those it
     * refuses, with its reason, so one bad record cannot stop ingestion; any other failure (connection lost) throws.
     */
    public static <T> List<Refused<T>> writeRefusing(Connection connection, List<T> rows, RowWriter<T> writer)
            throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Savepoint beforeAll = connection.setSavepoint();
        try {
            writer.write(connection, rows);
            return List.of();
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            connection.rollback(beforeAll);
        }
        List<Refused<T>> refused = new ArrayList<>();
        for (T row : rows) {
            Savepoint beforeRow = connection.setSavepoint();
            try {
                writer.write(connection, List.of(row));
                connection.releaseSavepoint(beforeRow);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                connection.rollback(beforeRow);
                refused.add(new Refused<>(row, e.getMessage()));
            }
        }
        return refused;
    }

    /**
     * Deletes the rows of {@code keys} (a poll's tombstones) inside the caller's transaction as {@link #writeRefusing}
     * writes rows: a key the database refuses (say, one with a NUL character) is logged and left out. Nothing is
     * lost by that: the database could never have stored a row of such a key.
     */
    public static <K> void deleteRefusing(Connection connection, String what, List<K> keys, RowWriter<K> delete)
            throws SQLException {
        for (Refused<K> refused : writeRefusing(connection, keys, delete)) {
            LOG.errorf("The read store refused to delete the %s %s (%s); skipped", what, refused.value(),
                    refused.reason());
        }
    }

    /**
     * The {@code version} column of the row of {@code table} whose {@code idColumn} is {@code id} and whose
     * organisation is {@code organisationId}; empty if there is none (yet). For read-your-writes.
     */
    public static OptionalLong version(DataSource dataSource, String table, String idColumn, String id,
                                       String organisationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT version FROM " + table + " WHERE "
                     + idColumn + " = ? AND organisation_id = ?")) {
            select.setString(1, id);
            select.setString(2, organisationId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** For a {@code timestamptz} parameter. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A {@code timestamptz} column; null stays null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** SQLSTATE class 22 (data exception) or 23 (constraint violation): the row itself is at fault. */
    private static boolean isDataError(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            String state = cause.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
