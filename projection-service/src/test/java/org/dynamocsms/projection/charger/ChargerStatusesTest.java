package org.dynamocsms.projection.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Available;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Charging;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Faulted;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Preparing;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Unavailable;

import java.util.Arrays;

import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChargerStatusesTest {

    @Test
    void rule1_aChargerNeverSeenIsOffline() {
        assertThat(ChargerStatuses.rollup(null)).isEqualTo(ChargerStatus.offline);
    }

    @Test
    void rule1_aDisconnectedChargerIsOfflineWhateverItsConnectorsLastSaid() {
        assertThat(ChargerStatuses.rollup(charger(false, connector(1, Charging)))).isEqualTo(ChargerStatus.offline);
        assertThat(ChargerStatuses.rollup(charger(false, connector(0, Faulted)))).isEqualTo(ChargerStatus.offline);
        assertThat(ChargerStatuses.rollup(charger(false))).isEqualTo(ChargerStatus.offline);
    }

    @Test
    void rule2_connectorZeroFaultedMakesTheChargerFaultedEvenWhileAConnectorCharges() {
        assertThat(ChargerStatuses.rollup(charger(true, connector(0, Faulted), connector(1, Charging))))
                .isEqualTo(ChargerStatus.faulted);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectorStatus.class, names = {"Charging", "SuspendedEV", "SuspendedEVSE"})
    void rule3_aConnectorInASessionMakesTheChargerCharging(ConnectorStatus status) {
        assertThat(ChargerStatuses.rollup(charger(true, connector(1, Available), connector(2, status))))
                .isEqualTo(ChargerStatus.charging);
    }

    @Test
    void rule3_chargingWinsOverAFaultOnAnotherConnector() {
        assertThat(ChargerStatuses.rollup(charger(true, connector(1, Faulted), connector(2, Charging))))
                .isEqualTo(ChargerStatus.charging);
    }

    @Test
    void rule4_aFaultedConnectorMakesTheChargerFaultedOverAvailableOnes() {
        assertThat(ChargerStatuses.rollup(charger(true, connector(1, Available), connector(2, Faulted))))
                .isEqualTo(ChargerStatus.faulted);
    }

    @Test
    void rule5_anAvailableConnectorMakesTheChargerAvailable() {
        assertThat(ChargerStatuses.rollup(charger(true, connector(1, Unavailable), connector(2, Available))))
                .isEqualTo(ChargerStatus.available);
        assertThat(ChargerStatuses.rollup(charger(true, connector(0, Available)))).isEqualTo(ChargerStatus.available);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectorStatus.class, names = {"Preparing", "Finishing", "Reserved", "Unavailable", "Unknown"})
    void rule6_connectedWithNoneOfTheAboveIsOnline(ConnectorStatus status) {
        assertThat(ChargerStatuses.rollup(charger(true, connector(1, status), connector(2, Preparing))))
                .isEqualTo(ChargerStatus.online);
    }

    @Test
    void rule6_connectedWithNoStatusYetIsOnline() {
        assertThat(ChargerStatuses.rollup(charger(true))).isEqualTo(ChargerStatus.online);
    }

    private static ChargerLiveState charger(boolean connected, ConnectorState... connectors) {
        return ChargerLiveState.newBuilder().setChargePointId("CP-1").setConnected(connected)
                .setConnectors(Arrays.asList(connectors)).build();
    }

    private static ConnectorState connector(int id, ConnectorStatus status) {
        return ConnectorState.newBuilder().setConnectorId(id).setStatus(status).build();
    }
}
