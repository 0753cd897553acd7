package org.dynamocsms.standalone.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live site summary over HTTP, fed by charger telemetry and asset readings published to the real broker (as
 * the OCPP gateway and an energy-management system would), read back from the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class SiteSummaryEndToEndTest {

    private static final String SITES = "/api/v1/sites";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String key;
    private KafkaProducer<String, ChargerTelemetry> telemetry;

    @BeforeEach
    void setUp() {
        key = Api.newOrganisation(keys, List.of());
        telemetry = kafka.producer(Topics.CHARGER_TELEMETRY);
    }

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void theSummaryShowsWhatTheChargersAndAssetsReport() {
        String site = Api.site(key, "King Street Depot");
        String charging = Api.charger(key);
        String available = Api.charger(key);
        String faulted = Api.charger(key);
        String neverConnected = Api.charger(key);
        String elsewhere = Api.charger(key); // not linked: must not count
        for (String charger : List.of(charging, available, faulted, neverConnected)) {
            as(key).post(SITES + "/" + site + "/chargers/" + charger + "/link").then().statusCode(200);
        }
        String asset = as(key).contentType(ContentType.JSON)
                .body(Map.of("type", "solar", "name", "Rooftop PV Array", "capacity_kw", 50))
                .post(SITES + "/" + site + "/energy-assets").then().statusCode(201).extract().path("asset_id");

        Instant t = Instant.now().minusSeconds(10);
        for (String charger : List.of(charging, available, faulted, elsewhere)) {
            send(charger, t, new ChargerConnected("1.6", "e2e", null, null));
        }
        send(charging, t, status(1, ConnectorStatus.Charging));
        send(charging, t, TransactionStarted.newBuilder().setConnectorId(1).setTransactionId(41).setIdTag("TAG")
                .setMeterStartWh(1000L).build());
        send(charging, t.plusSeconds(1), meter(1, 41, t.plusSeconds(1), 43_700.0));
        send(available, t, status(1, ConnectorStatus.Available));
        send(faulted, t, ConnectorStatusChanged.newBuilder().setConnectorId(0).setStatus(ConnectorStatus.Faulted)
                .setErrorCode(ChargePointErrorCode.GroundFailure).build());
        send(elsewhere, t, status(1, ConnectorStatus.Charging));
        as(key).contentType(ContentType.JSON)
                .body(Map.of("output_kw", 22.1, "measured_at", Instant.now().toString()))
                .post(SITES + "/" + site + "/energy-assets/" + asset + "/readings").then().statusCode(202);

        Api.eventually(WITHIN, () -> as(key).get(SITES + "/" + site + "/summary").then().statusCode(200)
                .body("site_id", equalTo(site))
                .body("name", equalTo("King Street Depot"))
                .body("max_power_kw", equalTo(150))
                .body("current_power_kw", equalTo(43.7f))
                .body("chargers", equalTo(Map.of("total", 4, "online", 3, "charging", 1, "available", 1,
                        "faulted", 1)))
                .body("active_sessions", equalTo(1))
                .body("energy_assets[0].asset_id", equalTo(asset))
                .body("energy_assets[0].type", equalTo("solar"))
                .body("energy_assets[0].capacity_kw", equalTo(50))
                .body("energy_assets[0].current_output_kw", equalTo(22.1f)));

        // the session ends, the charger disconnects, and an energy-management system publishes a reading directly
        send(charging, t.plusSeconds(5), TransactionStopped.newBuilder().setTransactionId(41).setMeterStopWh(9000L)
                .build());
        send(charging, t.plusSeconds(5), status(1, ConnectorStatus.Available));
        send(available, t.plusSeconds(6), new org.dynamocsms.schemas.telemetry.ChargerDisconnected("closed", "e2e",
                null));
        try (KafkaProducer<String, EnergyAssetReading> ems = kafka.producer(Topics.ENERGY_ASSET_READINGS)) {
            Instant now = Instant.now();
            ems.send(new ProducerRecord<>(Topics.ENERGY_ASSET_READINGS.name(), site, new EnergyAssetReading(
                    Ids.EVENT.next(), "ems", site, asset, 31.5, now, now, 1)));
            ems.send(new ProducerRecord<>(Topics.ENERGY_ASSET_READINGS.name(), site, new EnergyAssetReading(
                    Ids.EVENT.next(), "ems", site, "asset_UNKNOWN", 99.0, now, now, 1)));
        }
        Api.eventually(WITHIN, () -> as(key).get(SITES + "/" + site + "/summary").then().statusCode(200)
                .body("current_power_kw", equalTo(0))
                .body("chargers", equalTo(Map.of("total", 4, "online", 2, "charging", 0, "available", 1,
                        "faulted", 1)))
                .body("active_sessions", equalTo(0))
                .body("energy_assets.size()", equalTo(1))
                .body("energy_assets[0].current_output_kw", equalTo(31.5f)));
    }

    @Test
    void aNewSiteHasAnEmptySummaryAndUnknownOrForeignSitesHaveNone() {
        String site = Api.site(key, "Empty");
        Api.eventually(WITHIN, () -> as(key).get(SITES + "/" + site + "/summary").then().statusCode(200)
                .body("current_power_kw", equalTo(0))
                .body("chargers", equalTo(Map.of("total", 0, "online", 0, "charging", 0, "available", 0,
                        "faulted", 0)))
                .body("active_sessions", equalTo(0))
                .body("energy_assets.size()", equalTo(0)));
        String other = Api.newOrganisation(keys, List.of());
        as(other).get(SITES + "/" + site + "/summary").then().statusCode(404).contentType(PROBLEM);
        as(key).get(SITES + "/" + Ids.SITE.next() + "/summary").then().statusCode(404).contentType(PROBLEM);
        as(key).delete(SITES + "/" + site).then().statusCode(204);
        Api.eventually(WITHIN, () -> as(key).get(SITES + "/" + site + "/summary").then().statusCode(404));
    }

    @Test
    void badReadingsAreRefusedNamingTheFieldAndWriteNothing() {
        String site = Api.site(key, "Readings");
        String asset = as(key).contentType(ContentType.JSON)
                .body(Map.of("type", "solar", "name", "PV", "capacity_kw", 50))
                .post(SITES + "/" + site + "/energy-assets").then().statusCode(201).extract().path("asset_id");
        String readings = SITES + "/" + site + "/energy-assets/" + asset + "/readings";
        long before = Api.endOffsets(kafka, Topics.ENERGY_ASSET_READINGS.name());
        String now = Instant.now().toString();
        Map<String, String> fieldOfBody = Map.of(
                "{\"measured_at\": \"" + now + "\"}", "output_kw",
                "{\"output_kw\": \"lots\", \"measured_at\": \"" + now + "\"}", "output_kw",
                "{\"output_kw\": 1}", "measured_at",
                "{\"output_kw\": 1, \"measured_at\": \"yesterday\"}", "measured_at",
                "{\"output_kw\": 1, \"measured_at\": \"" + Instant.now().plusSeconds(3600) + "\"}", "measured_at");
        fieldOfBody.forEach((body, field) -> as(key).contentType(ContentType.JSON).body(body).post(readings)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field)));
        as(key).contentType(ContentType.JSON).body(Map.of("output_kw", -5, "measured_at", now)).post(readings)
                .then().statusCode(422).contentType(PROBLEM);
        as(key).contentType(ContentType.JSON).body(Map.of("output_kw", 5, "measured_at", now))
                .post(SITES + "/" + site + "/energy-assets/" + Ids.ASSET.next() + "/readings")
                .then().statusCode(404).contentType(PROBLEM);
        assertThat(Api.endOffsets(kafka, Topics.ENERGY_ASSET_READINGS.name())).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentDescribesTheWholeSitesApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/sites/{site_id}/chargers/{charge_point_id}/link"))
                .body("paths", hasKey("/api/v1/sites/{site_id}/chargers/{charge_point_id}"))
                .body("paths", hasKey("/api/v1/sites/{site_id}/summary"))
                .body("paths", hasKey("/api/v1/sites/{site_id}/energy-assets"))
                .body("paths", hasKey("/api/v1/sites/{site_id}/energy-assets/{asset_id}"))
                .body("paths", hasKey("/api/v1/sites/{site_id}/energy-assets/{asset_id}/readings"))
                .body("paths", hasKey("/api/v1/cpo/chargers"))
                .body("paths", hasKey("/api/v1/cpo/chargers/{charge_point_id}"))
                .body("paths.'/api/v1/sites/{site_id}/energy-assets/{asset_id}'.keySet()",
                        hasItems("put", "delete"))
                .body("paths.'/api/v1/cpo/chargers/{charge_point_id}'.keySet()", hasItems("get", "delete"))
                .body("paths.'/api/v1/sites/{site_id}/summary'.get.summary", equalTo("Get site summary"))
                .body("paths.'/api/v1/sites/{site_id}/summary'.get.responses.keySet()", hasItems("200", "401", "404"))
                .body("paths.'/api/v1/cpo/chargers/{charge_point_id}'.get.responses.keySet()", hasItems("200", "401"))
                .body("paths.'/api/v1/sites'.get.responses.keySet()", hasItems("200", "400", "401"));
    }

    private void send(String chargePointId, Instant at, Object payload) {
        try {
            telemetry.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), chargePointId,
                    ChargerTelemetry.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId("gateway-view")
                            .setChargePointId(chargePointId).setOccurredAt(at).setRecordedAt(Instant.now())
                            .setPayload(payload).build())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectorStatusChanged status(int connector, ConnectorStatus status) {
        return ConnectorStatusChanged.newBuilder().setConnectorId(connector).setStatus(status).build();
    }

    private static MeterValuesReported meter(int connector, int transaction, Instant at, double powerW) {
        return MeterValuesReported.newBuilder().setConnectorId(connector).setTransactionId(transaction)
                .setSamples(List.of(new MeterSample(at, powerW, 5000.0))).build();
    }
}
