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
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.ocpp.connection.GatewaySettings;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A charger speaking OCPP-J 1.6 over a real WebSocket to the gateway in the standalone, and what the site summary
 * then shows; bad frames get their CALLERROR without disturbing the connection.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class OcppGatewayEndToEndTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    @Inject
    GatewaySettings gateway;

    private String key;
    private String site;
    private String chargePointId;

    @BeforeEach
    void aRegisteredChargerLinkedToASite() {
        key = Api.newOrganisation(keys, List.of());
        site = as(key).contentType(ContentType.JSON).body(Map.of("name", "Depot", "max_power_kw", 150))
                .post("/api/v1/sites").then().statusCode(201).extract().path("site_id");
        chargePointId = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", chargePointId, "password", PASSWORD))
                .post("/api/v1/cpo/chargers").then().statusCode(201);
        as(key).post("/api/v1/sites/" + site + "/chargers/" + chargePointId + "/link").then().statusCode(200);
    }

    @Test
    void aChargerBootsChargesAndLeavesAndTheSummaryFollows() throws Exception {
        OcppConnection charger = connect(chargePointId, PASSWORD, "ocpp1.6");
        JsonNode boot = call(charger, "BootNotification",
                "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\",\"firmwareVersion\":\"6.1.0\"}");
        assertThat(boot.get(0).asInt()).isEqualTo(3);
        assertThat(boot.get(2).get("status").asText()).isEqualTo("Accepted");
        assertThat(boot.get(2).get("interval").asInt()).isPositive();
        assertThat(Instant.parse(boot.get(2).get("currentTime").asText())).isNotNull();
        assertThat(call(charger, "Heartbeat", "{}").get(2).has("currentTime")).isTrue();
        assertThat(call(charger, "StatusNotification", status(1, "Available")).get(0).asInt()).isEqualTo(3);
        Api.eventually(WITHIN, () -> summary().body("chargers.online", equalTo(1))
                .body("chargers.available", equalTo(1)));

        JsonNode started = call(charger, "StartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\","
                + "\"meterStart\":1000,\"timestamp\":\"" + Instant.now() + "\"}");
        int transactionId = started.get(2).get("transactionId").asInt();
        assertThat(started.get(2).get("idTagInfo").get("status").asText()).isEqualTo("Accepted");
        call(charger, "StatusNotification", status(1, "Charging"));
        call(charger, "MeterValues", "{\"connectorId\":1,\"transactionId\":" + transactionId + ",\"meterValue\":"
                + "[{\"timestamp\":\"" + Instant.now() + "\",\"sampledValue\":["
                + "{\"value\":\"7.4\",\"measurand\":\"Power.Active.Import\",\"unit\":\"kW\"},"
                + "{\"value\":\"1500\",\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"Wh\"}]}]}");
        Api.eventually(WITHIN, () -> summary().body("chargers.charging", equalTo(1))
                .body("current_power_kw", equalTo(7.4f)).body("active_sessions", equalTo(1)));

        call(charger, "StopTransaction", "{\"transactionId\":" + transactionId + ",\"meterStop\":9000,"
                + "\"timestamp\":\"" + Instant.now() + "\"}");
        call(charger, "StatusNotification", status(1, "Available"));
        Api.eventually(WITHIN, () -> summary().body("chargers.charging", equalTo(0))
                .body("current_power_kw", equalTo(0)).body("active_sessions", equalTo(0)));

        // the fleet endpoints show the same charger: 9000 - 1000 Wh delivered today, one session
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/fleet/summary").then().statusCode(200)
                .body("total_chargers", equalTo(1)).body("online", equalTo(1)).body("offline", equalTo(0))
                .body("charging", equalTo(0)).body("available", equalTo(1)).body("faulted", equalTo(0))
                .body("active_sessions", equalTo(0)).body("total_energy_today_kwh", equalTo(8)));
        as(key).queryParam("status", "available").get("/api/v1/cpo/fleet/chargers").then().statusCode(200)
                .body("total", equalTo(1))
                .body("chargers[0].charge_point_id", equalTo(chargePointId))
                .body("chargers[0].site_id", equalTo(site))
                .body("chargers[0].vendor", equalTo("Alfen"))
                .body("chargers[0].model", equalTo("Eve"))
                .body("chargers[0].firmware_version", equalTo("6.1.0"))
                .body("chargers[0].status", equalTo("Available"))
                .body("chargers[0].connectors.size()", equalTo(1))
                .body("chargers[0].connectors[0].connector_id", equalTo(1))
                .body("chargers[0].connectors[0].status", equalTo("Available"))
                .body("chargers[0].connectors[0]", org.hamcrest.Matchers.hasKey("type"));
        as(key).queryParam("status", "charging").get("/api/v1/cpo/fleet/chargers").then().statusCode(200)
                .body("total", equalTo(0));
        as(key).get("/api/v1/cpo/chargers/" + chargePointId + "/diagnostics").then().statusCode(200)
                .body("firmware_version", equalTo("6.1.0"))
                .body("ocpp_version", equalTo("1.6"))
                .body("connectors[0].connector_id", equalTo(1))
                .body("connectors[0].total_sessions", equalTo(1))
                .body("connectors[0].total_energy_kwh", equalTo(8));

        charger.close().get(10, TimeUnit.SECONDS);
        Api.eventually(WITHIN, () -> summary().body("chargers.online", equalTo(0))
                .body("chargers.total", equalTo(1)));
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/fleet/summary").then()
                .body("online", equalTo(0)).body("offline", equalTo(1)));
        as(key).queryParam("status", "offline").get("/api/v1/cpo/fleet/chargers").then().body("total", equalTo(1));
        as(key).queryParam("status", "asleep").get("/api/v1/cpo/fleet/chargers").then().statusCode(400);
        as(key).queryParam("limit", 201).get("/api/v1/cpo/fleet/chargers").then().statusCode(400);
    }

    @Test
    void theChargersOfAGatewayThatRestartedGoOffline() throws Exception {
        OcppConnection charger = connect(chargePointId, PASSWORD, "ocpp1.6");
        call(charger, "BootNotification", "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}");
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/fleet/summary").then()
                .body("online", equalTo(1)).body("offline", equalTo(0)));

        // what this gateway writes when it starts again: a run that began after the charger connected. Written
        // before every look, as a restarted gateway keeps reporting its new run (this one's own reports, of its
        // earlier run, would otherwise replace it before the next check)
        Instant restarted = Instant.now();
        try (KafkaProducer<String, GatewayLiveness> producer = kafka.producer(Topics.GATEWAY_LIVENESS)) {
            Api.eventually(WITHIN, () -> {
                try {
                    producer.send(new ProducerRecord<>(Topics.GATEWAY_LIVENESS.name(), gateway.gatewayId(),
                            GatewayLiveness.newBuilder().setGatewayId(gateway.gatewayId()).setStartedAt(restarted)
                                    .setReportedAt(Instant.now())
                                    .setIntervalMs(gateway.livenessInterval().toMillis()).build())).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Api.sleep(200);
                as(key).get("/api/v1/cpo/fleet/summary").then()
                        .body("online", equalTo(0)).body("offline", equalTo(1));
            });
        }
        as(key).queryParam("status", "offline").get("/api/v1/cpo/fleet/chargers").then()
                .body("chargers[0].charge_point_id", equalTo(chargePointId));
        // the check's decision is a fact on the telemetry topic, so the charger's history has the disconnect too
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/chargers/" + chargePointId + "/connectivity").then()
                .statusCode(200).body("events.type", equalTo(List.of("connected", "disconnected"))));
        charger.close().get(10, TimeUnit.SECONDS);
    }

    /**
     * Issue 12: a charger opens a new connection while the gateway still holds its old one. The newer supersedes the
     * older, which the gateway closes; the charger stays online, and its connectivity shows no disconnect for the
     * superseded connection.
     */
    @Test
    void aChargerThatReconnectsWhileItsOldConnectionIsHeldStaysOnline() throws Exception {
        OcppConnection first = connect(chargePointId, PASSWORD, "ocpp1.6");
        String boot = "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}";
        call(first, "BootNotification", boot);
        call(first, "StatusNotification", status(1, "Available"));

        OcppConnection second = connect(chargePointId, PASSWORD, "ocpp1.6");
        assertThat(first.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(call(second, "BootNotification", boot).get(2).get("status").asText()).isEqualTo("Accepted");
        call(second, "StatusNotification", status(1, "Available"));
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/fleet/chargers").then().statusCode(200)
                .body("total", equalTo(1)).body("chargers[0].charge_point_id", equalTo(chargePointId))
                .body("chargers[0].status", equalTo("Available")));
        Api.sleep(1_000); // time for the superseded connection's end to be folded, were it to count
        as(key).queryParam("status", "offline").get("/api/v1/cpo/fleet/chargers").then().body("total", equalTo(0));

        // its end is the one disconnect: had the superseded connection's end counted, it would show before it
        second.close().get(10, TimeUnit.SECONDS);
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/chargers/" + chargePointId + "/connectivity").then()
                .statusCode(200).body("events.type", equalTo(List.of("connected", "disconnected"))));
    }

    @Test
    void badFramesGetTheirCallErrorAndTheConnectionCarriesOn() throws Exception {
        OcppConnection charger = connect(chargePointId, PASSWORD, "ocpp1.6");
        assertThat(errorCode(call(charger, "FlyToTheMoon", "{}"))).isEqualTo("NotImplemented");
        assertThat(errorCode(call(charger, "StatusNotification", "{\"connectorId\":1,\"status\":\"Available\"}")))
                .isEqualTo("FormationViolation"); // errorCode is required
        assertThat(errorCode(call(charger, "StatusNotification", "{\"connectorId\":\"one\","
                + "\"errorCode\":\"NoError\",\"status\":\"Available\"}"))).isEqualTo("TypeConstraintViolation");
        assertThat(errorCode(call(charger, "StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\","
                + "\"status\":\"Asleep\"}"))).isEqualTo("PropertyConstraintViolation");
        assertThat(errorCode(call(charger, "BootNotification", "{\"chargePointVendor\":\"" + "V".repeat(21)
                + "\",\"chargePointModel\":\"M\"}"))).isEqualTo("PropertyConstraintViolation");
        assertThat(charger.send("broken", "[2, \"broken\", \"Heartbeat\", {").get(10, TimeUnit.SECONDS).get(0).asInt())
                .isEqualTo(4);
        assertThat(call(charger, "Heartbeat", "{}").get(0).asInt()).isEqualTo(3);
        charger.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnknownChargerAWrongPasswordOrNoSubprotocolIsRefused() {
        assertThat(refusal(chargePointId, "wrong-password-but-long", "ocpp1.6")).isEqualTo(401);
        assertThat(refusal(chargePointId, null, "ocpp1.6")).isEqualTo(401);
        assertThat(refusal("CP-UNKNOWN-" + UUID.randomUUID().toString().substring(0, 4), PASSWORD, "ocpp1.6"))
                .isEqualTo(404);
        assertThat(refusal(chargePointId, PASSWORD, null)).isEqualTo(400);
    }

    private static OcppConnection connect(String id, String password, String subprotocol) throws Exception {
        return OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, id, password, subprotocol)
                .get(10, TimeUnit.SECONDS);
    }

    /** The HTTP status with which the gateway refused the upgrade. */
    private static int refusal(String id, String password, String subprotocol) {
        Throwable e = catchThrowable(() -> connect(id, password, subprotocol));
        assertThat(e).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    private static JsonNode call(OcppConnection charger, String action, String payload) throws Exception {
        return charger.call(action, payload).get(10, TimeUnit.SECONDS);
    }

    private static String errorCode(JsonNode callError) {
        assertThat(callError.get(0).asInt()).as("a CALLERROR: %s", callError).isEqualTo(4);
        return callError.get(2).asText();
    }

    private ValidatableResponse summary() {
        return as(key).get("/api/v1/sites/" + site + "/summary").then().statusCode(200);
    }

    private static String status(int connector, String status) {
        return "{\"connectorId\":" + connector + ",\"errorCode\":\"NoError\",\"status\":\"" + status + "\","
                + "\"timestamp\":\"" + Instant.now() + "\"}";
    }
}
