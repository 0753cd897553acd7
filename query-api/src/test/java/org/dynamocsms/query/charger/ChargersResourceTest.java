package org.dynamocsms.query.charger;

import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.charger.Chargers.ORG;
import static org.dynamocsms.query.charger.Chargers.decommissioned;
import static org.dynamocsms.query.charger.Chargers.linked;
import static org.dynamocsms.query.charger.Chargers.registered;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.FleetAnalyticsStore;
import org.dynamocsms.query.fleet.LiveStates;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.Histories;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/chargers/{id} against the real database, without HTTP (the standalone tests that). */
class ChargersResourceTest {

    private DataSource dataSource;
    private ChargerStore store;
    private ChargerStateStore states;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new ChargerStore(dataSource);
        store.upsert(List.of(linked(registered("CP-001"), "site_1", 2), decommissioned(registered("CP-old"), 2),
                registered("CP@7")));
        states = new ChargerStateStore(dataSource);
    }

    @Test
    void diagnosticsAnswerExactlyTheContractsShape() throws Exception {
        states.write(List.of(ChargerLiveState.newBuilder(LiveStates.state("CP-001", ChargerStatus.available,
                        LiveStates.connector(0, ConnectorStatus.Available),
                        LiveStates.connector(1, ConnectorStatus.Available, 312, 4820400)))
                .setFirmwareVersion("3.5.0").setOcppVersion("1.6")
                .setLastHeartbeatAt(Instant.parse("2024-06-15T16:00:00Z")).build()), List.of());
        // now 06-15 16:00, so the 30 days begin 05-16 16:00, before the history (06-05 16:00): 240 h counted;
        // up 120 + 26 = 146 h: 60.833.. -> 60.8; online 240 h, charging 26 h: 10.833.. -> 10.8
        String first = "2024-06-05T16:00:00Z";
        Histories.write(dataSource,
                Histories.interval("CP-001", first, "2024-06-10T16:00:00Z", true, true, false, first, 0, 0, 0),
                Histories.interval("CP-001", "2024-06-10T16:00:00Z", "2024-06-11T18:00:00Z", true, true, true, first,
                        120 * 60, 120 * 60, 0),
                Histories.interval("CP-001", "2024-06-11T18:00:00Z", null, true, false, false, first, 146 * 60,
                        146 * 60, 26 * 60));
        // 05-16 16:00 is 30 days back: the first counts, the newest is the last error
        Histories.write(dataSource,
                Histories.error("evt_1", "CP-001", ChargePointErrorCode.WeakSignal, "2024-05-16T16:00:00Z", null),
                Histories.error("evt_2", "CP-001", ChargePointErrorCode.GroundFailure, "2024-06-11T18:00:00Z", null),
                Histories.error("evt_0", "CP-001", ChargePointErrorCode.OverVoltage, "2024-05-16T15:59:59Z", null));

        Response response = resource(ORG).diagnostics("CP-001");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(response.getEntity()))
                .isEqualTo("""
                        {"charge_point_id":"CP-001","firmware_version":"3.5.0","uptime_30d_percent":60.8,\
                        "utilisation_30d_percent":10.8,"error_count_30d":2,\
                        "last_error":{"error_code":"GroundFailure","timestamp":"2024-06-11T18:00:00Z"},\
                        "last_heartbeat":"2024-06-15T16:00:00Z","ocpp_version":"1.6","connectors":[\
                        {"connector_id":1,"status":"Available","total_sessions":312,"total_energy_kwh":4820.4,\
                        "transaction_id":null,"problem":null}]}""");
    }

    @Test
    void diagnosticsOfAChargerThatNeverReportedAreEmpty() throws SQLException {
        Response response = resource(ORG).diagnostics("CP@7");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).hasFieldOrPropertyWithValue("chargePointId", "CP@7")
                .hasFieldOrPropertyWithValue("connectors", List.of())
                .hasFieldOrPropertyWithValue("lastHeartbeat", null)
                .hasFieldOrPropertyWithValue("uptime30dPercent", null)
                .hasFieldOrPropertyWithValue("utilisation30dPercent", null)
                .hasFieldOrPropertyWithValue("errorCount30d", 0)
                .hasFieldOrPropertyWithValue("lastError", null);
    }

    @Test
    void diagnosticsOfAnUnknownForeignOrDecommissionedChargerAreNotFound() throws SQLException {
        states.write(List.of(LiveStates.state("CP-old", ChargerStatus.available)), List.of());

        Problem missing = problem(resource(ORG).diagnostics("CP-999"));
        Problem foreign = problem(resource("org_B").diagnostics("CP-001"));
        Problem decommissioned = problem(resource(ORG).diagnostics("CP-old"));

        assertThat(List.of(missing.status(), foreign.status(), decommissioned.status())).containsOnly(404);
        assertThat(foreign.detail()).isEqualTo("Charger CP-001 does not exist.");
    }

    @Test
    void answersAChargerOfTheCallersFleet() throws SQLException {
        Response response = resource(ORG).get("CP-001", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo(ChargerJson.of(linked(registered("CP-001"), "site_1", 2)));
        assertThat(response.getHeaderString(ConsistencyToken.STATUS_HEADER)).isNull();
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
        assertThat(response.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
    }

    @Test
    void saysWhenTheTokensVersionDidNotArriveInTime() throws SQLException {
        Response notYet = resource(ORG).get("CP@7", "CP@7@2");
        Response foreign = resource("org_B").get("CP-001", "CP-001@2");

        assertThat(notYet.getStatus()).isEqualTo(200);
        assertThat(notYet.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
        assertThat(foreign.getStatus()).isEqualTo(404);
        assertThat(foreign.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
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
        resource.states = states;
        resource.analytics = new FleetAnalyticsStore(dataSource, new ChargerErrorStore(dataSource));
        resource.clock = Clock.fixed(Instant.parse("2024-06-15T16:00:00Z"), ZoneOffset.UTC);
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50), (anyOrganisation, anyResource) -> Map.of());
        return resource;
    }

    private static Problem problem(Response response) {
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }
}
