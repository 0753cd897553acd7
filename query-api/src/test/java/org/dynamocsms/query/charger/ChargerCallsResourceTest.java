package org.dynamocsms.query.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.call.Calls.answered;
import static org.dynamocsms.query.call.Calls.requested;

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
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.call.Calls;
import org.dynamocsms.query.call.ChargerCallPage;
import org.dynamocsms.query.call.ChargerCallStore;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/chargers/{id}/calls and /calls/{call_id} on the real database, without HTTP. */
class ChargerCallsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant NOW = Instant.parse("2024-06-01T10:05:10Z");

    private ChargerStore chargers;
    private ChargerCallStore calls;

    /**
     * CP-001 (org_A): a Reset answered at 10:00, and one requested at 10:05, still pending now (10:05:10). CP-old is
     * decommissioned, with a call of its own.
     */
    @BeforeEach
    void cleanDatabase() throws SQLException {
        DataSource dataSource = TestDatabase.clean();
        chargers = new ChargerStore(dataSource);
        calls = new ChargerCallStore(dataSource);
        chargers.upsert(List.of(Chargers.registered("CP-001"),
                Chargers.decommissioned(Chargers.registered("CP-old"), 2)));
        calls.write(List.of(answered(requested("call_1", "CP-001", "2024-06-01T10:00:00Z")),
                requested("call_2", "CP-001", "2024-06-01T10:05:00Z"),
                requested("call_3", "CP-old", "2024-06-01T10:00:00Z")), List.of());
    }

    @Test
    void theCallsAreNewestFirstWithTheTotal() throws Exception {
        Response response = resource("org_A").list("CP-001", null, null, null, null, null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("""
                {"charge_point_id":"CP-001","calls":[\
                {"call_id":"call_2","charge_point_id":"CP-001","action":"Reset","payload":{"type":"Soft"},\
                "status":"pending","answer":null,"error":null,"requested_by":"api",\
                "requested_at":"2024-06-01T10:05:00Z","expires_at":"2024-06-01T10:05:30Z","sent_at":null,\
                "ended_at":null},\
                {"call_id":"call_1","charge_point_id":"CP-001","action":"Reset","payload":{"type":"Soft"},\
                "status":"answered","answer":{"status":"Accepted"},"error":null,"requested_by":"api",\
                "requested_at":"2024-06-01T10:00:00Z","expires_at":"2024-06-01T10:00:30Z",\
                "sent_at":"2024-06-01T10:00:00.050Z","ended_at":"2024-06-01T10:00:00.420Z"}],\
                "total":2,"limit":50,"offset":0}""");
    }

    @Test
    void theCallsTakeAnActionAStatusALimitAndAnOffset() throws Exception {
        ChargerCallsResource resource = resource("org_A");

        assertThat(json(resource.list("CP-001", null, "answered", null, null, null))).contains("call_1")
                .doesNotContain("call_2").endsWith("\"total\":1,\"limit\":50,\"offset\":0}");
        assertThat(json(resource.list("CP-001", null, "pending", null, null, null))).contains("call_2")
                .doesNotContain("call_1");
        assertThat(json(resource.list("CP-001", "SetChargingProfile", null, null, null, null)))
                .endsWith("\"calls\":[],\"total\":0,\"limit\":50,\"offset\":0}");
        assertThat(json(resource.list("CP-001", "Reset", null, "1", "1", null))).contains("call_1")
                .doesNotContain("call_2").endsWith("\"total\":2,\"limit\":1,\"offset\":1}");
    }

    @Test
    void oneCallAnswersAsInTheList() throws Exception {
        Response response = resource("org_A").get("CP-001", "call_1", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json(response)).isEqualTo("""
                {"call_id":"call_1","charge_point_id":"CP-001","action":"Reset","payload":{"type":"Soft"},\
                "status":"answered","answer":{"status":"Accepted"},"error":null,"requested_by":"api",\
                "requested_at":"2024-06-01T10:00:00Z","expires_at":"2024-06-01T10:00:30Z",\
                "sent_at":"2024-06-01T10:00:00.050Z","ended_at":"2024-06-01T10:00:00.420Z"}""");
    }

    @Test
    void aCallNoGatewaySentReadsAsExpiredOnceItsGraceIsOver() throws Exception {
        ChargerCallsResource resource = resource("org_A");
        resource.clock = Clock.fixed(Instant.parse("2024-06-01T10:05:40.001Z"), ZoneOffset.UTC);

        assertThat(json(resource.get("CP-001", "call_2", null))).contains("\"status\":\"expired\"",
                "\"error\":{\"code\":\"NotConnected\"");
        assertThat(json(resource.list("CP-001", null, "expired", null, null, null))).contains("call_2")
                .endsWith("\"total\":1,\"limit\":50,\"offset\":0}");
    }

    @Test
    void anUnknownForeignOrDecommissionedChargerIsNotFound() throws SQLException {
        for (String[] caller : new String[][] {{"org_A", "CP-404"}, {"org_B", "CP-001"}, {"org_A", "CP-old"}}) {
            ChargerCallsResource resource = resource(caller[0]);
            String chargePointId = caller[1];

            for (Response response : List.of(resource.list(chargePointId, null, null, null, null, null),
                    resource.get(chargePointId, "call_1", null))) {
                assertNotFound(response, "Charger " + chargePointId + " does not exist.");
            }
        }
    }

    @Test
    void anUnknownCallOrAnotherChargersIsNotFound() throws SQLException {
        chargers.upsert(List.of(Chargers.registered("CP-002")));
        ChargerCallsResource resource = resource("org_A");

        assertNotFound(resource.get("CP-001", "call_404", null), "Call call_404 does not exist.");
        assertNotFound(resource.get("CP-002", "call_1", null), "Call call_1 does not exist.");
    }

    @Test
    void anotherOrganisationsCallToAChargerNowOursIsNotFound() throws SQLException {
        calls.write(List.of(Calls.with(requested("call_9", "CP-001", "2024-06-01T09:00:00Z"), "org_B", "Reset",
                "{\"type\":\"Hard\"}")), List.of());
        ChargerCallsResource resource = resource("org_A");

        assertNotFound(resource.get("CP-001", "call_9", null), "Call call_9 does not exist.");
        assertThat(((ChargerCallPage) resource.list("CP-001", null, null, null, null, null)
                .getEntity()).total()).isEqualTo(2);
    }

    @Test
    void readsWaitForTheCallOfAConsistencyToken() throws SQLException {
        ChargerCallsResource resource = resource("org_A");

        for (Response response : List.of(resource.get("CP-001", "call_2", "call_2@1"),
                resource.list("CP-001", null, null, null, null, "call_2@1"))) {
            assertThat(response.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
        }
        // a call not in the read store yet: the answer says it may miss it
        Response notYet = resource.get("CP-001", "call_5", "call_5@1");
        assertThat(notYet.getStatus()).isEqualTo(404);
        assertThat(notYet.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
        // another organisation's call is never reached
        assertThat(resource("org_B").get("CP-001", "call_2", "call_2@1").getHeaderString(
                ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
    }

    @Test
    void readsWithoutATokenWaitForTheRecentCallsToTheCharger() throws SQLException {
        ChargerCallsResource resource = resource("org_A");
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50), (organisationId, resourceName) ->
                organisationId.equals("org_A") && resourceName.equals(Resources.callsOf("CP-001"))
                        ? Map.of("call_2", 1L, "call_5", 1L) : Map.of());

        assertThat(resource.get("CP-001", "call_2", null).getHeaderString(ConsistencyToken.STATUS_HEADER))
                .isEqualTo(ReadYourWrites.TIMED_OUT);
        ChargerCallView fifth = requested("call_5", "CP-001", "2024-06-01T10:05:05Z");
        calls.write(List.of(fifth), List.of());
        Response response = resource.list("CP-001", null, null, null, null, null);
        assertThat(response.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void everyInvalidParameterIsA400NamingIt() {
        ChargerCallsResource resource = resource("org_A");

        assertInvalid(() -> resource.list("CP-001", null, "ANSWERED", null, null, null), "status",
                "must be one of pending, answered, call_error, timed_out, connection_lost, invalid_answer, not_sent "
                        + "or expired");
        assertInvalid(() -> resource.list("CP-001", "", null, null, null, null), "action",
                "must be an OCPP 1.6 action, e.g. Reset");
        assertInvalid(() -> resource.list("CP-001", null, null, "0", null, null), "limit",
                "must be an integer from 1 to 200");
        assertInvalid(() -> resource.list("CP-001", null, null, "201", null, null), "limit",
                "must be an integer from 1 to 200");
        assertInvalid(() -> resource.list("CP-001", null, null, null, "-1", null), "offset",
                "must be an integer of 0 or more");
        // all at once
        assertThatThrownBy(() -> resource.list("CP-001", "Re set", "soon", "x", "y", null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(Problem.FieldError::field).containsExactly("action", "status", "limit", "offset"));
        // a malformed token is refused before anything is read
        assertThatThrownBy(() -> resource.get("CP-001", "call_1", "call_1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static void assertNotFound(Response response, String detail) {
        assertThat(response.getStatus()).as(detail).isEqualTo(404);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(((Problem) response.getEntity()).detail()).isEqualTo(detail);
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

    private ChargerCallsResource resource(String organisationId) {
        ChargerCallsResource resource = new ChargerCallsResource();
        resource.caller = Callers.of(organisationId);
        resource.chargers = chargers;
        resource.calls = calls;
        resource.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50), (anyOrganisation, anyResource) -> Map.of());
        return resource;
    }
}
