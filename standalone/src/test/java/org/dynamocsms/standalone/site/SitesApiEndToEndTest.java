package org.dynamocsms.standalone.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.TOKEN;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Sites API over HTTP, against a real Kafka broker and a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class SitesApiEndToEndTest {

    private static final String SITES = "/api/v1/sites";
    private static final String KING_STREET = """
            {"name": "King Street Depot", "address": "14 King Street, Manchester, M2 6AQ",
             "max_power_kw": 150, "lat": 53.4808, "lng": -2.2426}""";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    /** A fresh organisation per test, so tests never see each other's sites. */
    private String operatorKey;
    private String otherKey;

    @BeforeEach
    void newOrganisations() {
        operatorKey = register(List.of(ApiKeys.OPERATOR_SCOPE));
        otherKey = register(List.of());
    }

    @Test
    void createAnswersTheContractsSiteAndItCanBeReadAtOnce() {
        ExtractableResponse<Response> created = as(operatorKey).contentType(ContentType.JSON).body(KING_STREET)
                .post(SITES).then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("site_id", matchesPattern("site_[0-9A-HJKMNP-TV-Z]{26}"))
                .body("name", equalTo("King Street Depot"))
                .body("address", equalTo("14 King Street, Manchester, M2 6AQ"))
                .body("max_power_kw", equalTo(150))
                .body("lat", equalTo(53.4808f))
                .body("lng", equalTo(-2.2426f))
                .body("charger_count", equalTo(0))
                .extract();
        String siteId = created.path("site_id");
        assertThat(created.header("Location")).isEqualTo(SITES + "/" + siteId);
        assertThat(created.header(TOKEN)).isEqualTo(siteId + "@1");
        assertThat(Instant.parse(created.path("created_at"))).isBetween(Instant.now().minusSeconds(60), Instant.now());

        Map<String, Object> read = as(operatorKey).header(TOKEN, created.header(TOKEN)).get(SITES + "/" + siteId)
                .then().statusCode(200).header("Consistency-Token-Status", "reached").extract().jsonPath().getMap("");
        assertThat(read).isEqualTo(created.jsonPath().getMap(""));
    }

    @Test
    void everyWriteIsVisibleToAReadThatSendsItsToken() {
        for (int i = 0; i < 20; i++) {
            String token = create(operatorKey, "Depot " + i).header(TOKEN);
            as(operatorKey).header(TOKEN, token).get(SITES + "/" + token.substring(0, token.indexOf('@')))
                    .then().statusCode(200).body("name", equalTo("Depot " + i));
        }
    }

    @Test
    void listShowsOnlyTheCallersSitesPageByPage() {
        List<String> ids = List.of(create(otherKey, "A"), create(otherKey, "B"), create(otherKey, "C")).stream()
                .map(r -> r.<String>path("site_id")).toList();
        String lastToken = ids.get(2) + "@1";
        as(otherKey).header(TOKEN, lastToken).queryParam("limit", 2).queryParam("offset", 0).get(SITES)
                .then().statusCode(200)
                .body("total", equalTo(3)).body("limit", equalTo(2)).body("offset", equalTo(0))
                .body("sites.site_id", equalTo(ids.subList(0, 2)))
                .body("sites[0].max_power_kw", equalTo(150));
        as(otherKey).queryParam("limit", 2).queryParam("offset", 2).get(SITES)
                .then().statusCode(200).body("total", equalTo(3)).body("sites.site_id", equalTo(ids.subList(2, 3)));
        as(operatorKey).header(TOKEN, lastToken).get(SITES)
                .then().statusCode(200).body("total", equalTo(0)).body("limit", equalTo(50));
    }

    @Test
    void patchChangesOnlyTheFieldsItNames() {
        String siteId = create(operatorKey, "Depot").path("site_id");
        ExtractableResponse<Response> patched = as(operatorKey).contentType(ContentType.JSON)
                .body("{\"max_power_kw\": 200}").patch(SITES + "/" + siteId)
                .then().statusCode(200).body("max_power_kw", equalTo(200)).body("name", equalTo("Depot")).extract();
        assertThat(patched.header(TOKEN)).isEqualTo(siteId + "@2");
        as(operatorKey).header(TOKEN, patched.header(TOKEN)).get(SITES + "/" + siteId).then().statusCode(200)
                .body("max_power_kw", equalTo(200)).body("name", equalTo("Depot")).body("lat", equalTo(53.4808f));
    }

    @Test
    void aDeletedSiteIsGoneEverywhere() {
        String siteId = create(operatorKey, "Depot").path("site_id");
        String token = as(operatorKey).delete(SITES + "/" + siteId).then().statusCode(204).extract().header(TOKEN);
        assertThat(token).isEqualTo(siteId + "@2");
        as(operatorKey).header(TOKEN, token).get(SITES + "/" + siteId)
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        as(operatorKey).get(SITES).then().statusCode(200).body("total", equalTo(0));
        as(operatorKey).contentType(ContentType.JSON).body("{\"name\": \"again\"}").patch(SITES + "/" + siteId)
                .then().statusCode(404).contentType(PROBLEM);
        as(operatorKey).delete(SITES + "/" + siteId).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anotherOrganisationsSiteAnswersExactlyLikeAMissingOne() {
        String siteId = create(operatorKey, "Mine").path("site_id");
        String missing = Ids.SITE.next();
        as(otherKey).header(TOKEN, siteId + "@1").get(SITES + "/" + siteId).then().statusCode(404);
        // the same answers, with only the id differing, for a site of another organisation and a missing one
        assertThat(String.join("|", notFoundAnswers(siteId)).replace(siteId, "ID"))
                .isEqualTo(String.join("|", notFoundAnswers(missing)).replace(missing, "ID"));
        as(operatorKey).header(TOKEN, siteId + "@1").get(SITES + "/" + siteId).then().statusCode(200)
                .body("name", equalTo("Mine"));
        as(operatorKey).get(SITES).then().body("total", equalTo(1));
    }

    @Test
    void everyEndpointNeedsAValidApiKey() {
        given().get(SITES).then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().header("Authorization", "Bearer csk_unknown").get(SITES + "/" + Ids.SITE.next())
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Basic " + operatorKey).contentType(ContentType.JSON).body(KING_STREET)
                .post(SITES).then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer nope").delete(SITES + "/" + Ids.SITE.next())
                .then().statusCode(401);
    }

    @Test
    void textNotEveryReaderCanHoldIsRefusedAndWritesNothing() {
        long before = endOffsets(Topics.SITE_COMMANDS.name());
        as(operatorKey).contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\", \"max_power_kw\": 1}")
                .post(SITES).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        as(operatorKey).contentType(ContentType.JSON).body("{\"name\": \"a\\ud800\", \"max_power_kw\": 1}")
                .post(SITES).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        // bytes that are not UTF-8 at all: decoded leniently they would be stored as U+FFFD
        byte[] invalidUtf8 = "{\"name\": \"a\u00ff\u00feb\", \"max_power_kw\": 1}".getBytes(StandardCharsets.ISO_8859_1);
        as(operatorKey).contentType(ContentType.JSON).body(invalidUtf8).post(SITES)
                .then().statusCode(400).contentType(PROBLEM).body("title", equalTo("Malformed JSON"));

        assertThat(endOffsets(Topics.SITE_COMMANDS.name())).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        long before = endOffsets(Topics.SITE_COMMANDS.name());
        Map<String, String> fieldOfBody = Map.of(
                "{\"max_power_kw\": 150}", "name",
                "{\"name\": \"  \", \"max_power_kw\": 150}", "name",
                "{\"name\": \"x\", \"max_power_kw\": 0}", "max_power_kw",
                "{\"name\": \"x\", \"max_power_kw\": \"abc\"}", "max_power_kw",
                "{\"name\": \"x\", \"max_power_kw\": 150, \"lat\": 91, \"lng\": 0}", "lat",
                "{\"name\": \"x\", \"max_power_kw\": 150, \"lat\": 0, \"lng\": -180.5}", "lng",
                "{\"name\": 7, \"max_power_kw\": 150}", "name",
                "{\"name\": \"x\", \"max_power_kw\": 150, \"colour\": \"red\"}", "colour");
        fieldOfBody.forEach((body, field) -> as(operatorKey).contentType(ContentType.JSON).body(body).post(SITES)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field)));

        as(operatorKey).contentType(ContentType.JSON).body("{\"name\": \"x\", ").post(SITES)
                .then().statusCode(400).contentType(PROBLEM).body("title", equalTo("Malformed JSON"));
        as(operatorKey).contentType(ContentType.JSON).body("[1, 2]").post(SITES)
                .then().statusCode(400).contentType(PROBLEM);
        as(operatorKey).contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(100_000) + "\", \"max_power_kw\": 1}").post(SITES)
                .then().statusCode(400).contentType(PROBLEM);
        ExtractableResponse<Response> created = create(operatorKey, "Depot");
        String siteId = created.path("site_id");
        long afterOneCreate = endOffsets(Topics.SITE_COMMANDS.name());
        as(operatorKey).contentType(ContentType.JSON).body("{\"max_power_kw\": -1}").patch(SITES + "/" + siteId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("max_power_kw"));
        as(operatorKey).contentType(ContentType.JSON).body("{\"name\": null}").patch(SITES + "/" + siteId)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));

        assertThat(afterOneCreate).isEqualTo(before + 1);
        assertThat(endOffsets(Topics.SITE_COMMANDS.name())).isEqualTo(afterOneCreate);
        as(operatorKey).header(TOKEN, created.header(TOKEN)).get(SITES + "/" + siteId).then().statusCode(200)
                .body("max_power_kw", equalTo(150))
                .body("name", equalTo("Depot"));
    }

    @Test
    void pagingParametersAreChecked() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("limit", 201, "offset", -1).entrySet()) {
            as(operatorKey).queryParam(bad.getKey(), bad.getValue()).get(SITES).then().statusCode(400)
                    .contentType(PROBLEM).body("errors.field", hasItem(bad.getKey()));
        }
        as(operatorKey).queryParam("limit", "ten").get(SITES).then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        as(operatorKey).queryParam("limit", 200).get(SITES).then().statusCode(200).body("limit", equalTo(200));
        as(operatorKey).header(TOKEN, "nonsense").get(SITES).then().statusCode(400)
                .body("errors.field", hasItem(TOKEN));
    }

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyCreatesNothing() {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = as(operatorKey).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(KING_STREET).post(SITES).then().statusCode(201).extract();
        ExtractableResponse<Response> again = as(operatorKey).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(KING_STREET).post(SITES).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertThat(again.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(eventsOf(first.path("site_id"))).hasSize(1);

        as(operatorKey).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"name\": \"Other\", \"max_power_kw\": 10}").post(SITES)
                .then().statusCode(409).contentType(PROBLEM);
        as(operatorKey).header(TOKEN, first.header(TOKEN)).get(SITES).then().body("total", equalTo(1));
        // the same key in another organisation is another request
        as(otherKey).header("Idempotency-Key", key).contentType(ContentType.JSON).body(KING_STREET).post(SITES)
                .then().statusCode(201).body("site_id", org.hamcrest.Matchers.not(first.<String>path("site_id")));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey(SITES))
                .body("paths", org.hamcrest.Matchers.hasKey(SITES + "/{site_id}"))
                .body("paths.'/api/v1/sites'.keySet()", org.hamcrest.Matchers.hasItems("get", "post"))
                .body("paths.'/api/v1/sites/{site_id}'.keySet()",
                        org.hamcrest.Matchers.hasItems("get", "patch", "delete"))
                .body("paths.'/api/v1/sites'.post.summary", equalTo("Create a site"))
                .body("components.securitySchemes.api_key.scheme", equalTo("bearer"))
                .body("security[0].keySet()", hasItem("api_key"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void theOpenApiDocumentDeclaresTheProblemAnswersOnceAndEveryOperationRefersToThem() {
        String list = "paths.'" + SITES + "'.get.responses";
        String create = "paths.'" + SITES + "'.post.responses";
        String get = "paths.'" + SITES + "/{site_id}'.get.responses";
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.responses.keySet()", org.hamcrest.Matchers.containsInAnyOrder("BadRequest",
                        "Unauthorized", "Forbidden", "NotFound", "NotFoundYet", "Conflict", "UnprocessableContent",
                        "TimedOut"))
                .body("components.responses.BadRequest.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.responses.Unauthorized.description", containsString("Authorization: Bearer"))
                .body("components.responses.NotFoundYet.headers.keySet()", hasItem("Consistency-Token-Status"))
                // a read (query-api) and a write (command-service) refer to them, saying what they mean there
                .body(list + ".'400'.'$ref'", equalTo("#/components/responses/BadRequest"))
                .body(list + ".'400'.description", equalTo("limit, offset or Consistency-Token is invalid."))
                .body(list + ".'401'.'$ref'", equalTo("#/components/responses/Unauthorized"))
                .body(get + ".'404'.'$ref'", equalTo("#/components/responses/NotFoundYet"))
                .body(create + ".'401'.'$ref'", equalTo("#/components/responses/Unauthorized"))
                .body(create + ".'409'.'$ref'", equalTo("#/components/responses/Conflict"))
                .body(create + ".'504'.'$ref'", equalTo("#/components/responses/TimedOut"));
    }

    @Test
    void theOpenApiDocumentShowsTheLimitsTheRequestsAreCheckedAgainst() {
        String limit = "paths.'" + SITES + "'.get.parameters.find { it.name == 'limit' }.schema";
        String body = "paths.'" + SITES + "'.post.requestBody.content.'application/json'.schema.properties";
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(limit + ".minimum", equalTo(PageRequest.MIN_LIMIT))
                .body(limit + ".maximum", equalTo(PageRequest.MAX_LIMIT))
                .body(limit + ".default", equalTo(PageRequest.DEFAULT_LIMIT))
                .body(body + ".name.maxLength", equalTo(200))
                .body(body + ".max_power_kw.maximum", equalTo(1_000_000))
                .body(body + ".lat.minimum", equalTo(-90))
                .body(body + ".lng.maximum", equalTo(180));
    }

    private List<String> notFoundAnswers(String id) {
        String get = as(otherKey).get(SITES + "/" + id).then().statusCode(404).contentType(PROBLEM)
                .extract().asString();
        String patch = as(otherKey).contentType(ContentType.JSON).body("{\"name\": \"theirs\"}")
                .patch(SITES + "/" + id).then().statusCode(404).contentType(PROBLEM).extract().asString();
        String delete = as(otherKey).delete(SITES + "/" + id).then().statusCode(404).contentType(PROBLEM)
                .extract().asString();
        return List.of(get, patch, delete);
    }

    private String register(List<String> scopes) {
        return Api.newOrganisation(keys, scopes);
    }

    private static ExtractableResponse<Response> create(String key, String name) {
        return as(key).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"max_power_kw\": 150, \"lat\": 53.4808, \"lng\": -2.2426}")
                .post(SITES).then().statusCode(201).extract();
    }

    private long endOffsets(String topic) {
        return Api.endOffsets(kafka, topic);
    }

    /** Every committed event of one site, read from the event topic itself. */
    private List<SiteEvent> eventsOf(String siteId) {
        try (KafkaConsumer<String, SiteEvent> consumer = kafka.consumer(Topics.SITE_EVENTS, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SITE_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<SiteEvent> events = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(siteId)) {
                        events.add(r.value());
                    }
                });
            }
            return events;
        }
    }

}
