package org.dynamocsms.query.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.analytics.CumulativeTimeline;
import org.dynamocsms.query.analytics.MaintenanceWindow;
import org.dynamocsms.query.analytics.Span;
import org.dynamocsms.query.analytics.StatusInterval;
import org.dynamocsms.query.analytics.Uptime;
import org.dynamocsms.query.analytics.Utilisation;
import org.dynamocsms.query.charger.ChargerDiagnosticsJson;
import org.dynamocsms.query.history.ChargerErrorStore;

/**
 * The reads behind uptime, utilisation and the diagnostics' 30-day figures, in plain JDBC. The fleet is the
 * organisation's chargers in the registry (not decommissioned), at their current site. Intervals are read by the
 * primary key (charge_point_id, start_at): uptime needs only the interval holding each end of the range and each
 * maintenance boundary, as the intervals carry cumulative totals; utilisation needs every interval of the range.
 */
@Singleton
public class FleetAnalyticsStore {

    /** A charger of the fleet and its current site. */
    public record FleetCharger(String chargePointId, String siteId) {
    }

    /** A charger, the intervals of its timeline that were read, and its maintenance windows overlapping the range. */
    public record ChargerHistory(FleetCharger charger, CumulativeTimeline timeline,
                                 List<MaintenanceWindow> maintenance) {
    }

    /** The diagnostics' figures of the 30 days before now. */
    public record ThirtyDays(Double uptimePercent, Double utilisationPercent, int errorCount,
                             ChargerDiagnosticsJson.LastError lastError) {
    }

    private static final String INTERVAL_COLUMNS = "i.start_at, i.end_at, i.connected, i.up, i.charging, "
            + "i.first_at, i.up_before_ms, i.online_before_ms, i.charging_before_ms";
    /** The interval of charger {1}.charge_point_id holding the time {2} (none before its first): a key lookup. */
    private static final String HOLDING = "SELECT " + INTERVAL_COLUMNS + " FROM charger_interval i "
            + "WHERE i.charge_point_id = %s.charge_point_id AND i.start_at <= %s ORDER BY i.start_at DESC LIMIT 1";
    private static final String FLEET = " WHERE c.organisation_id = ? AND c.decommissioned_at IS NULL"
            + " AND (CAST(? AS text) IS NULL OR c.charge_point_id = ?)"
            + " AND (CAST(? AS text) IS NULL OR c.site_id = ?)";
    private static final String CHARGERS = "SELECT c.charge_point_id, c.site_id FROM charger c" + FLEET
            + " ORDER BY c.charge_point_id";
    /** Each charger of the fleet twice, with the interval holding from and the one holding until (or none). */
    private static final String AT_BOTH_ENDS = "SELECT c.charge_point_id, c.site_id, " + INTERVAL_COLUMNS
            + " FROM charger c CROSS JOIN (VALUES (CAST(? AS timestamptz)), (CAST(? AS timestamptz))) AS p (at)"
            + " LEFT JOIN LATERAL (" + HOLDING.formatted("c", "p.at") + ") i ON true" + FLEET
            + " ORDER BY c.charge_point_id";
    /** The windows scheduled before ? that end after ?: completed after it, or open and scheduled after ?. */
    private static final String MAINTENANCE = "SELECT m.charge_point_id, m.scheduled_at, m.completed_at"
            + " FROM maintenance_event m WHERE m.organisation_id = ?"
            + " AND (CAST(? AS text) IS NULL OR m.charge_point_id = ?)"
            + " AND m.scheduled_at < ? AND (m.completed_at > ? OR (m.completed_at IS NULL AND m.scheduled_at > ?))";
    /** The interval holding each (charger, time) pair. */
    private static final String AT_POINTS = "SELECT p.charge_point_id, " + INTERVAL_COLUMNS
            + " FROM unnest(CAST(? AS text[]), CAST(CAST(? AS text[]) AS timestamptz[])) AS p (charge_point_id, at)"
            + " JOIN LATERAL (" + HOLDING.formatted("p", "p.at") + ") i ON true";
    /** Epoch milliseconds as a timestamptz, exactly in any year (text would need PostgreSQL's BC for year 0). */
    private static final String EPOCH_MS = "(timestamptz 'epoch' + %s * interval '1 millisecond')";
    /**
     * Every interval of each (charger, from, until) that holds a time in [from, until): the one holding from and
     * those after.
     */
    private static final String OVERLAPPING = "SELECT c.charge_point_id, " + INTERVAL_COLUMNS
            + " FROM (SELECT r.charge_point_id, " + EPOCH_MS.formatted("r.from_ms") + " AS from_at, "
            + EPOCH_MS.formatted("r.until_ms") + " AS until_at FROM unnest(CAST(? AS text[]),"
            + " CAST(? AS bigint[]), CAST(? AS bigint[])) AS r (charge_point_id, from_ms, until_ms)) c"
            + " CROSS JOIN LATERAL ((" + HOLDING.formatted("c", "c.from_at") + ") UNION ALL SELECT "
            + INTERVAL_COLUMNS + " FROM charger_interval i WHERE i.charge_point_id = c.charge_point_id"
            + " AND i.start_at > c.from_at AND i.start_at < c.until_at) i";

