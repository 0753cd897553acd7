package org.dynamocsms.ocpp.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.action.ChargePointActions;
import org.dynamocsms.ocpp.action.ChargingStationActions;
import org.dynamocsms.ocpp.action.RunningTransactions;
import org.dynamocsms.ocpp.action.TransactionIds;
import org.dynamocsms.ocpp.connection.ChargePointSession;
import org.dynamocsms.ocpp.connection.OcppMetrics;
import org.dynamocsms.ocpp.connection.Outbound;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.junit.jupiter.api.Test;

class CallDeliveryTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final PayloadSchemas SCHEMAS = new PayloadSchemas();
    private static final PayloadSchemas SCHEMAS_201 = new PayloadSchemas(OcppVersion.OCPP201);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> sent = new ArrayList<>();
    private final FakeTelemetrySink sink = new FakeTelemetrySink();
    private final ChargePointSession session = session(new CallHandler(SCHEMAS,
            new ChargePointActions(Duration.ofSeconds(300), new TransactionIds()), sink));
    private final RunningTransactions running = new RunningTransactions();
    private final CallDelivery delivery = new CallDelivery(new CentralSystemCalls(SCHEMAS, SCHEMAS_201), running,
            "gw-1", clock, () -> "evt_1");

    @Test
    void sendsTheCallAndRecordsTheChargersAnswer() {
        ChargerCall call = call("Reset", "{\"type\": \"Soft\"}", NOW.plusSeconds(30));

        var result = delivery.deliver(call, session).toCompletableFuture();
        assertThat(sent).containsExactly("[2,\"call_1\",\"Reset\",{\"type\":\"Soft\"}]");
        session.receive("[3, \"call_1\", {\"status\": \"Accepted\"}]");

        assertThat(result.getNow(null)).isEqualTo(ChargerCallResult.newBuilder().setEventId("evt_1").setCall(call)
                .setStatus(ChargerCallStatus.ANSWERED).setAnswer("{\"status\":\"Accepted\"}").setGatewayId("gw-1")
                .setConnectionId(session.connectionId()).setSentAt(NOW).setOccurredAt(NOW).setRecordedAt(NOW)
                .build());
    }

    @Test
    void anAnswerThatBreaksTheConfirmationSchemaIsInvalidAndNotKept() {
        var result = delivery.deliver(call("Reset", "{\"type\": \"Soft\"}", NOW.plusSeconds(30)), session)
                .toCompletableFuture();
        session.receive("[3, \"call_1\", {\"status\": \"Maybe\"}]");

        assertThat(result.getNow(null)).satisfies(invalid -> {
            assertThat(invalid.getStatus()).isEqualTo(ChargerCallStatus.INVALID_ANSWER);
            assertThat(invalid.getAnswer()).isNull();
            assertThat(invalid.getErrorCode()).isEqualTo("PropertyConstraintViolation");
            assertThat(invalid.getErrorDescription()).contains("$.status");
            assertThat(invalid.getSentAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aCallTheGatewayMayNotSendIsRecordedAsNotSentAndNeverReachesTheCharger() {
        assertNotSent(call("Reset", "{\"type\": \"Gentle\"}", NOW.plusSeconds(30)), "PropertyConstraintViolation");
        assertNotSent(call("Reset", "[]", NOW.plusSeconds(30)), "FormationViolation");
        assertNotSent(call("Heartbeat", "{}", NOW.plusSeconds(30)), "NotImplemented");
        assertNotSent(call("Reset", "{\"type\": \"Soft\"}", NOW), "Expired");

        assertThat(sent).isEmpty();
    }

    @Test
    void anOcpp201StationGetsTheCallIn201sWordsAndItsAnswerIsCheckedAgainst201s() {
        ChargePointSession station = station();
        ChargerCall call = call("Reset", "{\"type\": \"Soft\"}", NOW.plusSeconds(30));

        var result = delivery.deliver(call, station).toCompletableFuture();
        assertThat(sent).containsExactly("[2,\"call_1\",\"Reset\",{\"type\":\"OnIdle\"}]");
        // Scheduled is 2.0.1's answer, not 1.6's
        station.receive("[3, \"call_1\", {\"status\": \"Scheduled\"}]");

        assertThat(result.getNow(null)).isEqualTo(ChargerCallResult.newBuilder().setEventId("evt_1").setCall(call)
                .setSentAction("Reset").setSentPayload("{\"type\":\"OnIdle\"}")
                .setStatus(ChargerCallStatus.ANSWERED).setAnswer("{\"status\":\"Scheduled\"}").setGatewayId("gw-1")
                .setConnectionId(station.connectionId()).setSentAt(NOW).setOccurredAt(NOW).setRecordedAt(NOW)
                .build());
    }

    @Test
    void aTxProfileNamesTheStationsOwnTransactionId() {
        ChargePointSession station = station();
        station.receive("[2, \"m1\", \"TransactionEvent\", {\"eventType\": \"Started\", \"timestamp\": "
                + "\"2024-06-01T11:59:00Z\", \"triggerReason\": \"Authorized\", \"seqNo\": 0, "
                + "\"transactionInfo\": {\"transactionId\": \"tx-0001\"}, \"evse\": {\"id\": 2}}]");
        sent.clear();

        delivery.deliver(call("SetChargingProfile", "{\"connectorId\": 2, \"csChargingProfiles\": "
                + "{\"chargingProfileId\": 102, \"transactionId\": " + TransactionIds.of("tx-0001") + ", "
                + "\"stackLevel\": 1, \"chargingProfilePurpose\": \"TxProfile\", \"chargingProfileKind\": "
                + "\"Relative\", \"chargingSchedule\": {\"chargingRateUnit\": \"W\", \"chargingSchedulePeriod\": "
                + "[{\"startPeriod\": 0, \"limit\": 7400.0}]}}}", NOW.plusSeconds(30)), station);

        assertThat(sent).containsExactly("[2,\"call_1\",\"SetChargingProfile\",{\"evseId\":2,\"chargingProfile\":"
                + "{\"id\":102,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":"
                + "\"Relative\",\"transactionId\":\"tx-0001\",\"chargingSchedule\":[{\"id\":102,"
                + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":7400.0}]}]}}]");
    }

    @Test
    void whatAStationsVersionHasNoWordsForIsNotSentAndNeitherIsA201CallToA16Charger() {
        ChargePointSession station = station();
        assertNotSent(station, call("GetConfiguration", "{}", NOW.plusSeconds(30)), "NotSupported",
                "GetConfiguration has no OCPP 2.0.1 counterpart");
        assertNotSent(station, call("RemoteStopTransaction", "{\"transactionId\": 7}", NOW.plusSeconds(30)),
                "NotSupported", "transaction 7 is not known to run on CP-1");
        assertNotSent(session, call("RequestStopTransaction", "{\"transactionId\": \"tx-0001\"}",
                NOW.plusSeconds(30)), "NotSupported",
                "RequestStopTransaction is OCPP 2.0.1's; the charger speaks OCPP 1.6");
        assertNotSent(session, call("GetVariables", "{\"getVariableData\": [{\"component\": {\"name\": "
                + "\"OCPPCommCtrlr\"}, \"variable\": {\"name\": \"HeartbeatInterval\"}}]}", NOW.plusSeconds(30)),
                "NotSupported", "GetVariables is OCPP 2.0.1's; the charger speaks OCPP 1.6");

        assertThat(sent).isEmpty();
    }

    @Test
    void getVariablesGoesToA201StationAsItIs() {
        String payload = "{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}";
        ChargePointSession station = station();

        var result = delivery.deliver(call("GetVariables", payload, NOW.plusSeconds(30)), station).toCompletableFuture();
        station.receive("[3, \"call_1\", {\"getVariableResult\": [{\"attributeStatus\": \"Accepted\", "
                + "\"attributeValue\": \"300\", \"component\": {\"name\": \"OCPPCommCtrlr\"}, "
                + "\"variable\": {\"name\": \"HeartbeatInterval\"}}]}]");

        assertThat(sent).containsExactly("[2,\"call_1\",\"GetVariables\"," + payload + "]");
        assertThat(result.getNow(null).getStatus()).isEqualTo(ChargerCallStatus.ANSWERED);
        assertThat(result.getNow(null).getSentAction()).isNull();
    }

    @Test
    void requestStopTransactionNamesTheStationsOwnIdSoNeedsNoTransactionThisGatewaySaw() {
        ChargePointSession station = station(); // this gateway has seen no TransactionEvent of it

        var result = delivery.deliver(call("RequestStopTransaction", "{\"transactionId\": \"tx-0001\"}",
                NOW.plusSeconds(30)), station).toCompletableFuture();
        station.receive("[3, \"call_1\", {\"status\": \"Accepted\"}]");

        assertThat(sent).containsExactly("[2,\"call_1\",\"RequestStopTransaction\",{\"transactionId\":\"tx-0001\"}]");
        assertThat(result.getNow(null).getStatus()).isEqualTo(ChargerCallStatus.ANSWERED);
        assertThat(result.getNow(null).getSentAction()).isNull();
    }

    private ChargePointSession station() {
        return session(new CallHandler(SCHEMAS_201, new ChargingStationActions(Duration.ofSeconds(300), running),
                sink));
    }

    private void assertNotSent(ChargePointSession to, ChargerCall call, String code, String description) {
        ChargerCallResult result = delivery.deliver(call, to).toCompletableFuture().getNow(null);

        assertThat(result.getStatus()).isEqualTo(ChargerCallStatus.NOT_SENT);
        assertThat(result.getErrorCode()).isEqualTo(code);
        assertThat(result.getErrorDescription()).startsWith(description);
    }

    private void assertNotSent(ChargerCall call, String code) {
        ChargerCallResult result = delivery.deliver(call, session).toCompletableFuture().getNow(null);

        assertThat(result.getStatus()).isEqualTo(ChargerCallStatus.NOT_SENT);
        assertThat(result.getErrorCode()).isEqualTo(code);
        assertThat(result.getSentAt()).isNull();
        assertThat(result.getOccurredAt()).isEqualTo(NOW);
    }

    /** A session of CP-1 whose frames go to {@link #sent}. */
    private ChargePointSession session(CallHandler calls) {
        return new ChargePointSession(new Charger("CP-1", "org_1"), "gw-1", calls, sink, new Outbound() {
            @Override
            public void send(String frame) {
                sent.add(frame);
            }

            @Override
            public void close(int code, String reason) {
            }
        }, clock, new OcppMetrics(new SimpleMeterRegistry()));
    }

    private static ChargerCall call(String action, String payload, Instant expiresAt) {
        return new ChargerCall("evt_0", "call_1", "org_1", "CP-1", action, payload, "api", NOW, NOW, expiresAt, 1,
                "cmd_1");
    }
}
