package org.dynamocsms.ocpp.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * The EVSE and connector status of each OCPP 2.0.1 transaction running on the stations this gateway serves, as
 * their TransactionEvents said. 2.0.1 names a transaction's EVSE only in its first event, and its
 * StatusNotification says only Occupied where 1.6 says Charging or SuspendedEV: this is what the later events and
 * an Occupied are read with. Kept by each gateway, in memory: a station that moved to another gateway (or whose
 * gateway restarted) in the middle of a transaction is known again from the next event that names the EVSE; until
 * then its Occupied reads as Preparing and a change of charging state with no EVSE is not a status. At most
 * {@value #KEPT_PER_STATION} transactions per station are kept (the oldest go), so one that never ends costs nothing.
 */
public final class RunningTransactions {

    static final int KEPT_PER_STATION = 16;

    /** A running transaction: its EVSE, and the connector status its charging state comes to. */
    record Running(int evseId, ConnectorStatus status) {
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
            return running.values().stream().filter(r -> r.evseId() == evseId).reduce((first, later) -> later)
                    .map(Running::status);
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
