package org.dynamocsms.ocpp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dynamocsms.ocpp.message.Frame;
import org.dynamocsms.platform.ocpp.PayloadSchemas;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.junit.jupiter.api.Test;

class PendingRegistrationTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
    private static final Charger CHARGER = new Charger("CP-NEW", "org_auto");
    private static final String BOOT = "{\"chargePointVendor\": \"Alfen\", \"chargePointModel\": \"Eve\"}";

    private final Map<String, ChargerView> registry = new HashMap<>();
    private final List<RegisterCharger> sent = new ArrayList<>();
    private CompletableFuture<Void> acknowledgement = CompletableFuture.completedFuture(null);
    private final PendingRegistration pending = new PendingRegistration(
            new Authentication.Unregistered(CHARGER, "pbkdf2-sha256$10000$salt$hash"),
            id -> Optional.ofNullable(registry.get(id)),
            (charger, registration) -> {
                assertThat(charger).isEqualTo(CHARGER);
                sent.add(registration);
                return acknowledgement;
            },
            new PayloadSchemas(), Duration.ofSeconds(30));

    @Test
    void aBootSendsTheRegistrationAndIsAnsweredPendingWithTheRetryInterval() {
        String answer = answer("BootNotification", BOOT);

        assertThat(answer).isEqualTo("[3,\"m1\",{\"currentTime\":\"2024-06-01T12:00:00Z\",\"interval\":30,"
                + "\"status\":\"Pending\"}]");
        assertThat(sent).containsExactly(
                new RegisterCharger("Alfen", "Eve", "pbkdf2-sha256$10000$salt$hash", List.of()));
    }

    @Test
    void anyOtherCallIsASecurityErrorAndAnInvalidBootItsSchemasError() {
        assertThat(answer("Heartbeat", "{}")).isEqualTo(
                "[4,\"m1\",\"SecurityError\",\"BootNotification not accepted yet: registration pending\",{}]");
        assertThat(answer("BootNotification", "{\"chargePointVendor\": \"Alfen\"}"))
                .startsWith("[4,\"m1\",\"FormationViolation\"");
        assertThat(sent).isEmpty();
    }

    @Test
    void aRegistrationThatCannotBeSentIsAnInternalError() {
        acknowledgement = CompletableFuture.failedFuture(new IllegalStateException("broker away"));

        assertThat(answer("BootNotification", BOOT))
                .isEqualTo("[4,\"m1\",\"InternalError\",\"not registered; retry\",{}]");
    }

    @Test
    void theFirstBootAfterTheRegistrationHasLandedEndsThePending() {
        assertThat(pending.state(call("BootNotification", BOOT))).isEqualTo(PendingRegistration.State.PENDING);

        registry.put("CP-NEW", view("org_auto", null));
        assertThat(pending.state(call("Heartbeat", "{}"))).as("not accepted before it boots")
                .isEqualTo(PendingRegistration.State.PENDING);
        assertThat(pending.state(call("BootNotification", BOOT))).isEqualTo(PendingRegistration.State.REGISTERED);
    }

    @Test
    void anIdentityRegisteredToAnotherOrganisationOrRetiredIsRefused() {
        registry.put("CP-NEW", view("org_other", null));
        assertThat(pending.state(call("BootNotification", BOOT))).isEqualTo(PendingRegistration.State.REFUSED);
        assertThat(pending.state(call("Heartbeat", "{}"))).isEqualTo(PendingRegistration.State.REFUSED);

        registry.put("CP-NEW", view("org_auto", NOW));
        assertThat(pending.state(call("BootNotification", BOOT))).isEqualTo(PendingRegistration.State.REFUSED);
    }

    private String answer(String action, String payload) {
        return pending.answer(call(action, payload), NOW).toCompletableFuture().join();
    }

    private static Frame.Call call(String action, String payload) {
        try {
            return new Frame.Call("m1", action, (ObjectNode) new ObjectMapper().readTree(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChargerView view(String organisationId, Instant decommissionedAt) {
        return ChargerView.newBuilder().setChargePointId("CP-NEW").setOrganisationId(organisationId)
                .setRegisteredAt(NOW).setUpdatedAt(NOW).setDecommissionedAt(decommissionedAt).setVersion(1).build();
    }
}
