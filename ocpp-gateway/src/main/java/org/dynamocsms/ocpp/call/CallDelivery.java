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

import org.dynamocsms.ocpp.connection.CallEnd;
import org.dynamocsms.ocpp.connection.ChargePointSession;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.platform.ocpp.Violation;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;

/**
 * Delivers one call of the central system to the charger's session and makes its result: a call is sent only if its
 * action is one the central system initiates, its payload passes the action's OCPP 1.6 schema (a call the API
 * checked passes; this guards the other writers of csms.charger.calls) and it has not expired; an answer counts
 * only if it passes the action's confirmation schema.
 */
final class CallDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PayloadSchemas schemas;
    private final String gatewayId;
    private final Clock clock;
    private final Supplier<String> eventIds;

    CallDelivery(PayloadSchemas schemas, String gatewayId, Clock clock, Supplier<String> eventIds) {
        this.schemas = schemas;
        this.gatewayId = gatewayId;
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /** Sends {@code call} over {@code session}; the stage completes with its result, whatever happens. */
    CompletionStage<ChargerCallResult> deliver(ChargerCall call, ChargePointSession session) {
        return send(call, session).handle((end, failure) -> result(call, session,
                failure == null ? end : notSent("InternalError", "the call failed in the gateway: " + failure)));
    }

    private CompletionStage<CallEnd> send(ChargerCall call, ChargePointSession session) {
        if (!PayloadSchemas.CENTRAL_SYSTEM_ACTIONS.contains(call.getAction())) {
            return done(notSent("NotImplemented", "the central system does not send " + call.getAction()));
        }
        if (session.version() != OcppVersion.OCPP16) {
            // the calls are OCPP 1.6's: a charger of another version would not understand them
            return done(notSent("NotSupported", "the charger speaks OCPP " + session.version().label()
                    + "; calls to it are not supported yet"));
        }
        ObjectNode payload;
        try {
            payload = JSON.readTree(call.getPayload()) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            payload = null;
        }
        if (payload == null) {
            return done(notSent("FormationViolation", "the payload is not a JSON object"));
        }
        Optional<Violation> invalid = schemas.check(call.getAction(), payload);
        if (invalid.isPresent()) {
            return done(notSent(invalid.get().code().name(), invalid.get().description()));
        }
        if (!clock.instant().isBefore(call.getExpiresAt())) {
            return done(notSent("Expired", "the call expired before it reached the charger's gateway"));
        }
        return session.call(call.getCallId(), call.getAction(), payload, call.getExpiresAt())
                .thenApply(end -> checked(call.getAction(), end));
    }

    /** An answer that breaks the action's confirmation schema is INVALID_ANSWER, without the answer itself. */
    private CallEnd checked(String action, CallEnd end) {
        if (end.status() != ChargerCallStatus.ANSWERED) {
            return end;
        }
        Optional<Violation> invalid = schemas.checkConfirmation(action, end.answer());
        return invalid.map(violation -> new CallEnd(ChargerCallStatus.INVALID_ANSWER, null, violation.code().name(),
                violation.description(), end.sentAt(), end.endedAt())).orElse(end);
    }

    private ChargerCallResult result(ChargerCall call, ChargePointSession session, CallEnd end) {
        JsonNode answer = end.answer();
        return ChargerCallResult.newBuilder()
                .setEventId(eventIds.get())
                .setCall(call)
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

    private static CompletionStage<CallEnd> done(CallEnd end) {
        return CompletableFuture.completedFuture(end);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
