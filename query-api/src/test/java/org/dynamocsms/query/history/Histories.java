package org.dynamocsms.query.history;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * Charger intervals, errors and maintenance events for tests, as the projections send them (of organisation org_A
 * unless {@code organisation} says otherwise), and written to the read store through its stores.
 */
public final class Histories {

    public static final String ORG = "org_A";
    /** The start of the test chargers' timelines. */
    public static final Instant FIRST_AT = Instant.parse("2024-06-01T00:00:00Z");

    private Histories() {
    }

    /**
     * An interval of a timeline begun at {@link #FIRST_AT}, up while connected and not charging, version 1; the
     * cumulative figures are made up (the store only keeps them).
     */
    public static ChargerStatusInterval interval(String chargePointId, String startAt, String endAt,
                                                 boolean connected) {
        return ChargerStatusInterval.newBuilder().setChargePointId(chargePointId).setOrganisationId(ORG)
                .setStartAt(Instant.parse(startAt)).setEndAt(endAt == null ? null : Instant.parse(endAt))
                .setConnected(connected).setUp(connected).setCharging(false).setFirstAt(FIRST_AT)
                .setUpBeforeMs(1).setOnlineBeforeMs(2).setChargingBeforeMs(3).setVersion(1).build();
    }

    /**
     * An interval of a timeline begun at {@code firstAt}, with the minutes of up, online and charging time from
     * {@code firstAt} to {@code startAt}, version 1.
     */
    public static ChargerStatusInterval interval(String chargePointId, String startAt, String endAt,
                                                 boolean connected, boolean up, boolean charging, String firstAt,
                                                 long upBefore, long onlineBefore, long chargingBefore) {
        return ChargerStatusInterval.newBuilder(interval(chargePointId, startAt, endAt, connected)).setUp(up)
                .setCharging(charging).setFirstAt(Instant.parse(firstAt)).setUpBeforeMs(minutes(upBefore))
                .setOnlineBeforeMs(minutes(onlineBefore)).setChargingBeforeMs(minutes(chargingBefore)).build();
    }

    public static ChargerStatusInterval version(ChargerStatusInterval interval, long version) {
        return ChargerStatusInterval.newBuilder(interval).setVersion(version).build();
    }

    /** An episode of connector 1, Faulted, without info, version 1. */
    public static ChargerError error(String eventId, String chargePointId, ChargePointErrorCode code,
                                     String startedAt, String resolvedAt) {
        return ChargerError.newBuilder().setEventId(eventId).setOrganisationId(ORG).setChargePointId(chargePointId)
                .setConnectorId(1).setErrorCode(code).setStatus(ConnectorStatus.Faulted)
                .setStartedAt(Instant.parse(startedAt))
                .setResolvedAt(resolvedAt == null ? null : Instant.parse(resolvedAt)).setVersion(1).build();
    }

    public static ChargerError version(ChargerError error, long version) {
        return ChargerError.newBuilder(error).setVersion(version).build();
    }

    public static ChargerStatusInterval organisation(ChargerStatusInterval interval, String organisationId) {
        return ChargerStatusInterval.newBuilder(interval).setOrganisationId(organisationId).build();
    }

    public static ChargerError organisation(ChargerError error, String organisationId) {
        return ChargerError.newBuilder(error).setOrganisationId(organisationId).build();
    }

    /** A scheduled maintenance event recorded at its scheduled time, without technician or notes, version 1. */
    public static MaintenanceView maintenance(String maintenanceId, String chargePointId, String scheduledAt,
                                              String completedAt) {
        Instant scheduled = Instant.parse(scheduledAt);
        return MaintenanceView.newBuilder().setMaintenanceId(maintenanceId).setOrganisationId(ORG)
                .setChargePointId(chargePointId).setType(MaintenanceType.scheduled).setDescription("Inspection")
                .setScheduledAt(scheduled).setCompletedAt(completedAt == null ? null : Instant.parse(completedAt))
                .setCreatedAt(scheduled).setUpdatedAt(scheduled).setVersion(1).build();
    }

    public static MaintenanceView version(MaintenanceView maintenance, long version) {
        return MaintenanceView.newBuilder(maintenance).setVersion(version).build();
    }

    public static MaintenanceView organisation(MaintenanceView maintenance, String organisationId) {
        return MaintenanceView.newBuilder(maintenance).setOrganisationId(organisationId).build();
    }

    public static void write(DataSource dataSource, ChargerStatusInterval... intervals) throws SQLException {
        new ChargerIntervalStore(dataSource).write(List.of(intervals), List.of());
    }

    public static void write(DataSource dataSource, ChargerError... errors) throws SQLException {
        new ChargerErrorStore(dataSource).write(List.of(errors), List.of());
    }

    public static void write(DataSource dataSource, MaintenanceView... maintenance) throws SQLException {
        new MaintenanceStore(dataSource).write(List.of(maintenance), List.of());
    }

    private static long minutes(long minutes) {
        return Duration.ofMinutes(minutes).toMillis();
    }
}
