package org.dynamocsms.standalone.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.TOKEN;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Energy assets over HTTP, against a real Kafka broker and a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class EnergyAssetsEndToEndTest {

    private static final String SITES = "/api/v1/sites";
    /** The contract's example. */
    private static final String ROOFTOP_PV = """
            {"type": "solar", "name": "Rooftop PV Array", "capacity_kw": 50,
             "metadata": {"manufacturer": "SunPower", "install_date": "2023-03-15"}}""";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String key;
    private String otherKey;
    private String site;

    @BeforeEach
    void newOrganisationWithASite() {
        key = Api.newOrganisation(keys, List.of());
        otherKey = Api.newOrganisation(keys, List.of());
        site = as(key).contentType(ContentType.JSON).body(Map.of("name", "King Street Depot", "max_power_kw", 150))
                .post(SITES).then().statusCode(201).extract().path("site_id");
    }

    @Test
    void addListUpdateAndDeleteAsTheContractShows() {
        ExtractableResponse<Response> added = add(ROOFTOP_PV).then().statusCode(201).contentType(ContentType.JSON)
                .body("asset_id", matchesPattern("asset_[0-9A-HJKMNP-TV-Z]{26}"))
                .body("site_id", equalTo(site))
                .body("type", equalTo("solar"))
                .body("name", equalTo("Rooftop PV Array"))
                .body("capacity_kw", equalTo(50))
                .body("metadata.manufacturer", equalTo("SunPower"))
                .extract();
        String asset = added.path("asset_id");
        assertThat(added.header("Location")).isEqualTo(assets() + "/" + asset);
        assertThat(Instant.parse(added.path("created_at"))).isBefore(Instant.now().plusSeconds(1));

        as(key).header(TOKEN, added.header(TOKEN)).get(assets()).then().statusCode(200)
                .body("energy_assets.asset_id", equalTo(List.of(asset)))
                .body("energy_assets[0].capacity_kw", equalTo(50));

        ExtractableResponse<Response> updated = as(key).contentType(ContentType.JSON).body("{\"capacity_kw\": 60}")
                .put(assets() + "/" + asset).then().statusCode(200)
                .body("capacity_kw", equalTo(60))
                .body("name", equalTo("Rooftop PV Array"))
                .body("metadata.install_date", equalTo("2023-03-15"))
                .extract();
        as(key).header(TOKEN, updated.header(TOKEN)).get(assets()).then()
                .body("energy_assets[0].capacity_kw", equalTo(60))
                .body("energy_assets[0].type", equalTo("solar"));

        String token = as(key).delete(assets() + "/" + asset).then().statusCode(204).extract().header(TOKEN);
        as(key).header(TOKEN, token).get(assets()).then().statusCode(200).body("energy_assets.size()", equalTo(0));
        as(key).delete(assets() + "/" + asset).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anAssetIsOnlyReachableThroughItsOwnSiteAndOrganisation() {
        String asset = add(ROOFTOP_PV).then().statusCode(201).extract().path("asset_id");
        String otherSite = as(key).contentType(ContentType.JSON).body(Map.of("name", "Other", "max_power_kw", 10))
                .post(SITES).then().statusCode(201).extract().path("site_id");
        as(key).contentType(ContentType.JSON).body("{\"capacity_kw\": 60}")
                .put(SITES + "/" + otherSite + "/energy-assets/" + asset).then().statusCode(404).contentType(PROBLEM);
        as(key).delete(SITES + "/" + otherSite + "/energy-assets/" + asset).then().statusCode(404);
        as(otherKey).get(assets()).then().statusCode(404).contentType(PROBLEM);
        as(otherKey).contentType(ContentType.JSON).body(ROOFTOP_PV).post(assets()).then().statusCode(404);
        as(otherKey).delete(assets() + "/" + asset).then().statusCode(404);
        as(key).get(assets()).then().body("energy_assets.asset_id", equalTo(List.of(asset)))
                .body("energy_assets[0].capacity_kw", equalTo(50));
    }

    @Test
    void deletingTheSiteRemovesItsAssets() {
        add(ROOFTOP_PV).then().statusCode(201);
        String token = as(key).delete(SITES + "/" + site).then().statusCode(204).extract().header(TOKEN);
        as(key).header(TOKEN, token).get(assets()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badAssetsAreRefusedNamingTheFieldAndWriteNothing() {
        String asset = add(ROOFTOP_PV).then().statusCode(201).extract().path("asset_id");
        long before = Api.endOffsets(kafka, Topics.SITE_COMMANDS.name());
        add("{\"type\": \"nuclear\", \"name\": \"N\", \"capacity_kw\": 5}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("type"))
                .body(containsString("solar")).body(containsString("battery"))
                .body(containsString("wind")).body(containsString("generator"));
        Map<String, String> fieldOfBody = Map.of(
                "{\"name\": \"N\", \"capacity_kw\": 5}", "type",
                "{\"type\": \"wind\", \"capacity_kw\": 5}", "name",
                "{\"type\": \"wind\", \"name\": \"N\", \"capacity_kw\": 0}", "capacity_kw",
                "{\"type\": \"wind\", \"name\": \"N\", \"capacity_kw\": -3}", "capacity_kw",
                "{\"type\": \"wind\", \"name\": \"N\", \"capacity_kw\": \"big\"}", "capacity_kw",
                "{\"type\": \"wind\", \"name\": \"N\", \"capacity_kw\": 5, \"metadata\": {\"a\": 1}}", "metadata",
                "{\"type\": \"wind\", \"name\": \"N\", \"capacity_kw\": 5, \"metadata\": [\"a\"]}", "metadata",
                "{\"type\": \"wind\", \"name\": \"N\", \"capacity_kw\": 5, \"colour\": \"red\"}", "colour");
        fieldOfBody.forEach((body, field) -> add(body).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field)));
        as(key).contentType(ContentType.JSON).body("{\"capacity_kw\": 0}").put(assets() + "/" + asset)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("capacity_kw"));
        as(key).contentType(ContentType.JSON).body("{\"name\": null}").put(assets() + "/" + asset)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        as(key).contentType(ContentType.JSON).body("{\"type\": \"tidal\"}").put(assets() + "/" + asset)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("type"));
        assertThat(Api.endOffsets(kafka, Topics.SITE_COMMANDS.name())).isEqualTo(before);
        as(key).get(assets()).then().body("energy_assets[0].capacity_kw", equalTo(50))
                .body("energy_assets[0].name", equalTo("Rooftop PV Array"));
    }

    private Response add(String body) {
        return as(key).contentType(ContentType.JSON).body(body).post(assets());
    }

    private String assets() {
        return SITES + "/" + site + "/energy-assets";
    }
}
