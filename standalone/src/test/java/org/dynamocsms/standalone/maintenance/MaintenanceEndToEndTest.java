package org.dynamocsms.standalone.maintenance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.TOKEN;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Maintenance writes over HTTP, against a real Kafka broker and a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class MaintenanceEndToEndTest {

    private static final String CHARGERS = "/api/v1/cpo/chargers";
    /** The contract's example. */
    private static final String QUARTERLY = """
            {"type": "scheduled", "description": "Quarterly inspection and connector cleaning",
             "scheduled_at": "2024-07-20T09:00:00Z", "technician": "J. Smith"}""";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String key;
    private String otherKey;
    private String charger;

    @BeforeEach
    void newOrganisationWithACharger() {
        key = Api.newOrganisation(keys, List.of());
        otherKey = Api.newOrganisation(keys, List.of());
        charger = register(key);
    }

    @Test
    void recordAsTheContractShowsThenRecordTheCompletion() {
        ExtractableResponse<Response> recorded = record(QUARTERLY).then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("event_id", matchesPattern("mnt_[0-9A-HJKMNP-TV-Z]{26}"))
                .body("charge_point_id", equalTo(charger))
                .body("type", equalTo("scheduled"))
                .body("description", equalTo("Quarterly inspection and connector cleaning"))
                .body("scheduled_at", equalTo("2024-07-20T09:00:00Z"))
                .body("completed_at", nullValue())
                .body("technician", equalTo("J. Smith"))
                .body("notes", nullValue())
                .extract();
        String event = recorded.path("event_id");
        assertThat(recorded.jsonPath().getMap("").keySet()).containsExactly("event_id", "charge_point_id", "type",
                "description", "scheduled_at", "completed_at", "technician", "notes", "created_at");
        assertThat(recorded.header("Location")).isEqualTo(maintenance() + "/" + event);
        assertThat(recorded.header(TOKEN)).isEqualTo(event + "@1");
        assertThat(recorded.header("Idempotent-Replayed")).isNull();
        Instant createdAt = Instant.parse(recorded.path("created_at"));
        assertThat(createdAt).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

        ExtractableResponse<Response> completed = as(key).contentType(ContentType.JSON)
                .body("{\"completed_at\": \"2024-07-20T11:30:00Z\", \"notes\": \"Replaced the seal of connector 2.\"}")
                .patch(maintenance() + "/" + event).then().statusCode(200).contentType(ContentType.JSON)
                .body("event_id", equalTo(event))
                .body("completed_at", equalTo("2024-07-20T11:30:00Z"))
                .body("notes", equalTo("Replaced the seal of connector 2."))
                .body("technician", equalTo("J. Smith"))
                .body("description", equalTo("Quarterly inspection and connector cleaning"))
                .body("created_at", equalTo(recorded.path("created_at")))
                .extract();
        assertThat(completed.header(TOKEN)).isEqualTo(event + "@2");

        // The projection the read side ingests follows.
        Api.eventually(Duration.ofSeconds(30), () -> assertThat(projected(event)).satisfies(view -> {
            assertThat(view.getVersion()).isEqualTo(2);
            assertThat(view.getChargePointId()).isEqualTo(charger);
            assertThat(view.getCompletedAt()).isEqualTo(Instant.parse("2024-07-20T11:30:00Z"));
            assertThat(view.getCreatedAt()).isEqualTo(createdAt);
        }));
    }

    @Test
    void aCompletionBeforeTheScheduleIsUnprocessableAndChangesNothing() {
        String event = record(QUARTERLY).then().statusCode(201).extract().path("event_id");

        as(key).contentType(ContentType.JSON).body("{\"completed_at\": \"2024-07-20T08:59:59Z\"}")
                .patch(maintenance() + "/" + event).then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("completed_at"));
        String token = as(key).contentType(ContentType.JSON).body("{\"notes\": \"on site\"}")
                .patch(maintenance() + "/" + event).then().statusCode(200).body("completed_at", nullValue())
                .extract().header(TOKEN);
        assertThat(token).isEqualTo(event + "@2");
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyRecordsNothing() {
        ExtractableResponse<Response> first = as(key).header("Idempotency-Key", "mnt-key-1")
                .contentType(ContentType.JSON).body(QUARTERLY).post(maintenance()).then().statusCode(201).extract();
        long events = Api.endOffsets(kafka, Topics.MAINTENANCE_EVENTS.name());

        ExtractableResponse<Response> repeat = as(key).header("Idempotency-Key", "mnt-key-1")
                .contentType(ContentType.JSON).body(QUARTERLY).post(maintenance()).then().statusCode(201).extract();

        assertThat(repeat.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.header(TOKEN)).isEqualTo(first.header(TOKEN));
        as(key).header("Idempotency-Key", "mnt-key-1").contentType(ContentType.JSON)
                .body("{\"type\": \"reactive\", \"scheduled_at\": \"2024-07-20T09:00:00Z\"}").post(maintenance())
                .then().statusCode(409).contentType(PROBLEM);
        assertThat(Api.endOffsets(kafka, Topics.MAINTENANCE_EVENTS.name())).isEqualTo(events);
    }

    @Test
    void onlyTheOrganisationsChargersInTheFleetHaveMaintenance() {
        String event = record(QUARTERLY).then().statusCode(201).extract().path("event_id");
        String other = register(key);

        as(otherKey).contentType(ContentType.JSON).body(QUARTERLY).post(maintenance())
                .then().statusCode(404).contentType(PROBLEM);
        as(otherKey).contentType(ContentType.JSON).body("{\"notes\": \"x\"}").patch(maintenance() + "/" + event)
                .then().statusCode(404).contentType(PROBLEM);
        as(key).contentType(ContentType.JSON).body(QUARTERLY).post(CHARGERS + "/CP-NOPE-" + UUID.randomUUID()
                .toString().substring(0, 8) + "/maintenance").then().statusCode(404).contentType(PROBLEM);
        as(key).contentType(ContentType.JSON).body(QUARTERLY).post(CHARGERS + "/CP%2F1/maintenance")
                .then().statusCode(404);
        as(key).contentType(ContentType.JSON).body("{\"notes\": \"x\"}")
                .patch(CHARGERS + "/" + other + "/maintenance/" + event).then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Maintenance event " + event + " does not exist."));
        as(key).contentType(ContentType.JSON).body("{\"notes\": \"x\"}")
                .patch(maintenance() + "/mnt_01J0000000000000000000000A").then().statusCode(404)
                .contentType(PROBLEM);
        as(key).contentType(ContentType.JSON).body("{\"notes\": \"x\"}").patch(maintenance() + "/evt_123")
                .then().statusCode(404).contentType(PROBLEM);

        as(key).delete(CHARGERS + "/" + charger).then().statusCode(204);
        as(key).contentType(ContentType.JSON).body(QUARTERLY).post(maintenance())
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Charger " + charger + " does not exist."));
        as(key).contentType(ContentType.JSON).body("{\"completed_at\": \"2024-07-20T11:30:00Z\"}")
                .patch(maintenance() + "/" + event).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndWriteNothing() {
        String event = record(QUARTERLY).then().statusCode(201).extract().path("event_id");
        long before = Api.endOffsets(kafka, Topics.MAINTENANCE_COMMANDS.name());

        record("{\"type\": \"planned\", \"scheduled_at\": \"2024-07-20T09:00:00Z\"}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("type"))
                .body(containsString("scheduled")).body(containsString("reactive"))
                .body(containsString("inspection"));
        Map<String, String> fieldOfBody = Map.of(
                "{\"scheduled_at\": \"2024-07-20T09:00:00Z\"}", "type",
                "{\"type\": \"scheduled\"}", "scheduled_at",
                "{\"type\": \"scheduled\", \"scheduled_at\": \"20 July\"}", "scheduled_at",
                "{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                        + "\"completed_at\": \"2024-07-20T08:00:00Z\"}", "completed_at",
                "{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                        + "\"completed_at\": \"2024-07-20\"}", "completed_at",
                "{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                        + "\"technician\": \"" + "t".repeat(201) + "\"}", "technician",
                "{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                        + "\"description\": \"" + "d".repeat(501) + "\"}", "description",
                "{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", \"colour\": \"red\"}", "colour");
        fieldOfBody.forEach((body, field) -> record(body).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field)));
        record("{\"type\": ").then().statusCode(400).contentType(PROBLEM);
        as(key).header("Idempotency-Key", "").contentType(ContentType.JSON).body(QUARTERLY).post(maintenance())
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("Idempotency-Key"));

        Map<String, String> fieldOfPatch = Map.of(
                "{\"completed_at\": null}", "completed_at",
                "{\"completed_at\": \"yesterday\"}", "completed_at",
                "{\"scheduled_at\": \"2024-07-21T09:00:00Z\"}", "scheduled_at",
                "{\"type\": \"reactive\"}", "type",
                "{\"notes\": \"" + "n".repeat(4001) + "\"}", "notes",
                "{\"event_id\": \"mnt_x\"}", "event_id");
        fieldOfPatch.forEach((body, field) -> as(key).contentType(ContentType.JSON).body(body)
                .patch(maintenance() + "/" + event).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field)));
        as(key).contentType(ContentType.JSON).body("{}").patch(maintenance() + "/" + event)
                .then().statusCode(400).contentType(PROBLEM);

        assertThat(Api.endOffsets(kafka, Topics.MAINTENANCE_COMMANDS.name())).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentDescribesBothWrites() {
        String events = "paths.'" + CHARGERS + "/{charge_point_id}/maintenance'";
        String event = "paths.'" + CHARGERS + "/{charge_point_id}/maintenance/{event_id}'";
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(events + ".post.summary", equalTo("Create a maintenance event"))
                .body(events + ".post.responses.keySet()", hasItems("201", "400", "404", "409"))
                .body(events + ".post.description", containsString("excused in the charger's uptime"))
                .body(event + ".patch.summary", equalTo("Update a maintenance event"))
                .body(event + ".patch.responses.keySet()", hasItems("200", "400", "404", "422"));
    }

    private Response record(String body) {
        return as(key).contentType(ContentType.JSON).body(body).post(maintenance());
    }

    private String maintenance() {
        return CHARGERS + "/" + charger + "/maintenance";
    }

    private static String register(String key) {
        String id = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        as(key).contentType(ContentType.JSON).body(Map.of("charge_point_id", id)).post(CHARGERS)
                .then().statusCode(201);
        return id;
    }

    /** The latest view of {@code maintenanceId} on the projection topic, null if none yet. */
    private MaintenanceView projected(String maintenanceId) {
        try (KafkaConsumer<String, MaintenanceView> consumer = kafka.consumer(Topics.MAINTENANCE_PROJECTION, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAINTENANCE_PROJECTION.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            MaintenanceView[] latest = new MaintenanceView[1];
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(maintenanceId)) {
                        latest[0] = r.value();
                    }
                });
            }
            return latest[0];
        }
    }
}
