package org.dynamocsms.query.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;

import javax.sql.DataSource;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TestDatabase;

/** Charger history rows written straight into the read store, for tests of the reads. */
public final class Histories {

    private Histories() {
    }


    /** An interval of org_A's charger from {@code start} to {@code end} (null: open); totals before in minutes. */
    public static void interval(DataSource dataSource, String chargePointId, String start, String end,
                                boolean connected, boolean up, boolean charging, String firstAt, long upBefore,
                                long onlineBefore, long chargingBefore) throws SQLException {
        execute(dataSource, """
                INSERT INTO charger_interval (charge_point_id, start_at, end_at, organisation_id, connected, up,
                    charging, first_at, up_before_ms, online_before_ms, charging_before_ms, version)
                VALUES (?, ?, ?, 'org_A', ?, ?, ?, ?, ?, ?, ?, 1)""", chargePointId, at(start), at(end), connected,
                up, charging, at(firstAt), upBefore * 60_000, onlineBefore * 60_000, chargingBefore * 60_000);
    }

    public static void maintenance(DataSource dataSource, String maintenanceId, String organisationId,
                                   String chargePointId, String scheduledAt, String completedAt) throws SQLException {
        execute(dataSource, """
                INSERT INTO maintenance_event (maintenance_id, organisation_id, charge_point_id, type, scheduled_at,
                    completed_at, created_at, updated_at, version)
                VALUES (?, ?, ?, 'scheduled', ?, ?, now(), now(), 1)""", maintenanceId, organisationId,
                chargePointId, at(scheduledAt), at(completedAt));
    }

    public static void error(DataSource dataSource, String eventId, String organisationId, String chargePointId,
                             String errorCode, String startedAt) throws SQLException {
        execute(dataSource, """
                INSERT INTO charger_error (event_id, organisation_id, charge_point_id, connector_id, error_code,
                    status, started_at, version)
                VALUES (?, ?, ?, 1, ?, 'Faulted', ?, 1)""", eventId, organisationId, chargePointId, errorCode,
                at(startedAt));
    }

    private static Object at(String instant) {
        return instant == null ? null : Jdbc.utc(Instant.parse(instant));
    }

    private static void execute(DataSource dataSource, String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        }
    }
}
