package org.dynamocsms.query.charger;

import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.history.Histories.error;
import static org.dynamocsms.query.history.Histories.interval;
import static org.dynamocsms.query.history.Histories.maintenance;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.history.MaintenanceStore;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/chargers/{id}/error-history, /connectivity and /maintenance on the real database, without HTTP. */
class ChargerHistoryResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Now, in these tests: the default connectivity period is 30 days back, from 2024-06-01T00:00:00Z. */
    private static final Instant NOW = Instant.parse("2024-07-01T00:00:00Z");

    private ChargerStore chargers;
    private ChargerErrorStore errors;
    private ChargerIntervalStore intervals;
    private MaintenanceStore maintenance;

    /**
     * CP-001 (org_A, site_1): a WeakSignal on 05-28 resolved 6 minutes later and an open GroundFailure since
     * 06-15 14:22; disconnected from 05-31 22:00, connected at 23:00, disconnected 06-04 02:10 and connected again
     * at 02:12:45; maintenance on 05-01 08:00-10:00 and planned for 06-20 09:00. CP-old is decommissioned, with
     * history of its own.
     */
    @BeforeEach
    void cleanDatabase() throws SQLException {
        DataSource dataSource = TestDatabase.clean();
        chargers = new ChargerStore(dataSource);
        errors = new ChargerErrorStore(dataSource);
        intervals = new ChargerIntervalStore(dataSource);
        maintenance = new MaintenanceStore(dataSource);
        chargers.upsert(List.of(Chargers.linked(Chargers.registered("CP-001"), "site_1", 2),
                Chargers.decommissioned(Chargers.registered("CP-old"), 2)));
        errors.write(List.of(
                ChargerError.newBuilder(error("evt_1", "CP-001", ChargePointErrorCode.WeakSignal,
                        "2024-05-28T08:14:00Z", "2024-05-28T08:20:00Z")).setStatus(ConnectorStatus.Available).build(),
                error("evt_2", "CP-001", ChargePointErrorCode.GroundFailure, "2024-06-15T14:22:00Z", null),
                error("evt_3", "CP-old", ChargePointErrorCode.GroundFailure, "2024-06-15T14:22:00Z", null)),
                List.of());
        intervals.write(List.of(
                interval("CP-001", "2024-05-31T22:00:00Z", "2024-05-31T23:00:00Z", false),
                interval("CP-001", "2024-05-31T23:00:00Z", "2024-06-04T02:10:00Z", true),
                interval("CP-001", "2024-06-04T02:10:00Z", "2024-06-04T02:12:45Z", false),
                interval("CP-001", "2024-06-04T02:12:45Z", null, true),
                interval("CP-old", "2024-06-01T00:00:00Z", null, true)), List.of());
        maintenance.write(List.of(
                MaintenanceView.newBuilder(maintenance("mnt_7YBKQ", "CP-001", "2024-06-20T09:00:00Z", null))
                        .setDescription("Quarterly inspection and connector cleaning").setTechnician("J. Smith")
                        .build(),
                maintenance("mnt_1", "CP-001", "2024-05-01T08:00:00Z", "2024-05-01T10:00:00Z"),
                maintenance("mnt_2", "CP-old", "2024-06-01T08:00:00Z", null)), List.of());
    }

    @Test
    void theErrorHistoryIsNewestFirstWithTheTotal() throws Exception {
        Response response = resource("org_A").errorHistory("CP-001", null, null, null, null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("""
                {"charge_point_id":"CP-001","errors":[\
                {"event_id":"evt_2","charge_point_id":"CP-001","site_id":"site_1","error_code":"GroundFailure",\
                "info":null,"status":"Faulted","timestamp":"2024-06-15T14:22:00Z","resolved_at":null},\
                {"event_id":"evt_1","charge_point_id":"CP-001","site_id":"site_1","error_code":"WeakSignal",\
                "info":null,"status":"Available","timestamp":"2024-05-28T08:14:00Z",\
                "resolved_at":"2024-05-28T08:20:00Z"}],"total":2,"limit":50,"offset":0}""");
    }

    @Test
    void theErrorHistoryTakesAPeriodALimitAndAnOffset() throws Exception {
        ChargerHistoryResource resource = resource("org_A");

        assertThat(json(resource.errorHistory("CP-001", null, null, "1", null))).contains("\"event_id\":\"evt_2\"")
                .doesNotContain("evt_1").endsWith("\"total\":2,\"limit\":1,\"offset\":0}");
        assertThat(json(resource.errorHistory("CP-001", null, null, "1", "1"))).contains("\"event_id\":\"evt_1\"")
                .doesNotContain("evt_2").endsWith("\"total\":2,\"limit\":1,\"offset\":1}");
        assertThat(json(resource.errorHistory("CP-001", "2024-06-01", null, null, null))).doesNotContain("evt_1")
                .endsWith("\"total\":1,\"limit\":50,\"offset\":0}");
        assertThat(json(resource.errorHistory("CP-001", null, "2024-06-01", null, null))).doesNotContain("evt_2")
                .endsWith("\"total\":1,\"limit\":50,\"offset\":0}");
    }

    @Test
    void theConnectivityOfTheLastThirtyDaysAnswersExactlyTheContractsShape() throws Exception {
        // default period [06-01, 07-01): the connect of 05-31 23:00 is before it
        Response response = resource("org_A").connectivity("CP-001", null, null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("""
                {"charge_point_id":"CP-001","events":[{"type":"disconnected","timestamp":"2024-06-04T02:10:00Z"},\
                {"type":"connected","timestamp":"2024-06-04T02:12:45Z"}]}""");
    }

    @Test
    void theConnectivityTakesAPeriod() throws Exception {
        ChargerHistoryResource resource = resource("org_A");

        assertThat(json(resource.connectivity("CP-001", "2024-05-31T00:00:00Z", "2024-06-04T02:12:45Z")))
                .isEqualTo("""
                        {"charge_point_id":"CP-001","events":[{"type":"connected","timestamp":"2024-05-31T23:00:00Z"},\
                        {"type":"disconnected","timestamp":"2024-06-04T02:10:00Z"}]}""");
        // to alone: from is 30 days before it, 2024-05-02T00:00Z
        assertThat(json(resource.connectivity("CP-001", null, "2024-06-01T00:00:00Z"))).isEqualTo("""
                {"charge_point_id":"CP-001","events":[{"type":"connected","timestamp":"2024-05-31T23:00:00Z"}]}""");
        assertThat(json(resource.connectivity("CP-001", "2024-06-05T00:00:00Z", null))).isEqualTo("""
                {"charge_point_id":"CP-001","events":[]}""");
    }

    @Test
    void theMaintenanceAnswersExactlyTheContractsShape() throws Exception {
        Response response = resource("org_A").maintenance("CP-001", "2024-06-01T00:00:00Z", null, null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("""
                {"charge_point_id":"CP-001","events":[{"event_id":"mnt_7YBKQ","type":"scheduled",\
                "description":"Quarterly inspection and connector cleaning","scheduled_at":"2024-06-20T09:00:00Z",\
                "completed_at":null,"technician":"J. Smith","notes":null}]}""");
    }

    @Test
    void theMaintenanceWaitsForTheWriteOfAConsistencyToken() throws Exception {
        ChargerHistoryResource resource = resource("org_A");

        assertThat(resource.maintenance("CP-001", null, null, "mnt_7YBKQ@1").getHeaderString(
                ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
        assertThat(resource.maintenance("CP-001", null, null, "mnt_7YBKQ@2").getHeaderString(
                ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
        // another organisation's event is never reached
        assertThat(resource("org_B").maintenance("CP-001", null, null, "mnt_7YBKQ@1").getHeaderString(
                ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
    }

    @Test
    void theMaintenanceListsEveryEventWithoutAPeriod() throws Exception {
        ChargerHistoryResource resource = resource("org_A");

        assertThat(json(resource.maintenance("CP-001", null, null, null))).contains("mnt_1").contains("mnt_7YBKQ")
                .doesNotContain("mnt_2");
        assertThat(json(resource.maintenance("CP-001", null, "2024-06-01", null))).contains("mnt_1")
                .doesNotContain("mnt_7YBKQ");
    }

    @Test
    void anUnknownForeignOrDecommissionedChargerIsNotFoundOnEveryEndpoint() throws SQLException {
        for (String[] caller : new String[][] {{"org_A", "CP-404"}, {"org_B", "CP-001"}, {"org_A", "CP-old"}}) {
            ChargerHistoryResource resource = resource(caller[0]);
            String chargePointId = caller[1];

            for (Response response : List.of(resource.errorHistory(chargePointId, null, null, null, null),
                    resource.connectivity(chargePointId, null, null),
                    resource.maintenance(chargePointId, null, null, null))) {
                assertThat(response.getStatus()).as("%s of %s", chargePointId, caller[0]).isEqualTo(404);
                assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
                assertThat(((Problem) response.getEntity()).detail())
                        .isEqualTo("Charger " + chargePointId + " does not exist.");
            }
        }
    }

    @Test
    void everyInvalidParameterIsA400NamingIt() {
        ChargerHistoryResource resource = resource("org_A");

        assertInvalid(() -> resource.errorHistory("CP-001", "soon", null, null, null), "from", Period.FORMAT);
        assertInvalid(() -> resource.errorHistory("CP-001", null, "2024-06-01T25:00:00Z", null, null), "to",
                Period.FORMAT);
        assertInvalid(() -> resource.errorHistory("CP-001", "2024-06-01", "2024-06-01", null, null), "from",
                "must be before to");
        assertInvalid(() -> resource.errorHistory("CP-001", null, null, "0", null), "limit",
                "must be an integer from 1 to 200");
        assertInvalid(() -> resource.errorHistory("CP-001", null, null, "201", null), "limit",
                "must be an integer from 1 to 200");
        assertInvalid(() -> resource.errorHistory("CP-001", null, null, null, "-1"), "offset",
                "must be an integer of 0 or more");
        assertInvalid(() -> resource.connectivity("CP-001", "2024-06-01T00:00:00", null), "from", Period.FORMAT);
        assertInvalid(() -> resource.connectivity("CP-001", null, "tomorrow"), "to", Period.FORMAT);
        assertInvalid(() -> resource.connectivity("CP-001", "2024-06-02", "2024-06-01"), "from",
                "must be before to");
        // to is now, 2024-07-01T00:00Z
        assertInvalid(() -> resource.connectivity("CP-001", "2024-07-01", null), "from",
                "must be before to (now when to is absent)");
        assertInvalid(() -> resource.maintenance("CP-001", "2024-06-01T00:00:00+2", null, null), "from",
                Period.FORMAT);
        assertInvalid(() -> resource.maintenance("CP-001", null, "", null), "to", Period.FORMAT);
        assertInvalid(() -> resource.maintenance("CP-001", "2024-06-02", "2024-06-01", null), "from",
                "must be before to");
        // all at once
        assertThatThrownBy(() -> resource.errorHistory("CP-001", "soon", "later", "0", "x"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(Problem.FieldError::field).containsExactly("from", "to", "limit", "offset"));
    }

    private static void assertInvalid(ThrowingCallable call, String field, String detail) {
        assertThatThrownBy(call).as(field).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.problem().errors()).containsExactly(new Problem.FieldError(field, detail));
        });
    }

    private static String json(Response response) throws JsonProcessingException {
        return JSON.writeValueAsString(response.getEntity());
    }

    private ChargerHistoryResource resource(String organisationId) {
        ChargerHistoryResource resource = new ChargerHistoryResource();
        resource.caller = Callers.of(organisationId);
        resource.chargers = chargers;
        resource.errors = errors;
        resource.intervals = intervals;
        resource.maintenance = maintenance;
        resource.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50), (anyOrganisation, anyResource) -> Map.of());
        return resource;
    }
}
