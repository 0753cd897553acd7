package org.dynamocsms.query.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.fleet.LiveStates.TODAY;
import static org.dynamocsms.query.fleet.LiveStates.atSite;
import static org.dynamocsms.query.fleet.LiveStates.connector;
import static org.dynamocsms.query.fleet.LiveStates.neverSeen;
import static org.dynamocsms.query.fleet.LiveStates.state;
import static org.dynamocsms.query.fleet.LiveStates.withEnergy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.query.site.SiteSummaryStore;
import org.dynamocsms.query.site.Summaries;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.fleet.FleetEnergyDay;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.site.SiteChargerCounts;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/fleet/summary and /chargers against the real database, without HTTP. */
class FleetResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String SITE = "site_01HZ4K8XVPQR3TY5N6M";

    /** Whether the callers' key was revoked, as the key directory the live stream asks knows it. */
    private final AtomicBoolean revoked = new AtomicBoolean();
    private ChargerStateStore states;
    private FleetSummaryPartStore figures;

    /** CP-007 faulted at the site, CP-008 never seen; their figures as the live states' projection keeps them. */
    @BeforeEach
    void cleanDatabase() throws SQLException {
        states = new ChargerStateStore(TestDatabase.clean());
        figures = new FleetSummaryPartStore(TestDatabase.dataSource());
        ChargerStore registry = new ChargerStore(TestDatabase.dataSource());
        registry.upsert(List.of(Chargers.linked(Chargers.registered("CP-007"), SITE, 2),
                Chargers.registered("CP-008")));
        states.write(List.of(atSite(withEnergy(ChargerLiveState.newBuilder(state("CP-007", ChargerStatus.faulted,
                                connector(1, ConnectorStatus.Faulted))).setVendor("ABB").setModel("Terra AC")
                        .setFirmwareVersion("3.4.1").setLastSeenAt(Instant.parse("2024-06-15T14:22:10Z")).build(),
                1842600, TODAY, 0), SITE), neverSeen("CP-008")), List.of());
        figures.write(List.of(FleetSummaryPart.newBuilder().setOrganisationId("org_A").setPart(0).setTotal(2)
                .setOnline(1).setFaulted(1).setEnergy(List.of(new FleetEnergyDay(TODAY, 1_842_600_000L)))
                .setVersion(2).build()), List.of());
        new SiteSummaryStore(TestDatabase.dataSource()).write(List.of(SiteSummary.newBuilder(
                        Summaries.summary(SITE, 1, 0)).setChargers(new SiteChargerCounts(1, 1, 0, 0, 1)).build()),
                List.of());
    }

    @Test
    void theSummaryAnswersExactlyTheContractsShape() throws Exception {
        String json = JSON.writeValueAsString(resource("org_A", "2024-06-15T23:59:59Z").summary());

        assertThat(json).isEqualTo("""
                {"total_chargers":2,"online":1,"offline":1,"charging":0,"available":0,"faulted":1,\
                "active_sessions":0,"total_energy_today_kwh":1842.6}""");
    }

    @Test
    void theSummarysEnergyIsTodaysUtc() throws SQLException {
        assertThat(resource("org_A", "2024-06-16T00:00:00Z").summary().totalEnergyTodayKwh()).isZero();
        // 01:00 in Berlin on the 16th is still the 15th in UTC
        Clock berlin = Clock.fixed(Instant.parse("2024-06-15T23:00:00Z"), ZoneId.of("Europe/Berlin"));
        FleetResource resource = resource("org_A", "2024-06-15T23:00:00Z");
        resource.clock = berlin;
        assertThat(resource.summary().totalEnergyTodayKwh()).isEqualTo(1842.6);
    }

    @Test
    void theChargerListAnswersExactlyTheContractsShape() throws Exception {
        String json = JSON.writeValueAsString(resource("org_A", "2024-06-15T15:00:00Z").chargers("faulted", null,
                null, null));

        assertThat(json).isEqualTo("""
                {"chargers":[{"charge_point_id":"CP-007","site_id":"site_01HZ4K8XVPQR3TY5N6M","vendor":"ABB",\
                "model":"Terra AC","firmware_version":"3.4.1","status":"Faulted","last_seen":"2024-06-15T14:22:10Z",\
                "connectors":[{"connector_id":1,"type":null,"status":"Faulted"}]}],"total":1}""");
    }

    @Test
    void theChargerListTakesTheStatusInAnyCaseTheSiteAndTheLimit() throws SQLException {
        FleetResource resource = resource("org_A", "2024-06-15T15:00:00Z");

        assertThat(resource.chargers("OFFLINE", null, null, null).chargers())
                .extracting(FleetChargerJson::chargePointId).containsExactly("CP-008");
        assertThat(resource.chargers("OFFLINE", null, null, null).total()).isEqualTo(1);
        FleetChargerPage atSite = resource.chargers(null, SITE, null, null);
        assertThat(atSite.chargers()).extracting(FleetChargerJson::chargePointId).containsExactly("CP-007");
        assertThat(atSite.total()).isEqualTo(1);
        FleetChargerPage first = resource.chargers(null, null, "1", null);
        assertThat(first.chargers()).extracting(FleetChargerJson::chargePointId).containsExactly("CP-007");
        assertThat(first.total()).isEqualTo(2);
        FleetChargerPage second = resource.chargers(null, null, "1", "1");
        assertThat(second.chargers()).extracting(FleetChargerJson::chargePointId).containsExactly("CP-008");
        assertThat(second.total()).isEqualTo(2);
        assertThat(resource("org_B", "2024-06-15T15:00:00Z").chargers(null, null, "200", null).total()).isZero();
    }

    @Test
    void anUnknownStatusIsA400NamingIt() {
        assertThatThrownBy(() -> resource("org_A", "2024-06-15T15:00:00Z").chargers("broken", null, null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    Problem problem = e.problem();
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).containsExactly(new Problem.FieldError("status",
                            "must be one of online, offline, charging, available, faulted"));
                });
    }

    @Test
    void anOffsetBelowZeroOrNotANumberIsA400NamingIt() {
        for (String offset : List.of("-1", "one", "")) {
            assertThatThrownBy(() -> resource("org_A", "2024-06-15T15:00:00Z").chargers(null, null, null, offset))
                    .as("offset=%s", offset)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                            .containsExactly(new Problem.FieldError("offset", "must be an integer of 0 or more")));
        }
    }

    @Test
    void aLimitOutsideOneTo200IsA400NamingIt() {
        for (String limit : List.of("0", "201", "-1", "ten", "")) {
            assertThatThrownBy(() -> resource("org_A", "2024-06-15T15:00:00Z").chargers(null, null, limit, null))
                    .as("limit=%s", limit)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                            .containsExactly(new Problem.FieldError("limit", "must be an integer from 1 to 200")));
        }
        // status and limit at once
        assertThatThrownBy(() -> resource("org_A", "2024-06-15T15:00:00Z").chargers("broken", null, "0", "-1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(Problem.FieldError::field).containsExactly("status", "limit", "offset"));
    }

    @Test
    void theLiveStreamSendsTheSummaryWithTheSitesPowerAtOnceThenEachChange() throws Exception {
        SiteSummaryStore sites = new SiteSummaryStore(TestDatabase.dataSource());
        sites.write(List.of(Summaries.summary(SITE, 2, 7.2), Summaries.summary("site_2", 1, 11.1),
                SiteSummary.newBuilder(Summaries.summary("site_of_B", 1, 50)).setOrganisationId("org_B").build()),
                List.of());
        AssertSubscriber<FleetLiveJson> stream = resource("org_A", "2024-06-15T12:00:00Z").live()
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        FleetSummaryJson summary = resource("org_A", "2024-06-15T12:00:00Z").summary();
        stream.awaitItems(1, Duration.ofSeconds(5));
        assertThat(stream.getItems()).containsExactly(new FleetLiveJson(summary, 18.3));

        sites.write(List.of(Summaries.summary(SITE, 3, 0.75)), List.of());
        stream.awaitItems(2, Duration.ofSeconds(5));
        assertThat(stream.getItems().get(1)).isEqualTo(new FleetLiveJson(summary, 11.85));
        stream.cancel();
    }

    @Test
    void theLiveStreamEndsOnceItsKeyIsRevoked() {
        AssertSubscriber<FleetLiveJson> stream = resource("org_A", "2024-06-15T12:00:00Z").live()
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        stream.awaitItems(1, Duration.ofSeconds(5));

        revoked.set(true);

        stream.awaitCompletion(Duration.ofSeconds(5));
        assertThat(stream.getItems()).hasSize(1);
    }

    private FleetResource resource(String organisationId, String now) {
        FleetResource resource = new FleetResource();
        resource.caller = Callers.of(organisationId);
        resource.states = states;
        FleetSummaries summaries = new FleetSummaries();
        summaries.store = figures;
        summaries.dataSource = TestDatabase.dataSource();
        resource.summaries = summaries;
        resource.sites = new SiteSummaryStore(TestDatabase.dataSource());
        resource.clock = Clock.fixed(Instant.parse(now), ZoneId.of("UTC"));
        resource.keys = new ApiKeyDirectory() {
            @Override
            public Optional<ApiKey> live(String hash) {
                return revoked.get() ? Optional.empty() : Optional.of(new ApiKey());
            }
        };
        return resource;
    }
}
