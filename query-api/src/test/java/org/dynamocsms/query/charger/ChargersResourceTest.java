package org.dynamocsms.query.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.charger.Chargers.ORG;
import static org.dynamocsms.query.charger.Chargers.decommissioned;
import static org.dynamocsms.query.charger.Chargers.linked;
import static org.dynamocsms.query.charger.Chargers.registered;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/chargers/{id} against the real database, without HTTP (the standalone tests that). */
class ChargersResourceTest {

    private ChargerStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        store = new ChargerStore(TestDatabase.clean());
        store.upsert(List.of(linked(registered("CP-001"), "site_1", 2), decommissioned(registered("CP-old"), 2),
                registered("CP@7")));
    }

    @Test
    void answersAChargerOfTheCallersFleet() throws SQLException {
        Response response = resource(ORG).get("CP-001", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo(ChargerJson.of(linked(registered("CP-001"), "site_1", 2)));
        assertThat(response.getHeaderString(ReadYourWrites.STATUS_HEADER)).isNull();
    }

    @Test
    void anotherOrganisationsChargerAnswersExactlyLikeAMissingOne() throws SQLException {
        Problem missing = problem(resource(ORG).get("CP-999", null));
        Problem foreign = problem(resource("org_B").get("CP-001", null));

        assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
        assertThat(foreign.title()).isEqualTo(missing.title());
        assertThat(foreign.detail()).isEqualTo("Charger CP-001 does not exist.");
    }

    @Test
    void aDecommissionedChargerIsNotFound() throws SQLException {
        assertThat(resource(ORG).get("CP-old", null).getStatus()).isEqualTo(404);
    }

    @Test
    void waitsForTheConsistencyTokenOfAChargerWhoseIdContainsAnAt() throws SQLException {
        Response response = resource(ORG).get("CP@7", "CP@7@1");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString(ReadYourWrites.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
    }

    @Test
    void saysWhenTheTokensVersionDidNotArriveInTime() throws SQLException {
        Response notYet = resource(ORG).get("CP@7", "CP@7@2");
        Response foreign = resource("org_B").get("CP-001", "CP-001@2");

        assertThat(notYet.getStatus()).isEqualTo(200);
        assertThat(notYet.getHeaderString(ReadYourWrites.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
        assertThat(foreign.getStatus()).isEqualTo(404);
        assertThat(foreign.getHeaderString(ReadYourWrites.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
    }

    @Test
    void aMalformedTokenIsA400() {
        assertThatThrownBy(() -> resource(ORG).get("CP-001", "CP-001"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private ChargersResource resource(String organisationId) {
        ChargersResource resource = new ChargersResource();
        resource.caller = Callers.of(organisationId);
        resource.chargers = store;
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50));
        return resource;
    }

    private static Problem problem(Response response) {
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }
}
