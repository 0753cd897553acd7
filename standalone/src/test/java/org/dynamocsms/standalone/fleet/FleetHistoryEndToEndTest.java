package org.dynamocsms.standalone.fleet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.PROBLEM;
import static org.dynamocsms.standalone.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uptime, utilisation, errors, connectivity and maintenance over HTTP, from charger telemetry published to the real
 * broker (as the OCPP gateway would) through the charger history into the real PostgreSQL. The timeline crosses
 * an hour, an ISO week and a month boundary (Sunday 30 June to Monday 1 July 2024); every figure below is worked
 * out by hand from it:
 * <pre>
 * 22:00 connected; connectors 0 and 1 Available      00:50 disconnected
 * 22:30 connector 1 Charging                           01:10 connected
 * 23:15 connector 1 Available                          01:30 connector 1 Charging
 * 23:40 connector 1 Faulted (GroundFailure)            02:00 connector 1 Available
 * 00:20 connector 1 Available (fault resolved)         maintenance from 23:30
 * </pre>
 * Over [22:00, 03:00) = 300 min: connected 22:00-00:50 and 01:10-03:00 = 280 min; up = 280 - 40 min faulted = 240.
 */
@QuarkusTest
@QuarkusTestResource(CsmsTestResource.class)
class FleetHistoryEndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final String FLEET = "/api/v1/cpo/fleet";
    private static final String CHARGERS = "/api/v1/cpo/chargers";
    private static final String FROM = "2024-06-30T22:00:00Z";
    private static final String TO = "2024-07-01T03:00:00Z";

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private String organisation;
    private String key;
    private KafkaProducer<String, ChargerTelemetry> telemetry;

    @BeforeEach
    void setUp() {
        organisation = Ids.ORGANISATION.next();
        key = Api.newKey(keys, organisation, List.of());
        telemetry = kafka.producer(Topics.CHARGER_TELEMETRY);
    }

    @AfterEach
    void tearDown() {
        telemetry.close();
    }

    @Test
    void theFiguresAreThoseWorkedOutByHandAndSurviveDuplicatesLateEventsAndReplays() {
        String site = Api.site(key, "Harbour Road");
        String charger = Api.charger(key);
        as(key).post("/api/v1/sites/" + site + "/chargers/" + charger + "/link").then().statusCode(200);
        List<ChargerTelemetry> timeline = timeline(organisation, charger);
        ChargerTelemetry lateCharging = timeline.get(9); // 01:30 Charging, sent after 02:00 Available
        timeline.forEach(record -> {
            if (record != lateCharging) {
                send(record);
            }
        });
        send(timeline.get(4)); // 23:15 Available once more: a duplicate
        send(lateCharging);

        ExtractableResponse<Response> recorded = as(key).contentType(ContentType.JSON)
                .body(Map.of("type", "scheduled", "description", "Connector cleaning",
                        "scheduled_at", "2024-06-30T23:30:00Z", "technician", "J. Smith"))
                .post(CHARGERS + "/" + charger + "/maintenance").then().statusCode(201)
                .body("event_id", startsWith("mnt_")).body("completed_at", nullValue()).extract();
        String maintenance = recorded.path("event_id");
        // the write's token makes the list wait for it
        as(key).header(Api.TOKEN, recorded.header(Api.TOKEN)).get(CHARGERS + "/" + charger + "/maintenance").then()
                .statusCode(200).header("Consistency-Token-Status", "reached")
                .body("events.event_id", equalTo(List.of(maintenance)));
        // still open: the window runs from 23:30 until the charger is up again at 00:20, excusing the 40 min
        // faulted; down 20 min (offline 00:50-01:10): (300 - 20) / 300 = 93.33 %
        Api.eventually(WITHIN, () -> assertUptime(charger, site, 93.3f, 20, 40));

        as(key).contentType(ContentType.JSON)
                .body(Map.of("completed_at", "2024-07-01T00:00:00Z", "notes", "Replaced the holster"))
                .patch(CHARGERS + "/" + charger + "/maintenance/" + maintenance).then().statusCode(200)
                .body("completed_at", equalTo("2024-07-01T00:00:00Z")).body("notes", equalTo("Replaced the holster"));
        // completed: 23:30-00:00 excuses the 20 min faulted in it; down 20 faulted + 20 offline:
        // (300 - 40) / 300 = 86.67 %
        Api.eventually(WITHIN, () -> assertUptime(charger, site, 86.7f, 40, 20));
        assertFiguresByHand(charger, site, maintenance);

        timeline.forEach(this::send); // a replay of the same events changes nothing
        Api.eventually(WITHIN, () -> assertUptime(charger, site, 86.7f, 40, 20));
        assertFiguresByHand(charger, site, maintenance);
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        String charger = Api.charger(key);
        Map<String, String> parameterOfQuery = Map.of(
                FLEET + "/uptime?from=yesterday", "from",
                FLEET + "/uptime?from=" + TO + "&to=" + FROM, "from",
                FLEET + "/utilisation?granularity=fortnight", "granularity",
                FLEET + "/errors?error_code=Broken", "error_code",
                CHARGERS + "/" + charger + "/connectivity?to=soon", "to");
        parameterOfQuery.forEach((query, parameter) -> as(key).get(query).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem(parameter)));
        as(key).contentType(ContentType.JSON).body(Map.of("type", "cosmetic", "scheduled_at", FROM))
                .post(CHARGERS + "/" + charger + "/maintenance").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("type"));
        String other = Api.newOrganisation(keys, List.of());
        as(other).get(CHARGERS + "/" + charger + "/connectivity").then().statusCode(404).contentType(PROBLEM);
        as(other).get(CHARGERS + "/" + charger + "/maintenance").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void theOpenApiDocumentDescribesTheAnalyticsWithTheirDefinitions() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey(FLEET + "/uptime"))
                .body("paths", hasKey(FLEET + "/utilisation"))
                .body("paths", hasKey(FLEET + "/errors"))
                .body("paths", hasKey(CHARGERS + "/{charge_point_id}/connectivity"))
                .body("paths", hasKey(CHARGERS + "/{charge_point_id}/error-history"))
                .body("paths." + quoted(CHARGERS + "/{charge_point_id}/maintenance") + ".keySet()",
                        hasItems("get", "post"))
                .body("paths", hasKey(CHARGERS + "/{charge_point_id}/maintenance/{event_id}"))
                .body("paths." + quoted(FLEET + "/uptime") + ".get.description", containsString("23 CFR 680.116"))
                .body("paths." + quoted(FLEET + "/utilisation") + ".get.description",
                        containsString("ISO weeks"));
    }

    private static String quoted(String path) {
        return "'" + path + "'";
    }

    private void assertUptime(String charger, String site, float percent, int downtime, int maintenance) {
        as(key).get(FLEET + "/uptime?from=" + FROM + "&to=" + TO + "&charge_point_id=" + charger).then()
                .statusCode(200)
                .body("period.from", equalTo(FROM)).body("period.to", equalTo(TO))
                .body("chargers.size()", equalTo(1))
                .body("chargers[0].charge_point_id", equalTo(charger))
                .body("chargers[0].site_id", equalTo(site))
                .body("chargers[0].uptime_percent", equalTo(percent))
                .body("chargers[0].downtime_minutes", equalTo(downtime))
                .body("chargers[0].maintenance_minutes", equalTo(maintenance));
    }

    private void assertFiguresByHand(String charger, String site, String maintenance) {
        // hours: 22-23 charging 30 of 60 online; 23-00 15 of 60; 00-01 0 of 50; 01-02 30 of 50; 02-03 0 of 60
        assertThat(utilisation(charger, "hour", "period_start")).containsExactly("2024-06-30T22:00:00Z",
                "2024-06-30T23:00:00Z", "2024-07-01T00:00:00Z", "2024-07-01T01:00:00Z", "2024-07-01T02:00:00Z");
        assertThat(percents(charger, "hour")).containsExactly(50.0, 25.0, 0.0, 60.0, 0.0);
        // days, ISO weeks and months split the same way at Monday 1 July 00:00: 45 of 120 min; 30 of 160 min
        for (String granularity : List.of("day", "week", "month")) {
            assertThat(utilisation(charger, granularity, "period_start"))
                    .containsExactly(FROM, "2024-07-01T00:00:00Z");
            assertThat(percents(charger, granularity)).as(granularity).containsExactly(37.5, 18.8);
        }
        as(key).get(FLEET + "/errors?charge_point_id=" + charger).then().statusCode(200)
                .body("total", equalTo(1))
                .body("errors[0].event_id", startsWith("evt_"))
                .body("errors[0].charge_point_id", equalTo(charger))
                .body("errors[0].site_id", equalTo(site))
                .body("errors[0].error_code", equalTo("GroundFailure"))
                .body("errors[0].status", equalTo("Faulted"))
                .body("errors[0].timestamp", equalTo("2024-06-30T23:40:00Z"))
                .body("errors[0].resolved_at", equalTo("2024-07-01T00:20:00Z"));
        as(key).get(CHARGERS + "/" + charger + "/error-history").then().statusCode(200)
                .body("errors.size()", equalTo(1)).body("errors[0].error_code", equalTo("GroundFailure"));
        as(key).get(CHARGERS + "/" + charger + "/connectivity?from=2024-06-30T21:00:00Z&to=" + TO).then()
                .statusCode(200)
                .body("events.type", equalTo(List.of("connected", "disconnected", "connected")))
                .body("events.timestamp", equalTo(List.of(FROM, "2024-07-01T00:50:00Z", "2024-07-01T01:10:00Z")));
        as(key).get(CHARGERS + "/" + charger + "/maintenance").then().statusCode(200)
                .body("events.size()", equalTo(1)).body("events[0].event_id", equalTo(maintenance))
                .body("events[0].scheduled_at", equalTo("2024-06-30T23:30:00Z"))
                .body("events[0].completed_at", equalTo("2024-07-01T00:00:00Z"));
        // the last 30 days: connected and Available all along since 2024; the fault is older
        as(key).get(CHARGERS + "/" + charger + "/diagnostics").then().statusCode(200)
                .body("uptime_30d_percent", equalTo(100.0f))
                .body("error_count_30d", equalTo(0))
                .body("last_error.error_code", equalTo("GroundFailure"))
                .body("last_error.timestamp", equalTo("2024-06-30T23:40:00Z"));
    }

    private List<String> utilisation(String charger, String granularity, String field) {
        return query(charger, granularity).getList("chargers[0].buckets." + field, String.class);
    }

    private List<Double> percents(String charger, String granularity) {
        List<Double> percents = new ArrayList<>();
        query(charger, granularity).<Number>getList("chargers[0].buckets.utilisation_percent")
                .forEach(n -> percents.add(Math.round(n.doubleValue() * 10) / 10.0)); // JSON floats back to 0.1
        return percents;
    }

    private JsonPath query(String charger, String granularity) {
        return as(key).get(FLEET + "/utilisation?from=" + FROM + "&to=" + TO + "&granularity=" + granularity
                + "&charge_point_id=" + charger).then().statusCode(200)
                .body("granularity", equalTo(granularity)).extract().jsonPath();
    }

    /** The timeline of the class comment, in time order. */
    private static List<ChargerTelemetry> timeline(String organisation, String charger) {
        return List.of(
                record(organisation, charger, "2024-06-30T22:00:00Z", new ChargerConnected("1.6", "e2e", null, null)),
                record(organisation, charger, "2024-06-30T22:00:00Z", status(0, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-06-30T22:00:00Z", status(1, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-06-30T22:30:00Z", status(1, ConnectorStatus.Charging, null)),
                record(organisation, charger, "2024-06-30T23:15:00Z", status(1, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-06-30T23:40:00Z",
                        status(1, ConnectorStatus.Faulted, ChargePointErrorCode.GroundFailure)),
                record(organisation, charger, "2024-07-01T00:20:00Z", status(1, ConnectorStatus.Available, null)),
                record(organisation, charger, "2024-07-01T00:50:00Z", new ChargerDisconnected("1006 lost", "e2e",
                        null)),
                record(organisation, charger, "2024-07-01T01:10:00Z", new ChargerConnected("1.6", "e2e", null, null)),
                record(organisation, charger, "2024-07-01T01:30:00Z", status(1, ConnectorStatus.Charging, null)),
                record(organisation, charger, "2024-07-01T02:00:00Z", status(1, ConnectorStatus.Available, null)));
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

    private void send(ChargerTelemetry record) {
        try {
            telemetry.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), record.getChargePointId(), record))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
