package org.dynamocsms.projection.charger;

import java.util.List;
import java.util.Set;

import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/** The one rule by which a charger's connection and connector statuses roll up to the charger's status. */
public final class ChargerStatuses {

    private static final Set<ConnectorStatus> CHARGING =
            Set.of(ConnectorStatus.Charging, ConnectorStatus.SuspendedEV, ConnectorStatus.SuspendedEVSE);

    private ChargerStatuses() {
    }

    /**
     * A charger's status; the first rule that matches wins:
     * <ol>
     *   <li>offline: no open OCPP connection (never seen, or disconnected);</li>
     *   <li>faulted: connector 0 (the charge point as a whole) reports Faulted;</li>
     *   <li>charging: some connector is Charging, SuspendedEV or SuspendedEVSE;</li>
     *   <li>faulted: some connector reports Faulted;</li>
     *   <li>available: some connector is Available;</li>
     *   <li>online: connected but none of the above (Preparing, Finishing, Reserved, Unavailable, or no status
     *   yet).</li>
     * </ol>
     *
     * @param charger the charger's live state; null if it was never seen
     */
    public static ChargerStatus rollup(ChargerLiveState charger) {
        if (charger == null || !charger.getConnected()) {
            return ChargerStatus.offline;
        }
        List<ConnectorState> connectors = charger.getConnectors();
        if (connectors.stream().anyMatch(c -> c.getConnectorId() == 0 && c.getStatus() == ConnectorStatus.Faulted)) {
            return ChargerStatus.faulted;
        }
        if (connectors.stream().anyMatch(c -> CHARGING.contains(c.getStatus()))) {
            return ChargerStatus.charging;
        }
        if (connectors.stream().anyMatch(c -> c.getStatus() == ConnectorStatus.Faulted)) {
            return ChargerStatus.faulted;
        }
        if (connectors.stream().anyMatch(c -> c.getStatus() == ConnectorStatus.Available)) {
            return ChargerStatus.available;
        }
        return ChargerStatus.online;
    }
}
