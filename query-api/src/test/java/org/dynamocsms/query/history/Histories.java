package org.dynamocsms.query.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/** Charger intervals, errors and maintenance events for tests, all of organisation org_A. */
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
}
