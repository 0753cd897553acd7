package org.dynamocsms.query.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.ProjectionStore;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.jboss.logging.Logger;

/**
 * Chargers' status intervals, in plain JDBC: version-guarded upserts from the interval projection (a tombstone
 * deletes the interval), and the connectivity timeline worked out from them.
 */
@Singleton
public class ChargerIntervalStore implements ProjectionStore<ChargerStatusInterval> {

    private static final Logger LOG = Logger.getLogger(ChargerIntervalStore.class);
    private static final String UPSERT = """
            INSERT INTO charger_interval (charge_point_id, start_at, end_at, organisation_id, connected, up, charging,
                                          first_at, up_before_ms, online_before_ms, charging_before_ms, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (charge_point_id, start_at) DO UPDATE SET
                end_at = EXCLUDED.end_at, organisation_id = EXCLUDED.organisation_id,
                connected = EXCLUDED.connected, up = EXCLUDED.up, charging = EXCLUDED.charging,
                first_at = EXCLUDED.first_at, up_before_ms = EXCLUDED.up_before_ms,
                online_before_ms = EXCLUDED.online_before_ms, charging_before_ms = EXCLUDED.charging_before_ms,
                version = EXCLUDED.version
            WHERE charger_interval.version < EXCLUDED.version""";
    /**
     * The changes of {@code connected} at the interval starts in [from, to): each interval compared with the one
     * before it, the latest one before {@code from} included for that; a charger's first interval is a change only
     * if connected (it was not connected before its timeline began).
     */
    private static final String CONNECTIVITY = """
            SELECT start_at, connected FROM (
                SELECT start_at, connected, lag(connected) OVER (ORDER BY start_at) AS previous
                FROM charger_interval
                WHERE charge_point_id = ? AND organisation_id = ? AND start_at < ?
                  AND start_at >= coalesce((SELECT max(start_at) FROM charger_interval
                                            WHERE charge_point_id = ? AND organisation_id = ? AND start_at < ?), ?)
            ) i
            WHERE start_at >= ? AND connected IS DISTINCT FROM coalesce(previous, false)
            ORDER BY start_at""";

    private final DataSource dataSource;

    @Inject
    public ChargerIntervalStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The record key of an interval on the projection topic: {@code <charge_point_id>@<start_at epoch millis>}. */
    public static String key(ChargerStatusInterval interval) {
        return interval.getChargePointId() + "@" + interval.getStartAt().toEpochMilli();
    }

    @Override
    public List<ChargerStatusInterval> write(Collection<ChargerStatusInterval> values, Collection<String> tombstones)
            throws SQLException {
        List<ChargerStatusInterval> latest = ProjectionStore.latestPerKey(values, ChargerIntervalStore::key,
                ChargerStatusInterval::getVersion);
        List<Key> deleted = keys(tombstones);
        if (latest.isEmpty() && deleted.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            for (Key refused : Jdbc.writeRefusing(connection, deleted, ChargerIntervalStore::deleteRows)) {
                LOG.errorf("The read store refused to delete the charger interval %s@%d; skipped",
                        refused.chargePointId(), refused.startAt().toEpochMilli());
            }
            return Jdbc.writeRefusing(connection, latest, ChargerIntervalStore::writeRows);
        });
    }

    @Override
    public long versionOf(ChargerStatusInterval interval) {
        return interval.getVersion();
    }

    @Override
    public String describe(ChargerStatusInterval interval) {
        return key(interval) + " version " + interval.getVersion();
    }

    /**
     * The connects and disconnects of an organisation's charger in [from, to), oldest first: one at the start of
     * each interval whose {@code connected} differs from the interval before it.
     */
    public List<ConnectivityJson.Event> connectivity(String organisationId, String chargePointId, Instant from,
                                                     Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CONNECTIVITY)) {
            select.setString(1, chargePointId);
            select.setString(2, organisationId);
            select.setObject(3, Jdbc.utc(to), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setString(4, chargePointId);
            select.setString(5, organisationId);
            select.setObject(6, Jdbc.utc(from), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(7, Jdbc.utc(from), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(8, Jdbc.utc(from), Types.TIMESTAMP_WITH_TIMEZONE);
            List<ConnectivityJson.Event> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(ConnectivityJson.Event.of(rows.getBoolean("connected"), Jdbc.instant(rows, "start_at")));
                }
            }
            return events;
        }
    }

    /** A tombstone's key split at its last '@' (a charge point id may contain '@'). */
    private record Key(String chargePointId, Instant startAt) {
    }

    /** The keys of the tombstones; one that is no interval key cannot name a row and is skipped. */
    private static List<Key> keys(Collection<String> tombstones) {
        List<Key> keys = new ArrayList<>(tombstones.size());
        for (String tombstone : tombstones) {
            int at = tombstone.lastIndexOf('@');
            try {
                keys.add(new Key(tombstone.substring(0, at), Instant.ofEpochMilli(Long.parseLong(
                        tombstone.substring(at + 1)))));
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                LOG.warnf("A tombstone of key %s is no charger interval's; skipped", tombstone);
            }
        }
        return keys;
    }

    private static void deleteRows(Connection connection, List<Key> keys) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM charger_interval WHERE charge_point_id = ? AND start_at = ?")) {
            for (Key key : keys) {
                delete.setString(1, key.chargePointId());
                delete.setObject(2, Jdbc.utc(key.startAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void writeRows(Connection connection, List<ChargerStatusInterval> intervals) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (ChargerStatusInterval interval : intervals) {
                upsert.setString(1, interval.getChargePointId());
                upsert.setObject(2, Jdbc.utc(interval.getStartAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setObject(3, Jdbc.utc(interval.getEndAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setString(4, interval.getOrganisationId());
                upsert.setBoolean(5, interval.getConnected());
                upsert.setBoolean(6, interval.getUp());
                upsert.setBoolean(7, interval.getCharging());
                upsert.setObject(8, Jdbc.utc(interval.getFirstAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                upsert.setLong(9, interval.getUpBeforeMs());
                upsert.setLong(10, interval.getOnlineBeforeMs());
                upsert.setLong(11, interval.getChargingBeforeMs());
                upsert.setLong(12, interval.getVersion());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
