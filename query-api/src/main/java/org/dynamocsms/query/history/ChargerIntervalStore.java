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
import org.dynamocsms.query.TableRows;
import org.dynamocsms.query.VersionedStore;
import org.dynamocsms.query.VersionedTable;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.jboss.logging.Logger;

/**
 * Chargers' status intervals, in plain JDBC: version-guarded upserts from the interval projection (a tombstone
 * deletes the interval), and the connectivity timeline worked out from them.
 */
@Singleton
public class ChargerIntervalStore extends VersionedStore<ChargerStatusInterval> {

    private static final Logger LOG = Logger.getLogger(ChargerIntervalStore.class);
    private static final TableRows<ChargerStatusInterval> ROWS = TableRows.<ChargerStatusInterval>of(
                    "charger_interval", "charge_point_id", "start_at")
            .text("charge_point_id", ChargerStatusInterval::getChargePointId)
            .timestamptz("start_at", ChargerStatusInterval::getStartAt)
            .timestamptz("end_at", ChargerStatusInterval::getEndAt)
            .text("organisation_id", ChargerStatusInterval::getOrganisationId)
            .bool("connected", ChargerStatusInterval::getConnected)
            .bool("up", ChargerStatusInterval::getUp)
            .bool("charging", ChargerStatusInterval::getCharging)
            .timestamptz("first_at", ChargerStatusInterval::getFirstAt)
            .bigint("up_before_ms", ChargerStatusInterval::getUpBeforeMs)
            .bigint("online_before_ms", ChargerStatusInterval::getOnlineBeforeMs)
            .bigint("charging_before_ms", ChargerStatusInterval::getChargingBeforeMs)
            .bigint("version", ChargerStatusInterval::getVersion);
    private static final TableRows<Key> TOMBSTONES = TableRows.<Key>of("charger_interval")
            .text("charge_point_id", Key::chargePointId)
            .timestamptz("start_at", Key::startAt);
    private static final VersionedTable<ChargerStatusInterval> TABLE = VersionedTable.of(Projection.CHARGER_HISTORY,
            ROWS, ChargerIntervalStore::key, ChargerStatusInterval::getVersion)
            .deletedBy(TOMBSTONES, ChargerIntervalStore::keys);
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

    @Inject
    public ChargerIntervalStore(DataSource dataSource) {
        super(dataSource, TABLE);
    }

    private ChargerIntervalStore(ChargerIntervalStore first, Generation generation) {
        super(first, generation);
    }

    @Override
    public ChargerIntervalStore forGeneration(Generation generation) {
        return new ChargerIntervalStore(this, generation);
    }

    /** The record key of an interval on the projection topic: {@code <charge_point_id>@<start_at epoch millis>}. */
    public static String key(ChargerStatusInterval interval) {
        return interval.getChargePointId() + "@" + interval.getStartAt().toEpochMilli();
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
        @Override
        public String toString() {
            return chargePointId + "@" + startAt.toEpochMilli();
        }
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
}
