package org.dynamocsms.projection.charger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;

/**
 * What a charger's telemetry and registry facts mean for its live state. Both folds are idempotent: a record
 * applied again (a redelivery) returns the state unchanged, because the state keeps the times of what it holds
 * (last_seen_at, each connector's status_at and power_at) and the running transaction ids.
 */
public final class ChargerLiveStates {

    private ChargerLiveStates() {
    }

    /**
     * The charger after one telemetry record; {@code state} is null before the charger's first record.
     * <ul>
     *   <li>Connection and identity follow the latest record received (by recorded_at): ChargerDisconnected means
     *   not connected, any other record connected; ChargerBooted sets vendor, model and firmware version.</li>
     *   <li>A connector's status is replaced unless the new one is older (occurred_at) than the one held.</li>
     *   <li>Meter values: the newest sample's power and energy, unless older than the connector's power_at.</li>
     *   <li>TransactionStarted puts the transaction on its connector; TransactionStopped takes it off the connector
     *   holding it and clears that connector's power as of the stop, so older samples and a redelivered start of
     *   the stopped transaction stay ignored.</li>
     * </ul>
     */
    public static ChargerLiveState apply(ChargerLiveState state, ChargerTelemetry telemetry) {
        ChargerLiveState current = state != null ? state
                : initial(telemetry.getChargePointId(), telemetry.getOrganisationId());
        ChargerLiveState.Builder next = ChargerLiveState.newBuilder(current);
        Object payload = telemetry.getPayload();
        Instant receivedAt = telemetry.getRecordedAt();
        if (current.getLastSeenAt() == null || !receivedAt.isBefore(current.getLastSeenAt())) {
            next.setLastSeenAt(receivedAt).setConnected(!(payload instanceof ChargerDisconnected));
            if (payload instanceof ChargerBooted booted) {
                next.setVendor(booted.getVendor()).setModel(booted.getModel())
                        .setFirmwareVersion(booted.getFirmwareVersion());
            }
        }
        Map<Integer, ConnectorState> connectors = new TreeMap<>();
        current.getConnectors().forEach(c -> connectors.put(c.getConnectorId(), c));
        Instant at = telemetry.getOccurredAt();
        if (payload instanceof ConnectorStatusChanged changed) {
            update(connectors, changed.getConnectorId(), c -> statusChanged(c, changed, at));
        } else if (payload instanceof MeterValuesReported meter) {
            update(connectors, meter.getConnectorId(), c -> metered(c, meter.getSamples()));
        } else if (payload instanceof TransactionStarted started) {
            update(connectors, started.getConnectorId(), c -> transactionStarted(c, started.getTransactionId(), at));
        } else if (payload instanceof TransactionStopped stopped) {
            connectors.values().stream()
                    .filter(c -> Objects.equals(c.getTransactionId(), stopped.getTransactionId()))
                    .findFirst()
                    .ifPresent(c -> connectors.put(c.getConnectorId(), transactionStopped(c, at)));
        }
        next.setConnectors(List.copyOf(connectors.values()));
        return settle(state, current, next);
    }

    /** The charger after a change in the registry: its organisation, the site it is linked to, registered. */
    public static ChargerLiveState apply(ChargerLiveState state, ChargerView charger) {
        ChargerLiveState current = state != null ? state
                : initial(charger.getChargePointId(), charger.getOrganisationId());
        ChargerLiveState.Builder next = ChargerLiveState.newBuilder(current)
                .setOrganisationId(charger.getOrganisationId())
                .setSiteId(charger.getSiteId())
                .setRegistered(ChargerViews.isRegistered(charger));
        return settle(state, current, next);
    }

    private static ChargerLiveState initial(String chargePointId, String organisationId) {
        return ChargerLiveState.newBuilder().setChargePointId(chargePointId).setOrganisationId(organisationId)
                .setConnectors(List.of()).build();
    }

    private static void update(Map<Integer, ConnectorState> connectors, int connectorId,
                               UnaryOperator<ConnectorState> change) {
        ConnectorState held = connectors.get(connectorId);
        connectors.put(connectorId, change.apply(held != null ? held
                : ConnectorState.newBuilder().setConnectorId(connectorId).build()));
    }

    private static ConnectorState statusChanged(ConnectorState connector, ConnectorStatusChanged changed, Instant at) {
        if (isBefore(at, connector.getStatusAt())) {
            return connector;
        }
        return ConnectorState.newBuilder(connector).setStatus(changed.getStatus()).setErrorCode(changed.getErrorCode())
                .setInfo(changed.getInfo()).setVendorErrorCode(changed.getVendorErrorCode()).setStatusAt(at).build();
    }

    private static ConnectorState metered(ConnectorState connector, List<MeterSample> samples) {
        MeterSample newest = samples.stream().max(Comparator.comparing(MeterSample::getSampledAt)).orElse(null);
        if (newest == null || isBefore(newest.getSampledAt(), connector.getPowerAt())) {
            return connector;
        }
        ConnectorState.Builder next = ConnectorState.newBuilder(connector).setPowerAt(newest.getSampledAt());
        if (newest.getPowerW() != null) next.setPowerW(newest.getPowerW());
        if (newest.getEnergyWh() != null) next.setEnergyWh(newest.getEnergyWh());
        return next.build();
    }

    private static ConnectorState transactionStarted(ConnectorState connector, int transactionId, Instant at) {
        if (isBefore(at, connector.getPowerAt())) {
            return connector;
        }
        return ConnectorState.newBuilder(connector).setTransactionId(transactionId).build();
    }

    private static ConnectorState transactionStopped(ConnectorState connector, Instant at) {
        return ConnectorState.newBuilder(connector).setTransactionId(null).setPowerW(null)
                .setPowerAt(isBefore(at, connector.getPowerAt()) ? connector.getPowerAt() : at).build();
    }

    /** True if {@code at} is older than the time {@code held} of what the state holds (none held: false). */
    private static boolean isBefore(Instant at, Instant held) {
        return held != null && at.isBefore(held);
    }

    /**
     * {@code next} with its status, power and sessions worked out again, one version after {@code current}; or
     * {@code state} itself if nothing changed, so a redelivery emits nothing.
     */
    private static ChargerLiveState settle(ChargerLiveState state, ChargerLiveState current,
                                           ChargerLiveState.Builder next) {
        ChargerLiveState candidate = next.build();
        // a java.util list: Avro's GenericData.Array.equals compares records without their timestamp conversions
        // and throws on a connector's status_at
        candidate.setConnectors(new ArrayList<>(candidate.getConnectors()));
        List<ConnectorState> active = candidate.getConnectors().stream()
                .filter(c -> c.getTransactionId() != null).toList();
        candidate.setActiveSessions(active.size());
        candidate.setPowerKw(Kilowatts.round(active.stream()
                .mapToDouble(c -> c.getPowerW() == null ? 0 : c.getPowerW()).sum() / 1000));
        candidate.setStatus(ChargerStatuses.rollup(candidate));
        if (candidate.equals(state)) {
            return state;
        }
        candidate.setVersion(current.getVersion() + 1);
        return candidate;
    }
}
