package org.dynamocsms.query;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/**
 * A read-store table whose rows are the records of a projection's topic, each row replaced only by a higher version
 * of itself: the projection whose generations hold it, its {@link TableRows} (with the {@code version} column that
 * guards the upsert), a record's key on the topic and its version, and, where the projection deletes, how a
 * tombstone's key names the row it deletes (null: tombstones change nothing). A {@link VersionedStore} writes it.
 */
public record VersionedTable<V>(Projection projection, TableRows<V> rows, Function<V, String> key,
                                ToLongFunction<V> version, Tombstones<?> tombstones) {

    /**
     * How a poll's tombstones become the key columns of the rows they delete; a tombstone that can name no row is
     * left out by {@code keys}.
     */
    public record Tombstones<K>(TableRows<K> rows, Function<Collection<String>, List<K>> keys) {
    }

    /** The table {@code rows} describes, in {@code projection}'s generations; tombstones change nothing. */
    public static <V> VersionedTable<V> of(Projection projection, TableRows<V> rows, Function<V, String> key,
                                           ToLongFunction<V> version) {
        return new VersionedTable<>(projection, rows, key, version, null);
    }

    /** This table, a tombstone deleting the row whose key (one text column) is the tombstone's key. */
    public VersionedTable<V> deletedByKey() {
        if (rows.key().size() != 1) {
            throw new IllegalStateException(rows.table() + " is not keyed by one column");
        }
        return deletedBy(TableRows.<String>of(rows.table()).text(rows.key().get(0), key -> key), List::copyOf);
    }

    /** This table, a tombstone deleting the row whose columns of {@code keyRows} equal its key's {@code keys}. */
    public <K> VersionedTable<V> deletedBy(TableRows<K> keyRows, Function<Collection<String>, List<K>> keys) {
        return new VersionedTable<>(projection, rows, key, version, new Tombstones<>(keyRows, keys));
    }

    /** This table in {@code generation}'s tables (one of its projection's). */
    public VersionedTable<V> in(Generation generation) {
        return new VersionedTable<>(projection, rows.in(generation), key, version,
                tombstones == null ? null : in(tombstones, generation));
    }

    private static <K> Tombstones<K> in(Tombstones<K> tombstones, Generation generation) {
        return new Tombstones<>(tombstones.rows().in(generation), tombstones.keys());
    }
}
