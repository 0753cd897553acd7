package org.dynamocsms.standalone.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;

import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * Auto-registration on the real broker and registry: an unknown charger with a valid password is answered Pending,
 * registered to the configured organisation, and Accepted once the registration has landed.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
@TestProfile(OcppAutoRegistrationEndToEndTest.AutoRegistration.class)
class OcppAutoRegistrationEndToEndTest {

    private static final String ORGANISATION = "org_autoregistration_e2e";
    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final String BOOT = "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static class AutoRegistration implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("csms.ocpp.auto-registration.organisation-id", ORGANISATION,
                    "csms.ocpp.auto-registration.retry-interval", "1s");
        }
    }

    @Inject
    ApiKeyDirectory keys;

    @Test
    void anUnknownChargerIsAnsweredPendingThenRegisteredAndAccepted() throws Exception {
        String key = Api.newKey(keys, ORGANISATION, List.of());
        String chargePointId = "CP-AUTO-" + UUID.randomUUID().toString().substring(0, 8);
        OcppConnection charger = connect(chargePointId, PASSWORD);

        JsonNode first = call(charger, "BootNotification", BOOT);
        assertThat(first.get(2).get("status").asText()).isEqualTo("Pending");
        assertThat(first.get(2).get("interval").asInt()).isEqualTo(1);
        assertThat(call(charger, "Heartbeat", "{}").get(2).asText()).isEqualTo("SecurityError");

        // the charger boots again after the interval until the registration has landed
        JsonNode boot = first;
        Instant deadline = Instant.now().plusSeconds(10);
        while (!"Accepted".equals(boot.get(2).path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            boot = call(charger, "BootNotification", BOOT);
        }
        assertThat(boot.get(2).get("status").asText()).isEqualTo("Accepted");
        assertThat(call(charger, "Heartbeat", "{}").get(0).asInt()).isEqualTo(3);
        as(key).get("/api/v1/cpo/chargers/" + chargePointId).then().statusCode(200)
                .body("vendor", equalTo("Alfen")).body("model", equalTo("Eve"));
        // the organisation's fleet holds the other tests' chargers too
        Api.eventually(Duration.ofSeconds(10), () -> as(key).get("/api/v1/cpo/fleet/chargers").then()
                .body("chargers.find { it.charge_point_id == '" + chargePointId + "' }.status", equalTo("Online")));
        charger.close().get(10, TimeUnit.SECONDS);

        // from now on it is a registered charger: its password, and only that, lets it in
        connect(chargePointId, PASSWORD).close().get(10, TimeUnit.SECONDS);
        Throwable wrong = catchThrowable(() -> connect(chargePointId, "another-password-but-long"));
        assertThat(((WebSocketHandshakeException) wrong.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownChargerWithoutAValidPasswordIsRefused() {
        Throwable refused = catchThrowable(() -> connect("CP-AUTO-" + UUID.randomUUID().toString().substring(0, 8),
                "short"));
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    /** A 2.0.1 station registers from its own BootNotification, whose vendorName may have 50 characters. */
    @Test
    void anUnknownOcpp201StationIsAnsweredPendingThenRegisteredFromItsBoot() throws Exception {
        String key = Api.newKey(keys, ORGANISATION, List.of());
        String chargePointId = "CS-AUTO-" + UUID.randomUUID().toString().substring(0, 8);
        String vendor = "A vendor name of fifty characters, no more at all!";
        String boot = "{\"reason\": \"PowerUp\", \"chargingStation\": {\"vendorName\": \"" + vendor + "\", "
                + "\"model\": \"Eve 2\"}}";
        OcppConnection station = OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, chargePointId,
                PASSWORD, "ocpp2.0.1").get(10, TimeUnit.SECONDS);

        JsonNode answer = call(station, "BootNotification", boot);
        assertThat(answer.get(2).get("status").asText()).isEqualTo("Pending");
        assertThat(call(station, "Heartbeat", "{}").get(2).asText()).isEqualTo("SecurityError");
        Instant deadline = Instant.now().plusSeconds(10);
        while (!"Accepted".equals(answer.get(2).path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = call(station, "BootNotification", boot);
        }

        assertThat(answer.get(2).get("status").asText()).isEqualTo("Accepted");
        as(key).get("/api/v1/cpo/chargers/" + chargePointId).then().statusCode(200)
                .body("vendor", equalTo(vendor)).body("model", equalTo("Eve 2"));
        station.close().get(10, TimeUnit.SECONDS);
    }

    private static OcppConnection connect(String id, String password) throws Exception {
        return OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, id, password, "ocpp1.6")
                .get(10, TimeUnit.SECONDS);
    }

    private static JsonNode call(OcppConnection charger, String action, String payload) throws Exception {
        return charger.call(action, payload).get(10, TimeUnit.SECONDS);
    }
}
