package org.dynamocsms.standalone.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.dynamocsms.bench.OcppConnection;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Site load management end to end: chargers charging on a site over real WebSockets get TxProfiles that share the
 * site's ceiling and, booted, the site's safe share as their TxDefaultProfile; a lower ceiling reaches each of them,
 * and the calls are recorded as the allocator's.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class SiteLoadEndToEndTest {

    private static final String PASSWORD = "a-16-to-40-char-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @Inject
    ApiKeyDirectory keys;

    private String key;
    private String site;
    private final List<OcppConnection> chargers = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void threeChargersChargingOnASite() throws Exception {
        key = Api.newOrganisation(keys, List.of());
        site = as(key).contentType(ContentType.JSON).body(Map.of("name", "Depot", "max_power_kw", 150))
                .post("/api/v1/sites").then().statusCode(201).extract().path("site_id");
        for (int i = 0; i < 3; i++) {
            String id = "CP-" + UUID.randomUUID().toString().substring(0, 8);
            as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id, "password", PASSWORD,
                            "connectors", List.of(Map.of("connector_id", 1, "type", "Type2", "max_power_kw", 22))))
                    .post("/api/v1/cpo/chargers").then().statusCode(201);
            as(key).post("/api/v1/sites/" + site + "/chargers/" + id + "/link").then().statusCode(200);
            OcppConnection charger = OcppConnection.open(HTTP, "ws://127.0.0.1:" + RestAssured.port, id, PASSWORD,
                    "ocpp1.6").get(10, TimeUnit.SECONDS);
            charger.answerCalls(call -> "{\"status\": \"Accepted\"}");
            call(charger, "BootNotification", "{\"chargePointVendor\":\"Alfen\",\"chargePointModel\":\"Eve\"}");
            int transactionId = call(charger, "StartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG\","
                    + "\"meterStart\":0,\"timestamp\":\"" + Instant.now() + "\"}").get(2).get("transactionId").asInt();
            call(charger, "MeterValues", "{\"connectorId\":1,\"transactionId\":" + transactionId + ",\"meterValue\":"
                    + "[{\"timestamp\":\"" + Instant.now() + "\",\"sampledValue\":[{\"value\":\"11000\","
                    + "\"measurand\":\"Power.Active.Import\",\"unit\":\"W\"}]}]}");
            chargers.add(charger);
            ids.add(id);
        }
    }

    @AfterEach
    void disconnect() {
        chargers.forEach(OcppConnection::abort);
    }

    @Test
    void theSitesCeilingIsSharedAndALowerOneReachesEveryCharger() {
        // 3 x 22 kW fit under 150 kW: each at its connector's maximum
        Api.eventually(WITHIN, () -> chargers.forEach(charger -> assertThat(latestLimit(charger)).isEqualTo(22_000)));

        as(key).contentType(ContentType.JSON).body(Map.of("max_power_kw", 50)).patch("/api/v1/sites/" + site)
                .then().statusCode(200);

        Api.eventually(WITHIN, () -> chargers.forEach(charger -> assertThat(latestLimit(charger)).isEqualTo(16_666)));
        JsonNode profile = latestProfile(chargers.get(0), "TxProfile");
        assertThat(profile.get("connectorId").asInt()).isEqualTo(1);
        assertThat(profile.at("/csChargingProfiles/chargingProfilePurpose").asText()).isEqualTo("TxProfile");
        assertThat(profile.at("/csChargingProfiles/chargingSchedule/chargingRateUnit").asText()).isEqualTo("W");
        // the booted chargers got the site's safe share as their default, again once it fell: 50 kW / 3
        Api.eventually(WITHIN, () -> chargers.forEach(charger -> assertThat(latestProfile(charger, "TxDefaultProfile")
                .at("/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit").asLong())
                .isEqualTo(16_666)));
        // each profile is a call the allocator made, answered and recorded
        int received = profiles(chargers.get(0), null).size();
        Api.eventually(WITHIN, () -> as(key).queryParam("action", "SetChargingProfile")
                .get("/api/v1/cpo/chargers/" + ids.get(0) + "/calls").then().statusCode(200)
                .body("total", equalTo(received)).body("calls.requested_by", everyItem(equalTo("site-allocator")))
                .body("calls.status", everyItem(equalTo("answered"))));
    }

    private static JsonNode call(OcppConnection charger, String action, String payload) throws Exception {
        return charger.call(action, payload).get(10, TimeUnit.SECONDS);
    }

    /** The SetChargingProfile payloads the charger received of {@code purpose} (null: any), in order. */
    private static List<JsonNode> profiles(OcppConnection charger, String purpose) {
        return charger.callsReceived().stream()
                .filter(call -> call.get(2).asText().equals("SetChargingProfile")).map(call -> call.get(3))
                .filter(payload -> purpose == null
                        || payload.at("/csChargingProfiles/chargingProfilePurpose").asText().equals(purpose))
                .toList();
    }

    private static JsonNode latestProfile(OcppConnection charger, String purpose) {
        List<JsonNode> profiles = profiles(charger, purpose);
        assertThat(profiles).isNotEmpty();
        return profiles.get(profiles.size() - 1);
    }

    /** The limit of the charger's latest TxProfile. */
    private static long latestLimit(OcppConnection charger) {
        return latestProfile(charger, "TxProfile")
                .at("/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit").asLong();
    }
}
