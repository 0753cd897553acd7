package org.dynamocsms.standalone.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.dynamocsms.standalone.SimulatedCharger;
import org.junit.jupiter.api.Test;

/**
 * An OCPP 2.0.1 charging station of the independent ocpp-rpc library, in strict mode (every answer checked against
 * the OCA's 2.0.1 schemas it ships), beside an OCPP 1.6 charger at the same site: the same fleet figures, site
 * summary and diagnostics hold for both, and the station's diagnostics say 2.0.1. Needs node and npm (CI installs
 * them).
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class Ocpp201EndToEndTest {

    private static final String PASSWORD = "ocpp201-test-password";
    private static final Duration VISIBLE = Duration.ofSeconds(15);

    @Inject
    ApiKeyDirectory keys;

    @Test
    void aMixedFleetOf201And16ChargersShowsInEveryFigure() throws Exception {
        String key = Api.newOrganisation(keys, List.of("write"));
        String site = Api.site(key, "Mixed Depot");
        String station = charger(key, site, "CS201-");
        String charger = charger(key, site, "CP16-");
        try (SimulatedCharger v201 = connect(key, station, OcppVersion.OCPP201);
             SimulatedCharger v16 = connect(key, charger, OcppVersion.OCPP16)) {
            v201.send("status 1 Available");
            v201.send("status 2 Occupied");
            v16.send("status 0 Available");
            v16.send("status 1 Available");

            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then()
                    .statusCode(200).body("ocpp_version", equalTo("2.0.1")).body("firmware_version", equalTo("2.0.0"))
                    .body("connectors.connector_id", equalTo(List.of(1, 2)))
                    .body("connectors.status", equalTo(List.of("Available", "Preparing"))));
            as(key).get("/api/v1/cpo/chargers/" + charger + "/diagnostics").then().statusCode(200)
                    .body("ocpp_version", equalTo("1.6"));
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/fleet/summary").then().statusCode(200)
                    .body("total_chargers", equalTo(2)).body("online", equalTo(2)).body("available", equalTo(2))
                    .body("faulted", equalTo(0)));

            v201.send("status 1 Faulted");
            v201.send("problem 1 true ground-fault");
            v201.send("status 2 Faulted");
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/fleet/summary").then().statusCode(200)
                    .body("faulted", equalTo(1)).body("available", equalTo(1)));
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/sites/" + site + "/summary").then().statusCode(200)
                    .body("chargers.total", equalTo(2)).body("chargers.faulted", equalTo(1))
                    .body("chargers.available", equalTo(1)));
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/fleet/chargers?status=faulted").then()
                    .statusCode(200).body("chargers.charge_point_id", equalTo(List.of(station)))
                    .body("chargers[0].vendor", equalTo("SimVendor")).body("chargers[0].model", equalTo("SimModel-2")));
            Api.eventually(VISIBLE, () -> assertThat(as(key).get("/api/v1/cpo/chargers/" + station
                    + "/error-history").then().statusCode(200).extract().<Integer>path("total")).isEqualTo(2));
            // why EVSE 1 is Faulted, from the station's NotifyEvent; EVSE 2 has not said
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then()
                    .statusCode(200).body("connectors.problem", equalTo(Arrays.asList("ground-fault", null))));
        }
    }

    @Test
    void aTransactionOfA201StationCountsAsA16ChargersDoes() throws Exception {
        String key = Api.newOrganisation(keys, List.of("write"));
        String site = Api.site(key, "Mixed Sessions");
        String station = charger(key, site, "CS201-");
        String charger = charger(key, site, "CP16-");
        try (SimulatedCharger v201 = connect(key, station, OcppVersion.OCPP201);
             SimulatedCharger v16 = connect(key, charger, OcppVersion.OCPP16)) {
            v201.send("status 1 Occupied");
            // Started (register 0 kWh), Updated without its EVSE (5 kWh, 11 kW): TransactionEvents
            v201.send("start 1");
            v201.send("meter 1 5000 11000");
            v16.send("start 1");
            v16.send("status 1 Charging");
            v16.send("meter 1 2000 7400");

            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/sites/" + site + "/summary").then().statusCode(200)
                    .body("chargers.charging", equalTo(2)).body("active_sessions", equalTo(2))
                    .body("current_power_kw", equalTo(18.4f)));
            String transaction = as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then()
                    .statusCode(200).body("connectors[0].status", equalTo("Charging"))
                    .extract().path("connectors[0].transaction_id");
            assertThat(transaction).as("the station's own id, a UUID").hasSize(36);

            v201.send("stop 1 8000");
            v16.send("stop 1 3000");
            v16.send("status 1 Available");
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/fleet/summary").then().statusCode(200)
                    .body("active_sessions", equalTo(0)).body("charging", equalTo(0))
                    .body("total_energy_today_kwh", equalTo(11)));
            as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then().statusCode(200)
                    .body("connectors[0].status", equalTo("Finishing"))
                    .body("connectors[0].total_sessions", equalTo(1))
                    .body("connectors[0].total_energy_kwh", equalTo(8))
                    .body("connectors[0].transaction_id", equalTo(null));
        }
    }

    @Test
    void theCentralSystemsCallsReachA201StationInItsWords() throws Exception {
        String key = Api.newOrganisation(keys, List.of("write"));
        String site = Api.site(key, "Managed Depot");
        String station = charger(key, site, "CS201-");
        String calls = "/api/v1/cpo/chargers/" + station + "/calls";
        try (SimulatedCharger v201 = connect(key, station, OcppVersion.OCPP201)) {
            v201.send("start 1");
            v201.send("meter 1 1000 11000");

            // site load management's profiles (TxDefaultProfile at boot, TxProfile of the transaction), which the
            // strict station checks against the OCA's 2.0.1 schema before it answers
            Api.eventually(VISIBLE, () -> as(key).queryParam("action", "SetChargingProfile").get(calls).then()
                    .statusCode(200).body("calls.status", everyItem(equalTo("answered")))
                    .body("calls.payload.csChargingProfiles.chargingProfilePurpose",
                            hasItems("TxDefaultProfile", "TxProfile")));
            as(key).contentType(ContentType.JSON).body("{\"action\": \"Reset\", \"payload\": {\"type\": \"Soft\"}}")
                    .post(calls).then().statusCode(200).body("status", equalTo("answered"))
                    .body("answer.status", equalTo("Accepted"));
            as(key).contentType(ContentType.JSON).body("{\"action\": \"GetVariables\", \"payload\": "
                    + "{\"getVariableData\": [{\"component\": {\"name\": \"OCPPCommCtrlr\"}, "
                    + "\"variable\": {\"name\": \"HeartbeatInterval\"}}]}}").post(calls).then().statusCode(200)
                    .body("status", equalTo("answered"))
                    .body("answer.getVariableResult[0].attributeValue", equalTo("300"));
            as(key).contentType(ContentType.JSON).body("{\"action\": \"GetConfiguration\"}").post(calls).then()
                    .statusCode(200).body("status", equalTo("not_sent")).body("error.code", equalTo("NotSupported"));

            // an operator stops the transaction by the id the diagnostics show
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then()
                    .statusCode(200).body("connectors[0].transaction_id", notNullValue()));
            String transaction = as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then()
                    .extract().path("connectors[0].transaction_id");
            as(key).contentType(ContentType.JSON).body("{\"action\": \"RequestStopTransaction\", \"payload\": "
                    + "{\"transactionId\": \"" + transaction + "\"}}").post(calls).then().statusCode(200)
                    .body("status", equalTo("answered")).body("answer.status", equalTo("Accepted"));
            // the station ended it (TransactionEvent Ended, stoppedReason Remote) at its register's 1 kWh
            Api.eventually(VISIBLE, () -> as(key).get("/api/v1/cpo/chargers/" + station + "/diagnostics").then()
                    .statusCode(200).body("connectors[0].transaction_id", equalTo(null))
                    .body("connectors[0].total_sessions", equalTo(1))
                    .body("connectors[0].total_energy_kwh", equalTo(1)));
        }
    }

    /** An ocpp-rpc charger {@code id} of the organisation of {@code key}, speaking {@code version}. */
    private static SimulatedCharger connect(String key, String id, OcppVersion version) throws Exception {
        return new SimulatedCharger("http://127.0.0.1:" + RestAssured.port, key, id, PASSWORD, version);
    }

    /** Registers a charger with a password, linked to {@code site}; answers its id. */
    private static String charger(String key, String site, String prefix) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id, "password", PASSWORD))
                .post("/api/v1/cpo/chargers").then().statusCode(201);
        as(key).post("/api/v1/sites/" + site + "/chargers/" + id + "/link").then().statusCode(200);
        return id;
    }
}
