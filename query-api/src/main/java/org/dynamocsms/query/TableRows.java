package org.dynamocsms.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.replay.Generation;

/**
 * How the rows of one read-store table are made from records: its key, and each column with its SQL type and how it
 * is read from a record. Writes a whole batch in one statement, each column sent as one array parameter and unnested
 * on the server ({@code INSERT … SELECT * FROM unnest(?, ?, …)}): one round trip and one plan per batch rather than
 * one statement per row. Timestamps, dates and JSON travel as text, cast on the server.
 *
 * <p>Declared with the table's name as readers know it, then bound with {@link #in} to one generation's table
 * ({@code <table>_g<n>}), which it writes; its statements are built once there.
 */
public final class TableRows<T> {

    private record Column<T>(String name, String arrayType, Function<T, ?> value, IntFunction<Object[]> array) {
    }

    private final String table;
    private final List<String> key;
    private final List<Column<T>> columns;
    /** The generation whose table is written, and that table, quoted; null until bound to a generation. */
    private final Generation generation;
    private final String target;
    private final String insertSql;
    private final String upsertSql;
    private final String deleteSql;

    private TableRows(String table, List<String> key) {
        this.table = table;
        this.key = key;
        this.columns = new ArrayList<>();
        this.generation = null;
        this.target = null;
        this.insertSql = null;
        this.upsertSql = null;
        this.deleteSql = null;
    }

    private TableRows(TableRows<T> declared, Generation generation) {
        this.table = declared.table;
        this.key = declared.key;
        this.columns = List.copyOf(declared.columns);
        this.generation = generation;
        this.target = ReadTables.quoted(ReadTables.table(generation, table));
        this.insertSql = "INSERT INTO " + target + " (" + columnNames() + ") SELECT * FROM " + unnest();
        this.upsertSql = key.isEmpty() || columns.stream().noneMatch(c -> c.name().equals("version")) ? null
                : insertSql + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                        + columns.stream().map(Column::name).filter(name -> !key.contains(name))
                                .map(name -> name + " = EXCLUDED." + name).collect(Collectors.joining(", "))
                        + " WHERE " + target + ".version < EXCLUDED.version";
        this.deleteSql = "DELETE FROM " + target + " WHERE (" + columnNames() + ") IN (SELECT * FROM " + unnest()
                + ")";
    }

    /** The rows of {@code table} (as readers name it); an upsert needs its primary {@code key} (the conflict's). */
    public static <T> TableRows<T> of(String table, String... key) {
        return new TableRows<>(table, List.of(key));
    }

    /** The table as readers name it. */
    public String table() {
        return table;
    }

    /** The primary key's columns (none if not declared). */
    public List<String> key() {
        return key;
    }

    /** The generation whose table these rows are written to; null until bound to one by {@link #in}. */
    public Generation generation() {
        return generation;
    }

    /** These rows in {@code generation}'s table, one of its projection's. */
    public TableRows<T> in(Generation generation) {
        return new TableRows<>(this, generation);
    }

    public TableRows<T> text(String column, Function<T, String> value) {
        return column(column, "text[]", value, String[]::new);
    }

    public TableRows<T> bigint(String column, Function<T, Long> value) {
        return column(column, "bigint[]", value, Long[]::new);
    }

    public TableRows<T> integer(String column, Function<T, Integer> value) {
        return column(column, "int[]", value, Integer[]::new);
    }

    public TableRows<T> bool(String column, Function<T, Boolean> value) {
        return column(column, "boolean[]", value, Boolean[]::new);
    }

    public TableRows<T> float8(String column, Function<T, Double> value) {
        return column(column, "double precision[]", value, Double[]::new);
    }

    public TableRows<T> timestamptz(String column, Function<T, Instant> value) {
        return column(column, "timestamptz[]", text(value), String[]::new);
    }

    public TableRows<T> date(String column, Function<T, LocalDate> value) {
        return column(column, "date[]", text(value), String[]::new);
    }

    /** A {@code jsonb} column from the JSON text {@code value} gives. */
    public TableRows<T> jsonb(String column, Function<T, String> value) {
        return column(column, "jsonb[]", value, String[]::new);
    }

    /** Inserts {@code rows}. */
    public void insert(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(bound(insertSql))) {
            bind(insert, rows);
            insert.executeUpdate();
        }
    }

    /**
     * Inserts {@code rows}, or replaces the row of the same key where the stored one has a lower {@code version}: a
     * row is never replaced by an equal or lower version. At most one of {@code rows} per key (PostgreSQL refuses to
     * update a row twice in one statement).
     */
    public void upsert(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql())) {
            bind(upsert, rows);
            upsert.executeUpdate();
        }
    }

    /**
     * {@link #upsert}, returning those of {@code rows} it wrote (inserted or replaced), in their order. For a table
     * keyed by one text column.
     */
    public List<T> upsertReturningWritten(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (key.size() != 1 || !columnNamed(key.get(0)).arrayType().equals("text[]")) {
            throw new IllegalStateException(table + " is not keyed by one text column");
        }
        Set<Object> written = new HashSet<>();
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql() + " RETURNING " + key.get(0))) {
            bind(upsert, rows);
            try (ResultSet keys = upsert.executeQuery()) {
                while (keys.next()) {
                    written.add(keys.getString(1));
                }
            }
        }
        Function<T, ?> keyOf = columnNamed(key.get(0)).value();
        return rows.stream().filter(row -> written.contains(keyOf.apply(row))).toList();
    }

    /** Deletes the rows that equal one of {@code rows} in every column declared here (e.g. a key's columns). */
    public void delete(Connection connection, List<T> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(bound(deleteSql))) {
            bind(delete, rows);
            delete.executeUpdate();
        }
    }

    private TableRows<T> column(String name, String arrayType, Function<T, ?> value, IntFunction<Object[]> array) {
        columns.add(new Column<>(name, arrayType, value, array));
        return this;
    }

    private static <T, V> Function<T, String> text(Function<T, V> value) {
        return row -> {
            V v = value.apply(row);
            return v == null ? null : v.toString();
        };
    }

    private Column<T> columnNamed(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(table + " has no column " + name));
    }

    /** {@code columns}' array parameters as a set of rows. */
    private String unnest() {
        return columns.stream().map(column -> "CAST(? AS " + column.arrayType() + ")")
                .collect(Collectors.joining(", ", "unnest(", ")"));
    }

    private String columnNames() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private String upsertSql() {
        if (bound(insertSql) != null && upsertSql == null) {
            throw new IllegalStateException("An upsert into " + table + " needs its key and a version column");
        }
        return upsertSql;
    }

    /** {@code sql}, a statement of a table bound to a generation. */
    private String bound(String sql) {
        if (target == null) {
            throw new IllegalStateException(table + " is bound to no generation");
        }
        return sql;
    }

    /** One array per column, of every row's value in that column. */
    private void bind(PreparedStatement statement, List<T> rows) throws SQLException {
        for (int c = 0; c < columns.size(); c++) {
            Column<T> column = columns.get(c);
            Object[] values = column.array().apply(rows.size());
            for (int r = 0; r < values.length; r++) {
                values[r] = column.value().apply(rows.get(r));
            }
            statement.setObject(c + 1, values);
        }
    }
}
