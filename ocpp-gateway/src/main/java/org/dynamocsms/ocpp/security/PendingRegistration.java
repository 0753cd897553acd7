package org.dynamocsms.ocpp.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.ErrorCode;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.ocpp.message.PayloadSchemas;
import org.dynamocsms.ocpp.message.Violation;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.jboss.logging.Logger;

/**
 * The connection of an auto-registered charger until the registry holds it (OCPP 1.6 section 4.2, Pending): each
 * BootNotification sends its registration (vendor and model from the boot, the password it connected with) and is
 * answered Pending, with the retry interval; any other CALL gets SecurityError, as a charge point must not send
 * others while Pending. Once the registration has landed the connection becomes an ordinary one; if the registry
 * holds the identity for another organisation, or decommissioned, it is refused.
 */
public final class PendingRegistration {

    /** Where a registration stands. */
    public enum State { PENDING, REGISTERED, REFUSED }

    private static final Logger LOG = Logger.getLogger(PendingRegistration.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Charger charger;
    private final String passwordHash;
    private final ChargerDirectory directory;
    private final ChargerRegistrar registrar;
    private final PayloadSchemas schemas;
    private final int retryIntervalSeconds;

    public PendingRegistration(Authentication.Unregistered unregistered, ChargerDirectory directory,
                               ChargerRegistrar registrar, PayloadSchemas schemas, Duration retryInterval) {
        this.charger = unregistered.charger();
        this.passwordHash = unregistered.passwordHash();
        this.directory = directory;
        this.registrar = registrar;
        this.schemas = schemas;
        this.retryIntervalSeconds = Math.toIntExact(retryInterval.toSeconds());
    }

    /** REGISTERED once the registry holds the identity for this organisation; REFUSED if for another, or retired. */
    public State state() {
        return directory.find(charger.chargePointId())
                .map(view -> view.getDecommissionedAt() == null
                        && view.getOrganisationId().equals(charger.organisationId()) ? State.REGISTERED : State.REFUSED)
                .orElse(State.PENDING);
    }

    /** The answer to {@code call} while {@link State#PENDING}. */
    public CompletionStage<String> answer(Frame.Call call, Instant receivedAt) {
        if (!"BootNotification".equals(call.action())) {
            return error(call, new Violation(ErrorCode.SecurityError,
                    "BootNotification pending: the charge point is being registered"));
        }
        Optional<Violation> invalid = schemas.check(call.action(), call.payload());
        if (invalid.isPresent()) {
            return error(call, invalid.get());
        }
        RegisterCharger registration = new RegisterCharger(call.payload().path("chargePointVendor").asText(),
                call.payload().path("chargePointModel").asText(), passwordHash);
        ObjectNode pending = JSON.objectNode().put("currentTime", receivedAt.toString())
                .put("interval", retryIntervalSeconds).put("status", "Pending");
        return registrar.register(charger, registration).handle((sent, failure) -> {
            if (failure == null) {
                return Frames.result(call.id(), pending);
            }
            LOG.warnf(failure, "Registration of %s not sent", charger.chargePointId());
            return Frames.error(call.id(), new Violation(ErrorCode.InternalError, "not registered; retry"));
        });
    }

    private static CompletionStage<String> error(Frame.Call call, Violation violation) {
        return CompletableFuture.completedFuture(Frames.error(call.id(), violation));
    }
}
