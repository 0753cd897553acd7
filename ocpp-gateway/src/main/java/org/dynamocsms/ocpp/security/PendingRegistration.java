package org.dynamocsms.ocpp.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.ocpp.message.Frames;
import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.platform.ocpp.Violation;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.jboss.logging.Logger;

/**
 * The connection of an auto-registered charger until a BootNotification of it is accepted (OCPP 1.6 section 4.2,
 * Pending; 2.0.1's B02 alike): each BootNotification sends its registration (vendor and model from the boot, the
 * password it connected with) and is answered Pending, with the retry interval; any other CALL gets SecurityError, as a charge point must
 * not send others while Pending. The first BootNotification after the registration has landed makes the connection
 * an ordinary one; if the registry holds the identity for another organisation, or decommissioned, it is refused.
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

    /**
     * What {@code call} meets: REFUSED once the registry holds the identity for another organisation, or retired;
     * REGISTERED once it holds it for this one and {@code call} is a BootNotification (the boot to accept: until
     * then the charger is still Pending, even if registered); else PENDING.
     */
    public State state(Frame.Call call) {
        return directory.find(charger.chargePointId())
                .map(view -> view.getDecommissionedAt() != null
                        || !view.getOrganisationId().equals(charger.organisationId()) ? State.REFUSED
                        : isBoot(call) ? State.REGISTERED : State.PENDING)
                .orElse(State.PENDING);
    }

    /** The answer to {@code call} while {@link State#PENDING}. */
    public CompletionStage<String> answer(Frame.Call call, Instant receivedAt) {
        if (!isBoot(call)) {
            return error(call, new Violation(ErrorCode.SecurityError,
                    "BootNotification not accepted yet: registration pending"));
        }
        Optional<Violation> invalid = schemas.check(call.action(), call.payload());
        if (invalid.isPresent()) {
            return error(call, invalid.get());
        }
        // 2.0.1 names the station apart; 1.6 says its vendor and model in the payload itself
        boolean ocpp16 = schemas.version() == OcppVersion.OCPP16;
        JsonNode station = ocpp16 ? call.payload() : call.payload().path("chargingStation");
        RegisterCharger registration = RegisterCharger.newBuilder()
                .setVendor(station.path(ocpp16 ? "chargePointVendor" : "vendorName").asText())
                .setModel(station.path(ocpp16 ? "chargePointModel" : "model").asText())
                .setPasswordHash(passwordHash)
                .build();
        ObjectNode pending = JSON.objectNode().put("currentTime", receivedAt.toString())
                .put("interval", retryIntervalSeconds).put("status", "Pending");
        return registrar.register(charger, registration).handle((sent, failure) -> {
            if (failure == null) {
                return Frames.result(call.id(), pending);
            }
            LOG.warnf(failure, "Registration of %s not sent", charger.chargePointId());
            return Frames.error(call.id(), new Violation(ErrorCode.InternalError, "not registered; retry"),
                    schemas.version());
        });
    }

    private static boolean isBoot(Frame.Call call) {
        return "BootNotification".equals(call.action());
    }

    private CompletionStage<String> error(Frame.Call call, Violation violation) {
        return CompletableFuture.completedFuture(Frames.error(call.id(), violation, schemas.version()));
    }
}