    private final DataSource dataSource;
    private final ChargerErrorStore errors;

    @Inject
    public FleetAnalyticsStore(DataSource dataSource, ChargerErrorStore errors) {
        this.dataSource = dataSource;
        this.errors = errors;
    }

    /** The organisation's chargers in charge_point_id order, of {@code chargePointId} and {@code siteId} if set. */
    public List<FleetCharger> chargers(String organisationId, String chargePointId, String siteId)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CHARGERS)) {
            fleet(select, 1, organisationId, chargePointId, siteId);
            List<FleetCharger> chargers = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    chargers.add(new FleetCharger(rows.getString("charge_point_id"), rows.getString("site_id")));
                }
            }
            return chargers;
        }
    }

    /**
     * What the uptime of [from, to) needs of each charger (of {@code chargePointId} and {@code siteId} if set), in
     * charge_point_id order: the intervals holding from, min(to, now) and each boundary of its maintenance, those
     * its open windows may end in, and its maintenance windows overlapping the range.
     */
    public List<ChargerHistory> uptimeHistories(String organisationId, String chargePointId, String siteId,
                                                Instant from, Instant to, Instant now) throws SQLException {
        Instant until = Span.earlier(to, now);
        try (Connection connection = dataSource.getConnection()) {
            Map<String, FleetCharger> chargers = new LinkedHashMap<>();
            Map<String, List<StatusInterval>> intervals = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(AT_BOTH_ENDS)) {
                select.setObject(1, Jdbc.utc(Span.earlier(from, until)), Types.TIMESTAMP_WITH_TIMEZONE);
                select.setObject(2, Jdbc.utc(until), Types.TIMESTAMP_WITH_TIMEZONE);
                fleet(select, 3, organisationId, chargePointId, siteId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString("charge_point_id");
                        chargers.putIfAbsent(id, new FleetCharger(id, rows.getString("site_id")));
                        List<StatusInterval> read = intervals.computeIfAbsent(id, key -> new ArrayList<>());
                        if (rows.getObject("start_at") != null) {
                            read.add(interval(rows));
                        }
                    }
                }
            }
            Map<String, List<MaintenanceWindow>> maintenance = maintenance(connection, organisationId,
                    chargePointId, from, until, chargers.keySet());
            // an open window ends where the charger is up again: every interval it may end in, up to until
            Ranges openEnds = new Ranges();
            maintenance.forEach((id, windows) -> {
                for (MaintenanceWindow window : windows) {
                    Span ends = window.openEnds();
                    if (ends != null) {
                        openEnds.add(id, ends.start(), Span.earlier(ends.end(), until));
                    }
                }
            });
            openEnds.read(connection, intervals);
            List<String> pointIds = new ArrayList<>();
            List<String> points = new ArrayList<>();
            maintenance.forEach((id, windows) -> {
                CumulativeTimeline timeline = CumulativeTimeline.of(intervals.get(id), now);
                for (Span window : Uptime.maintenance(timeline, windows, from, to, now)) {
                    for (Instant boundary : List.of(window.start(), window.end())) {
                        pointIds.add(id);
                        points.add(boundary.toString());
                    }
                }
            });
            if (!points.isEmpty()) {
                try (PreparedStatement select = connection.prepareStatement(AT_POINTS)) {
                    select.setArray(1, connection.createArrayOf("text", pointIds.toArray()));
                    select.setArray(2, connection.createArrayOf("text", points.toArray()));
                    readIntervals(select, intervals);
                }
            }
            List<ChargerHistory> histories = new ArrayList<>(chargers.size());
            for (FleetCharger charger : chargers.values()) {
                String id = charger.chargePointId();
                histories.add(new ChargerHistory(charger, CumulativeTimeline.of(intervals.get(id), now),
                        maintenance.getOrDefault(id, List.of())));
            }
            return histories;
        }
    }

    /** Each charger's timeline over [from, until): every interval holding a time in it. */
    public Map<String, CumulativeTimeline> timelines(Collection<String> chargePointIds, Instant from, Instant until,
                                                     Instant now) throws SQLException {
        Map<String, List<StatusInterval>> intervals = new LinkedHashMap<>();
        for (String id : chargePointIds) {
            intervals.put(id, new ArrayList<>());
        }
        if (!intervals.isEmpty()) {
            Ranges ranges = new Ranges();
            for (String id : chargePointIds) {
                ranges.add(id, from, until);
            }
            try (Connection connection = dataSource.getConnection()) {
                ranges.read(connection, intervals);
            }
        }
        Map<String, CumulativeTimeline> timelines = new LinkedHashMap<>();
        intervals.forEach((id, read) -> timelines.put(id, CumulativeTimeline.of(read, now)));
        return timelines;
    }

    /**
     * A charger's uptime and utilisation over [now - 30 days, now), the errors that started since, and its newest
     * error of all.
     */
    public ThirtyDays thirtyDays(String organisationId, String chargePointId, Instant now) throws SQLException {
        Instant from = now.minus(Period.DEFAULT_LENGTH);
        List<ChargerHistory> histories = uptimeHistories(organisationId, chargePointId, null, from, now, now);
        ChargerErrorStore.Summary summary = errors.summary(organisationId, chargePointId, from);
        ChargerDiagnosticsJson.LastError last = summary.lastErrorCode() == null ? null
                : new ChargerDiagnosticsJson.LastError(summary.lastErrorCode(), summary.lastStartedAt());
        if (histories.isEmpty()) {
            return new ThirtyDays(null, null, summary.count(), last);
        }
        ChargerHistory history = histories.get(0);
        return new ThirtyDays(Uptime.of(history.timeline(), history.maintenance(), from, now, now).percent(),
                Utilisation.percent(history.timeline(), new Span(from, now)), summary.count(), last);
    }

    /** The windows of the chargers that overlap [from, until). */
    private static Map<String, List<MaintenanceWindow>> maintenance(Connection connection, String organisationId,
                                                                    String chargePointId, Instant from,
                                                                    Instant until, Collection<String> chargers)
            throws SQLException {
        Map<String, List<MaintenanceWindow>> windows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(MAINTENANCE)) {
            select.setString(1, organisationId);
            select.setString(2, chargePointId);
            select.setString(3, chargePointId);
            select.setObject(4, Jdbc.utc(until), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(5, Jdbc.utc(from), Types.TIMESTAMP_WITH_TIMEZONE);
            select.setObject(6, Jdbc.utc(from.minus(MaintenanceWindow.LONGEST_OPEN)), Types.TIMESTAMP_WITH_TIMEZONE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("charge_point_id");
                    if (chargers.contains(id)) {
                        windows.computeIfAbsent(id, key -> new ArrayList<>()).add(new MaintenanceWindow(
                                Jdbc.instant(rows, "scheduled_at"), Jdbc.instant(rows, "completed_at")));
                    }
                }
            }
        }
        return windows;
    }

    /** (charger, from, until) ranges whose intervals are read in one query ({@link #OVERLAPPING}). */
    private static final class Ranges {

        private final List<String> ids = new ArrayList<>();
        private final List<Long> froms = new ArrayList<>();
        private final List<Long> untils = new ArrayList<>();

        void add(String chargePointId, Instant from, Instant until) {
            ids.add(chargePointId);
            froms.add(from.toEpochMilli());
            untils.add(until.toEpochMilli());
        }

        /** Adds every interval holding a time in each range to its charger's. */
        void read(Connection connection, Map<String, List<StatusInterval>> intervals) throws SQLException {
            if (ids.isEmpty()) {
                return;
            }
            try (PreparedStatement select = connection.prepareStatement(OVERLAPPING)) {
                select.setArray(1, connection.createArrayOf("text", ids.toArray()));
                select.setArray(2, connection.createArrayOf("bigint", froms.toArray()));
                select.setArray(3, connection.createArrayOf("bigint", untils.toArray()));
                readIntervals(select, intervals);
            }
        }
    }

    private static void fleet(PreparedStatement select, int first, String organisationId, String chargePointId,
                              String siteId) throws SQLException {
        select.setString(first, organisationId);
        select.setString(first + 1, chargePointId);
        select.setString(first + 2, chargePointId);
        select.setString(first + 3, siteId);
        select.setString(first + 4, siteId);
    }

    private static void readIntervals(PreparedStatement select, Map<String, List<StatusInterval>> intervals)
            throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                intervals.get(rows.getString("charge_point_id")).add(interval(rows));
            }
        }
    }

    private static StatusInterval interval(ResultSet row) throws SQLException {
        return new StatusInterval(Jdbc.instant(row, "start_at"), Jdbc.instant(row, "end_at"),
                row.getBoolean("connected"), row.getBoolean("up"), row.getBoolean("charging"),
                Jdbc.instant(row, "first_at"), row.getLong("up_before_ms"), row.getLong("online_before_ms"),
                row.getLong("charging_before_ms"));
    }
}
