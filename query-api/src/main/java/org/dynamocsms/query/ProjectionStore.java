package org.dynamocsms.query;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.dynamocsms.schemas.replay.Generation;

/**
 * A read-store table fed from a projection topic by a {@link ProjectionIngestor}, writing the tables of one
 * generation of its projection.
 */
public interface ProjectionStore<V> {

    /**
     * Writes one poll's newest record of each key in one transaction: upserts {@code values}, each only over a
     * lower version of its row, and applies {@code tombstones} (keys whose newest record is null). Returns the
     * values the database refused, which are left out; any other failure throws and nothing is written.
     */
    List<Refused<V>> write(Collection<V> values, Collection<String> tombstones) throws SQLException;

    /** This store writing {@code generation}'s tables, one of its projection's. */
    ProjectionStore<V> forGeneration(Generation generation);

    /** The rows its records become, bound to the generation whose tables it writes. */
    TableRows<V> rows();

    /** The generation whose tables it writes. */
    default Generation generation() {
        return rows().generation();
    }

    /** The table its records are rows of, as readers name it (a refusal is recorded under it). */
    default String table() {
        return rows().table();
    }

    /** A value's key: its record's key on the projection topic. */
    String keyOf(V value);

    /** A value's version: a row is only ever replaced by a higher one. */
    long versionOf(V value);

    /** Names a value in a log line: its key and version. */
    default String describe(V value) {
        return keyOf(value) + " version " + versionOf(value);
    }

    /** One value per key, the highest version, in key order so that concurrent writers lock rows alike. */
    static <V> List<V> latestPerKey(Collection<V> values, Function<V, String> key, ToLongFunction<V> version) {
        Map<String, V> latest = new TreeMap<>();
        for (V value : values) {
            latest.merge(key.apply(value), value, (a, b) -> version.applyAsLong(b) > version.applyAsLong(a) ? b : a);
        }
        return new ArrayList<>(latest.values());
    }
}
