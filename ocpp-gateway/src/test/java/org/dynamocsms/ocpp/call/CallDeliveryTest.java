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
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.junit.jupiter.api.Test;

class CallDeliveryTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final PayloadSchemas SCHEMAS = new PayloadSchemas();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> sent = new ArrayList<>();
    private final FakeTelemetrySink sink = new FakeTelemetrySink();
    private final ChargePointSession session = session(new CallHandler(SCHEMAS,
            new ChargePointActions(Duration.ofSeconds(300), new TransactionIds()), sink));
    private final CallDelivery delivery = new CallDelivery(SCHEMAS, "gw-1", clock, () -> "evt_1");

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
    void anOcpp201StationGetsNoCallUntilTheGatewaySendsItsVersionsCalls() {
        ChargePointSession station = session(new CallHandler(new PayloadSchemas(OcppVersion.OCPP201),
                new ChargingStationActions(Duration.ofSeconds(300), new RunningTransactions()), sink));

        ChargerCallResult result = delivery.deliver(call("Reset", "{\"type\": \"Soft\"}", NOW.plusSeconds(30)), station)
                .toCompletableFuture().getNow(null);

        assertThat(result.getStatus()).isEqualTo(ChargerCallStatus.NOT_SENT);
        assertThat(result.getErrorCode()).isEqualTo("NotSupported");
        assertThat(result.getErrorDescription()).contains("OCPP 2.0.1");
        assertThat(sent).isEmpty();
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
