package org.dynamocsms.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.dynamocsms.schemas.replay.Generation;

/**
 * A store of one {@link VersionedTable}: writes a poll in one transaction (the tombstones' rows deleted, then the
 * newest record of each key upserted over a lower version only, the rows the database refuses left out and
 * returned), and finds the stored version of a row for read-your-writes. A store adds its reads.
 */
public abstract class VersionedStore<V> implements ProjectionStore<V> {

    protected final DataSource dataSource;
    private final VersionedTable<V> table;

    /** Writes generation 1's tables, as a read store never rebuilt reads them; {@link #forGeneration} others. */
    protected VersionedStore(DataSource dataSource, VersionedTable<V> table) {
        this(dataSource, table, Generation.first(table.projection()));
    }

    /** Writes {@code first}'s table in {@code generation}'s tables. */
    protected VersionedStore(VersionedStore<V> first, Generation generation) {
        this(first.dataSource, first.table, generation);
    }

    private VersionedStore(DataSource dataSource, VersionedTable<V> table, Generation generation) {
        this.dataSource = dataSource;
        this.table = table.in(generation);
    }

    @Override
    public abstract VersionedStore<V> forGeneration(Generation generation);

    @Override
    public TableRows<V> rows() {
        return table.rows();
    }

    @Override
    public String keyOf(V value) {
        return table.key().apply(value);
    }

    @Override
    public long versionOf(V value) {
        return table.version().applyAsLong(value);
    }

    @Override
    public List<Refused<V>> write(Collection<V> values, Collection<String> tombstones) throws SQLException {
        return write(values, tombstones, table.tombstones());
    }

    /**
     * The stored version of an organisation's row of key {@code key} (the table's one key column); empty while the
     * store does not have it.
     */
    public OptionalLong version(String organisationId, String key) throws SQLException {
        return Jdbc.version(dataSource, rows().table(), rows().key().get(0), key, organisationId);
    }

    /** Writes rows, as one batch where it can: upserts them; a store that writes more with its rows overrides it. */
    protected void writeRows(Connection connection, List<V> rows) throws SQLException {
        rows().upsert(connection, rows);
    }

    private <K> List<Refused<V>> write(Collection<V> values, Collection<String> tombstones,
                                       VersionedTable.Tombstones<K> deletes) throws SQLException {
        List<V> latest = ProjectionStore.latestPerKey(values, table.key(), table.version());
        List<K> deleted = deletes == null ? List.of() : deletes.keys().apply(tombstones);
        if (latest.isEmpty() && deleted.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            if (!deleted.isEmpty()) {
                Jdbc.deleteRefusing(connection, rows().table().replace('_', ' '), deleted, deletes.rows()::delete);
            }
            return Jdbc.writeRefusing(connection, latest, this::writeRows);
        });
    }
}
