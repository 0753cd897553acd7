package org.dynamocsms.query.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;

/** The {@code replay} table: every rebuild an operator started, its progress and outcome (plain JDBC). */
final class ReplayStore {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String SELECT = "SELECT r.*, g.live AS live_generation, (SELECT count(*) FROM "
            + "read_store_refusal f WHERE f.projection = r.projection AND f.generation = r.generation) AS refused "
            + "FROM replay r LEFT JOIN projection_generation g ON g.projection = r.projection ";

    private ReplayStore() {
    }

    static void insert(Connection connection, String replayId, Generation generation, boolean compare,
                       Instant startedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO replay (replay_id, projection, "
                + "generation, status, compare, started_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, replayId);
            insert.setString(2, generation.projection().id());
            insert.setInt(3, generation.number());
            insert.setString(4, Replay.BUILDING);
            insert.setBoolean(5, compare);
            insert.setObject(6, Jdbc.utc(startedAt));
            insert.executeUpdate();
        }
    }

    /** The replay, its row locked until the transaction ends. */
    static Optional<Replay> lock(Connection connection, String replayId) throws SQLException {
        return one(connection, "SELECT r.replay_id FROM replay r WHERE r.replay_id = ? FOR UPDATE", replayId)
                .isPresent() ? find(connection, replayId) : Optional.empty();
    }

    /** The replay, its row locked, unless another transaction holds it: that instance works it now. */
    static Optional<Replay> lockUnlessWorked(Connection connection, String replayId) throws SQLException {
        return one(connection, "SELECT r.replay_id FROM replay r WHERE r.replay_id = ? FOR UPDATE SKIP LOCKED",
                replayId).isPresent() ? find(connection, replayId) : Optional.empty();
    }

    static Optional<Replay> find(Connection connection, String replayId) throws SQLException {
        return list(connection, SELECT + "WHERE r.replay_id = ?", replayId).stream().findFirst();
    }

    /** The projection's latest replay, whatever its status. */
    static Optional<Replay> latest(Connection connection, Projection projection) throws SQLException {
        return list(connection, SELECT + "WHERE r.projection = ? ORDER BY r.started_at DESC, r.replay_id DESC "
                + "LIMIT 1", projection.id()).stream().findFirst();
    }

    /** The projection's replay that holds its building generation, if any. */
    static Optional<Replay> active(Connection connection, Projection projection) throws SQLException {
        return list(connection, SELECT + "WHERE r.projection = ? AND r.status IN ('" + Replay.BUILDING + "', '"
                + Replay.CAUGHT_UP + "')", projection.id()).stream().findFirst();
    }

    /** Every replay, newest first. */
    static List<Replay> all(Connection connection) throws SQLException {
        return list(connection, SELECT + "ORDER BY r.started_at DESC, r.replay_id DESC", null);
    }

    /** The ids of the replays building or caught up. */
    static List<String> activeIds(Connection connection) throws SQLException {
        return list(connection, SELECT + "WHERE r.status IN ('" + Replay.BUILDING + "', '" + Replay.CAUGHT_UP
                + "') ORDER BY r.started_at", null).stream().map(Replay::replayId).toList();
    }

    /** The replay that built {@code generation}, if one did (generation 1 was built by none). */
    static Optional<String> builder(Connection connection, Generation generation) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT replay_id FROM replay WHERE projection = "
                + "? AND generation = ?")) {
            select.setString(1, generation.projection().id());
            select.setInt(2, generation.number());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The generations of {@code projection} its finished replays left behind: a cancelled or failed replay's own,
     * a completed one's replaced live generation; whether each is still there is for the caller to check.
     */
    static List<Integer> leftBehind(Connection connection, Projection projection) throws SQLException {
        List<Integer> generations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT CASE WHEN status = '" + Replay.COMPLETED
                + "' THEN replaced ELSE generation END FROM replay WHERE projection = ? AND status IN ('"
                + Replay.COMPLETED + "', '" + Replay.CANCELLED + "', '" + Replay.FAILED + "') ORDER BY started_at")) {
            select.setString(1, projection.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int generation = rows.getInt(1);
                    if (!rows.wasNull()) {
                        generations.add(generation);
                    }
                }
            }
        }
        return generations;
    }

    static void progress(Connection connection, String replayId, long eventsRead, long eventsTotal,
                         Double eventsPerSecond, List<Replay.Stage> stages) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE replay SET events_read = ?, "
                + "events_total = ?, events_per_second = ?, stages = ?::jsonb WHERE replay_id = ?")) {
            update.setLong(1, eventsRead);
            update.setLong(2, eventsTotal);
            update.setObject(3, eventsPerSecond);
            update.setString(4, json(stages));
            update.setString(5, replayId);
            update.executeUpdate();
        }
    }

    static void caughtUp(Connection connection, String replayId, ReplayComparison.Result comparison)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE replay SET status = ?, caught_up_at = "
                + "now(), comparison = ?::jsonb WHERE replay_id = ?")) {
            update.setString(1, Replay.CAUGHT_UP);
            update.setString(2, comparison == null ? null : json(comparison));
            update.setString(3, replayId);
            update.executeUpdate();
        }
    }

    /** Ends the replay: completed (replacing live generation {@code replaced}), cancelled or failed. */
    static void finish(Connection connection, String replayId, String status, Integer replaced, String error)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE replay SET status = ?, replaced = ?, "
                + "error = ?, finished_at = now(), caught_up_at = CASE WHEN ? THEN coalesce(caught_up_at, now()) "
                + "ELSE caught_up_at END, events_per_second = NULL WHERE replay_id = ?")) {
            update.setString(1, status);
            update.setObject(2, replaced);
            update.setString(3, error);
            update.setBoolean(4, Replay.COMPLETED.equals(status));
            update.setString(5, replayId);
            update.executeUpdate();
        }
    }

    private static Optional<String> one(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<Replay> list(Connection connection, String sql, String parameter) throws SQLException {
        List<Replay> replays = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    replays.add(replay(rows));
                }
            }
        }
        return replays;
    }

    private static Replay replay(ResultSet row) throws SQLException {
        String status = row.getString("status");
        Long read = nullable(row, "events_read");
        Long total = nullable(row, "events_total");
        Double perSecond = row.getObject("events_per_second") == null ? null : row.getDouble("events_per_second");
        Long eta = Replay.BUILDING.equals(status) && perSecond != null && perSecond > 0 && read != null
                && total != null ? (long) Math.ceil(Math.max(0, total - read) / perSecond) : null;
        return new Replay(row.getString("replay_id"), row.getString("projection"), row.getInt("generation"),
                row.getInt("live_generation"), status, row.getBoolean("compare"), read, total, perSecond, eta,
                parse(row.getString("stages"), new TypeReference<List<Replay.Stage>>() { }, List.of()),
                row.getLong("refused"),
                parse(row.getString("comparison"), new TypeReference<ReplayComparison.Result>() { }, null),
                Jdbc.instant(row, "started_at"), Jdbc.instant(row, "caught_up_at"),
                Jdbc.instant(row, "finished_at"), row.getString("error"));
    }

    private static Long nullable(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type, T none) {
        if (json == null) {
            return none;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read " + json, e);
        }
    }
}
