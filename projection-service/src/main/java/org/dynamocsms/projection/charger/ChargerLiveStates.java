package org.dynamocsms.projection.charger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.dynamocsms.projection.Kilowatts;
import org.dynamocsms.projection.SharedCopies;
import org.dynamocsms.projection.load.SiteLoads;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.charger.ConnectorTypes;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
import org.dynamocsms.schemas.telemetry.MeterBounds;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.DeviceEvent;
import org.dynamocsms.schemas.telemetry.DeviceEventsNotified;
import org.dynamocsms.schemas.telemetry.DeviceModelReported;
import org.dynamocsms.schemas.telemetry.DeviceModelVariable;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;

/**
 * What a charger's telemetry and registry facts mean for its live state. Both folds are idempotent: a record
 * applied again (a redelivery) returns the state unchanged, because the state keeps the times of what it holds
 * (last_seen_at, each connector's status_at, power_at and register_at), the running transaction ids and the
 * latest transaction ids counted as sessions.
 */
public final class ChargerLiveStates {

    /** How many of a connector's latest counted transaction ids it keeps to recognise a redelivered start. */
    static final int COUNTED_TRANSACTIONS_KEPT = 16;
    /**
     * A message that changes nothing but when the charger was last seen (or heard, for a Heartbeat) moves those
     * times only once they are this much later than held: a charger's live state is then stored and published at
     * most once a minute for its heartbeats, not once per message, and with OCPP's usual heartbeat intervals (5
     * minutes and more) every Heartbeat still shows.
     */
    static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);
    /** How many liveness reports in a row a gateway may miss before its chargers are offline. */
    static final int MISSED_REPORTS = 3;
    /** OCPP 2.0.1's standard variable of a component that has a problem (true) or not (false). */
    private static final String PROBLEM = "Problem";
    /** OCPP 2.0.1's standard variable of a connector's (or an EVSE's) plug type. */
    private static final String CONNECTOR_TYPE = "ConnectorType";

    private ChargerLiveStates() {
    }

    /**
     * The charger after one telemetry record; {@code state} is null before the charger's first record.
     * <ul>
     *   <li>Connection and identity follow the latest record received (by recorded_at): ChargerDisconnected means
     *   not connected, any other record connected; ChargerBooted sets booted_at, vendor, model and firmware version. A
     *   ChargerDisconnected of another connection than the latest ChargerConnected's (a superseded one, see
     *   {@link #endsConnection}) changes nothing.</li>
     *   <li>A connector's status is replaced unless the new one is older (occurred_at) than the one held.</li>
     *   <li>Meter values: the newest sample's power and energy, unless older than the connector's power_at.</li>
     *   <li>TransactionStarted puts the transaction on its connector; TransactionStopped takes it off the connector
     *   holding it and clears that connector's power as of the stop, so older samples and a redelivered start of
     *   the stopped transaction stay ignored.</li>
     *   <li>ChargerConnected sets the OCPP version, the gateway, the connection id and connected_at;
     *   ChargerDisconnected the
     *   disconnect reason (latest record received wins, as for the connection).</li>
     *   <li>HeartbeatReceived and ChargerBooted move last_heartbeat_at to their receive time, never back.</li>
     *   <li>A record that would change only last_seen_at and last_heartbeat_at, by less than
     *   {@link #LAST_SEEN_STEP}, changes nothing.</li>
     *   <li>Sessions: a TransactionStarted counts once on its connector (total_sessions), recognised by its
     *   transaction id among the connector's latest {@value #COUNTED_TRANSACTIONS_KEPT} counted ones.</li>
     *   <li>Energy: the register readings of a transaction (meter_start, the samples' Energy.Active.Import.Register,
     *   the StopTransaction's transactionData up to the stop, meter_stop), each newer (charger time) than the one held, add their rise over it to the connector's
     *   total_energy_wh and to the charger's energy_today_wh of the reading's UTC day; see {@link #registerRead}.
     *   </li>
     * </ul>
     */
    public static ChargerLiveState apply(ChargerLiveState state, ChargerTelemetry telemetry) {
        ChargerLiveState current = state != null ? state
                : initial(telemetry.getChargePointId(), telemetry.getOrganisationId());
        ChargerLiveState next = copyOf(current);
        Object payload = telemetry.getPayload();
        Instant receivedAt = telemetry.getRecordedAt();
        boolean superseded = payload instanceof ChargerDisconnected disconnected
                && !endsConnection(disconnected.getConnectionId(), current.getConnectionId());
        if (!superseded && (current.getLastSeenAt() == null || !receivedAt.isBefore(current.getLastSeenAt()))) {
            next.setLastSeenAt(receivedAt);
            next.setConnected(!(payload instanceof ChargerDisconnected));
            if (payload instanceof ChargerBooted booted) {
                next.setBootedAt(receivedAt);
                next.setVendor(booted.getVendor());
                next.setModel(booted.getModel());
                next.setFirmwareVersion(booted.getFirmwareVersion());
            }
            if (payload instanceof ChargerConnected connected) {
                next.setOcppVersion(connected.getOcppVersion());
                next.setGatewayId(connected.getGatewayId());
                next.setConnectionId(connected.getConnectionId());
                next.setConnectedAt(receivedAt);
                next.setDisconnectReason(null);
            }
            if (payload instanceof ChargerDisconnected disconnected) {
                next.setDisconnectReason(disconnected.getReason());
            }
        }
        if ((payload instanceof HeartbeatReceived || payload instanceof ChargerBooted)
                && (current.getLastHeartbeatAt() == null || receivedAt.isAfter(current.getLastHeartbeatAt()))) {
            next.setLastHeartbeatAt(receivedAt);
        }
        Today today = new Today(current.getEnergyDay(), current.getEnergyTodayWh());
        Map<Integer, ConnectorState> connectors = new TreeMap<>();
        current.getConnectors().forEach(c -> connectors.put(c.getConnectorId(), c));
        Instant at = telemetry.getOccurredAt();
        if (payload instanceof ConnectorStatusChanged changed) {
            update(connectors, changed.getConnectorId(), c -> statusChanged(c, changed, at));
        } else if (payload instanceof MeterValuesReported meter) {
            List<MeterSample> samples = held(meter.getSamples());
            Integer connectorId = meter.getConnectorId() != null ? meter.getConnectorId()
                    : holder(connectors, meter.getTransactionId()).map(ConnectorState::getConnectorId).orElse(null);
            if (connectorId != null) {
                update(connectors, connectorId, c -> registerSamples(metered(c, samples),
                        meter.getTransactionId() != null ? meter.getTransactionId() : c.getTransactionId(),
                        samples, today));
            }
        } else if (payload instanceof TransactionStarted started) {
            int transactionId = started.getTransactionId();
            List<MeterSample> samples = held(started.getSamples());
            update(connectors, started.getConnectorId(), c -> {
                ConnectorState running = counted(transactionStarted(c, transactionId,
                        started.getOcppTransactionId(), at), transactionId);
                if (started.getMeterStartWh() != null) {
                    running = registerRead(running, transactionId, started.getMeterStartWh(), at, true, today);
                }
                return registerSamples(metered(running, samples), transactionId, samples, today);
            });
        } else if (payload instanceof DeviceEventsNotified notified) {
            for (DeviceEvent event : notified.getEvents()) {
                if (event.getEvseId() != null && PROBLEM.equals(event.getVariable())) {
                    update(connectors, event.getEvseId(), c -> problem(c, event));
                }
            }
        } else if (payload instanceof DeviceModelReported report) {
            for (DeviceModelVariable variable : report.getVariables()) {
                if (variable.getEvseId() != null && CONNECTOR_TYPE.equals(variable.getVariable())
                        && "Actual".equals(variable.getAttributeType()) && variable.getValue() != null) {
                    update(connectors, variable.getEvseId(), c -> typed(c, variable.getValue()));
                }
            }
        } else if (payload instanceof TransactionStopped stopped) {
            int transactionId = stopped.getTransactionId();
            ConnectorState holder = holder(connectors, transactionId).orElse(null);
            if (holder != null) {
                ConnectorState stoppedConnector = Objects.equals(holder.getTransactionId(), transactionId)
                        ? transactionStopped(holder, at) : holder;
                // the transactionData before the stop, then meter_stop
                List<MeterSample> data = held(stopped.getSamples()).stream()
                        .filter(sample -> !sample.getSampledAt().isAfter(at)).toList();
                ConnectorState read = registerSamples(stoppedConnector, transactionId, data, today);
                connectors.put(holder.getConnectorId(), stopped.getMeterStopWh() == null ? read
                        : registerRead(read, transactionId, stopped.getMeterStopWh(), at, false, today));
            }
        }
        next.setConnectors(List.copyOf(connectors.values()));
        next.setEnergyDay(today.day);
        next.setEnergyTodayWh(today.wh);
        return settle(state, current, next);
    }

    /**
     * The connector running {@code transactionId}, else the one whose register counts it: its start may not have
     * arrived, or the connector moved on, and its readings still count.
     */
    private static Optional<ConnectorState> holder(Map<Integer, ConnectorState> connectors, Integer transactionId) {
        if (transactionId == null) {
            return Optional.empty();
        }
        return connectors.values().stream().filter(c -> transactionId.equals(c.getTransactionId())).findFirst()
                .or(() -> connectors.values().stream()
                        .filter(c -> transactionId.equals(c.getRegisterTransactionId())).findFirst());
    }

    /**
     * Whether the end of connection {@code connectionId} ends the charger's connection {@code currentConnectionId}
     * (of its latest connect): a charger has one connection at a time, and a newer one supersedes the older, whose
     * end then means nothing. Records written before connections had ids (null) end whatever is current.
     */
    public static boolean endsConnection(String connectionId, String currentConnectionId) {
        return connectionId == null || currentConnectionId == null || connectionId.equals(currentConnectionId);
    }

    /**
     * The charger after it answered one of site load management's TxProfiles: the connector holds the answer (for
     * the transaction, the limit, accepted or not, when), unless it holds a later one.
     */
    public static ChargerLiveState apply(ChargerLiveState state, SiteLoads.ProfileAnswer answer, String chargePointId,
                                         String organisationId) {
        ChargerLiveState current = state != null ? state : initial(chargePointId, organisationId);
        Map<Integer, ConnectorState> connectors = new TreeMap<>();
        current.getConnectors().forEach(c -> connectors.put(c.getConnectorId(), c));
        update(connectors, answer.connectorId(), connector -> profileAnswered(connector, answer));
        ChargerLiveState changed = copyOf(current);
        changed.setConnectors(List.copyOf(connectors.values()));
        return settle(state, current, changed);
    }

    /** The charger after a change in the registry: its organisation, the site it is linked to, registered. */
    public static ChargerLiveState apply(ChargerLiveState state, ChargerView charger) {
        ChargerLiveState current = state != null ? state
                : initial(charger.getChargePointId(), charger.getOrganisationId());
        ChargerLiveState next = copyOf(current);
        next.setOrganisationId(charger.getOrganisationId());
        next.setSiteId(charger.getSiteId());
        next.setRegistered(ChargerViews.isRegistered(charger));
        return settle(state, current, next);
    }

    /**
     * What the gateway check decides for a connected charger {@code now}: if the gateway holding its connection has
     * restarted since it connected (started_at after connected_at), or has missed {@value #MISSED_REPORTS} reports
     * in a row, the end of that connection, as telemetry: ChargerDisconnected with reason {@code gateway <id>
     * restarted} or {@code gateway <id> lost}, the gateway and the state's connection id. It occurred and was
     * recorded when the charger went silent, at its last_seen_at (the gateway's own check of a silent connection
     * dates its end there too), or a millisecond after its connect, which it would otherwise not follow in the
     * charger's history. So folding it ({@link #apply(ChargerLiveState, ChargerTelemetry)}) takes the charger
     * offline with last_seen_at kept, and the same decision taken again before that differs only in its event id.
     * Empty for a charger not connected, whose gateway never reported, or whose gateway is fine.
     */
    public static Optional<ChargerTelemetry> gatewayCheck(ChargerLiveState state, GatewayLiveness gateway,
                                                          Instant now) {
        if (!state.getConnected() || gateway == null || !gateway.getGatewayId().equals(state.getGatewayId())) {
            return Optional.empty();
        }
        Instant connectedAt = state.getConnectedAt() != null ? state.getConnectedAt() : state.getLastSeenAt();
        String reason;
        if (connectedAt != null && gateway.getStartedAt().isAfter(connectedAt)) {
            reason = "gateway " + gateway.getGatewayId() + " restarted";
        } else if (gateway.getReportedAt().plusMillis(MISSED_REPORTS * gateway.getIntervalMs()).isBefore(now)) {
            reason = "gateway " + gateway.getGatewayId() + " lost";
        } else {
            return Optional.empty();
        }
        Instant silentAt = state.getLastSeenAt();
        if (state.getConnectedAt() != null && !silentAt.isAfter(state.getConnectedAt())) {
            silentAt = state.getConnectedAt().plusMillis(1);
        }
        return Optional.of(ChargerTelemetry.newBuilder().setEventId(Ids.EVENT.next())
                .setOrganisationId(state.getOrganisationId()).setChargePointId(state.getChargePointId())
                .setOccurredAt(silentAt).setRecordedAt(silentAt)
                .setPayload(ChargerDisconnected.newBuilder().setReason(reason).setGatewayId(gateway.getGatewayId())
                        .setConnectionId(state.getConnectionId()).build())
                .build());
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

    private static ConnectorState profileAnswered(ConnectorState connector, SiteLoads.ProfileAnswer answer) {
        if (isBefore(answer.at(), connector.getProfileAt())) {
            return connector;
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setProfileTransactionId(answer.transactionId());
        next.setProfileLimitW(answer.limitW());
        next.setProfileStatus(answer.accepted() ? "accepted" : "rejected");
        next.setProfileAt(answer.at());
        return next;
    }

    /**
     * The EVSE with the problem {@code event} reports (2.0.1's Problem variable set true; its techInfo, else
     * techCode, else component.variable), or without one (set false, or cleared).
     */
    private static ConnectorState problem(ConnectorState connector, DeviceEvent event) {
        boolean reported = "true".equalsIgnoreCase(event.getActualValue()) && !Boolean.TRUE.equals(event.getCleared());
        String problem = !reported ? null : event.getTechInfo() != null ? event.getTechInfo()
                : event.getTechCode() != null ? event.getTechCode() : event.getComponent() + "." + event.getVariable();
        if (Objects.equals(problem, connector.getProblem())) {
            return connector;
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setProblem(problem);
        return next;
    }

    /** The EVSE with the plug type its station's device model reports (null if not one ConnectorTypes names). */
    private static ConnectorState typed(ConnectorState connector, String connectorType) {
        String type = ConnectorTypes.ofOcpp201(connectorType).orElse(null);
        if (Objects.equals(type, connector.getType())) {
            return connector;
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setType(type);
        return next;
    }

    private static ConnectorState statusChanged(ConnectorState connector, ConnectorStatusChanged changed, Instant at) {
        if (isBefore(at, connector.getStatusAt())) {
            return connector;
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setStatus(changed.getStatus());
        next.setErrorCode(changed.getErrorCode());
        next.setInfo(changed.getInfo());
        next.setVendorErrorCode(changed.getVendorErrorCode());
        next.setStatusAt(at);
        return next;
    }

    /**
     * The samples within {@link MeterBounds}: the gateway refuses any other, but one recorded before it did must not
     * make a figure infinite.
     */
    private static List<MeterSample> held(List<MeterSample> samples) {
        return samples.stream().filter(MeterBounds::holds).toList();
    }

    private static ConnectorState metered(ConnectorState connector, List<MeterSample> samples) {
        MeterSample newest = samples.stream().max(Comparator.comparing(MeterSample::getSampledAt)).orElse(null);
        if (newest == null || isBefore(newest.getSampledAt(), connector.getPowerAt())) {
            return connector;
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setPowerAt(newest.getSampledAt());
        if (newest.getPowerW() != null) next.setPowerW(newest.getPowerW());
        if (newest.getEnergyWh() != null) next.setEnergyWh(newest.getEnergyWh());
        return next;
    }

    private static ConnectorState transactionStarted(ConnectorState connector, int transactionId,
                                                     String ocppTransactionId, Instant at) {
        if (isBefore(at, connector.getPowerAt())) {
            return connector;
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setTransactionId(transactionId);
        next.setOcppTransactionId(ocppTransactionId);
        next.setTransactionStartedAt(at);
        return next;
    }

    private static ConnectorState transactionStopped(ConnectorState connector, Instant at) {
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setTransactionId(null);
        next.setOcppTransactionId(null);
        next.setTransactionStartedAt(null);
        next.setPowerW(null);
        next.setPowerAt(isBefore(at, connector.getPowerAt()) ? connector.getPowerAt() : at);
        return next;
    }

    /** The connector with {@code transactionId} counted as a session, unless it was counted already. */
    private static ConnectorState counted(ConnectorState connector, int transactionId) {
        if (connector.getCountedTransactionIds().contains(transactionId)) {
            return connector;
        }
        List<Integer> ids = new ArrayList<>(connector.getCountedTransactionIds());
        ids.add(transactionId);
        if (ids.size() > COUNTED_TRANSACTIONS_KEPT) {
            ids.remove(0);
        }
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setCountedTransactionIds(ids);
        next.setTotalSessions(connector.getTotalSessions() + 1);
        return next;
    }

    /**
     * The register samples of a MeterValues request or of a StopTransaction's transactionData, oldest first, as
     * readings of {@code transactionId}: the one a MeterValues request names, else the one running on the
     * connector; with neither they count for nothing.
     */
    private static ConnectorState registerSamples(ConnectorState connector, Integer transactionId,
                                                  List<MeterSample> meterSamples, Today today) {
        if (transactionId == null) {
            return connector;
        }
        List<MeterSample> samples = meterSamples.stream().filter(sample -> sample.getEnergyWh() != null)
                .sorted(Comparator.comparing(MeterSample::getSampledAt)).toList();
        ConnectorState next = connector;
        for (MeterSample sample : samples) {
            next = registerRead(next, transactionId, sample.getEnergyWh(), sample.getSampledAt(), false, today);
        }
        return next;
    }

    /**
     * One register reading ({@code wh} at charger time {@code at}) of a transaction; {@code start} for its
     * meter_start. The connector holds the last reading counted (register_transaction_id, register_wh,
     * register_at), so a reading applied again, or older than the one held, counts nothing:
     * <ul>
     *   <li>a newer reading of the held transaction counts its rise over register_wh (a fall, a meter reset, only
     *   re-bases);</li>
     *   <li>a newer reading of another transaction starts counting from it;</li>
     *   <li>the start of the held transaction arriving after its readings counts, once, the rise from meter_start
     *   to the first of them (register_first_wh, null once counted), on the start's day;</li>
     *   <li>anything older than register_at is ignored (a late reading of an earlier transaction is lost rather
     *   than counted twice).</li>
     * </ul>
     * What is counted goes to the connector's total_energy_wh and to {@code today} on the UTC day of the reading
     * that showed it (a rise across midnight is the later day's); any newer reading on a later day starts the charger's day afresh.
     */
    private static ConnectorState registerRead(ConnectorState connector, int transactionId, double wh, Instant at,
                                               boolean start, Today today) {
        boolean sameTransaction = Objects.equals(connector.getRegisterTransactionId(), transactionId);
        Instant heldAt = connector.getRegisterAt();
        if (sameTransaction && start) {
            Double first = connector.getRegisterFirstWh();
            if (first == null) {
                return connector;
            }
            ConnectorState next = SharedCopies.of(connector, new ConnectorState());
            next.setRegisterFirstWh(null);
            if (!at.isAfter(heldAt)) {
                double rise = Math.max(0, first - wh);
                today.count(rise, at);
                next.setTotalEnergyWh(connector.getTotalEnergyWh() + rise);
                return next;
            }
            today.count(0, at);
            next.setRegisterWh(wh);
            next.setRegisterAt(at);
            return next;
        }
        if (heldAt != null && !at.isAfter(heldAt)) {
            return connector;
        }
        double rise = sameTransaction ? Math.max(0, wh - connector.getRegisterWh()) : 0;
        today.count(rise, at);
        ConnectorState next = SharedCopies.of(connector, new ConnectorState());
        next.setRegisterTransactionId(transactionId);
        next.setRegisterWh(wh);
        next.setRegisterAt(at);
        next.setTotalEnergyWh(connector.getTotalEnergyWh() + rise);
        if (!sameTransaction) {
            next.setRegisterFirstWh(start ? null : wh);
        }
        return next;
    }

    /** The charger's energy of one UTC day, as one record changes it. */
    private static final class Today {

        private LocalDate day;
        private double wh;

        Today(LocalDate day, double wh) {
            this.day = day;
            this.wh = wh;
        }

        /** Energy shown by a reading at {@code at}: a later day starts afresh, an earlier one is not today's. */
        void count(double energyWh, Instant at) {
            LocalDate readingDay = at.atOffset(ZoneOffset.UTC).toLocalDate();
            if (day == null || readingDay.isAfter(day)) {
                day = readingDay;
                wh = 0;
            }
            if (readingDay.equals(day)) {
                wh += energyWh;
            }
        }
    }

    /**
     * Whether {@code candidate} differs from {@code state} only in last_seen_at and last_heartbeat_at, each less than
     * {@link #LAST_SEEN_STEP} later than held.
     */
    private static boolean onlySeenWithinAStep(ChargerLiveState state, ChargerLiveState candidate) {
        Instant seen = candidate.getLastSeenAt();
        Instant heartbeat = candidate.getLastHeartbeatAt();
        if (!withinAStep(state.getLastSeenAt(), seen) || !withinAStep(state.getLastHeartbeatAt(), heartbeat)) {
            return false;
        }
        candidate.setLastSeenAt(state.getLastSeenAt());
        candidate.setLastHeartbeatAt(state.getLastHeartbeatAt());
        boolean same = candidate.equals(state);
        candidate.setLastSeenAt(seen);
        candidate.setLastHeartbeatAt(heartbeat);
        return same;
    }

    private static boolean withinAStep(Instant held, Instant next) {
        return Objects.equals(held, next)
                || held != null && next != null && next.isBefore(held.plus(LAST_SEEN_STEP));
    }

    /** True if {@code at} is older than the time {@code held} of what the state holds (none held: false). */
    private static boolean isBefore(Instant at, Instant held) {
        return held != null && at.isBefore(held);
    }

    private static ChargerLiveState copyOf(ChargerLiveState state) {
        return SharedCopies.of(state, new ChargerLiveState());
    }

    /**
     * {@code candidate} with its status, power and sessions worked out again, one version after {@code current}; or
     * {@code state} itself if nothing changed, so a redelivery emits nothing.
     */
    private static ChargerLiveState settle(ChargerLiveState state, ChargerLiveState current,
                                           ChargerLiveState candidate) {
        // a java.util list: Avro's GenericData.Array.equals compares records without their timestamp conversions
        // and throws on a connector's status_at
        candidate.setConnectors(new ArrayList<>(candidate.getConnectors()));
        List<ConnectorState> active = candidate.getConnectors().stream()
                .filter(c -> c.getTransactionId() != null).toList();
        candidate.setActiveSessions(active.size());
        candidate.setPowerKw(Kilowatts.round(active.stream()
                .mapToDouble(c -> c.getPowerW() == null ? 0 : c.getPowerW()).sum() / 1000));
        candidate.setStatus(ChargerStatuses.rollup(candidate));
        if (state != null && onlySeenWithinAStep(state, candidate) || candidate.equals(state)) {
            return state;
        }
        candidate.setVersion(current.getVersion() + 1);
        return candidate;
    }
}
