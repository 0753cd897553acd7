package org.dynamocsms.ocpp.call;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dynamocsms.ocpp.action.RunningTransactions;
import org.dynamocsms.ocpp.connection.CallEnd;
import org.dynamocsms.ocpp.connection.ChargePointSession;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.platform.ocpp.Violation;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;

/**
 * Delivers one call of the central system to the charger's session and makes its result: a call is sent only if its
 * action is one the central system initiates ({@link CentralSystemCalls}), its payload passes the schema of the
 * version that names it (a call the API checked passes; this guards the other writers of csms.charger.calls), the
 * charger's version takes it (an OCPP 2.0.1 station gets a 1.6 call in 2.0.1's words, {@link StationCalls}; a 1.6
 * charger no 2.0.1 call) and it has not expired; an answer counts only if it passes the confirmation schema of
 * the action sent.
 */
final class CallDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CentralSystemCalls calls;
    private final StationCalls stationCalls;
    private final String gatewayId;
    private final Clock clock;
    private final Supplier<String> eventIds;

    CallDelivery(CentralSystemCalls calls, RunningTransactions running, String gatewayId, Clock clock,
                 Supplier<String> eventIds) {
        this.calls = calls;
        this.stationCalls = new StationCalls(running);
        this.gatewayId = gatewayId;
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /** Sends {@code call} over {@code session}; the stage completes with its result, whatever happens. */
    CompletionStage<ChargerCallResult> deliver(ChargerCall call, ChargePointSession session) {
        StationCalls.Call sent;
        try {
            sent = sendable(call, session.version(), session.chargePointId());
        } catch (NotSent e) {
            return CompletableFuture.completedFuture(result(call, session, null, notSent(e.code, e.getMessage())));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(result(call, session, null,
                    notSent("InternalError", "the call failed in the gateway: " + e)));
        }
        PayloadSchemas schemas = calls.schemas(session.version());
        // a call in one version's words to a charger of the other went in other words
        boolean translated = session.version() != CentralSystemCalls.versionOf(call.getAction());
        return session.call(call.getCallId(), sent.action(), sent.payload(), call.getExpiresAt())
                .thenApply(end -> checked(schemas, sent.action(), end))
                .handle((end, failure) -> result(call, session, translated ? sent : null, failure == null ? end
                        : notSent("InternalError", "the call failed in the gateway: " + failure)));
    }

    /** {@code call} as a charger of {@code version} takes it. */
    private StationCalls.Call sendable(ChargerCall call, OcppVersion version, String chargePointId) throws NotSent {
        String action = call.getAction();
        if (!CentralSystemCalls.ACTIONS.contains(action)) {
            throw new NotSent("NotImplemented", "the central system does not send " + action);
        }
        ObjectNode payload = payload(call);
        if (payload == null) {
            throw new NotSent("FormationViolation", "the payload is not a JSON object");
        }
        Optional<Violation> invalid = calls.check(action, payload);
        if (invalid.isPresent()) {
            throw new NotSent(invalid.get().code().name(), invalid.get().description());
        }
        if (!clock.instant().isBefore(call.getExpiresAt())) {
            throw new NotSent("Expired", "the call expired before it reached the charger's gateway");
        }
        if (version == OcppVersion.OCPP16) {
            if (CentralSystemCalls.versionOf(action) != OcppVersion.OCPP16) {
                throw new NotSent("NotSupported", action + " is OCPP 2.0.1's; the charger speaks OCPP 1.6");
            }
            return new StationCalls.Call(action, payload);
        }
        StationCalls.Call translated = stationCalls.translate(action, payload, chargePointId, call.getCallId());
        Optional<Violation> untakable = calls.schemas(version).check(translated.action(), translated.payload());
        if (untakable.isPresent()) {
            throw new NotSent(untakable.get().code().name(), "as " + translated.action() + " of OCPP 2.0.1: "
                    + untakable.get().description());
        }
        return translated;
    }

    private static ObjectNode payload(ChargerCall call) {
        try {
            return JSON.readTree(call.getPayload()) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** An answer that breaks the action's confirmation schema is INVALID_ANSWER, without the answer itself. */
    private static CallEnd checked(PayloadSchemas schemas, String action, CallEnd end) {
        if (end.status() != ChargerCallStatus.ANSWERED) {
            return end;
        }
        Optional<Violation> invalid = schemas.checkConfirmation(action, end.answer());
        return invalid.map(violation -> new CallEnd(ChargerCallStatus.INVALID_ANSWER, null, violation.code().name(),
                violation.description(), end.sentAt(), end.endedAt())).orElse(end);
    }

    /** The result of {@code call}, which went to the charger as {@code sent} where that differs from the call. */
    private ChargerCallResult result(ChargerCall call, ChargePointSession session, StationCalls.Call sent,
                                     CallEnd end) {
        JsonNode answer = end.answer();
        return ChargerCallResult.newBuilder()
                .setEventId(eventIds.get())
                .setCall(call)
                .setSentAction(sent == null ? null : sent.action())
                .setSentPayload(sent == null ? null : sent.payload().toString())
                .setStatus(end.status())
                .setAnswer(answer == null ? null : answer.toString())
                .setErrorCode(end.errorCode())
                .setErrorDescription(end.errorDescription())
                .setGatewayId(gatewayId)
                .setConnectionId(session.connectionId())
                .setSentAt(end.sentAt())
                .setOccurredAt(end.endedAt())
                .setRecordedAt(now())
                .setSchemaVersion(1)
                .build();
    }

    private CallEnd notSent(String code, String description) {
        return new CallEnd(ChargerCallStatus.NOT_SENT, null, code, description, null, now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
