package org.dynamocsms.query.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.schemas.replay.Generation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Compares a rebuilt generation's read tables with the live generation's, row by row on each table's primary key,
 * over every column but those that only book-keep ({@link #BOOK_KEEPING}).
 */
public final class ReplayComparison {

    /** Example keys reported per table. */
    static final int EXAMPLES = 5;

    /**
     * Columns left out of the comparison, per table (every other column is compared). {@code version} everywhere:
     * it only orders a row's records for the version-guarded upsert, and a changed fold may number them otherwise
     * with the same figures. {@code site_summary.updated_at}: the site summary stamps it with the processing time
     * (the wall clock of the Streams app) whenever its figures change, so a rebuild sets it to the time of the
     * rebuild. Every other timestamp of the read tables comes from the facts (occurred_at, recorded_at), so a rebuild
     * reproduces it: site, charger, energy_asset, maintenance_event's created_at/updated_at (the events'), charger_state's
     * last_seen_at/last_heartbeat_at (the telemetry's recorded_at), charger_interval's and charger_error's times,
     * charger_call's (the call's and its result's), charging_profiles' installed_at (the result's).
     */
    static final Map<String, Set<String>> BOOK_KEEPING = Map.ofEntries(
            Map.entry("site", Set.of("version")),
            Map.entry("energy_asset", Set.of()),
            Map.entry("charger", Set.of("version")),
            Map.entry("maintenance_event", Set.of("version")),
            Map.entry("charger_state", Set.of("version")),
            Map.entry("site_summary", Set.of("version", "updated_at")),
            Map.entry("fleet_summary_part", Set.of("version")),
            Map.entry("charger_interval", Set.of("version")),
            Map.entry("charger_error", Set.of("version")),
            Map.entry("charger_call", Set.of("version")),
            Map.entry("charging_profiles", Set.of("version")));

    /** How one table of the rebuilt generation differs from the live one's. */
    @JsonPropertyOrder({"table", "live_rows", "rebuilt_rows", "only_live", "only_rebuilt", "different", "examples"})
    @Schema(name = "ReplayTableComparison", description = "One read table of the rebuilt generation against the "
            + "live one's, row by row on its primary key, over every column but those that only book-keep "
            + "(version; the site summary's processing-time updated_at).")
    public record Table(
            @Schema(description = "The table as readers name it.", examples = "site") String table,
            @JsonProperty("live_rows") long liveRows,
            @JsonProperty("rebuilt_rows") long rebuiltRows,
            @JsonProperty("only_live") @Schema(description = "Rows only the live generation has.") long onlyLive,
            @JsonProperty("only_rebuilt") @Schema(description = "Rows only the rebuilt generation has.")
            long onlyRebuilt,
            @Schema(description = "Rows of the same key with other values.") long different,
            @Schema(description = "Up to 5 keys of rows that differ (a composite key's values joined by '|').")
            List<String> examples) {

        @JsonIgnore
        public boolean equal() {
            return onlyLive == 0 && onlyRebuilt == 0 && different == 0;
        }
    }

    /** Every table of the projection; equal only if every table is and no record was refused. */
    @JsonPropertyOrder({"equal", "tables"})
    @Schema(name = "ReplayComparison", description = "The rebuilt generation against the live one.")
    public record Result(
            @Schema(description = "No table differs and the read store refused no record of the rebuilt generation.")
            boolean equal,
            List<Table> tables) {
    }

    private ReplayComparison() {
    }

    /**
     * Compares the tables {@code tables} (the names readers know) of {@code rebuilt} with those of {@code live};
     * {@code refused} records of the rebuilt generation make it unequal whatever its tables hold.
     */
    public static Result compare(Connection connection, List<String> tables, Generation live, Generation rebuilt,
                                 long refused) throws SQLException {
        List<Table> compared = new ArrayList<>();
        for (String table : tables) {
            compared.add(compare(connection, table, live.table(table), rebuilt.table(table)));
        }
        return new Result(refused == 0 && compared.stream().allMatch(Table::equal), compared);
    }

    private static Table compare(Connection connection, String table, String liveTable, String rebuiltTable)
            throws SQLException {
        List<String> key = primaryKey(connection, liveTable);
        Set<String> left = BOOK_KEEPING.get(table);
        if (left == null) {
            throw new IllegalArgumentException("No comparison is defined for table " + table);
        }
        List<String> compared = columns(connection, liveTable).stream()
                .filter(c -> !key.contains(c) && !left.contains(c)).toList();
        String joined = key.stream().map(k -> "l." + k + " = r." + k).collect(Collectors.joining(" AND "));
        String keyText = key.stream().map(k -> "coalesce(l." + k + ", r." + k + ")::text")
                .collect(Collectors.joining(", ", "concat_ws('|', ", ")"));
        String differs = compared.isEmpty() ? "false" : compared.stream().map(c -> "l." + c)
                .collect(Collectors.joining(", ", "ROW(", ")")) + " IS DISTINCT FROM "
                + compared.stream().map(c -> "r." + c).collect(Collectors.joining(", ", "ROW(", ")"));
        String first = key.get(0);
        String sql = "SELECT kind, count(*), (array_agg(key ORDER BY key))[1:" + EXAMPLES + "] FROM ("
                + "SELECT CASE WHEN r." + first + " IS NULL THEN 'only_live' WHEN l." + first
                + " IS NULL THEN 'only_rebuilt' ELSE 'different' END AS kind, " + keyText + " AS key"
                + " FROM " + liveTable + " l FULL JOIN " + rebuiltTable + " r ON " + joined
                + " WHERE l." + first + " IS NULL OR r." + first + " IS NULL OR " + differs
                + ") d GROUP BY kind ORDER BY kind";
        long onlyLive = 0;
        long onlyRebuilt = 0;
        long different = 0;
        List<String> examples = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                long count = rows.getLong(2);
                switch (rows.getString(1)) {
                    case "only_live" -> onlyLive = count;
                    case "only_rebuilt" -> onlyRebuilt = count;
                    default -> different = count;
                }
                for (Object example : (Object[]) rows.getArray(3).getArray()) {
                    if (examples.size() < EXAMPLES) {
                        examples.add((String) example);
                    }
                }
            }
        }
        return new Table(table, count(connection, liveTable), count(connection, rebuiltTable), onlyLive, onlyRebuilt,
                different, examples);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The primary key's columns in key order, without the columns an index only INCLUDEs. */
    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> key = strings(connection, "SELECT k.column_name FROM information_schema.table_constraints c"
                + " JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name"
                + " AND k.table_schema = c.table_schema AND k.table_name = c.table_name"
                + " WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()"
                + " AND c.table_name = ? ORDER BY k.ordinal_position", table);
        if (key.isEmpty()) {
            throw new IllegalStateException("Table " + table + " has no primary key");
        }
        return key;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        return strings(connection, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position", table);
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
