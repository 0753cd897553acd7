package org.dynamocsms.query.fleet;

import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.history.Histories.error;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.query.history.ChargerErrorJson;
import org.dynamocsms.query.history.ChargerErrorPage;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ErrorCodes;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/fleet/errors against the real database, without HTTP. */
class FleetErrorsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ChargerErrorStore errors;

    /** CP-007 at the contract's site with the contract's open GroundFailure; CP-008 with a resolved WeakSignal. */
    @BeforeEach
    void cleanDatabase() throws SQLException {
        DataSource dataSource = TestDatabase.clean();
        errors = new ChargerErrorStore(dataSource);
        new ChargerStore(dataSource).upsert(List.of(
                Chargers.linked(Chargers.registered("CP-007"), "site_01HZ4K8XVPQR3TY5N6M", 2),
                Chargers.registered("CP-008")));
        errors.write(List.of(
                ChargerError.newBuilder(error("evt_88XQPMN", "CP-007", ChargePointErrorCode.GroundFailure,
                        "2024-06-15T14:22:00Z", null)).setInfo("Ground fault detected on connector 1").build(),
                error("evt_1", "CP-008", ChargePointErrorCode.WeakSignal, "2024-05-28T08:14:00Z",
                        "2024-05-28T08:20:00Z")), List.of());
    }

    @Test
    void answersTheContractsShapeWithTheSitesListsLimitAndOffset() throws Exception {
        String json = JSON.writeValueAsString(resource("org_A").errors("2024-06-01T00:00:00Z", null, null, null,
                "20", null));

        assertThat(json).isEqualTo("""
                {"errors":[{"event_id":"evt_88XQPMN","charge_point_id":"CP-007",\
                "site_id":"site_01HZ4K8XVPQR3TY5N6M","error_code":"GroundFailure",\
                "info":"Ground fault detected on connector 1","status":"Faulted","timestamp":"2024-06-15T14:22:00Z",\
                "resolved_at":null}],"total":1,"limit":20,"offset":0}""");
    }

    @Test
    void withoutParametersListsEveryEpisodeNewestFirstAndTakesTheFilters() throws SQLException {
        FleetErrorsResource resource = resource("org_A");

        assertThat(ids(resource.errors(null, null, null, null, null, null))).containsExactly("evt_88XQPMN", "evt_1");
        assertThat(ids(resource.errors(null, "2024-06-01", null, null, null, null))).containsExactly("evt_1");
        assertThat(ids(resource.errors(null, null, "CP-008", null, null, null))).containsExactly("evt_1");
        assertThat(ids(resource.errors(null, null, null, "weaksignal", null, null))).containsExactly("evt_1");
        ChargerErrorPage one = resource.errors(null, null, null, null, "1", null);
        assertThat(ids(one)).containsExactly("evt_88XQPMN");
        assertThat(one.total()).isEqualTo(2);
        ChargerErrorPage second = resource.errors(null, null, null, null, "1", "1");
        assertThat(ids(second)).containsExactly("evt_1");
        assertThat(second).extracting(ChargerErrorPage::total, ChargerErrorPage::limit, ChargerErrorPage::offset)
                .containsExactly(2, 1, 1);
        assertThat(resource.errors(null, null, null, null, null, "2").errors()).isEmpty();
    }

    @Test
    void anotherOrganisationSeesNoneOfThem() throws SQLException {
        assertThat(resource("org_B").errors(null, null, "CP-007", null, null, null).total()).isZero();
        assertThat(resource("org_B").errors(null, null, null, null, null, null).errors()).isEmpty();
    }

    @Test
    void everyInvalidParameterIsA400NamingIt() {
        FleetErrorsResource resource = resource("org_A");

        assertInvalid(() -> resource.errors("June", null, null, null, null, null), "from", Period.FORMAT);
        assertInvalid(() -> resource.errors(null, "2024-06-31T00:00:00Z", null, null, null, null), "to", Period.FORMAT);
        assertInvalid(() -> resource.errors("2024-06-02", "2024-06-01", null, null, null, null), "from",
                "must be before to");
        assertInvalid(() -> resource.errors(null, null, null, "GroundFault", null, null), "error_code",
                "must be an OCPP 1.6 ChargePointErrorCode: " + ErrorCodes.ACCEPTED);
        for (String limit : List.of("0", "201", "ten", "")) {
            assertInvalid(() -> resource.errors(null, null, null, null, limit, null), "limit",
                    "must be an integer from 1 to 200");
        }
        for (String offset : List.of("-1", "ten", "", "2147483648")) {
            assertInvalid(() -> resource.errors(null, null, null, null, null, offset), "offset",
                    "must be an integer of 0 or more");
        }
        // all at once
        assertThatThrownBy(() -> resource.errors("June", "July", null, "GroundFault", "0", "-1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(Problem.FieldError::field)
                        .containsExactly("from", "to", "error_code", "limit", "offset"));
    }

    private static void assertInvalid(ThrowingCallable call, String field, String detail) {
        assertThatThrownBy(call).as(field).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.problem().errors()).containsExactly(new Problem.FieldError(field, detail));
        });
    }

    private static List<String> ids(ChargerErrorPage page) {
        return page.errors().stream().map(ChargerErrorJson::eventId).toList();
    }

    private FleetErrorsResource resource(String organisationId) {
        FleetErrorsResource resource = new FleetErrorsResource();
        resource.caller = Callers.of(organisationId);
        resource.errors = errors;
        return resource;
    }
}
