package org.dynamocsms.standalone.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.TOKEN;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** The charger registry over HTTP, against a real Kafka broker and a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class ChargerRegistryEndToEndTest {

    private static final String CHARGERS = "/api/v1/cpo/chargers";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String key;
    private String otherKey;

    @BeforeEach
    void newOrganisations() {
        key = Api.newOrganisation(keys, List.of());
        otherKey = Api.newOrganisation(keys, List.of());
    }

    @Test
    void aRegisteredChargerCanBeReadAtOnceAndDecommissioned() {
        String id = newId();
        ExtractableResponse<Response> registered = as(key).contentType(ContentType.JSON)
                .body(Map.of("charge_point_id", id, "vendor", "Alfen", "model", "Eve Single",
                        "password", "correct-horse-battery-staple"))
                .post(CHARGERS).then().statusCode(201).contentType(ContentType.JSON)
                .body("charge_point_id", equalTo(id))
                .body("vendor", equalTo("Alfen"))
                .body("model", equalTo("Eve Single"))
                .body("site_id", nullValue())
                .body("linked_at", nullValue())
                .body("password_set", equalTo(true))
                .extract();
        assertThat(registered.header("Location")).isEqualTo(CHARGERS + "/" + id);
        assertThat(registered.header(TOKEN)).isEqualTo(id + "@1");
        assertThat(registered.asString()).doesNotContain("correct-horse-battery-staple").doesNotContain("pbkdf2");
        assertThat(Instant.parse(registered.path("registered_at"))).isBefore(Instant.now().plusSeconds(1));

        Map<String, Object> read = as(key).header(TOKEN, registered.header(TOKEN)).get(CHARGERS + "/" + id)
                .then().statusCode(200).header("Consistency-Token-Status", "reached").extract().jsonPath().getMap("");
        assertThat(read).isEqualTo(registered.jsonPath().getMap(""));

        String token = as(key).delete(CHARGERS + "/" + id).then().statusCode(204).extract().header(TOKEN);
        assertThat(token).isEqualTo(id + "@2");
        as(key).header(TOKEN, token).get(CHARGERS + "/" + id).then().statusCode(404).contentType(PROBLEM);
        as(key).delete(CHARGERS + "/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anIdentityBelongsToOneOrganisationEvenAfterDecommissioning() {
        String id = newId();
        register(key, id);
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id)).post(CHARGERS)
                .then().statusCode(409).contentType(PROBLEM);
        as(otherKey).contentType(ContentType.JSON).body(Map.of("charge_point_id", id)).post(CHARGERS)
                .then().statusCode(409).contentType(PROBLEM);
        as(otherKey).get(CHARGERS + "/" + id).then().statusCode(404).contentType(PROBLEM);
        as(otherKey).delete(CHARGERS + "/" + id).then().statusCode(404).contentType(PROBLEM);

        as(key).delete(CHARGERS + "/" + id).then().statusCode(204);
        as(otherKey).contentType(ContentType.JSON).body(Map.of("charge_point_id", id)).post(CHARGERS)
                .then().statusCode(409);
        String token = as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id, "vendor", "ABB"))
                .post(CHARGERS).then().statusCode(201).body("vendor", equalTo("ABB"))
                .body("password_set", equalTo(false)).extract().header(TOKEN);
        assertThat(token).isEqualTo(id + "@3");
        as(key).header(TOKEN, token).get(CHARGERS + "/" + id).then().statusCode(200).body("vendor", equalTo("ABB"));
    }

    @Test
    void badRegistrationsAreRefusedNamingTheFieldAndWriteNothing() {
        long before = Api.endOffsets(kafka, Topics.CHARGER_REGISTRATIONS.name());
        Map<String, String> fieldOfBody = Map.of(
                "{}", "charge_point_id",
                "{\"charge_point_id\": \"\"}", "charge_point_id",
                "{\"charge_point_id\": \"CP/1\"}", "charge_point_id",
                "{\"charge_point_id\": \"" + "C".repeat(49) + "\"}", "charge_point_id",
                "{\"charge_point_id\": \"CP-1\", \"password\": \"short\"}", "password",
                "{\"charge_point_id\": \"CP-1\", \"vendor\": \"" + "v".repeat(51) + "\"}", "vendor",
                "{\"charge_point_id\": \"CP-1\", \"model\": 7}", "model",
                "{\"charge_point_id\": \"CP-1\", \"colour\": \"red\"}", "colour",
                "{\"charge_point_id\": \"CP-1\", \"connectors\": [{\"connector_id\": 1, \"type\": \"Type9\"}]}",
                "connectors[0].type");
        fieldOfBody.forEach((body, field) -> as(key).contentType(ContentType.JSON).body(body).post(CHARGERS)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field)));
        as(key).contentType(ContentType.JSON).body("{\"charge_point_id\": ").post(CHARGERS)
                .then().statusCode(400).contentType(PROBLEM);
        assertThat(Api.endOffsets(kafka, Topics.CHARGER_REGISTRATIONS.name())).isEqualTo(before);
    }

    @Test
    void connectorsAreRegisteredReplacedAndShownAndBadOnesWriteNothing() {
        String id = newId();
        ExtractableResponse<Response> registered = as(key).contentType(ContentType.JSON)
                .body("{\"charge_point_id\": \"" + id + "\", \"connectors\": [{\"connector_id\": 2, "
                        + "\"type\": \"CCS2\", \"max_power_kw\": 150.5}, "
                        + "{\"connector_id\": 1, \"type\": \"Type2\", \"max_power_kw\": 22}]}")
                .post(CHARGERS).then().statusCode(201).extract();
        assertThat(registered.asString()).contains("\"connectors\":[{\"connector_id\":1,\"type\":\"Type2\","
                + "\"max_power_kw\":22},{\"connector_id\":2,\"type\":\"CCS2\",\"max_power_kw\":150.5}]");
        as(key).header(TOKEN, registered.header(TOKEN)).get(CHARGERS + "/" + id).then().statusCode(200)
                .body("connectors.type", contains("Type2", "CCS2"));

        String change = "{\"connectors\": [{\"connector_id\": 1, \"type\": \"CHAdeMO\"}]}";
        ExtractableResponse<Response> changed = as(key).contentType(ContentType.JSON).body(change)
                .patch(CHARGERS + "/" + id).then().statusCode(200).body("vendor", nullValue()).extract();
        assertThat(changed.header(TOKEN)).isEqualTo(id + "@2");
        assertThat(changed.asString())
                .contains("\"connectors\":[{\"connector_id\":1,\"type\":\"CHAdeMO\",\"max_power_kw\":null}]");
        Map<String, Object> read = as(key).header(TOKEN, changed.header(TOKEN)).get(CHARGERS + "/" + id)
                .then().statusCode(200).header("Consistency-Token-Status", "reached").extract().jsonPath().getMap("");
        assertThat(read).isEqualTo(changed.jsonPath().getMap(""));
        // the same list again changes nothing: no new version
        as(key).contentType(ContentType.JSON).body(change).patch(CHARGERS + "/" + id).then().statusCode(200)
                .header(TOKEN, id + "@2");

        long before = Api.endOffsets(kafka, Topics.CHARGER_COMMANDS.name());
        Map<String, String> fieldOfBody = Map.of(
                "{\"connectors\": [{\"connector_id\": 1, \"type\": \"type2\"}]}", "connectors[0].type",
                "{\"connectors\": [{\"connector_id\": 1, \"type\": \"Type2\"}, {\"connector_id\": 1, "
                        + "\"type\": \"CCS\"}]}", "connectors[1].connector_id",
                "{\"connectors\": [{\"connector_id\": 1, \"type\": \"CCS\", \"max_power_kw\": 0}]}",
                "connectors[0].max_power_kw",
                "{\"connectors\": [{\"connector_id\": 1, \"type\": \"CCS\", \"max_power_kw\": 1000001}]}",
                "connectors[0].max_power_kw",
                "{}", "connectors",
                "{\"connectors\": [], \"vendor\": \"ABB\"}", "vendor");
        fieldOfBody.forEach((body, field) -> as(key).contentType(ContentType.JSON).body(body)
                .patch(CHARGERS + "/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field)));
        assertThat(Api.endOffsets(kafka, Topics.CHARGER_COMMANDS.name())).isEqualTo(before);
        as(key).get(CHARGERS + "/" + id).then().statusCode(200).body("connectors.type", contains("CHAdeMO"));

        as(otherKey).contentType(ContentType.JSON).body(change).patch(CHARGERS + "/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        as(key).contentType(ContentType.JSON).body(change).patch(CHARGERS + "/" + newId())
                .then().statusCode(404).contentType(PROBLEM);
    }

    private static void register(String key, String id) {
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id)).post(CHARGERS)
                .then().statusCode(201);
    }

    private static String newId() {
        return "CP-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
