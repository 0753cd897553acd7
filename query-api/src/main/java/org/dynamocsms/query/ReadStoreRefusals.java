package org.dynamocsms.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.schemas.replay.Generation;

/**
 * The records the read store refused as data, per generation of each projection ({@code read_store_refusal}), so
 * that none is just logged and dropped: a replay's status counts them, and a refusal fails its compare.
 */
@Singleton
public class ReadStoreRefusals {

    /** A refused record: the table it was to be a row of (as readers name it), its key and version, and why. */
    public record Refusal(String table, String recordKey, long version, String reason, Instant refusedAt) {
    }

    private static final String INSERT = """
            INSERT INTO read_store_refusal (projection, generation, table_name, record_key, version, reason)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String COUNT = """
            SELECT count(*) FROM read_store_refusal WHERE projection = ? AND generation = ?""";
    private static final String LIST = """
            SELECT table_name, record_key, version, reason, refused_at FROM read_store_refusal
            WHERE projection = ? AND generation = ? ORDER BY refused_at, table_name, record_key, version LIMIT ?""";

    private final DataSource dataSource;

    @Inject
    public ReadStoreRefusals(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records what {@code store} refused, once per record and version: the same refusal again (a poll delivered
     * again after a crash) changes nothing.
     */
    public <V> void record(ProjectionStore<V> store, List<Refused<V>> refused) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        Generation generation = store.generation();
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Refused<V> refusal : refused) {
                    insert.setString(1, generation.projection().id());
                    insert.setInt(2, generation.number());
                    insert.setString(3, store.table());
                    insert.setString(4, storable(store.keyOf(refusal.value())));
                    insert.setLong(5, store.versionOf(refusal.value()));
                    insert.setString(6, storable(refusal.reason()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** How many records {@code generation}'s tables refused. */
    public long count(Generation generation) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(COUNT)) {
            select.setString(1, generation.projection().id());
            select.setInt(2, generation.number());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The first {@code limit} records {@code generation}'s tables refused, oldest first. */
    public List<Refusal> list(Generation generation, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(LIST)) {
            select.setString(1, generation.projection().id());
            select.setInt(2, generation.number());
            select.setInt(3, limit);
            List<Refusal> refusals = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    refusals.add(new Refusal(rows.getString("table_name"), rows.getString("record_key"),
                            rows.getLong("version"), rows.getString("reason"), Jdbc.instant(rows, "refused_at")));
                }
            }
            return refusals;
        }
    }

    /** {@code text} without NUL characters, which PostgreSQL's text cannot hold (and which a refused key may). */
    private static String storable(String text) {
        return text == null ? "" : text.replace("\u0000", "\\u0000");
    }
}
