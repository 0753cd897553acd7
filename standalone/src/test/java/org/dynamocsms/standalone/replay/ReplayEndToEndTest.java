package org.dynamocsms.standalone.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.query.ReadStoreIngestion;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * Replays over HTTP against the real broker and PostgreSQL, with projection-service following the generations: a
 * rebuild of every projection from the event history compares equal with the live generation, the switch leaves
 * every read answering exactly what it answered before, the old generation's topics, groups and tables go, and the
 * next replay starts; a cancel leaves readers where they were. A broker of its own: replays retire generation 1's
 * topics, which other tests' applications read.
 */
@QuarkusTest
@TestProfile(ReplayEndToEndTest.OwnBroker.class)
class ReplayEndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final String REPLAYS = "/admin/replays/";
    private static final String FROM = "2024-06-30T22:00:00Z";
    private static final String TO = "2024-07-01T03:00:00Z";

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CsmsTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    @Inject
    DataSource dataSource;

    @Test
    void eachProjectionRebuiltAnswersExactlyWhatTheLiveOneDidAndTheOldOneGoes() throws Exception {
        Fleet fleet = fleet();
        rebuildComparedAndSwitched(fleet, Projection.SITES, Projection.CHARGERS, Projection.MAINTENANCE,
                Projection.CHARGER_HISTORY);

        // the next replay starts, and switches by itself
        as(fleet.key).post(REPLAYS + "sites").then().statusCode(202)
                .body("generation", org.hamcrest.Matchers.greaterThan(2));
        Api.eventually(WITHIN, () -> as(fleet.key).get(REPLAYS + "sites").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("completed")));
        assertThat(answers(fleet.key, fleet.reads)).isEqualTo(fleet.before);
    }

    /**
     * The live states and site summaries rebuilt equal the live ones. Once switched, generation 1's
     * csms.projection.charger-states is deleted; nothing else reads it (the charger history reads the gateway
     * check's decisions from the telemetry).
     */
    @Test
    void theLiveStatesRebuiltAnswerExactlyWhatTheLiveOnesDid() throws Exception {
        rebuildComparedAndSwitched(fleet(), Projection.LIVE_STATES);
    }

    /**
     * Rebuilds {@code projections} with a comparison: each catches up equal to its live generation, every read
     * answers the same before and after the switch, and the old generation's tables, topics and groups go.
     */
    private void rebuildComparedAndSwitched(Fleet fleet, Projection... projections) throws Exception {
        String key = fleet.key;
        Map<Projection, Integer> live = new LinkedHashMap<>();
        for (Projection projection : projections) {
            as(fleet.notOperator).post(REPLAYS + projection.id()).then().statusCode(403).contentType(Api.PROBLEM);
            Map<String, Object> started = as(key).contentType(ContentType.JSON).body("{\"compare\": true}")
                    .post(REPLAYS + projection.id()).then().statusCode(202)
                    .header("Location", REPLAYS + projection.id()).extract().jsonPath().getMap("$");
            assertThat(started).containsEntry("status", "building").containsEntry("compare", true);
            live.put(projection, (Integer) started.get("live_generation"));
            as(key).post(REPLAYS + projection.id()).then().statusCode(409).contentType(Api.PROBLEM);
        }
        for (Projection projection : projections) {
            Api.eventually(WITHIN, () -> as(key).get(REPLAYS + projection.id()).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("caught_up")));
            JsonPath caughtUp = as(key).get(REPLAYS + projection.id()).then().extract().jsonPath();
            // the rows of both generations, to show what differs
            assertThat(caughtUp.getBoolean("comparison.equal")).as(() -> caughtUp.prettify()
                    + ReadTables.of(projection).stream().map(table -> rows(table + "_g" + live.get(projection))
                            + rows(table + "_g" + caughtUp.getInt("generation"))).toList()).isTrue();
            assertThat(caughtUp.getInt("refused")).isZero();
            assertThat(caughtUp.getLong("events_read")).isEqualTo(caughtUp.getLong("events_total")).isPositive();
        }
        // readers are still on the live generations
        assertThat(answers(key, fleet.reads)).isEqualTo(fleet.before);

        for (Projection projection : projections) {
            as(key).post(REPLAYS + projection.id() + "/switch").then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("completed"));
        }
        assertThat(answers(key, fleet.reads)).isEqualTo(fleet.before);

        for (Projection projection : projections) {
            Generation old = new Generation(projection, live.get(projection));
            Api.eventually(WITHIN, () -> assertThat(tablesOf(old)).isEmpty());
            // nothing reads a retired generation's topics any more (the OCPP gateway folds the charger events
            // itself: had it read generation 1's csms.projection.chargers, its consumer would create it again)
            List<String> outputs = projection.outputs().stream().map(old::topic).map(Topic::name).toList();
            assertThat(topics()).noneMatch(outputs::contains)
                    .noneMatch(t -> t.startsWith(old.applicationId() + "-") && !t.startsWith(old.applicationId() + "-g"));
            assertThat(groups()).doesNotContain(old.applicationId())
                    .doesNotContainAnyElementsOf(ReadStoreIngestion.feeds(old).stream()
                            .map(ReadStoreIngestion.Feed::group).toList());
        }
    }

    /** An organisation's site with an energy asset, a linked charger, its maintenance and telemetry. */
    private record Fleet(String key, String notOperator, Map<String, String> reads, Map<String, String> before) {
    }

    private Fleet fleet() throws Exception {
        String organisation = Ids.ORGANISATION.next();
        String key = Api.newKey(keys, organisation, List.of(ApiKeys.OPERATOR_SCOPE));
        String site = Api.site(key, "Harbour Road");
        String renamed = Api.site(key, "Old Quay");
        as(key).contentType(ContentType.JSON).body(Map.of("name", "New Quay")).patch("/api/v1/sites/" + renamed)
                .then().statusCode(200);
        String deleted = Api.site(key, "Closed Depot");
        as(key).delete("/api/v1/sites/" + deleted).then().statusCode(204);
        as(key).contentType(ContentType.JSON).body(Map.of("type", "solar", "name", "Roof", "capacity_kw", 40))
                .post("/api/v1/sites/" + site + "/energy-assets").then().statusCode(201);
        String charger = Api.charger(key);
        as(key).post("/api/v1/sites/" + site + "/chargers/" + charger + "/link").then().statusCode(200);
        as(key).contentType(ContentType.JSON).body(Map.of("type", "scheduled", "description", "Cleaning",
                        "scheduled_at", "2024-07-01T01:45:00Z", "completed_at", "2024-07-01T02:15:00Z"))
                .post("/api/v1/cpo/chargers/" + charger + "/maintenance").then().statusCode(201);
        try (KafkaProducer<String, ChargerTelemetry> telemetry = kafka.producer(Topics.CHARGER_TELEMETRY)) {
            for (ChargerTelemetry record : timeline(organisation, charger)) {
                telemetry.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), charger, record)).get();
            }
        }
        Map<String, String> reads = reads(key, site, charger);
        reads.put("/api/v1/sites/" + renamed, key);
        reads.put("/api/v1/sites/" + deleted, key);
        Api.eventually(WITHIN, () -> assertThat(settled(key, site, charger, reads)).isTrue());
        return new Fleet(key, Api.newKey(keys, organisation, List.of()), reads, answers(key, reads));
    }

    @Test
    void aCancelLeavesReadersOnTheLiveGenerationAndDropsTheBuildingOne() throws Exception {
        String key = Api.newOrganisation(keys, List.of(ApiKeys.OPERATOR_SCOPE));
        String charger = Api.charger(key);
        Api.eventually(WITHIN, () -> as(key).get("/api/v1/cpo/chargers/" + charger).then().statusCode(200));
        String before = as(key).get("/api/v1/cpo/chargers/" + charger).then().extract().asString();
        as(key).post(REPLAYS + "chargers").then().statusCode(202);
        int live = as(key).get(REPLAYS + "chargers").then().extract().path("live_generation");
        int building = as(key).get(REPLAYS + "chargers").then().extract().path("generation");

        as(key).delete(REPLAYS + "chargers").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("cancelled"))
                .body("live_generation", org.hamcrest.Matchers.equalTo(live));
        as(key).delete(REPLAYS + "chargers").then().statusCode(404).contentType(Api.PROBLEM);

        Generation cancelled = new Generation(Projection.CHARGERS, building);
        Api.eventually(WITHIN, () -> assertThat(tablesOf(cancelled)).isEmpty());
        assertThat(topics()).doesNotContain(cancelled.topic(Topics.CHARGER_PROJECTION).name());
        assertThat(groups()).doesNotContain(cancelled.applicationId());
        assertThat(tablesOf(new Generation(Projection.CHARGERS, live))).isNotEmpty();
        assertThat(as(key).get("/api/v1/cpo/chargers/" + charger).then().statusCode(200).extract().asString())
                .isEqualTo(before);
    }

    /** The GETs whose answers a replay must not change: every read of the data written. */
    private static Map<String, String> reads(String key, String site, String charger) {
        Map<String, String> reads = new LinkedHashMap<>();
        String chargerPath = "/api/v1/cpo/chargers/" + charger;
        String range = "?from=" + FROM + "&to=" + TO;
        for (String path : List.of("/api/v1/sites?limit=200", "/api/v1/sites/" + site,
                "/api/v1/sites/" + site + "/energy-assets", "/api/v1/sites/" + site + "/summary", chargerPath,
                chargerPath + "/diagnostics", chargerPath + "/maintenance", chargerPath + "/error-history",
                chargerPath + "/connectivity" + range, "/api/v1/cpo/fleet/summary", "/api/v1/cpo/fleet/chargers",
                "/api/v1/cpo/fleet/errors?charge_point_id=" + charger,
                "/api/v1/cpo/fleet/uptime" + range + "&charge_point_id=" + charger,
                "/api/v1/cpo/fleet/utilisation" + range + "&granularity=hour&charge_point_id=" + charger)) {
            reads.put(path, key);
        }
        return reads;
    }

    /** The status and body of each read. */
    private static Map<String, String> answers(String key, Map<String, String> reads) {
        Map<String, String> answers = new LinkedHashMap<>();
        reads.keySet().forEach(path -> {
            io.restassured.response.Response answer = as(key).get(path);
            answers.put(path, answer.statusCode() + " " + answer.asString());
        });
        return answers;
    }

    /**
     * Every projection has folded what was written: the reads show all of it, and answer the same a few seconds
     * later.
     */
    private static boolean settled(String key, String site, String charger, Map<String, String> reads) {
        String chargerPath = "/api/v1/cpo/chargers/" + charger;
        boolean complete = as(key).get(chargerPath + "/maintenance").then().extract().jsonPath()
                .getList("events").size() == 1
                && as(key).get("/api/v1/sites?limit=200").then().extract().jsonPath().getInt("total") == 2
                && as(key).get(chargerPath + "/error-history").then().extract().jsonPath().getInt("total") == 1
                && as(key).get("/api/v1/sites/" + site + "/summary").then().extract().statusCode() == 200
                && as(key).get("/api/v1/sites/" + site + "/summary").then().extract().jsonPath()
                        .getInt("chargers.total") == 1;
        if (!complete) {
            return false;
        }
        Map<String, String> first = answers(key, reads);
        Api.sleep(3_000);
        return first.equals(answers(key, reads));
    }

    private static JsonPath replays(String key) {
        return as(key).get(REPLAYS + "all").then().statusCode(200).extract().jsonPath();
    }

    private List<String> tablesOf(Generation generation) {
        try (Connection connection = dataSource.getConnection()) {
            return ReadTables.existing(connection, generation);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of {@code table}, to show what differs. */
    private String rows(String table) {
        StringBuilder rows = new StringBuilder("\n" + table + ":");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT row_to_json(t)::text FROM " + table
                     + " t");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.append("\n  ").append(row.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows.toString();
    }

    private Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            return admin.listTopics().names().get();
        }
    }

    private List<String> groups() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            return admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
        }
    }

    /** Connected, charging, a fault and its end, a disconnect and a reconnect (as FleetHistoryEndToEndTest's). */
    private static List<ChargerTelemetry> timeline(String organisation, String charger) {
        return List.of(
                record(organisation, charger, "2024-06-30T22:00:00Z", new ChargerConnected("1.6", "e2e", null, null)),
                record(organisation, charger, "2024-06-30T22:00:00Z", status(1, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-06-30T22:30:00Z", status(1, ConnectorStatus.Charging, null)),
                record(organisation, charger, "2024-06-30T23:15:00Z", status(1, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-06-30T23:40:00Z",
                        status(1, ConnectorStatus.Faulted, ChargePointErrorCode.GroundFailure)),
                record(organisation, charger, "2024-07-01T00:20:00Z", status(1, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-07-01T00:50:00Z", new ChargerDisconnected("1006 lost", "e2e",
                        null)),
                record(organisation, charger, "2024-07-01T01:10:00Z", new ChargerConnected("1.6", "e2e", null, null)),
                record(organisation, charger, "2024-07-01T01:30:00Z", status(1, ConnectorStatus.Charging, null)));
    }

    private static ConnectorStatusChanged status(int connector, ConnectorStatus status, ChargePointErrorCode error) {
        return ConnectorStatusChanged.newBuilder().setConnectorId(connector).setStatus(status)
                .setErrorCode(error != null ? error : ChargePointErrorCode.NoError).build();
    }

    private static ChargerTelemetry record(String organisation, String charger, String at, Object payload) {
        Instant time = Instant.parse(at);
        return ChargerTelemetry.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId(organisation)
                .setChargePointId(charger).setOccurredAt(time).setRecordedAt(time).setPayload(payload).build();
    }
}
