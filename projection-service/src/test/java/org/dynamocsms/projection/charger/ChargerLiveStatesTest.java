package org.dynamocsms.projection.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.projection.Records.at;
import static org.dynamocsms.projection.Records.booted;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.disconnected;
import static org.dynamocsms.projection.Records.fault;
import static org.dynamocsms.projection.Records.heartbeat;
import static org.dynamocsms.projection.Records.liveness;
import static org.dynamocsms.projection.Records.meter;
import static org.dynamocsms.projection.Records.receivedAt;
import static org.dynamocsms.projection.Records.started;
import static org.dynamocsms.projection.Records.status;
import static org.dynamocsms.projection.Records.stopped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.dynamocsms.projection.Records;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.telemetry.DeviceEvent;
import org.dynamocsms.schemas.telemetry.DeviceEventsNotified;
import org.dynamocsms.schemas.telemetry.DeviceModelReported;
import org.dynamocsms.schemas.telemetry.DeviceModelVariable;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.junit.jupiter.api.Test;

class ChargerLiveStatesTest {

    private static final String CP = "CP-1";

    @Test
    void theFirstRecordStartsTheState() {
        ChargerLiveState state = ChargerLiveStates.apply(null, connected(CP, at(1)));

        assertThat(state.getChargePointId()).isEqualTo(CP);
        assertThat(state.getOrganisationId()).isEqualTo(Records.ORG);
        assertThat(state.getConnected()).isTrue();
        assertThat(state.getLastSeenAt()).isEqualTo(at(1));
        assertThat(state.getRegistered()).isFalse();
        assertThat(state.getSiteId()).isNull();
        assertThat(state.getConnectors()).isEmpty();
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.online);
        assertThat(state.getPowerKw()).isZero();
        assertThat(state.getActiveSessions()).isZero();
        assertThat(state.getVersion()).isEqualTo(1);
    }

    @Test
    void disconnectedMeansOfflineAndAnyLaterMessageMeansConnectedAgain() {
        ChargerLiveState state = fold(connected(CP, at(1)), status(CP, at(2), 1, ConnectorStatus.Available),
                disconnected(CP, at(3)));
        assertThat(state.getConnected()).isFalse();
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.offline);

        state = ChargerLiveStates.apply(state, heartbeat(CP, at(4)));
        assertThat(state.getConnected()).isTrue();
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.available);
        assertThat(state.getLastSeenAt()).isEqualTo(at(4));
    }

    @Test
    void aMessageReceivedEarlierThanTheLatestOneChangesNeitherConnectionNorLastSeen() {
        ChargerTelemetry lateDisconnect = disconnected(CP, at(5));
        ChargerLiveState state = fold(connected(CP, at(10)), lateDisconnect);

        assertThat(state.getConnected()).isTrue();
        assertThat(state.getLastSeenAt()).isEqualTo(at(10));
        assertThat(state.getVersion()).isEqualTo(1);
    }

    @Test
    void aBootSetsVendorModelAndFirmware() {
        ChargerLiveState state = fold(connected(CP, at(1)), booted(CP, at(2), "1.4.2"));

        assertThat(state.getVendor()).isEqualTo("ABB");
        assertThat(state.getModel()).isEqualTo("Terra AC");
        assertThat(state.getFirmwareVersion()).isEqualTo("1.4.2");
        assertThat(ChargerLiveStates.apply(state, booted(CP, at(3), "1.5.0")).getFirmwareVersion())
                .isEqualTo("1.5.0");
    }

    @Test
    void aStatusUpdatesItsConnectorWithTheErrorDetails() {
        ChargerLiveState state = fold(connected(CP, at(1)),
                fault(CP, at(2), 1, ChargePointErrorCode.GroundFailure, "RCD tripped"));

        assertThat(state.getConnectors()).singleElement().satisfies(connector -> {
            assertThat(connector.getConnectorId()).isEqualTo(1);
            assertThat(connector.getStatus()).isEqualTo(ConnectorStatus.Faulted);
            assertThat(connector.getErrorCode()).isEqualTo(ChargePointErrorCode.GroundFailure);
            assertThat(connector.getInfo()).isEqualTo("RCD tripped");
            assertThat(connector.getVendorErrorCode()).isEqualTo("E42");
            assertThat(connector.getStatusAt()).isEqualTo(at(2));
        });
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.faulted);

        state = ChargerLiveStates.apply(state, status(CP, at(3), 1, ConnectorStatus.Available));
        assertThat(state.getConnectors().get(0).getErrorCode()).isEqualTo(ChargePointErrorCode.NoError);
        assertThat(state.getConnectors().get(0).getInfo()).isNull();
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.available);
    }

    @Test
    void connectorsAreKeptInConnectorIdOrder() {
        ChargerLiveState state = fold(connected(CP, at(1)), status(CP, at(2), 2, ConnectorStatus.Available),
                status(CP, at(3), 0, ConnectorStatus.Available), status(CP, at(4), 1, ConnectorStatus.Preparing));

        assertThat(state.getConnectors()).extracting(ConnectorState::getConnectorId).containsExactly(0, 1, 2);
    }

    @Test
    void aStatusOlderThanTheConnectorsCurrentOneIsIgnored() {
        ChargerLiveState state = fold(connected(CP, at(1)), status(CP, at(10), 1, ConnectorStatus.Charging),
                receivedAt(status(CP, at(5), 1, ConnectorStatus.Available), at(71)));

        assertThat(state.getConnectors().get(0).getStatus()).isEqualTo(ConnectorStatus.Charging);
        assertThat(state.getConnectors().get(0).getStatusAt()).isEqualTo(at(10));
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.charging);
        assertThat(state.getLastSeenAt()).isEqualTo(at(71));
    }

    @Test
    void meterValuesGiveTheNewestSampleOfTheirConnector() {
        ChargerLiveState state = fold(connected(CP, at(1)), meter(CP, at(6), 1, null, List.of(
                new MeterSample(at(3), 1000.0, 1000.0),
                new MeterSample(at(5), 7400.0, 2000.0),
                new MeterSample(at(4), 5000.0, 1500.0))));

        ConnectorState connector = state.getConnectors().get(0);
        assertThat(connector.getPowerW()).isEqualTo(7400.0);
        assertThat(connector.getEnergyWh()).isEqualTo(2000.0);
        assertThat(connector.getPowerAt()).isEqualTo(at(5));
    }

    @Test
    void meterValuesOlderThanThoseHeldAreIgnored() {
        ChargerLiveState state = fold(connected(CP, at(1)), meter(CP, at(10), 1, null, 7400.0, 2000.0),
                receivedAt(meter(CP, at(8), 1, null, 3000.0, 1800.0), at(11)));

        assertThat(state.getConnectors().get(0).getPowerW()).isEqualTo(7400.0);
        assertThat(state.getConnectors().get(0).getEnergyWh()).isEqualTo(2000.0);
    }

    @Test
    void aMeterValuesRequestWithoutSamplesChangesNoConnector() {
        ChargerLiveState before = fold(connected(CP, at(1)), meter(CP, at(2), 1, null, 7400.0, 2000.0));

        ChargerLiveState after = ChargerLiveStates.apply(before, meter(CP, at(3), 1, null, List.of()));

        assertThat(after.getConnectors()).isEqualTo(before.getConnectors());
    }

    @Test
    void powerAndSessionsCountOnlyConnectorsRunningATransaction() {
        ChargerLiveState state = fold(connected(CP, at(1)), meter(CP, at(2), 1, null, 7400.0, 0.0));
        assertThat(state.getPowerKw()).isZero();
        assertThat(state.getActiveSessions()).isZero();

        state = ChargerLiveStates.apply(state, started(CP, at(3), 1, 7));
        assertThat(state.getConnectors().get(0).getTransactionId()).isEqualTo(7);
        assertThat(state.getPowerKw()).isEqualTo(7.4);
        assertThat(state.getActiveSessions()).isEqualTo(1);

        // a transaction with no power reported yet counts as 0 W
        state = ChargerLiveStates.apply(state, started(CP, at(4), 2, 8));
        assertThat(state.getPowerKw()).isEqualTo(7.4);
        assertThat(state.getActiveSessions()).isEqualTo(2);

        state = ChargerLiveStates.apply(state, meter(CP, at(5), 2, 8, 3650.0, 100.0));
        assertThat(state.getPowerKw()).isEqualTo(11.05);
    }

    @Test
    void aStopEndsTheTransactionOnTheConnectorHoldingItAndClearsItsPower() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7), started(CP, at(2), 2, 8),
                meter(CP, at(3), 1, 7, 7400.0, 500.0), meter(CP, at(3), 2, 8, 3650.0, 200.0),
                stopped(CP, at(4), 7));

        assertThat(state.getConnectors().get(0).getTransactionId()).isNull();
        assertThat(state.getConnectors().get(0).getPowerW()).isNull();
        assertThat(state.getConnectors().get(0).getEnergyWh()).isEqualTo(500.0);
        assertThat(state.getConnectors().get(1).getTransactionId()).isEqualTo(8);
        assertThat(state.getActiveSessions()).isEqualTo(1);
        assertThat(state.getPowerKw()).isEqualTo(3.65);

        // samples taken before the stop, arriving after it, do not bring the power back
        state = ChargerLiveStates.apply(state, receivedAt(meter(CP, at(3), 1, 7, 7000.0, 450.0), at(5)));
        assertThat(state.getConnectors().get(0).getPowerW()).isNull();
    }

    @Test
    void aStopOfATransactionNoConnectorHoldsChangesNoConnector() {
        ChargerLiveState before = fold(connected(CP, at(1)), started(CP, at(2), 1, 7));

        ChargerLiveState after = ChargerLiveStates.apply(before, stopped(CP, at(3), 99));

        assertThat(after.getConnectors()).isEqualTo(before.getConnectors());
        assertThat(after.getActiveSessions()).isEqualTo(1);
    }

    @Test
    void powerIsRoundedToTheWatt() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7), started(CP, at(2), 2, 8),
                meter(CP, at(3), 1, 7, 7400.4, 0.0), meter(CP, at(3), 2, 8, 3650.4, 0.0));

        assertThat(state.getPowerKw()).isEqualTo(11.051);
    }

    @Test
    void everyRecordAppliedAgainChangesNothing() {
        List<ChargerTelemetry> records = List.of(connected(CP, at(1)), booted(CP, at(2), "1.4.2"),
                status(CP, at(3), 1, ConnectorStatus.Preparing), started(CP, at(4), 1, 7),
                status(CP, at(5), 1, ConnectorStatus.Charging), meter(CP, at(6), 1, 7, 7400.0, 500.0),
                heartbeat(CP, at(7)), stopped(CP, at(8), 7), status(CP, at(9), 1, ConnectorStatus.Available),
                disconnected(CP, at(10)));
        ChargerLiveState state = null;
        for (ChargerTelemetry record : records) {
            ChargerLiveState next = ChargerLiveStates.apply(state, record);
            assertThat(ChargerLiveStates.apply(next, record)).as("%s again", record.getPayload()).isSameAs(next);
            state = next;
        }
        for (ChargerTelemetry record : records) {
            assertThat(ChargerLiveStates.apply(state, record)).as("%s redelivered", record.getPayload())
                    .isSameAs(state);
        }
        // all but the heartbeat, which only moved last_seen_at less than LAST_SEEN_STEP
        assertThat(state.getVersion()).isEqualTo(records.size() - 1);
        assertThat(state.getActiveSessions()).isZero();
        assertThat(state.getConnected()).isFalse();
    }

    @Test
    void theRegistrySetsOrganisationSiteAndRegistration() {
        ChargerView registered = ChargerViews.apply(null, Records.registered(CP));
        ChargerView linked = ChargerViews.apply(registered, Records.linked(CP, 2, "site_A", null));
        ChargerLiveState state = fold(connected(CP, at(1)), status(CP, at(2), 1, ConnectorStatus.Available));

        state = ChargerLiveStates.apply(state, linked);
        assertThat(state.getRegistered()).isTrue();
        assertThat(state.getSiteId()).isEqualTo("site_A");
        assertThat(state.getOrganisationId()).isEqualTo(Records.ORG);
        assertThat(state.getConnectors()).hasSize(1);
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.available);
        assertThat(ChargerLiveStates.apply(state, linked)).isSameAs(state);

        ChargerView unlinked = ChargerViews.apply(linked, Records.unlinked(CP, 3, "site_A", UnlinkReason.UNLINKED));
        assertThat(ChargerLiveStates.apply(state, unlinked).getSiteId()).isNull();

        ChargerView decommissioned = ChargerViews.apply(linked, Records.decommissioned(CP, 3));
        ChargerLiveState gone = ChargerLiveStates.apply(state, decommissioned);
        assertThat(gone.getRegistered()).isFalse();
        assertThat(gone.getSiteId()).isNull();
        assertThat(gone.getVersion()).isEqualTo(state.getVersion() + 1);
    }

    @Test
    void aChargerKnownFromTheRegistryBeforeItsFirstMessageIsOffline() {
        ChargerLiveState state = ChargerLiveStates.apply(null, ChargerViews.apply(null, Records.registered(CP)));

        assertThat(state.getRegistered()).isTrue();
        assertThat(state.getConnected()).isFalse();
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.offline);
        assertThat(state.getVersion()).isEqualTo(1);
    }

    @Test
    void theLatestConnectionGivesTheOcppVersion() {
        ChargerLiveState state = fold(connected(CP, at(1)));
        assertThat(state.getOcppVersion()).isEqualTo("1.6");

        state = ChargerLiveStates.apply(state, Records.telemetry(CP, at(5),
                new ChargerConnected("2.0.1", "gw-2", null, null)));
        assertThat(state.getOcppVersion()).isEqualTo("2.0.1");

        // a connection received before the one held changes nothing
        state = ChargerLiveStates.apply(state, connected(CP, at(3)));
        assertThat(state.getOcppVersion()).isEqualTo("2.0.1");
    }

    @Test
    void aConnectionRecordsItsGatewayAndTimeAndADisconnectionItsReason() {
        ChargerLiveState state = fold(connected(CP, at(1)), disconnected(CP, at(4)));
        assertThat(state.getGatewayId()).isEqualTo("gw-1");
        assertThat(state.getConnectedAt()).isEqualTo(at(1));
        assertThat(state.getDisconnectReason()).isEqualTo("closed");

        state = ChargerLiveStates.apply(state, Records.telemetry(CP, at(9),
                new ChargerConnected("1.6", "gw-2", null, null)));
        assertThat(state.getGatewayId()).isEqualTo("gw-2");
        assertThat(state.getConnectedAt()).isEqualTo(at(9));
        assertThat(state.getDisconnectReason()).isNull();
    }

    @Test
    void aChargerGoesOfflineWhenItsGatewayRestartedSinceItConnected() {
        ChargerLiveState state = fold(connected(CP, at(10), "gw-1", "con_1"), heartbeat(CP, at(20)));

        ChargerTelemetry end = ChargerLiveStates.gatewayCheck(state, liveness("gw-1", at(30), at(30)), at(31))
                .orElseThrow();

        // the end of its connection, as the gateway writes one: dated at its last message, when it went silent
        assertThat(end.getEventId()).startsWith("evt_");
        assertThat(end.getOrganisationId()).isEqualTo(Records.ORG);
        assertThat(end.getChargePointId()).isEqualTo(CP);
        assertThat(end.getOccurredAt()).isEqualTo(at(20));
        assertThat(end.getRecordedAt()).isEqualTo(at(20));
        assertThat(end.getPayload()).isEqualTo(new ChargerDisconnected("gateway gw-1 restarted", "gw-1", "con_1"));
        ChargerLiveState checked = ChargerLiveStates.apply(state, end);
        assertThat(checked.getConnected()).isFalse();
        assertThat(checked.getStatus()).isEqualTo(ChargerStatus.offline);
        assertThat(checked.getDisconnectReason()).isEqualTo("gateway gw-1 restarted");
        assertThat(checked.getLastSeenAt()).isEqualTo(at(20));
        assertThat(checked.getVersion()).isEqualTo(state.getVersion() + 1);
        // a message after the restart is a new connection's: connected again
        assertThat(ChargerLiveStates.apply(checked, connected(CP, at(32))).getConnected()).isTrue();
    }

    @Test
    void aChargerGoesOfflineWhenItsGatewayMissedThreeReportsInARow() {
        ChargerLiveState state = fold(connected(CP, at(10)), heartbeat(CP, at(90)));
        GatewayLiveness gateway = liveness("gw-1", at(0), at(100));

        // reports every 10 s: the one of 100 s is overdue by three reports only after 130 s
        assertThat(ChargerLiveStates.gatewayCheck(state, gateway, at(130))).isEmpty();
        ChargerLiveState checked = checked(state, gateway, at(131));
        assertThat(checked.getConnected()).isFalse();
        assertThat(checked.getDisconnectReason()).isEqualTo("gateway gw-1 lost");
        assertThat(checked.getLastSeenAt()).isEqualTo(at(90));
    }

    @Test
    void theCheckOfAChargerLastSeenAtItsConnectEndsTheConnectionAMillisecondLater() {
        ChargerLiveState state = fold(connected(CP, at(10), "gw-1", "con_1"));

        ChargerTelemetry end = ChargerLiveStates.gatewayCheck(state, liveness("gw-1", at(0), at(20)), at(500))
                .orElseThrow();

        // at its connect's instant, the disconnect would sort before it in the charger's history and end nothing
        assertThat(end.getOccurredAt()).isEqualTo(at(10).plusMillis(1));
        assertThat(ChargerLiveStates.apply(state, end).getConnected()).isFalse();
    }

    @Test
    void theCheckDecidedAgainOrItsFactRedeliveredChangesNothing() {
        ChargerLiveState state = fold(connected(CP, at(10), "gw-1", "con_1"), heartbeat(CP, at(20)));
        GatewayLiveness gateway = liveness("gw-1", at(0), at(20));
        ChargerTelemetry end = ChargerLiveStates.gatewayCheck(state, gateway, at(100)).orElseThrow();
        // the same state checked again later, before the first decision was folded (say, after a restart)
        ChargerTelemetry again = ChargerLiveStates.gatewayCheck(state, gateway, at(900)).orElseThrow();
        assertThat(again.getEventId()).isNotEqualTo(end.getEventId());

        ChargerLiveState offline = ChargerLiveStates.apply(state, end);
        assertThat(ChargerLiveStates.apply(offline, again)).isSameAs(offline);
        assertThat(ChargerLiveStates.apply(offline, end)).isSameAs(offline);
    }

    @Test
    void aLiveGatewayAnotherGatewayOrNoReportLeavesTheChargerAsItIs() {
        ChargerLiveState state = fold(connected(CP, at(10)));

        assertThat(ChargerLiveStates.gatewayCheck(state, liveness("gw-1", at(0), at(100)), at(101))).isEmpty();
        assertThat(ChargerLiveStates.gatewayCheck(state, liveness("gw-1", at(10), at(100)), at(101)))
                .as("started in the same millisecond as the connection: the connection is of this run")
                .isEmpty();
        assertThat(ChargerLiveStates.gatewayCheck(state, liveness("gw-2", at(50), at(50)), at(500))).isEmpty();
        assertThat(ChargerLiveStates.gatewayCheck(state, null, at(500))).isEmpty();
        ChargerLiveState offline = ChargerLiveStates.apply(state, disconnected(CP, at(20)));
        assertThat(ChargerLiveStates.gatewayCheck(offline, liveness("gw-1", at(50), at(50)), at(500))).isEmpty();
    }

    /**
     * Issue 12: the charger opens a second connection, boots and reports on it, and the end of its first connection
     * is seen 5 s later. Only the end of its current connection takes it offline.
     */
    @Test
    void theEndOfASupersededConnectionLeavesTheChargerOnline() {
        ChargerLiveState state = fold(connected(CP, at(0), "gw-1", "con_1"), connected(CP, at(10), "gw-1", "con_2"),
                booted(CP, at(11), "1.2"), status(CP, at(12), 1, ConnectorStatus.Available),
                status(CP, at(13), 0, ConnectorStatus.Available), disconnected(CP, at(15), "con_1"));

        assertThat(state.getConnected()).isTrue();
        assertThat(state.getStatus()).isEqualTo(ChargerStatus.available);
        assertThat(state.getConnectionId()).isEqualTo("con_2");
        assertThat(state.getConnectedAt()).isEqualTo(at(10));
        assertThat(state.getDisconnectReason()).isNull();

        ChargerLiveState ended = ChargerLiveStates.apply(state, disconnected(CP, at(30), "con_2"));
        assertThat(ended.getConnected()).isFalse();
        assertThat(ended.getDisconnectReason()).isEqualTo("closed");
    }

    @Test
    void aDisconnectWithoutAConnectionIdEndsWhateverConnectionIsCurrent() {
        ChargerLiveState state = fold(connected(CP, at(0), "gw-1", "con_1"), disconnected(CP, at(5), null));
        assertThat(state.getConnected()).isFalse();

        state = fold(connected(CP, at(0)), disconnected(CP, at(5), "con_1"));
        assertThat(state.getConnected()).as("connected by a record without an id: any disconnect ends it").isFalse();
    }

    @Test
    void aLostGatewayHoldingAnOlderConnectionLeavesTheChargerOnline() {
        ChargerLiveState state = fold(connected(CP, at(10), "gw-1", "con_1"), connected(CP, at(20), "gw-2", "con_2"));

        assertThat(ChargerLiveStates.gatewayCheck(state, liveness("gw-1", at(0), at(20)), at(500))).isEmpty();
        assertThat(checked(state, liveness("gw-2", at(0), at(20)), at(500)).getConnected()).isFalse();
    }

    @Test
    void theChecksEndOfAnOlderConnectionLeavesTheNewerOneOnline() {
        ChargerLiveState first = fold(connected(CP, at(10), "gw-1", "con_1"));
        ChargerTelemetry end = ChargerLiveStates.gatewayCheck(first, liveness("gw-1", at(0), at(10)), at(500))
                .orElseThrow();
        // the charger reconnected through another gateway before the check's fact came back
        ChargerLiveState reconnected = ChargerLiveStates.apply(first, connected(CP, at(501), "gw-2", "con_2"));

        assertThat(ChargerLiveStates.apply(reconnected, end)).isSameAs(reconnected);
    }

    @Test
    void aStopsTransactionDataCountsItsReadingsUpToTheStop() {
        Instant evening = Instant.parse("2024-06-01T23:50:00Z");
        ChargerLiveState state = fold(connected(CP, evening), started(CP, evening, 1, 7, 1000),
                stopped(CP, evening.plusSeconds(1200), 7, 2500, List.of(
                        new MeterSample(evening.plusSeconds(1500), null, 9999.0), // after the stop: not a reading
                        new MeterSample(evening.plusSeconds(300), null, 1400.0),
                        new MeterSample(evening.plusSeconds(600), null, 1900.0))));

        // 1000 -> 1400 (23:55) -> 1900 (00:00, the new day) -> 2500 (00:10)
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(1500.0);
        assertThat(state.getEnergyDay()).isEqualTo(LocalDate.parse("2024-06-02"));
        assertThat(state.getEnergyTodayWh()).isEqualTo(1100.0);
        assertThat(ChargerLiveStates.apply(state, stopped(CP, evening.plusSeconds(1200), 7, 2500, List.of(
                new MeterSample(evening.plusSeconds(600), null, 1900.0))))).isSameAs(state);
    }

    @Test
    void heartbeatsAndBootsMoveTheLastHeartbeatForwardOnly() {
        ChargerLiveState state = fold(connected(CP, at(1)), status(CP, at(2), 1, ConnectorStatus.Available));
        assertThat(state.getLastHeartbeatAt()).isNull();

        state = ChargerLiveStates.apply(state, booted(CP, at(3), "1.4.2"));
        assertThat(state.getLastHeartbeatAt()).isEqualTo(at(3));

        state = ChargerLiveStates.apply(state, heartbeat(CP, at(303)));
        assertThat(state.getLastHeartbeatAt()).isEqualTo(at(303));

        // other messages do not count, and a heartbeat received earlier than the one held does not move it back
        state = fold(state, status(CP, at(311), 1, ConnectorStatus.Preparing), heartbeat(CP, at(300)));
        assertThat(state.getLastHeartbeatAt()).isEqualTo(at(303));
        assertThat(state.getLastSeenAt()).isEqualTo(at(311));
    }

    @Test
    void aMessageThatOnlyMovesTheTimesSeenMovesThemInStepsOfAMinute() {
        ChargerLiveState state = fold(connected(CP, at(0)), booted(CP, at(1), "1.4.2"));

        // 59.999 s after the boot: nothing to store or publish
        assertThat(ChargerLiveStates.apply(state, heartbeat(CP, at(1).plusMillis(59_999)))).isSameAs(state);
        ChargerLiveState minuteLater = ChargerLiveStates.apply(state, heartbeat(CP, at(61)));
        assertThat(minuteLater.getLastHeartbeatAt()).isEqualTo(at(61));
        assertThat(minuteLater.getLastSeenAt()).isEqualTo(at(61));
        assertThat(minuteLater.getVersion()).isEqualTo(state.getVersion() + 1);

        // any other change keeps the exact times
        ChargerLiveState changed = ChargerLiveStates.apply(state, status(CP, at(5), 1, ConnectorStatus.Available));
        assertThat(changed.getLastSeenAt()).isEqualTo(at(5));
        assertThat(changed.getLastHeartbeatAt()).isEqualTo(at(1));
    }

    @Test
    void everyDistinctTransactionStartedCountsOnceOnItsConnector() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7), started(CP, at(2), 1, 7),
                stopped(CP, at(3), 7), started(CP, at(2), 1, 7), started(CP, at(4), 1, 8), started(CP, at(5), 2, 9));

        assertThat(state.getConnectors()).extracting(ConnectorState::getTotalSessions).containsExactly(2, 1);

        // a start arriving late for the first time still counts
        state = ChargerLiveStates.apply(state, receivedAt(started(CP, at(1), 1, 6), at(6)));
        assertThat(state.getConnectors().get(0).getTotalSessions()).isEqualTo(3);
        assertThat(state.getConnectors().get(0).getCountedTransactionIds()).containsExactly(7, 8, 6);
        assertThat(state.getConnectors().get(0).getTransactionId()).isEqualTo(8);
    }

    @Test
    void theCountedTransactionIdsKeptAreTheLatestSixteen() {
        ChargerLiveState state = fold(connected(CP, at(1)));
        for (int id = 1; id <= 20; id++) {
            state = fold(state, started(CP, at(2 * id), 1, id), stopped(CP, at(2 * id + 1), id));
        }

        ConnectorState connector = state.getConnectors().get(0);
        assertThat(connector.getTotalSessions()).isEqualTo(20);
        assertThat(connector.getCountedTransactionIds())
                .containsExactlyElementsOf(IntStream.rangeClosed(5, 20).boxed().toList());
    }

    @Test
    void energyIsTheRiseOfTheRegisterFromStartThroughSamplesToStop() {
        List<ChargerTelemetry> records = List.of(connected(CP, at(1)), started(CP, at(2), 1, 7, 1000),
                meter(CP, at(3), 1, 7, 7400.0, 1500.0), meter(CP, at(4), 1, 7, 7400.0, 2300.0),
                stopped(CP, at(5), 7, 3000));
        ChargerLiveState state = fold(records.toArray(ChargerTelemetry[]::new));

        // 1500 - 1000 + 2300 - 1500 + 3000 - 2300
        ConnectorState connector = state.getConnectors().get(0);
        assertThat(connector.getTotalEnergyWh()).isEqualTo(2000.0);
        assertThat(connector.getRegisterWh()).isEqualTo(3000.0);
        assertThat(connector.getRegisterAt()).isEqualTo(at(5));
        assertThat(state.getEnergyTodayWh()).isEqualTo(2000.0);
        assertThat(state.getEnergyDay()).isEqualTo(LocalDate.parse("2024-06-01"));
        for (ChargerTelemetry record : records) {
            assertThat(ChargerLiveStates.apply(state, record)).as("%s redelivered", record.getPayload())
                    .isSameAs(state);
        }
    }

    @Test
    void anOcpp201TransactionCountsFromItsReadingsAndItsUpdatesFindTheirEvseByTheTransaction() {
        // as the gateway records a TransactionEvent: no meter start or stop, the EVSE only in Started
        List<ChargerTelemetry> records = List.of(connected(CP, at(1)),
                Records.telemetry(CP, at(2), TransactionStarted.newBuilder().setConnectorId(2).setTransactionId(77)
                        .setOcppTransactionId("tx-a").setSeqNo(0)
                        .setSamples(List.of(new MeterSample(at(2), null, 1000.0))).build()),
                Records.telemetry(CP, at(3), MeterValuesReported.newBuilder().setTransactionId(77)
                        .setOcppTransactionId("tx-a").setSeqNo(1)
                        .setSamples(List.of(new MeterSample(at(3), 11_000.0, 1800.0))).build()));
        ChargerLiveState state = fold(records.toArray(ChargerTelemetry[]::new));

        ConnectorState connector = state.getConnectors().get(0);
        assertThat(connector.getConnectorId()).isEqualTo(2);
        assertThat(connector.getTransactionId()).isEqualTo(77);
        assertThat(connector.getOcppTransactionId()).isEqualTo("tx-a");
        assertThat(connector.getPowerW()).isEqualTo(11_000.0);
        assertThat(connector.getTotalSessions()).isEqualTo(1);
        assertThat(connector.getTotalEnergyWh()).isEqualTo(800.0);
        for (ChargerTelemetry record : records) {
            assertThat(ChargerLiveStates.apply(state, record)).as("%s redelivered", record.getPayload())
                    .isSameAs(state);
        }

        state = ChargerLiveStates.apply(state, Records.telemetry(CP, at(9), TransactionStopped.newBuilder()
                .setTransactionId(77).setOcppTransactionId("tx-a").setSeqNo(2)
                .setSamples(List.of(new MeterSample(at(9), null, 2500.0))).build()));

        connector = state.getConnectors().get(0);
        assertThat(connector.getTransactionId()).isNull();
        assertThat(connector.getOcppTransactionId()).isNull();
        assertThat(connector.getTotalEnergyWh()).isEqualTo(1500.0);
        assertThat(state.getEnergyTodayWh()).isEqualTo(1500.0);
    }

    @Test
    void anOcpp201ProblemOfAnEvseIsItsProblemUntilCleared() {
        ChargerLiveState state = fold(connected(CP, at(1)), status(CP, at(2), 1, ConnectorStatus.Faulted),
                problem(at(3), 1, "true", null, "E42", "ground fault"), problem(at(3), 2, "true", null, "E7", null),
                // another variable of the EVSE says nothing of its problem
                Records.telemetry(CP, at(3), DeviceEventsNotified.newBuilder().setSeqNo(1).setEvents(List.of(
                        event(at(3), 1, "AvailabilityState", "Unavailable", null, null, null))).build()));

        assertThat(state.getConnectors()).extracting(ConnectorState::getProblem)
                .containsExactly("ground fault", "E7");
        assertThat(state.getConnectors().get(0).getStatus()).isEqualTo(ConnectorStatus.Faulted);

        state = ChargerLiveStates.apply(state, problem(at(4), 1, "true", true, null, null));
        state = ChargerLiveStates.apply(state, problem(at(4), 2, "false", null, null, null));

        assertThat(state.getConnectors()).extracting(ConnectorState::getProblem).containsOnlyNulls();
        ChargerLiveState reported = ChargerLiveStates.apply(state, problem(at(5), 1, "true", null, null, null));
        assertThat(reported.getConnectors().get(0).getProblem()).isEqualTo("Connector.Problem");
        assertThat(ChargerLiveStates.apply(reported, problem(at(6), 1, "true", null, null, null)))
                .as("the same problem again").isSameAs(reported);
    }

    @Test
    void anOcpp201StationsDeviceModelGivesItsEvsesPlugTypes() {
        ChargerLiveState state = fold(connected(CP, at(1)), Records.telemetry(CP, at(2), DeviceModelReported.newBuilder()
                .setRequestId(1).setSeqNo(0).setVariables(List.of(
                        variable(1, "ConnectorType", "Actual", "cCCS2"),
                        variable(2, "ConnectorType", "Actual", "sType3"),
                        variable(3, "ConnectorType", "MaxSet", "cType2"),
                        variable(3, "Power", "Actual", "22000"))).build()));

        assertThat(state.getConnectors()).extracting(ConnectorState::getConnectorId, ConnectorState::getType)
                .containsExactly(tuple(1, "CCS2"), tuple(2, null));
    }

    private static DeviceModelVariable variable(int evseId, String name, String attribute, String value) {
        return DeviceModelVariable.newBuilder().setComponent("Connector").setEvseId(evseId).setConnectorId(1)
                .setVariable(name).setAttributeType(attribute).setValue(value).build();
    }

    private static ChargerTelemetry problem(Instant at, int evseId, String value, Boolean cleared, String techCode,
                                            String techInfo) {
        return Records.telemetry(CP, at, DeviceEventsNotified.newBuilder().setSeqNo(0).setEvents(List.of(
                event(at, evseId, "Problem", value, cleared, techCode, techInfo))).build());
    }

    private static DeviceEvent event(Instant at, int evseId, String variable, String value, Boolean cleared,
                                     String techCode, String techInfo) {
        return DeviceEvent.newBuilder().setEventId(1).setOccurredAt(at).setTrigger("Delta").setComponent("Connector")
                .setEvseId(evseId).setConnectorId(1).setVariable(variable).setActualValue(value).setCleared(cleared)
                .setTechCode(techCode).setTechInfo(techInfo).setNotificationType("HardWiredNotification").build();
    }

    @Test
    void anOcpp201TransactionQueuedOfflineAndSentAfterANewerStatusCountsWithoutTurningTheClockBack() {
        // the station reconnected and said Available first, then sent the transaction it had queued, as recorded:
        // each TransactionEvent and the status of its charging state, at the station's (earlier) times
        ChargerLiveState state = fold(connected(CP, at(100)), status(CP, at(100), 1, ConnectorStatus.Available),
                receivedAt(Records.telemetry(CP, at(10), TransactionStarted.newBuilder().setConnectorId(1)
                        .setTransactionId(88).setOcppTransactionId("tx-q").setSeqNo(0)
                        .setSamples(List.of(new MeterSample(at(10), null, 500.0))).build()), at(101)),
                receivedAt(status(CP, at(10), 1, ConnectorStatus.Charging), at(101)),
                receivedAt(Records.telemetry(CP, at(40), MeterValuesReported.newBuilder().setTransactionId(88)
                        .setOcppTransactionId("tx-q").setSeqNo(1)
                        .setSamples(List.of(new MeterSample(at(40), 7400.0, 1500.0))).build()), at(101)),
                receivedAt(Records.telemetry(CP, at(70), TransactionStopped.newBuilder().setTransactionId(88)
                        .setOcppTransactionId("tx-q").setSeqNo(2)
                        .setSamples(List.of(new MeterSample(at(70), null, 2500.0))).build()), at(101)),
                receivedAt(status(CP, at(70), 1, ConnectorStatus.Finishing), at(101)));

        ConnectorState connector = state.getConnectors().get(0);
        assertThat(connector.getStatus()).as("the newer status holds").isEqualTo(ConnectorStatus.Available);
        assertThat(connector.getTotalSessions()).isEqualTo(1);
        assertThat(connector.getTotalEnergyWh()).isEqualTo(2000.0);
        assertThat(connector.getTransactionId()).isNull();
        assertThat(state.getActiveSessions()).isZero();
        assertThat(state.getLastSeenAt()).isEqualTo(at(101));
    }

    @Test
    void anUpdateOfATransactionNoConnectorKnowsChangesNoConnector() {
        ChargerLiveState before = fold(connected(CP, at(1)), started(CP, at(2), 1, 7));

        ChargerLiveState after = ChargerLiveStates.apply(before, Records.telemetry(CP, at(3),
                MeterValuesReported.newBuilder().setTransactionId(99).setOcppTransactionId("tx-b")
                        .setSamples(List.of(new MeterSample(at(3), 7400.0, 100.0))).build()));

        assertThat(after.getConnectors()).isEqualTo(before.getConnectors());
    }

    @Test
    void aSampleOlderThanTheReadingHeldCountsNothing() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7, 1000),
                meter(CP, at(4), 1, 7, null, 2300.0), receivedAt(meter(CP, at(3), 1, 7, null, 1500.0), at(6)));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(1300.0);

        state = ChargerLiveStates.apply(state, stopped(CP, at(5), 7, 3000));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(2000.0);
    }

    @Test
    void aStartArrivingAfterItsSamplesCountsTheRiseFromMeterStartOnce() {
        ChargerLiveState state = fold(connected(CP, at(1)), meter(CP, at(3), 1, 7, null, 1500.0),
                meter(CP, at(4), 1, 7, null, 2300.0));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(800.0);

        ChargerTelemetry lateStart = receivedAt(started(CP, at(2), 1, 7, 1000), at(5));
        state = ChargerLiveStates.apply(state, lateStart);
        // 800 + the rise from meter_start to the first sample: 1500 - 1000
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(1300.0);
        assertThat(state.getConnectors().get(0).getTotalSessions()).isEqualTo(1);
        assertThat(ChargerLiveStates.apply(state, lateStart)).isSameAs(state);

        state = ChargerLiveStates.apply(state, stopped(CP, at(6), 7, 3000));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(2000.0);
        assertThat(state.getEnergyTodayWh()).isEqualTo(2000.0);
    }

    @Test
    void energyAddsUpOverTransactionsAndConnectors() {
        ChargerLiveState state = fold(connected(CP, at(1)),
                started(CP, at(2), 1, 7, 1000), stopped(CP, at(5), 7, 3000),
                started(CP, at(10), 1, 8, 3000), meter(CP, at(11), 1, 8, null, 3500.0), stopped(CP, at(12), 8, 4200),
                started(CP, at(2), 2, 9, 0), stopped(CP, at(6), 9, 500));

        // connector 1: 2000 + 1200; connector 2: 500
        assertThat(state.getConnectors()).extracting(ConnectorState::getTotalEnergyWh)
                .containsExactly(3200.0, 500.0);
        assertThat(state.getConnectors()).extracting(ConnectorState::getTotalSessions).containsExactly(2, 1);
        assertThat(state.getEnergyTodayWh()).isEqualTo(3700.0);
    }

    @Test
    void samplesWithoutATransactionIdCountForTheTransactionRunningOnTheirConnector() {
        ChargerLiveState state = fold(connected(CP, at(1)), meter(CP, at(2), 1, null, null, 500.0),
                meter(CP, at(3), 1, null, null, 900.0));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isZero();
        assertThat(state.getEnergyDay()).isNull();

        state = fold(state, started(CP, at(4), 1, 7, 1000), meter(CP, at(5), 1, null, null, 1400.0));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(400.0);
    }

    @Test
    void aRegisterThatFallsOnlyRebases() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7, 1000),
                meter(CP, at(3), 1, 7, null, 800.0), meter(CP, at(4), 1, 7, null, 1000.0));

        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(200.0);
    }

    @Test
    void aReadingOnALaterUtcDayStartsTheDaysEnergyAfresh() {
        Instant evening = Instant.parse("2024-06-01T23:50:00Z");
        ChargerLiveState state = fold(connected(CP, evening), started(CP, evening, 1, 7, 1000),
                meter(CP, evening.plusSeconds(480), 1, 7, null, 1600.0));
        assertThat(state.getEnergyTodayWh()).isEqualTo(600.0);
        assertThat(state.getEnergyDay()).isEqualTo(LocalDate.parse("2024-06-01"));

        // 00:05: the rise since 23:58 is the new day's
        state = ChargerLiveStates.apply(state, meter(CP, evening.plusSeconds(900), 1, 7, null, 2000.0));
        assertThat(state.getEnergyTodayWh()).isEqualTo(400.0);
        assertThat(state.getEnergyDay()).isEqualTo(LocalDate.parse("2024-06-02"));
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(1000.0);

        // a transaction of the day before, reported late, counts in the connector's total but not today
        state = fold(state, receivedAt(started(CP, Instant.parse("2024-06-01T22:00:00Z"), 2, 9, 0),
                        evening.plusSeconds(960)),
                receivedAt(stopped(CP, Instant.parse("2024-06-01T23:00:00Z"), 9, 700), evening.plusSeconds(970)));
        assertThat(state.getConnectors().get(1).getTotalEnergyWh()).isEqualTo(700.0);
        assertThat(state.getEnergyTodayWh()).isEqualTo(400.0);
        assertThat(state.getEnergyDay()).isEqualTo(LocalDate.parse("2024-06-02"));

        // a reading of a later day with no rise still starts that day at 0
        state = ChargerLiveStates.apply(state, stopped(CP, Instant.parse("2024-06-03T08:00:00Z"), 7, 2000));
        assertThat(state.getEnergyTodayWh()).isZero();
        assertThat(state.getEnergyDay()).isEqualTo(LocalDate.parse("2024-06-03"));
    }

    @Test
    void aStopArrivingAfterTheConnectorMovedOnCountsNothingTwice() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7, 1000),
                meter(CP, at(3), 1, 7, null, 1500.0), stopped(CP, at(4), 7, 2000), started(CP, at(5), 1, 8, 2000));
        ChargerLiveState redelivered = ChargerLiveStates.apply(state, stopped(CP, at(4), 7, 2000));

        assertThat(redelivered).isSameAs(state);
        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(1000.0);
    }

    @Test
    void aSampleNoMeterCanShowIsIgnored() {
        // written before the gateway bounded meter values: the folds never hold a non-finite or absurd figure
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7, 1000),
                meter(CP, at(3), 1, 7, 7400.0, 1500.0),
                meter(CP, at(4), 1, 7, Double.POSITIVE_INFINITY, Double.NaN),
                meter(CP, at(5), 1, 7, 1.7e308, 1e308),
                meter(CP, at(6), 1, 7, List.of(new MeterSample(at(6), -1e12, null),
                        new MeterSample(at(5), null, Double.NEGATIVE_INFINITY))));

        ConnectorState connector = state.getConnectors().get(0);
        assertThat(connector.getPowerW()).isEqualTo(7400.0);
        assertThat(connector.getEnergyWh()).isEqualTo(1500.0);
        assertThat(connector.getTotalEnergyWh()).isEqualTo(500.0);
        assertThat(state.getPowerKw()).isEqualTo(7.4);
        assertThat(state.getEnergyTodayWh()).isEqualTo(500.0);
    }

    @Test
    void aStopsTransactionDataNoMeterCanShowIsIgnored() {
        ChargerLiveState state = fold(connected(CP, at(1)), started(CP, at(2), 1, 7, 1000),
                stopped(CP, at(10), 7, 2500, List.of(new MeterSample(at(5), null, Double.POSITIVE_INFINITY),
                        new MeterSample(at(6), Double.NaN, 2000.0))));

        assertThat(state.getConnectors().get(0).getTotalEnergyWh()).isEqualTo(1500.0);
        assertThat(state.getEnergyTodayWh()).isEqualTo(1500.0);
    }

    /** The state after the gateway check's decision, if any, was folded. */
    private static ChargerLiveState checked(ChargerLiveState state, GatewayLiveness gateway, Instant now) {
        return ChargerLiveStates.gatewayCheck(state, gateway, now).map(end -> ChargerLiveStates.apply(state, end))
                .orElse(state);
    }

    private static ChargerLiveState fold(ChargerLiveState state, ChargerTelemetry... records) {
        for (ChargerTelemetry record : records) {
            state = ChargerLiveStates.apply(state, record);
        }
        return state;
    }

    private static ChargerLiveState fold(ChargerTelemetry... records) {
        ChargerLiveState state = null;
        for (ChargerTelemetry record : records) {
            state = ChargerLiveStates.apply(state, record);
        }
        return state;
    }
}
