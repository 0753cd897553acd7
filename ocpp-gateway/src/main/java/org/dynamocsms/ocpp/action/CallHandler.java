package org.dynamocsms.ocpp.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.ocpp.message.ViolationException;
import org.dynamocsms.ocpp.security.Charger;
import org.dynamocsms.ocpp.telemetry.Telemetry;
import org.dynamocsms.ocpp.telemetry.TelemetrySink;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.platform.ocpp.Violation;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.jboss.logging.Logger;

/**
 * Answers one CALL: NotImplemented for an action the gateway does not handle, the schema's CALLERROR for an
 * invalid payload, else the action's CALLRESULT, sent only once its telemetry events are durable (a charger never
 * gets an answer for something that could still be lost; if recording fails it gets InternalError and retries).
 * Never fails: whatever goes wrong becomes a CALLERROR for this call alone.
 */
public final class CallHandler {

    private static final Logger LOG = Logger.getLogger(CallHandler.class);

    private final PayloadSchemas schemas;
    private final ChargerActions actions;
    private final TelemetrySink sink;

    /** Answers the calls of chargers that speak the version of {@code schemas}, handled by {@code actions}. */
    public CallHandler(PayloadSchemas schemas, ChargerActions actions, TelemetrySink sink) {
        this.schemas = schemas;
        this.actions = actions;
        this.sink = sink;
    }

    /** The OCPP version of the chargers it answers. */
    public OcppVersion version() {
        return schemas.version();
    }

    /** The frame answering {@code call} from {@code charger}, received at {@code receivedAt}. */
    public CompletionStage<String> answer(Frame.Call call, Charger charger, Instant receivedAt) {
        if (!schemas.chargerActions().contains(call.action())) {
            return error(call, new Violation(ErrorCode.NotImplemented, "unknown action " + call.action()));
        }
        Optional<Violation> invalid = schemas.check(call.action(), call.payload());
        if (invalid.isPresent()) {
            return error(call, invalid.get());
        }
        Outcome outcome;
        List<ChargerTelemetry> events;
        try {
            outcome = actions.handle(call.action(), call.payload(), charger.chargePointId(), receivedAt);
            events = outcome.events().stream()
                    .map(event -> Telemetry.of(charger, event, outcome.occurredAt(), receivedAt)).toList();
        } catch (ViolationException e) {
            return error(call, e.violation());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s from %s failed", call.action(), charger.chargePointId());
            return error(call, new Violation(ErrorCode.InternalError, "the call could not be handled"));
        }
        String result = Frames.result(call.id(), outcome.answer());
        // sent in order, one charger's records go to one partition: readers see them in this order
        CompletableFuture<?>[] sent = events.stream().map(event -> sink.send(event).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sent).handle((all, failure) -> {
            if (failure == null) {
                return result;
            }
            LOG.warnf(failure, "%s from %s not recorded", call.action(), charger.chargePointId());
            return Frames.error(call.id(), new Violation(ErrorCode.InternalError, "not recorded; retry"), version());
        });
    }

    private CompletionStage<String> error(Frame.Call call, Violation violation) {
        return CompletableFuture.completedFuture(Frames.error(call.id(), violation, version()));
    }
}
