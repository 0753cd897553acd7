package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.action.ChargePointActions;
import org.dynamocsms.ocpp.action.TransactionIds;
import org.dynamocsms.ocpp.security.Authentication;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.security.PendingRegistration;
import org.dynamocsms.ocpp.telemetry.FakeTelemetrySink;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
import org.junit.jupiter.api.Test;

class ChargePointSessionTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00.123456Z");
    private static final Instant MILLIS = Instant.parse("2024-06-01T12:00:00.123Z");
    private static final String HEARTBEAT = "[2, \"%s\", \"Heartbeat\", {}]";
    private static final String BOOT =
            "[2, \"%s\", \"BootNotification\", {\"chargePointVendor\": \"Alfen\", \"chargePointModel\": \"Eve\"}]";

    private final FakeTelemetrySink sink = new FakeTelemetrySink();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final List<String> sent = new ArrayList<>();
    private final List<Integer> closedWith = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ChargePointSession session = session(null);

    @Test
    void openingAndClosingAreRecorded() {
        session.opened("10.0.0.7:51234", "ocpp1.6");
        session.closed("1000 bye");

        assertThat(session.connectionId()).startsWith("con_");
        assertThat(sink.payloads()).containsExactly(
                ChargerConnected.newBuilder().setGatewayId("gw-1").setRemoteAddress("10.0.0.7:51234")
                        .setConnectionId(session.connectionId()).build(),
                ChargerDisconnected.newBuilder().setGatewayId("gw-1").setReason("1000 bye")
                        .setConnectionId(session.connectionId()).build());
        assertThat(sink.sent().get(0).getOccurredAt()).isEqualTo(Instant.parse("2024-06-01T12:00:00.123Z"));
    }

    @Test
    void aCallSentBeforeTheFirstIsAnsweredWaitsAndIsAnsweredAfterIt() {
        sink.holdAcknowledgements();

        session.receive(HEARTBEAT.formatted("a"));
        session.receive(HEARTBEAT.formatted("b"));

        assertThat(sent).isEmpty();
        assertThat(sink.sent()).hasSize(1); // b waits until a is answered
        sink.pending().get(0).complete(null);
        assertThat(sent).hasSize(1).first().asString().startsWith("[3,\"a\",");
        assertThat(sink.sent()).hasSize(2);
        sink.pending().get(1).complete(null);
        assertThat(sent).hasSize(2).last().asString().startsWith("[3,\"b\",");
    }

    @Test
    void badFramesGetTheirCallErrorAndTheNextFrameIsHandled() {
        session.receive("[2, \"broken\", \"Heartbeat\", {");
        session.receive("{}");
        session.receive("[3, \"x\", {}]"); // an answer to no CALL: ignored
        session.receive(HEARTBEAT.formatted("ok"));

        assertThat(sent).containsExactly(
                "[4,\"broken\",\"ProtocolError\",\"incomplete JSON\",{}]",
                "[4,\"-1\",\"FormationViolation\",\"not an OCPP-J message array\",{}]",
                "[3,\"ok\",{\"currentTime\":\"2024-06-01T12:00:00.123Z\"}]");
        assertThat(sink.payloads()).containsExactly(new HeartbeatReceived());
    }

    @Test
    void callsAreCountedByActionResultsTimedAndErrorsCountedByCode() {
        sink.holdAcknowledgements();
        session.receive(HEARTBEAT.formatted("a"));
        assertThat(meters.get("ocpp.calls.received").tag("action", "Heartbeat").counter().count()).isEqualTo(1);
        assertThat(meters.get("ocpp.callresult.latency").tag("action", "Heartbeat").timer().count())
                .as("timed once answered").isZero();
        sink.pending().get(0).complete(null);
        assertThat(meters.get("ocpp.callresult.latency").tag("action", "Heartbeat").timer().count()).isEqualTo(1);

        session.receive("[2, \"u\", \"MakeCoffee\", {}]");
        session.receive("{}");
        session.receive("[2, \"v\", \"StatusNotification\", {\"connectorId\": \"one\", \"errorCode\": \"NoError\", "
                + "\"status\": \"Available\"}]");

        assertThat(meters.get("ocpp.calls.received").tag("action", OcppMetrics.OTHER).counter().count()).isEqualTo(1);
        assertThat(meters.get("ocpp.calls.received").tag("action", "StatusNotification").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("ocpp.callresult.latency").tag("action", "StatusNotification").timer().count())
                .as("a CALLERROR is no CALLRESULT").isZero();
        assertThat(meters.get("ocpp.callerrors.sent").tag("code", "NotImplemented").counter().count()).isEqualTo(1);
        assertThat(meters.get("ocpp.callerrors.sent").tag("code", "FormationViolation").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("ocpp.callerrors.sent").tag("code", "TypeConstraintViolation").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aChargerThatDoesNotWaitForAnswersIsDisconnected() {
        sink.holdAcknowledgements();

        for (int i = 0; i <= ChargePointSession.MAX_WAITING + 1; i++) {
            session.receive(HEARTBEAT.formatted(i));
        }
        session.receive(HEARTBEAT.formatted("after"));

        assertThat(closedWith).containsExactly(ChargePointSession.POLICY_VIOLATION);
        sink.pending().get(0).complete(null);
        assertThat(sent).hasSize(1); // the frames still waiting were dropped
    }

    @Test
    void aConnectionSilentForLongerThanTheLimitIsClosedAndRecordedOnce() {
        Duration limit = Duration.ofSeconds(660);
        session.opened("10.0.0.7:51234", "ocpp1.6");
        now.set(NOW.plusSeconds(600));
        session.receive(HEARTBEAT.formatted("1"));

        now.set(NOW.plusSeconds(1260));
        assertThat(session.closeIfSilent(limit)).as("exactly the limit since the heartbeat").isFalse();
        now.set(NOW.plusSeconds(1261));
        assertThat(session.closeIfSilent(limit)).isTrue();
        assertThat(session.closeIfSilent(limit)).isFalse();
        session.closed("1001 heartbeat timeout"); // the server's close comes back through @OnClose

        assertThat(closedWith).containsExactly(ChargePointSession.GOING_AWAY);
        assertThat(sink.payloads()).containsExactly(
                ChargerConnected.newBuilder().setGatewayId("gw-1").setRemoteAddress("10.0.0.7:51234")
                        .setConnectionId(session.connectionId()).build(),
                new HeartbeatReceived(),
                ChargerDisconnected.newBuilder().setGatewayId("gw-1").setReason("heartbeat timeout")
                        .setConnectionId(session.connectionId()).build());
        ChargerTelemetry disconnected = sink.sent().get(2);
        assertThat(disconnected.getOccurredAt()).as("offline since its last message").isEqualTo(Instant.parse("2024-06-01T12:10:00.123Z"));
        assertThat(disconnected.getRecordedAt()).isEqualTo(Instant.parse("2024-06-01T12:21:01.123Z"));
    }

    @Test
    void aChargerBeingRegisteredIsAnsweredPendingUntilTheRegistryHoldsItThenRecordedAsConnected() {
        Map<String, ChargerView> registry = new HashMap<>();
        ChargePointSession registering = session(new PendingRegistration(
                new Authentication.Unregistered(new Charger("CP-1", "org_1"), "hash"),
                id -> Optional.ofNullable(registry.get(id)),
                (charger, registration) -> CompletableFuture.completedFuture(null),
                new PayloadSchemas(), Duration.ofSeconds(30)));
        registering.opened("10.0.0.7:51234", "ocpp1.6");

        registering.receive(BOOT.formatted("1"));
        registering.receive(HEARTBEAT.formatted("2"));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).contains("\"status\":\"Pending\"");
        assertThat(sent.get(1)).startsWith("[4,\"2\",\"SecurityError\"");
        assertThat(sink.payloads()).isEmpty();

        registry.put("CP-1", ChargerView.newBuilder().setChargePointId("CP-1").setOrganisationId("org_1")
                .setRegisteredAt(NOW).setUpdatedAt(NOW).setVersion(1).build());
        registering.receive(HEARTBEAT.formatted("3")); // registered, but its boot not accepted yet
        registering.receive(BOOT.formatted("4"));
        registering.receive(HEARTBEAT.formatted("5"));
        registering.closed("1000 bye");

        assertThat(sent.get(2)).startsWith("[4,\"3\",\"SecurityError\"");
        assertThat(sent.get(3)).contains("\"status\":\"Accepted\"");
        assertThat(sent.get(4)).startsWith("[3,\"5\",");
        assertThat(sink.payloads()).extracting(payload -> payload.getClass().getSimpleName())
                .containsExactly("ChargerConnected", "ChargerBooted", "HeartbeatReceived", "ChargerDisconnected");
    }

    @Test
    void aChargerRegisteredToAnotherOrganisationMeanwhileIsClosed() {
        ChargePointSession registering = session(new PendingRegistration(
                new Authentication.Unregistered(new Charger("CP-1", "org_1"), "hash"),
                id -> Optional.of(ChargerView.newBuilder().setChargePointId("CP-1").setOrganisationId("org_2")
                        .setRegisteredAt(NOW).setUpdatedAt(NOW).setVersion(1).build()),
                (charger, registration) -> CompletableFuture.completedFuture(null),
                new PayloadSchemas(), Duration.ofSeconds(30)));
        registering.opened("10.0.0.7:51234", "ocpp1.6");

        registering.receive(BOOT.formatted("1"));
        registering.closed("1008 not registered to this organisation");

        assertThat(closedWith).containsExactly(ChargePointSession.POLICY_VIOLATION);
        assertThat(sent).isEmpty();
        assertThat(sink.payloads()).isEmpty();
    }

    @Test
    void aSupersededConnectionIsClosedAndItsEndRecordedOnce() {
        session.opened("10.0.0.7:51234", "ocpp1.6");
        session.supersede();
        session.supersede();
        session.receive(HEARTBEAT.formatted("late"));
        session.closed("1000 superseded by a newer connection"); // the close comes back through @OnClose

        assertThat(closedWith).containsExactly(ChargePointSession.NORMAL_CLOSURE);
        assertThat(sent).isEmpty();
        assertThat(sink.payloads()).containsExactly(
                ChargerConnected.newBuilder().setGatewayId("gw-1").setRemoteAddress("10.0.0.7:51234")
                        .setConnectionId(session.connectionId()).build(),
                ChargerDisconnected.newBuilder().setGatewayId("gw-1").setReason("1000 superseded by a newer connection")
                        .setConnectionId(session.connectionId()).build());
        assertThat(session(null).connectionId()).isNotEqualTo(session.connectionId());
    }

    @Test
    void theCentralSystemsCallsGoOneAtATimeAndEndWithTheChargersAnswers() {
        CompletionStage<CallEnd> reset = session.call("call_1", "Reset", json("{\"type\":\"Soft\"}"),
                NOW.plusSeconds(30));
        CompletionStage<CallEnd> unlock = session.call("call_2", "UnlockConnector", json("{\"connectorId\":1}"),
                NOW.plusSeconds(30));

        assertThat(sent).containsExactly("[2,\"call_1\",\"Reset\",{\"type\":\"Soft\"}]");
        now.set(NOW.plusSeconds(2));
        session.receive("[3, \"call_1\", {\"status\": \"Accepted\"}]");
        assertThat(reset.toCompletableFuture().getNow(null)).isEqualTo(new CallEnd(ChargerCallStatus.ANSWERED,
                json("{\"status\":\"Accepted\"}"), null, null, MILLIS, MILLIS.plusSeconds(2)));
        assertThat(sent).last().isEqualTo("[2,\"call_2\",\"UnlockConnector\",{\"connectorId\":1}]");

        session.receive("[4, \"call_2\", \"NotSupported\", \"no motor\", {}]");
        assertThat(unlock.toCompletableFuture().getNow(null)).isEqualTo(new CallEnd(ChargerCallStatus.CALL_ERROR, null,
                "NotSupported", "no motor", MILLIS.plusSeconds(2), MILLIS.plusSeconds(2)));
        assertThat(sink.sent()).isEmpty(); // answers to the central system's calls are not telemetry
    }

    @Test
    void aCallUnansweredWhenItExpiresTimesOutAndTheNextGoes() {
        CompletionStage<CallEnd> first = session.call("call_1", "Reset", json("{\"type\":\"Soft\"}"),
                NOW.plusSeconds(30));
        CompletionStage<CallEnd> second = session.call("call_2", "Reset", json("{\"type\":\"Hard\"}"),
                NOW.plusSeconds(60));
        CompletionStage<CallEnd> third = session.call("call_3", "Reset", json("{\"type\":\"Hard\"}"),
                NOW.plusSeconds(20));

        now.set(NOW.plusSeconds(29));
        session.expireCalls();
        assertThat(first).isNotCompleted();
        assertThat(third.toCompletableFuture().getNow(null)).satisfies(end -> {
            assertThat(end.status()).isEqualTo(ChargerCallStatus.NOT_SENT);
            assertThat(end.errorCode()).isEqualTo("Expired");
            assertThat(end.sentAt()).isNull();
        });
        now.set(NOW.plusSeconds(30));
        session.expireCalls();

        assertThat(first.toCompletableFuture().getNow(null)).satisfies(end -> {
            assertThat(end.status()).isEqualTo(ChargerCallStatus.TIMED_OUT);
            assertThat(end.sentAt()).isEqualTo(MILLIS);
            assertThat(end.endedAt()).isEqualTo(MILLIS.plusSeconds(30));
        });
        assertThat(sent).last().asString().startsWith("[2,\"call_2\",");
        session.receive("[3, \"call_1\", {\"status\": \"Accepted\"}]"); // too late: ends nothing
        assertThat(second).isNotCompleted();
    }

    @Test
    void theEndOfTheConnectionEndsEveryCall() {
        CompletionStage<CallEnd> inFlight = session.call("call_1", "Reset", json("{\"type\":\"Soft\"}"),
                NOW.plusSeconds(30));
        CompletionStage<CallEnd> waiting = session.call("call_2", "Reset", json("{\"type\":\"Soft\"}"),
                NOW.plusSeconds(30));

        session.closed("1006 gone");

        assertThat(inFlight.toCompletableFuture().getNow(null)).satisfies(end -> {
            assertThat(end.status()).isEqualTo(ChargerCallStatus.CONNECTION_LOST);
            assertThat(end.sentAt()).isEqualTo(MILLIS);
        });
        assertThat(waiting.toCompletableFuture().getNow(null)).satisfies(end -> {
            assertThat(end.status()).isEqualTo(ChargerCallStatus.CONNECTION_LOST);
            assertThat(end.sentAt()).isNull();
        });
        assertThat(session.call("call_3", "Reset", json("{\"type\":\"Soft\"}"), NOW.plusSeconds(30))
                .toCompletableFuture().getNow(null).status()).isEqualTo(ChargerCallStatus.CONNECTION_LOST);
        assertThat(sent).hasSize(1);
    }

    @Test
    void callsBeyondTheQueueAreNotSent() {
        for (int i = 0; i <= OutgoingCalls.MAX_WAITING; i++) {
            session.call("call_" + i, "Reset", json("{\"type\":\"Soft\"}"), NOW.plusSeconds(30));
        }

        CallEnd refused = session.call("call_x", "Reset", json("{\"type\":\"Soft\"}"), NOW.plusSeconds(30))
                .toCompletableFuture().getNow(null);

        assertThat(refused.status()).isEqualTo(ChargerCallStatus.NOT_SENT);
        assertThat(refused.errorCode()).isEqualTo("Busy");
    }

    @Test
    void framesAfterTheCloseAreDropped() {
        session.closed("1006 gone");
        session.receive(HEARTBEAT.formatted("late"));

        assertThat(sent).isEmpty();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A session of CP-1 of org_1, being auto-registered if {@code pending} is not null. */
    private ChargePointSession session(PendingRegistration pending) {
        return new ChargePointSession(new Charger("CP-1", "org_1"), "gw-1",
                new CallHandler(new PayloadSchemas(),
                        new ChargePointActions(Duration.ofSeconds(300), new TransactionIds()), sink),
                sink,
                new Outbound() {
                    @Override
                    public void send(String frame) {
                        sent.add(frame);
                    }

                    @Override
                    public void close(int code, String reason) {
                        closedWith.add(code);
                    }
                },
                new Clock() {
                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public Instant instant() {
                        return now.get();
                    }
                },
                new OcppMetrics(meters), pending);
    }
}
