package org.dynamocsms.ocpp.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * The OCPP 2.0.1 transactions running on the stations this gateway serves, as their TransactionEvents said: each
 * one's id, EVSE and connector status. 2.0.1 names a transaction's EVSE only in its first event, its
 * StatusNotification says only Occupied where 1.6 says Charging or SuspendedEV, and the central system's calls name
 * a transaction by its integer id ({@link TransactionIds#of}): this is what the later events, an Occupied and those
 * calls are read with. Kept by each gateway, in memory: a station that moved to another gateway (or whose gateway
 * restarted) in the middle of a transaction is known again from its next event (its EVSE from the next that names
 * it); until then its Occupied reads as Preparing, a change of charging state with no EVSE is not a status, and a
 * call naming the transaction is not sent. At most
 * {@value #KEPT_PER_STATION} transactions per station are kept (the oldest go), so one that never ends costs nothing.
 */
public final class RunningTransactions {

    static final int KEPT_PER_STATION = 16;

    /** A running transaction: its EVSE (null until an event names it), and the status its charging state comes to. */
    record Running(Integer evseId, ConnectorStatus status) {
    }

    private final Map<String, Map<String, Running>> byStation = new ConcurrentHashMap<>();

    Optional<Running> of(String stationId, String transactionId) {
        return Optional.ofNullable(transactions(stationId).get(transactionId));
    }

    void running(String stationId, String transactionId, Running running) {
        transactions(stationId).put(transactionId, running);
    }

    void ended(String stationId, String transactionId) {
        transactions(stationId).remove(transactionId);
    }

    /** The status of the latest transaction running on EVSE {@code evseId}, if one is. */
    Optional<ConnectorStatus> statusOn(String stationId, int evseId) {
        Map<String, Running> running = transactions(stationId);
        synchronized (running) {
            return running.values().stream().filter(r -> r.evseId() != null && r.evseId() == evseId)
                    .reduce((first, later) -> later).map(Running::status);
        }
    }

    /** The station's own id of the running transaction whose integer id is {@code transactionId}, if known. */
    public Optional<String> ocppId(String stationId, int transactionId) {
        Map<String, Running> running = transactions(stationId);
        synchronized (running) {
            return running.keySet().stream().filter(id -> TransactionIds.of(id) == transactionId).findFirst();
        }
    }

    /** The station's own id of the latest transaction running on EVSE {@code evseId}, if one is known. */
    public Optional<String> ocppIdOn(String stationId, int evseId) {
        Map<String, Running> running = transactions(stationId);
        synchronized (running) {
            return running.entrySet().stream()
                    .filter(entry -> entry.getValue().evseId() != null && entry.getValue().evseId() == evseId)
                    .map(Map.Entry::getKey).reduce((first, later) -> later);
        }
    }

    private Map<String, Running> transactions(String stationId) {
        return byStation.computeIfAbsent(stationId, id -> Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Running> eldest) {
                return size() > KEPT_PER_STATION;
            }
        }));
    }
}
