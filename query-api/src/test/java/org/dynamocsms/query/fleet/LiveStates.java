package org.dynamocsms.query.fleet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/** Charger live states for tests. */
public final class LiveStates {

    public static final Instant T0 = Instant.parse("2024-06-15T14:00:00Z");
    public static final LocalDate TODAY = LocalDate.parse("2024-06-15");

    private LiveStates() {
    }

    /** Connected at T0 with status {@code status}, no connectors, version 1. */
    public static ChargerLiveState state(String chargePointId, ChargerStatus status, ConnectorState... connectors) {
        return ChargerLiveState.newBuilder().setChargePointId(chargePointId).setOrganisationId("org_A")
                .setRegistered(true).setConnected(status != ChargerStatus.offline).setLastSeenAt(T0)
                .setConnectors(new ArrayList<>(List.of(connectors))).setStatus(status).setVersion(1).build();
    }

    public static ConnectorState connector(int connectorId, ConnectorStatus status) {
        return ConnectorState.newBuilder().setConnectorId(connectorId).setStatus(status).build();
    }

    public static ConnectorState connector(int connectorId, ConnectorStatus status, int totalSessions,
                                           double totalEnergyWh) {
        return ConnectorState.newBuilder(connector(connectorId, status)).setTotalSessions(totalSessions)
                .setTotalEnergyWh(totalEnergyWh).build();
    }

    /** {@code state} with {@code energyWh} delivered on {@code day} and {@code sessions} running. */
    public static ChargerLiveState withEnergy(ChargerLiveState state, double energyWh, LocalDate day, int sessions) {
        return ChargerLiveState.newBuilder(state).setEnergyTodayWh(energyWh).setEnergyDay(day)
                .setActiveSessions(sessions).build();
    }

    /** {@code state} linked to {@code siteId}. */
    public static ChargerLiveState atSite(ChargerLiveState state, String siteId) {
        return ChargerLiveState.newBuilder(state).setSiteId(siteId).build();
    }

    /** {@code state} of a charger no longer (or never) in the registry. */
    public static ChargerLiveState unregistered(ChargerLiveState state) {
        return ChargerLiveState.newBuilder(state).setRegistered(false).build();
    }

    /** Registered and never seen: no connection, no status yet. */
    public static ChargerLiveState neverSeen(String chargePointId) {
        return ChargerLiveState.newBuilder(state(chargePointId, ChargerStatus.offline)).setLastSeenAt(null)
                .setStatus(ChargerStatus.unknown).build();
    }

    public static ChargerLiveState version(ChargerLiveState state, long version) {
        return ChargerLiveState.newBuilder(state).setVersion(version).build();
    }
}
