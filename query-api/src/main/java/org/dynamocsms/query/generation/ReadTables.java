package org.dynamocsms.query.generation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/**
 * The read tables of each projection's generations. Generation n of table {@code x} is {@code x_g<n>}; readers read
 * the view {@code x} over the live generation's table. Table names only come from here and {@link Generation},
 * never from input; they are quoted all the same.
 */
public final class ReadTables {

    /** Each projection's tables as readers name them, in the order they are written (a site before its assets). */
    private static final Map<Projection, List<String>> TABLES = new EnumMap<>(Map.of(
            Projection.SITES, List.of("site", "energy_asset"),
            Projection.CHARGERS, List.of("charger"),
            Projection.MAINTENANCE, List.of("maintenance_event"),
            Projection.LIVE_STATES, List.of("charger_state", "site_summary", "fleet_summary_part"),
            Projection.CHARGER_HISTORY, List.of("charger_interval", "charger_error"),
            Projection.CHARGER_CALLS, List.of("charger_call", "charging_profiles")));

    /** The channel a switch of readers notifies, with the projection's id, once committed. */
    public static final String SWITCHED = "read_tables_switched";

    private ReadTables() {
    }

    /** The projection's tables as readers name them (the views). */
    public static List<String> of(Projection projection) {
        return TABLES.get(projection);
    }

    /** Generation {@code generation}'s table of {@code table}, one of its projection's tables. */
    public static String table(Generation generation, String table) {
        if (!of(generation.projection()).contains(table)) {
            throw new IllegalArgumentException(table + " is no table of " + generation.projection().id());
        }
        return generation.table(table);
    }

    /** {@code name} as a quoted SQL identifier. */
    public static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Creates {@code generation}'s tables, empty, each like the live generation's (columns, defaults, constraints,
     * indexes and storage parameters such as a fillfactor), unless they exist already.
     */
    public static void create(Connection connection, Generation generation) throws SQLException {
        Generation live = generations(connection, generation.projection()).live();
        try (Statement statement = connection.createStatement()) {
            for (String table : of(generation.projection())) {
                String like = live.table(table);
                statement.execute("CREATE TABLE IF NOT EXISTS " + quoted(generation.table(table)) + " (LIKE "
                        + quoted(like) + " INCLUDING ALL)" + storageParameters(connection, like));
            }
        }
    }

    /**
     * Points the projection's views at {@code generation}'s tables, analysed for the planner, inside the caller's
     * transaction: readers see the new tables, all of the projection's at once, when it commits. Each view is locked
     * until then (readers wait), in the projection's table order; a reader's transaction holding one of them waits
     * the switch out, and one that reads them in the other order may deadlock with it, when PostgreSQL aborts one of
     * the two (SQLSTATE 40P01): the caller then tries again.
     */
    public static void switchReaders(Connection connection, Generation generation) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // statistics first: tables filled since their creation have none until autovacuum comes by, and
            // readers would be planned blind
            for (String table : of(generation.projection())) {
                statement.execute("ANALYZE " + quoted(generation.table(table)));
            }
            for (String table : of(generation.projection())) {
                statement.execute("CREATE OR REPLACE VIEW " + quoted(table) + " AS SELECT * FROM "
                        + quoted(generation.table(table)));
            }
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, SWITCHED);
            notify.setString(2, generation.projection().id());
            notify.execute();
        }
    }

    /** Those of {@code generation}'s tables that exist, by name. */
    public static List<String> existing(Connection connection, Generation generation) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (String table : of(generation.projection())) {
                select.setString(1, quoted(generation.table(table)));
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        tables.add(generation.table(table));
                    }
                }
            }
        }
        return tables;
    }

    /**
     * Drops {@code generation}'s tables (those that exist). PostgreSQL refuses to drop a table the readers' views
     * read (SQLSTATE 2BP01), so the live generation's stay.
     */
    public static void drop(Connection connection, Generation generation) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            List<String> tables = of(generation.projection());
            for (int t = tables.size() - 1; t >= 0; t--) {
                statement.execute("DROP TABLE IF EXISTS " + quoted(generation.table(tables.get(t))));
            }
        }
    }

    /** The generation readers read, of every projection. */
    public static Map<Projection, Generation> liveGenerations(Connection connection) throws SQLException {
        Map<Projection, Generation> live = new EnumMap<>(Projection.class);
        for (Generations generations : generations(connection)) {
            live.put(generations.projection(), generations.live());
        }
        return live;
    }

    /** The generations of every projection, in {@link Projection} order. */
    public static List<Generations> generations(Connection connection) throws SQLException {
        Map<Projection, Generations> all = new EnumMap<>(Projection.class);
        for (Projection projection : Projection.values()) {
            all.put(projection, Generations.initial(projection));
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT projection, live, building, retiring, next_generation, "
                     + "changed_at FROM projection_generation")) {
            while (rows.next()) {
                Projection.byId(rows.getString("projection")).ifPresent(projection -> all.put(projection,
                        generations(projection, rows)));
            }
        }
        return new ArrayList<>(all.values());
    }

    /** The generations of {@code projection}. */
    public static Generations generations(Connection connection, Projection projection) throws SQLException {
        return generations(connection).stream().filter(g -> g.projection() == projection).findFirst().orElseThrow();
    }

    private static Generations generations(Projection projection, ResultSet row) {
        try {
            return new Generations(projection, new Generation(projection, row.getInt("live")),
                    generation(projection, row, "building"), generation(projection, row, "retiring"),
                    row.getInt("next_generation"), Jdbc.instant(row, "changed_at"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the generations of " + projection.id(), e);
        }
    }

    private static Generation generation(Projection projection, ResultSet row, String column) throws SQLException {
        int number = row.getInt(column);
        return row.wasNull() ? null : new Generation(projection, number);
    }

    /** The storage parameters of {@code table} as a WITH clause ("" if none): LIKE does not copy them. */
    private static String storageParameters(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT reloptions FROM pg_class WHERE oid = to_regclass(?)")) {
            select.setString(1, quoted(table));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getArray(1) == null) {
                    return "";
                }
                Array options = row.getArray(1);
                return " WITH (" + String.join(", ", (String[]) options.getArray()) + ")";
            }
        }
    }
}
