package org.dynamocsms.ocpp.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.junit.jupiter.api.Test;

class OcppMetricsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OcppMetrics metrics = new OcppMetrics(registry);

    @Test
    void aCentralSystemCallIsCountedByActionAndHowItEnded() {
        metrics.callEnded(result("Reset", ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}"));
        metrics.callEnded(result("Reset", ChargerCallStatus.ANSWERED, "{\"status\":\"Rejected\"}"));
        metrics.callEnded(result("Reset", ChargerCallStatus.ANSWERED, "{\"status\":\"Accepted\"}"));
        metrics.callEnded(result("GetConfiguration", ChargerCallStatus.ANSWERED, "{\"configurationKey\":[]}"));
        metrics.callEnded(result("Reset", ChargerCallStatus.TIMED_OUT, null));
        metrics.callEnded(result("Reset", ChargerCallStatus.CALL_ERROR, null));
        metrics.callEnded(result("Heartbeat", ChargerCallStatus.NOT_SENT, null));

        assertThat(count("Reset", "accepted")).isEqualTo(2);
        assertThat(count("Reset", "rejected")).isEqualTo(1);
        assertThat(count("GetConfiguration", "answered")).isEqualTo(1);
        assertThat(count("Reset", "timed_out")).isEqualTo(1);
        assertThat(count("Reset", "call_error")).isEqualTo(1);
        assertThat(count(OcppMetrics.OTHER, "not_sent")).as("not an action the central system sends").isEqualTo(1);
    }

    @Test
    void anUnreadableAnswerCountsAsAnswered() {
        assertThat(OcppMetrics.outcome(result("Reset", ChargerCallStatus.ANSWERED, "{nope"))).isEqualTo("answered");
        assertThat(OcppMetrics.outcome(result("Reset", ChargerCallStatus.ANSWERED, "{\"status\":3}")))
                .isEqualTo("answered");
    }

    private double count(String action, String result) {
        return registry.get("ocpp.csms.calls").tag("action", action).tag("result", result).counter().count();
    }

    private static ChargerCallResult result(String action, ChargerCallStatus status, String answer) {
        ChargerCall call = new ChargerCall("evt_0", "call_1", "org_1", "CP-1", action, "{}", "api", NOW, NOW,
                NOW.plusSeconds(30), 1, "cmd_1");
        return ChargerCallResult.newBuilder().setEventId("evt_1").setCall(call).setStatus(status).setAnswer(answer)
                .setGatewayId("gw-1").setConnectionId("con_1").setOccurredAt(NOW).setRecordedAt(NOW)
                .setSchemaVersion(1).build();
    }
}
