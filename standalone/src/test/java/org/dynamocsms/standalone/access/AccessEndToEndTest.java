package org.dynamocsms.standalone.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.kafka.TopicMirror;
import org.dynamocsms.schemas.auth.AccessEvent;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeyIssued;
import org.dynamocsms.schemas.auth.ApiKeyRevoked;
import org.dynamocsms.schemas.auth.ApiKeyRotated;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.OrganisationCreated;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organisations and API keys through the operator endpoints of the whole standalone: keys made there work with their
 * scopes at every endpoint the OpenAPI document lists, a revoked key is refused everywhere within a second, a
 * rotated key's old secret at once, listings never show a secret, and every change is an access event with its
 * actor.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class AccessEndToEndTest {

    private static final String ORGANISATIONS = "/admin/organisations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete");

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String operator;
    private String operatorId;

    @BeforeEach
    void operator() {
        operator = Api.newOrganisation(keys, List.of(ApiKeys.OPERATOR_SCOPE));
        operatorId = ApiKeys.keyId(keys.find(operator).orElseThrow());
    }

    @Test
    void anOperatorCreatesAnOrganisationAndKeysThatWorkWithTheirScopes() throws Exception {
        JsonPath created = as(operator).contentType(ContentType.JSON).body(Map.of("name", "Acme Charging"))
                .post(ORGANISATIONS).then().statusCode(201)
                .body("name", equalTo("Acme Charging"))
                .body("created_by", equalTo(operatorId))
                .body("created_at", notNullValue())
                .extract().jsonPath();
        String organisation = created.getString("organisation_id");
        assertThat(organisation).startsWith("org_");

        JsonPath reader = issue(organisation, "dashboard", List.of("read"));
        assertThat(reader.getString("key")).startsWith(ApiKeys.PREFIX);
        assertThat(reader.getList("scopes")).containsExactly("read");
        assertThat(reader.getString("created_by")).isEqualTo(operatorId);
        assertThat(reader.getString("organisation_id")).isEqualTo(organisation);
        assertThat(reader.getString("revoked_at")).isNull();
        String readKey = reader.getString("key");
        String writeKey = issue(organisation, "billing", List.of("write")).getString("key");

        String site = Api.site(writeKey, "Acme Depot");
        Api.eventually(Duration.ofSeconds(15), () -> as(readKey).get("/api/v1/sites/" + site).then().statusCode(200)
                .body("name", equalTo("Acme Depot")));
        as(operator).get("/api/v1/sites/" + site).then().statusCode(404); // another organisation's

        JsonNode openApi = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract()
                .asString());
        List<String[]> operations = operations(openApi);
        assertThat(operations).extracting(o -> o[0] + " " + o[1])
                .contains("POST /api/v1/sites", "DELETE /admin/organisations/{organisation_id}/api-keys/{key_id}",
                        "GET /admin/organisations");
        long accessEvents = Api.endOffsets(kafka, Topics.ACCESS_EVENTS.name());
        for (String[] operation : operations) {
            String method = operation[0];
            String path = operation[1].replaceAll("\\{(organisation_id)}", organisation)
                    .replaceAll("\\{site_id}", site).replaceAll("\\{[^}]+}", "x");
            boolean admin = path.startsWith("/admin/");
            boolean read = method.equals("GET") || method.equals("HEAD");
            String what = method + " " + path;
            boolean streams = Api.streams(openApi.path("paths").path(operation[1]).path(method.toLowerCase()));
            int asReader = streams ? Api.firstEvent(readKey, path).statusCode() : send(readKey, method, path);
            int asWriter = streams ? Api.firstEvent(writeKey, path).statusCode() : send(writeKey, method, path);
            if (admin) {
                assertThat(asReader).as("read key: " + what).isEqualTo(403);
                assertThat(asWriter).as("write key: " + what).isEqualTo(403);
                refused(readKey, method, path, "operator");
            } else if (read) {
                assertThat(asReader).as("read key: " + what).isNotIn(401, 403);
            } else {
                assertThat(asReader).as("read key: " + what).isEqualTo(403);
                refused(readKey, method, path, "write");
                assertThat(asWriter).as("write key: " + what).isNotIn(401, 403);
            }
        }
        assertThat(Api.endOffsets(kafka, Topics.ACCESS_EVENTS.name())).isEqualTo(accessEvents);

        String listing = as(operator).get(ORGANISATIONS + "/" + organisation + "/api-keys").then().statusCode(200)
                .body("name", equalTo(List.of("dashboard", "billing")))
                .body("key", equalTo(Arrays.asList(null, null)))
                .extract().asString();
        for (String secret : List.of(readKey, writeKey)) {
            assertThat(listing).doesNotContain(secret).doesNotContain(ApiKeys.hash(secret));
        }
        as(operator).get(ORGANISATIONS).then().statusCode(200)
                .body("find { it.organisation_id == '" + organisation + "' }.name", equalTo("Acme Charging"));
        as(operator).get(ORGANISATIONS + "/" + organisation).then().statusCode(200)
                .body("name", equalTo("Acme Charging"));
    }

    @Test
    void aRevokedKeyIsRefusedByEveryServiceWithinASecond() {
        String organisation = organisation("Revoked Ltd");
        JsonPath issued = issue(organisation, "leaving", List.of("write"));
        String key = issued.getString("key");
        String keyId = issued.getString("key_id");
        Api.site(key, "Before");
        as(key).get("/api/v1/cpo/fleet/summary").then().statusCode(200);
        // another instance: a directory of its own, reading csms.api-keys as every service does
        AtomicLong seenRevokedAt = new AtomicLong();
        try (TopicMirror<ApiKey> elsewhere = TopicMirror.start(kafka, Topics.API_KEYS, (hash, record) -> {
            if (hash.equals(ApiKeys.hash(key)) && record != null && record.getRevokedAt() != null) {
                seenRevokedAt.compareAndSet(0, System.nanoTime());
            }
        })) {
            elsewhere.awaitCatchUp(Duration.ofSeconds(30));
            long revoking = System.nanoTime();
            as(operator).delete(ORGANISATIONS + "/" + organisation + "/api-keys/" + keyId).then().statusCode(200)
                    .body("key_id", equalTo(keyId)).body("revoked_at", notNullValue()).body("key", nullValue());
            long refusedEverywhere = 0;
            while (refusedEverywhere == 0 && System.nanoTime() - revoking < Duration.ofSeconds(5).toNanos()) {
                boolean refused = as(key).get("/api/v1/sites").statusCode() == 401
                        && as(key).get("/api/v1/cpo/fleet/summary").statusCode() == 401
                        && as(key).contentType(ContentType.JSON).body(Map.of("name", "After", "max_power_kw", 1))
                        .post("/api/v1/sites").statusCode() == 401
                        && as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", "CP-REVOKED"))
                        .post("/api/v1/cpo/chargers").statusCode() == 401;
                if (refused) {
                    refusedEverywhere = System.nanoTime();
                }
            }
            Api.eventually(Duration.ofSeconds(5), () -> assertThat(seenRevokedAt.get()).isPositive());
            Duration here = Duration.ofNanos(refusedEverywhere - revoking);
            Duration there = Duration.ofNanos(seenRevokedAt.get() - revoking);
            System.out.printf("Revoked key refused here after %d ms, known revoked by another reader after %d ms%n",
                    here.toMillis(), there.toMillis());
            assertThat(refusedEverywhere).as("refused everywhere").isPositive();
            assertThat(here).isLessThan(Duration.ofSeconds(1));
            assertThat(there).isLessThan(Duration.ofSeconds(1));
        }
        // again: nothing changes, same answer
        long events = Api.endOffsets(kafka, Topics.ACCESS_EVENTS.name());
        as(operator).delete(ORGANISATIONS + "/" + organisation + "/api-keys/" + keyId).then().statusCode(200)
                .body("revoked_at", notNullValue());
        assertThat(Api.endOffsets(kafka, Topics.ACCESS_EVENTS.name())).isEqualTo(events);
        as(operator).post(ORGANISATIONS + "/" + organisation + "/api-keys/" + keyId + "/rotation").then()
                .statusCode(409).contentType(PROBLEM);
    }

    @Test
    void rotationRefusesTheOldSecretAtOnceAndKeepsTheKey() {
        String organisation = organisation("Rotating plc");
        JsonPath issued = issue(organisation, "ci", List.of("write"));
        String old = issued.getString("key");
        String keyId = issued.getString("key_id");

        JsonPath rotated = as(operator).post(ORGANISATIONS + "/" + organisation + "/api-keys/" + keyId + "/rotation")
                .then().statusCode(201).extract().jsonPath();

        String renewed = rotated.getString("key");
        assertThat(renewed).startsWith(ApiKeys.PREFIX).isNotEqualTo(old);
        assertThat(rotated.getString("key_id")).isEqualTo(keyId);
        assertThat(rotated.getString("name")).isEqualTo("ci");
        assertThat(rotated.getList("scopes")).containsExactly("write");
        assertThat(rotated.getString("revoked_at")).isNull();
        as(old).get("/api/v1/sites").then().statusCode(401);
        as(renewed).get("/api/v1/sites").then().statusCode(200);
        Api.site(renewed, "Rotated");
        as(operator).get(ORGANISATIONS + "/" + organisation + "/api-keys").then().statusCode(200)
                .body("key_id", equalTo(List.of(keyId))).body("revoked_at", equalTo(Arrays.asList((Object) null)));

        as(operator).delete(ORGANISATIONS + "/" + organisation + "/api-keys/" + keyId).then().statusCode(200);
        List<AccessEvent> events = accessEvents(organisation, 4);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getActorKeyId()).isEqualTo(operatorId);
            assertThat(event.getActorOrganisationId()).isEqualTo(keys.find(operator).orElseThrow().getOrganisationId());
            assertThat(event.getOrganisationId()).isEqualTo(organisation);
        });
        assertThat(events).extracting(AccessEvent::getPayload).containsExactly(
                new OrganisationCreated("Rotating plc"), new ApiKeyIssued(keyId, "ci", List.of("write")),
                new ApiKeyRotated(keyId, "ci", List.of("write")), new ApiKeyRevoked(keyId, "ci", List.of("write")));
        assertThat(events.toString()).doesNotContain(old).doesNotContain(ApiKeys.hash(old))
                .doesNotContain(renewed).doesNotContain(ApiKeys.hash(renewed));
    }

    @Test
    void keysMadeBeforeThisChangeAreListedAndRevokedAndKeepWriting() {
        String organisation = "org_legacy_" + System.nanoTime();
        String secret = ApiKeys.generate();
        ApiKey legacy = ApiKeys.record(secret, organisation, "old", List.of(), Instant.now());
        legacy.setKeyId("");
        keys.register(legacy);
        String keyId = ApiKeys.keyId(legacy);

        Api.site(secret, "Legacy Depot");
        as(secret).get(ORGANISATIONS).then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("'operator'"));
        as(operator).get(ORGANISATIONS + "/" + organisation).then().statusCode(200).body("name", nullValue());
        as(operator).get(ORGANISATIONS + "/" + organisation + "/api-keys").then().statusCode(200)
                .body("key_id", equalTo(List.of(keyId))).body("scopes[0]", equalTo(List.of()));
        issue(organisation, "new", List.of("read"));

        as(operator).delete(ORGANISATIONS + "/" + organisation + "/api-keys/" + keyId).then().statusCode(200)
                .body("revoked_at", notNullValue());
        as(secret).get("/api/v1/sites").then().statusCode(401);
    }

    @Test
    void badRequestsAreClearProblemsAndWriteNothing() {
        String organisation = organisation("Strict GmbH");
        String other = organisation("Other GmbH");
        String otherKey = issue(other, "theirs", List.of("read")).getString("key_id");
        long events = Api.endOffsets(kafka, Topics.ACCESS_EVENTS.name());
        long keyRecords = Api.endOffsets(kafka, Topics.API_KEYS.name());
        long organisations = Api.endOffsets(kafka, Topics.ORGANISATIONS.name());

        as(operator).contentType(ContentType.JSON).body("{}").post(ORGANISATIONS).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("name")));
        as(operator).contentType(ContentType.JSON).body(Map.of("name", " ")).post(ORGANISATIONS).then()
                .statusCode(400).body("errors.field", equalTo(List.of("name")));
        as(operator).contentType(ContentType.JSON).body("{\"name\": ").post(ORGANISATIONS).then().statusCode(400)
                .contentType(PROBLEM);
        String issued = ORGANISATIONS + "/" + organisation + "/api-keys";
        for (Object scopes : List.of(List.of(), List.of("admin"), List.of("read", "read"), "read")) {
            as(operator).contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", scopes)).post(issued).then()
                    .statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("scopes")))
                    .body("errors[0].detail", startsWith("must be a non-empty array"));
        }
        as(operator).contentType(ContentType.JSON).body(Map.of("scopes", List.of("read"))).post(issued).then()
                .statusCode(400).body("errors.field", equalTo(List.of("name")));
        as(operator).contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", List.of("read")))
                .post(ORGANISATIONS + "/org_nowhere/api-keys").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("org_nowhere"));
        as(operator).delete(issued + "/key_nowhere").then().statusCode(404).contentType(PROBLEM);
        as(operator).post(issued + "/key_nowhere/rotation").then().statusCode(404).contentType(PROBLEM);
        as(operator).delete(issued + "/" + otherKey).then().statusCode(404).contentType(PROBLEM);
        as(operator).post(issued + "/" + otherKey + "/rotation").then().statusCode(404);
        as(operator).get(ORGANISATIONS + "/org_nowhere").then().statusCode(404).contentType(PROBLEM);
        as(operator).get(ORGANISATIONS + "/org_nowhere/api-keys").then().statusCode(404);
        as(operator).get(issued + "/" + otherKey).then().statusCode(404);

        assertThat(Api.endOffsets(kafka, Topics.ACCESS_EVENTS.name())).isEqualTo(events);
        assertThat(Api.endOffsets(kafka, Topics.API_KEYS.name())).isEqualTo(keyRecords);
        assertThat(Api.endOffsets(kafka, Topics.ORGANISATIONS.name())).isEqualTo(organisations);
    }

    @Test
    void anOpenLiveStreamEndsOnceItsKeyIsRevoked() throws Exception {
        String organisation = organisation("Wall Screens Ltd");
        JsonPath issued = issue(organisation, "wall screen", List.of("read"));
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/api/v1/cpo/fleet/live")).header("Authorization", "Bearer " + issued.getString("key")).build();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(live, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).startsWith("data:{\"summary\":{\"total_chargers\":0,");

        long revoking = System.nanoTime();
        as(operator).delete(ORGANISATIONS + "/" + organisation + "/api-keys/" + issued.getString("key_id")).then()
                .statusCode(200);
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> lines.forEachRemaining(line -> { }));

        ended.get(5, TimeUnit.SECONDS);
        System.out.printf("The revoked key's live stream ended %d ms after the revocation's answer%n",
                Duration.ofNanos(System.nanoTime() - revoking).toMillis());
        as(issued.getString("key")).get("/api/v1/cpo/fleet/live").then().statusCode(401);
    }

    private String organisation(String name) {
        return as(operator).contentType(ContentType.JSON).body(Map.of("name", name)).post(ORGANISATIONS).then()
                .statusCode(201).extract().path("organisation_id");
    }

    private JsonPath issue(String organisation, String name, List<String> scopes) {
        return as(operator).contentType(ContentType.JSON).body(Map.of("name", name, "scopes", scopes))
                .post(ORGANISATIONS + "/" + organisation + "/api-keys").then().statusCode(201)
                .header("Location", startsWith(ORGANISATIONS + "/" + organisation + "/api-keys/key_"))
                .extract().jsonPath();
    }

    /** Every operation of the OpenAPI document under /api/ and /admin/, as {method, path}. */
    private static List<String[]> operations(JsonNode openApi) {
        List<String[]> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                if (path.getValue().has(method) && (path.getKey().startsWith("/api/")
                        || path.getKey().startsWith("/admin/"))) {
                    operations.add(new String[] {method.toUpperCase(), path.getKey()});
                }
            }
        }
        return operations;
    }

    private static int send(String key, String method, String path) {
        return as(key).contentType(ContentType.JSON).body(method.equals("GET") || method.equals("HEAD") ? "" : "{}")
                .request(method, path).statusCode();
    }

    private static void refused(String key, String method, String path, String scope) {
        as(key).contentType(ContentType.JSON).body("{}").request(method, path).then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("'" + scope + "'"));
    }

    /** The first {@code count} access events of {@code organisation}, in order. */
    private List<AccessEvent> accessEvents(String organisation, int count) {
        List<AccessEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, AccessEvent> consumer = kafka.consumer(Topics.ACCESS_EVENTS, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (events.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, AccessEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(organisation)) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }
}
