package org.dynamocsms.ocpp.connection;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;

/**
 * The gateway's OCPP meters. Those of the chargers' CALLs are bound once, per action and per error code, so that a
 * CALL costs two map lookups and no tags: tags are OCPP actions, error codes and call outcomes, never a charger.
 * An action the gateway does not know counts as {@value #OTHER}.
 */
public final class OcppMetrics {

    static final String OTHER = "other";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)};

    /** The meters of one action of the chargers' CALLs. */
    public record Action(Counter received, Timer results) {
    }

    private final MeterRegistry registry;
    private final Map<String, Action> actions = new HashMap<>();
    private final Action otherAction;
    private final Map<String, Counter> errors = new HashMap<>();
    private final Counter otherError;

    public OcppMetrics(MeterRegistry registry) {
        this.registry = registry;
        Stream.concat(PayloadSchemas.CHARGE_POINT_ACTIONS.stream(),
                PayloadSchemas.CHARGING_STATION_ACTIONS_201.stream()).distinct()
                .forEach(action -> actions.put(action, action(action)));
        otherAction = action(OTHER);
        for (ErrorCode code : ErrorCode.values()) {
            for (OcppVersion version : OcppVersion.values()) {
                errors.computeIfAbsent(code.in(version), this::error);
            }
        }
        otherError = error(OTHER);
    }

    private Action action(String action) {
        return new Action(
                Counter.builder("ocpp.calls.received").description("CALLs received from chargers")
                        .tag("action", action).register(registry),
                Timer.builder("ocpp.callresult.latency")
                        .description("From receiving a charger's CALL to sending its CALLRESULT")
                        .tag("action", action)
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(LATENCY_SLOS)
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry));
    }

    private Counter error(String code) {
        return Counter.builder("ocpp.callerrors.sent").description("CALLERRORs sent to chargers")
                .tag("code", code).register(registry);
    }

    /** Counts a charger's CALL of {@code action}; the result goes with its answer to {@link #answered}. */
    Action received(String action) {
        Action meters = actions.getOrDefault(action, otherAction);
        meters.received().increment();
        return meters;
    }

    /**
     * Records {@code answer}, sent to a frame received at {@code receivedNanos} ({@link System#nanoTime}): a
     * CALLRESULT's latency under {@code call}'s action, a CALLERROR's code ({@code call} is null for a malformed
     * frame, which is only ever answered by a CALLERROR).
     */
    void answered(Action call, String answer, long receivedNanos) {
        if (call != null && Frames.isCallResult(answer)) {
            call.results().record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
        } else if (Frames.parse(answer) instanceof Frame.CallError error) { // rare: parsing it costs little
            errors.getOrDefault(error.code(), otherError).increment();
        }
    }

    /** Counts a call of the central system's, by action and how it ended ({@link #outcome}). */
    public void callEnded(ChargerCallResult result) {
        String action = result.getCall().getAction();
        Counter.builder("ocpp.csms.calls").description("Calls the central system sent to chargers, by how they ended")
                .tag("action", CentralSystemCalls.ACTIONS.contains(action) ? action : OTHER)
                .tag("result", outcome(result))
                .register(registry).increment();
    }

    /**
     * How a call ended, in few words: an answer's {@code status} (accepted, rejected, notsupported...: the
     * confirmation schemas bound them), or answered when it has none; otherwise the call's status (call_error,
     * timed_out, not_sent, connection_lost, invalid_answer).
     */
    static String outcome(ChargerCallResult result) {
        if (result.getStatus() != ChargerCallStatus.ANSWERED) {
            return result.getStatus().name().toLowerCase(Locale.ROOT);
        }
        try {
            JsonNode status = result.getAnswer() == null ? null : JSON.readTree(result.getAnswer()).get("status");
            return status != null && status.isTextual() ? status.textValue().toLowerCase(Locale.ROOT) : "answered";
        } catch (JsonProcessingException e) {
            return "answered";
        }
    }
}
