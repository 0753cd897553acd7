package org.dynamocsms.ocpp.security;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.dynamocsms.ocpp.connection.ConnectionLog;
import org.dynamocsms.ocpp.connection.OcppEndpoint;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.schemas.charger.ChargePointIds;

/**
 * Refuses an upgrade to the OCPP endpoint before the WebSocket opens: 400 when the client offers neither the
 * {@code ocpp2.0.1} nor the {@code ocpp1.6} subprotocol, else what {@link ChargerAuthenticator} decides (401 with a
 * Basic challenge, 404); a client offering both gets the newest.
 * An accepted charger (and, for one to auto-register, its registration) is handed to the connection in its user
 * data.
 */
@ApplicationScoped
public class OcppUpgradeCheck implements HttpUpgradeCheck {

    /** The subprotocols, newest first, as a refusal names them. */
    static final String SUBPROTOCOLS = Arrays.stream(OcppVersion.values()).sorted(Comparator.reverseOrder())
            .map(OcppVersion::subprotocol).collect(Collectors.joining(" or "));
    public static final UserData.TypedKey<Charger> CHARGER = new UserData.TypedKey<>("ocpp.charger");
    /** Set, with {@link #CHARGER}, for a charger to auto-register. */
    public static final UserData.TypedKey<Authentication.Unregistered> UNREGISTERED =
            new UserData.TypedKey<>("ocpp.unregistered");
    private static final Map<String, List<String>> CHALLENGE =
            Map.of("WWW-Authenticate", List.of("Basic realm=\"OCPP\", charset=\"UTF-8\""));

    @Inject
    ChargerAuthenticator authenticator;

    @Override
    public boolean appliesTo(String endpointId) {
        return OcppEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String chargePointId = context.pathParam(OcppEndpoint.CHARGE_POINT_ID);
        String offered = request.getHeader(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL);
        Optional<OcppVersion> version = OcppVersion.newestOffered(offered);
        if (version.isEmpty()) {
            refused(chargePointId, null, 400, "no " + SUBPROTOCOLS + " subprotocol offered");
            return CheckResult.rejectUpgrade(400);
        }
        if (OcppVersion.offered(offered).size() > 1) {
            // the WebSocket handshake takes the first supported subprotocol in the client's order: leave it the newest
            request.headers().set(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL, version.get().subprotocol());
        }
        String authorization = request.getHeader("Authorization");
        // PBKDF2 and the registry's first catch-up block: keep them off the event loop, but answer on it. Quarkus
        // accepts the WebSocket and sets its message handlers in the task that gets the answer; answered from a
        // worker thread, the two can land in separate event-loop tasks, and a frame the charger sends at once
        // (its BootNotification) that arrives in between finds no handler and is dropped without a trace.
        return VertxContextSupport.executeBlocking(() -> authenticator.authenticate(chargePointId, authorization))
                .map(authentication -> decide(context, chargePointId, authentication));
    }

    private static CheckResult decide(HttpUpgradeContext context, String chargePointId,
                                      Authentication authentication) {
        if (authentication instanceof Authentication.Accepted accepted) {
            context.userData().put(CHARGER, accepted.charger());
            return CheckResult.permitUpgradeSync();
        }
        if (authentication instanceof Authentication.Unregistered unregistered) {
            context.userData().put(CHARGER, unregistered.charger());
            context.userData().put(UNREGISTERED, unregistered);
            return CheckResult.permitUpgradeSync();
        }
        Authentication.Refused refused = (Authentication.Refused) authentication;
        refused(chargePointId, refused.charger(), refused.status(), refused.reason());
        return refused.status() == 401
                ? CheckResult.rejectUpgradeSync(401, CHALLENGE) : CheckResult.rejectUpgradeSync(refused.status());
    }

    /** The id from the URL is named only if valid: it could hold anything, line breaks included. */
    private static void refused(String chargePointId, Charger charger, int status, String reason) {
        ConnectionLog.event(chargePointId, charger == null ? null : charger.organisationId(), null, "Refused %s: %d %s",
                ChargePointIds.isValid(chargePointId) ? chargePointId : "an invalid charge point id", status, reason);
    }

}
