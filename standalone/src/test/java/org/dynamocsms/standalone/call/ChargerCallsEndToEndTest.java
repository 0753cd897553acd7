package org.dynamocsms.standalone.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's calls to a charger connected over a real WebSocket: sent by the gateway, answered by the charger,
 * recorded, and read back at once; a silent charger times out, an offline one leaves the call pending; bad requests
 * reach no charger.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class ChargerCallsEndToEndTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RESET = "{\"action\": \"Reset\", \"payload\": {\"type\": \"Soft\"}}";

    @Inject
    ApiKeyDirectory keys;

    private String key;
    private String chargePointId;
    private OcppConnection charger;

    @BeforeEach
    void aConnectedCharger() throws Exception {
        key = Api.newOrganisation(keys, List.of());
        chargePointId = register();
        charger = OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, chargePointId, PASSWORD, "ocpp1.6")
                .get(10, TimeUnit.SECONDS);
        JsonNode boot = charger.call("BootNotification", "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}")
                .get(10, TimeUnit.SECONDS);
        assertThat(boot.get(2).get("status").asText()).isEqualTo("Accepted");
    }

    @AfterEach
    void disconnect() {
        charger.abort();
    }

    @Test
    void theChargersAnswerComesBackAndIsRecorded() {
        charger.answerCalls(call -> "{\"status\": \"Accepted\"}");

        Response sent = calls(chargePointId).body(RESET).post();

        sent.then().statusCode(200).body("status", equalTo("answered")).body("action", equalTo("Reset"))
                .body("payload.type", equalTo("Soft")).body("answer.status", equalTo("Accepted"))
                .body("error", nullValue()).body("requested_by", equalTo("api"))
                .body("call_id", startsWith("call_"));
        String callId = sent.path("call_id");
        assertThat(charger.callsReceived()).singleElement().satisfies(frame -> {
            assertThat(frame.get(1).asText()).isEqualTo(callId);
            assertThat(frame.get(2).asText()).isEqualTo("Reset");
            assertThat(frame.get(3).get("type").asText()).isEqualTo("Soft");
        });
        // read at once, without a token: the call as it ended
        as(key).get("/api/v1/cpo/chargers/" + chargePointId + "/calls/" + callId).then().statusCode(200)
                .body("status", equalTo("answered")).body("answer.status", equalTo("Accepted"));
        as(key).get("/api/v1/cpo/chargers/" + chargePointId + "/calls").then().statusCode(200)
                .body("total", equalTo(1)).body("calls[0].call_id", equalTo(callId));
    }

    @Test
    void aChargerThatRejectsOrErrsIsShownAsItAnswered() {
        charger.answerCalls(call -> call.get(2).asText().equals("UnlockConnector")
                ? "{\"status\": \"NotSupported\"}" : "{\"status\": \"Perhaps\"}");

        calls(chargePointId).body("{\"action\": \"UnlockConnector\", \"payload\": {\"connectorId\": 1}}").post()
                .then().statusCode(200).body("status", equalTo("answered"))
                .body("answer.status", equalTo("NotSupported"));
        calls(chargePointId).body("{\"action\": \"ChangeAvailability\", \"payload\": {\"connectorId\": 0, "
                + "\"type\": \"Inoperative\"}}").post()
                .then().statusCode(200).body("status", equalTo("invalid_answer")).body("answer", nullValue())
                .body("error.code", equalTo("PropertyConstraintViolation"));
    }

    @Test
    void aSilentChargerTimesOutAndTheNextCallStillGoes() {
        Response silent = calls(chargePointId).body("{\"action\": \"Reset\", \"payload\": {\"type\": \"Hard\"}, "
                + "\"timeout_seconds\": 2}").post();

        silent.then().statusCode(200).body("status", equalTo("timed_out")).body("error.code", equalTo("Timeout"));
        charger.answerCalls(call -> "{\"status\": \"Accepted\"}");
        calls(chargePointId).body(RESET).post().then().statusCode(200).body("status", equalTo("answered"));
        assertThat(charger.callsReceived()).hasSize(2);
    }

    @Test
    void aCallToAChargerConnectedNowhereStaysPendingAndCanBeReadLater() {
        String offline = register();

        Response sent = calls(offline).header("Prefer", "respond-async").body(RESET).post();

        sent.then().statusCode(202).body("status", equalTo("pending")).body("sent_at", nullValue());
        String location = sent.header("Location");
        assertThat(location).startsWith("/api/v1/cpo/chargers/" + offline + "/calls/call_");
        as(key).get(location).then().statusCode(200).body("status", equalTo("pending"));
    }

    @Test
    void aRepeatedRequestSendsNothingAndPointsToTheFirstCall() {
        charger.answerCalls(call -> "{\"status\": \"Accepted\"}");
        String idempotencyKey = UUID.randomUUID().toString();

        String first = calls(chargePointId).header("Idempotency-Key", idempotencyKey).body(RESET).post()
                .then().statusCode(200).extract().path("call_id");
        Response repeated = calls(chargePointId).header("Idempotency-Key", idempotencyKey).redirects().follow(false)
                .body(RESET).post();

        repeated.then().statusCode(303).header("Idempotent-Replayed", "true");
        assertThat(repeated.header("Location")).endsWith("/calls/" + first);
        assertThat(charger.callsReceived()).hasSize(1);
    }

    @Test
    void badRequestsAndOtherFleetsChargersReachNoCharger() {
        calls(chargePointId).body("{\"action\": \"Reset\", \"payload\": {\"type\": \"Gentle\"}}").post().then()
                .statusCode(400).body("errors[0].field", equalTo("payload"));
        calls(chargePointId).body("{\"action\": \"Heartbeat\"}").post().then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        String otherKey = Api.newOrganisation(keys, List.of());
        as(otherKey).contentType(ContentType.JSON).body(RESET).post("/api/v1/cpo/chargers/" + chargePointId
                + "/calls").then().statusCode(404);
        calls("CP-NEVER-REGISTERED").body(RESET).post().then().statusCode(404);

        assertThat(charger.callsReceived()).isEmpty();
        as(key).get("/api/v1/cpo/chargers/" + chargePointId + "/calls").then().statusCode(200)
                .body("total", equalTo(0));
    }

    private RequestSpecification calls(String chargerId) {
        return as(key).contentType(ContentType.JSON).basePath("/api/v1/cpo/chargers/" + chargerId + "/calls");
    }

    private String register() {
        String id = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id, "password", PASSWORD))
                .post("/api/v1/cpo/chargers").then().statusCode(201);
        return id;
    }
}
