package org.dynamocsms.query.fleet;

import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.fleet.AnalyticsFleet.NOW;
import static org.dynamocsms.query.fleet.AnalyticsFleet.ORG;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.dynamocsms.query.history.ChargerErrorStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/cpo/fleet/uptime and /utilisation over {@link AnalyticsFleet}, without HTTP. */
class FleetAnalyticsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Problem.FieldError TOO_MANY = new Problem.FieldError("granularity", "the answer would "
            + "hold more than 100000 buckets (chargers x buckets); choose a coarser granularity, a shorter period or "
            + "fewer chargers");

    private DataSource dataSource;
    private FleetAnalyticsStore store;

    @BeforeEach
    void writeTheFleet() throws SQLException {
        dataSource = TestDatabase.clean();
        AnalyticsFleet.write(dataSource);
        store = new FleetAnalyticsStore(dataSource, new ChargerErrorStore(dataSource));
    }

    @Test
    void uptimeAnswersTheContractsShapeWithMaintenanceMinutes() throws Exception {
        String json = JSON.writeValueAsString(resource(ORG, NOW).uptime("2024-06-30T00:00:00Z",
                "2024-07-01T03:00:00Z", null, null));

        // CP-001: 91.7 %, 20 min down, 45 excused by maintenance (see FleetAnalyticsStoreTest); CP-002: no history;
        // CP-003: up all along
        assertThat(json).isEqualTo("""
                {"period":{"from":"2024-06-30T00:00:00Z","to":"2024-07-01T03:00:00Z"},"chargers":[\
                {"charge_point_id":"CP-001","site_id":"site_1","uptime_percent":91.7,"downtime_minutes":20,\
                "maintenance_minutes":45},\
                {"charge_point_id":"CP-002","site_id":"site_1","uptime_percent":null,"downtime_minutes":0,\
                "maintenance_minutes":0},\
                {"charge_point_id":"CP-003","site_id":"site_2","uptime_percent":100.0,"downtime_minutes":0,\
                "maintenance_minutes":0}]}""");
    }

    @Test
    void anOpenMaintenanceWindowEndsWhenTheChargerIsUpAgainOrAfterSevenDays() throws Exception {
        AnalyticsFleet.writeOpenWindows(dataSource);

        String json = JSON.writeValueAsString(resource(ORG, NOW).uptime("2024-06-01T00:00:00Z", null, null,
                "site_2"));

        // CP-005: counted [06-20 00:00, 07-01 02:00) = 15960 min, down 360 (fault) + 120 (disconnect); window
        // [06-21 12:00, 06-22 06:00) (up again) excuses the fault's 360, not the disconnect 3 days later:
        // (15960 - 120) / 15960 = 99.248.. -> 99.2. CP-006: counted [06-01 00:00, 07-01 02:00) = 43320, down
        // since 06-10 00:00 = 30360; window [06-10, 06-17) excuses 10080: (43320 - 20280) / 43320 = 53.185.. ->
        // 53.2. CP-003: up all along
        assertThat(json).isEqualTo("""
                {"period":{"from":"2024-06-01T00:00:00Z","to":"2024-07-01T02:00:00Z"},"chargers":[\
                {"charge_point_id":"CP-003","site_id":"site_2","uptime_percent":100.0,"downtime_minutes":0,\
                "maintenance_minutes":0},\
                {"charge_point_id":"CP-005","site_id":"site_2","uptime_percent":99.2,"downtime_minutes":120,\
                "maintenance_minutes":360},\
                {"charge_point_id":"CP-006","site_id":"site_2","uptime_percent":53.2,"downtime_minutes":20280,\
                "maintenance_minutes":10080}]}""");
        // from 06-20 on, CP-006's window (over by 06-17) excuses nothing: down all along
        assertThat(resource(ORG, NOW).uptime("2024-06-20T00:00:00Z", null, "CP-006", null).chargers())
                .containsExactly(new FleetUptimeJson.Charger("CP-006", "site_2", 0.0, 15960, 0));
    }

    @Test
    void uptimeFiltersByChargerAndSite() throws SQLException {
        FleetAnalyticsResource resource = resource(ORG, NOW);

        assertThat(resource.uptime(null, null, "CP-003", null).chargers())
                .extracting(FleetUptimeJson.Charger::chargePointId).containsExactly("CP-003");
        assertThat(resource.uptime(null, null, null, "site_1").chargers())
                .extracting(FleetUptimeJson.Charger::chargePointId).containsExactly("CP-001", "CP-002");
        assertThat(resource.uptime(null, null, "CP-B", null).chargers()).isEmpty();
        assertThat(resource("org_B", NOW).uptime(null, null, null, null).chargers())
                .extracting(FleetUptimeJson.Charger::chargePointId).containsExactly("CP-B");
    }

    @Test
    void thePeriodDefaultsToTheThirtyDaysBeforeNowToTheSecond() throws SQLException {
        FleetAnalyticsResource resource = resource(ORG, NOW.plusMillis(500));

        assertThat(resource.uptime(null, null, null, null).period()).isEqualTo(
                new Period(Instant.parse("2024-06-01T02:00:00Z"), NOW));
        assertThat(resource.utilisation(null, "2024-06-30T00:00:00Z", null, null, null).period()).isEqualTo(
                new Period(Instant.parse("2024-05-31T00:00:00Z"), Instant.parse("2024-06-30T00:00:00Z")));
        // fractions of a second are dropped; any offset is taken; a date is its midnight UTC (more in PeriodTest)
        assertThat(resource.uptime("2024-06-30T00:00:00.900+02:00", null, null, null).period()).isEqualTo(
                new Period(Instant.parse("2024-06-29T22:00:00Z"), NOW));
        assertThat(resource.utilisation("2024-06-29", "2024-06-30", null, null, null).period()).isEqualTo(
                new Period(Instant.parse("2024-06-29T00:00:00Z"), Instant.parse("2024-06-30T00:00:00Z")));
    }

    @Test
    void utilisationAnswersTheContractsShapeWithPeriodEnd() throws Exception {
        String json = JSON.writeValueAsString(resource(ORG, NOW).utilisation("2024-06-30T21:30:00Z",
                "2024-07-01T02:30:00Z", null, "site_1", null));

        // day buckets (the default), clipped: 06-30 21:30 - 00:00 online 105 min, charging 45: 42.857.. -> 42.9;
        // 07-01 00:00 - 02:30 (now 02:00) online 50 + 50 = 100, charging 50: 50; CP-002 has no history
        assertThat(json).isEqualTo("""
                {"period":{"from":"2024-06-30T21:30:00Z","to":"2024-07-01T02:30:00Z"},"granularity":"day",\
                "chargers":[{"charge_point_id":"CP-001","buckets":[\
                {"period_start":"2024-06-30T21:30:00Z","period_end":"2024-07-01T00:00:00Z","utilisation_percent":42.9},\
                {"period_start":"2024-07-01T00:00:00Z","period_end":"2024-07-01T02:30:00Z","utilisation_percent":50.0}]},\
                {"charge_point_id":"CP-002","buckets":[\
                {"period_start":"2024-06-30T21:30:00Z","period_end":"2024-07-01T00:00:00Z","utilisation_percent":null},\
                {"period_start":"2024-07-01T00:00:00Z","period_end":"2024-07-01T02:30:00Z","utilisation_percent":null}\
                ]}]}""");
    }

    @Test
    void utilisationPerHourAndPerIsoWeek() throws SQLException {
        FleetAnalyticsResource resource = resource(ORG, NOW);

        // before first_at; 22-23 online 60 charging 30; 23-00 online 45 charging 15; 00-01 online 40 charging 40;
        // 01-02 online 60 charging 10; after now
        assertThat(percents(resource.utilisation("2024-06-30T21:30:00Z", "2024-07-01T02:30:00Z", "CP-001", null,
                "HOUR"))).containsExactly(null, 50.0, 33.3, 100.0, 16.7, null);
        // ISO weeks: Monday 06-24 - Sunday 06-30 and from Monday 07-01 (online 105, charging 45; 100 and 50)
        FleetUtilisationJson weeks = resource.utilisation("2024-06-26T00:00:00Z", "2024-07-03T00:00:00Z", "CP-001",
                null, "week");
        assertThat(weeks.chargers().get(0).buckets()).containsExactly(
                new FleetUtilisationJson.Bucket(Instant.parse("2024-06-26T00:00:00Z"),
                        Instant.parse("2024-07-01T00:00:00Z"), 42.9),
                new FleetUtilisationJson.Bucket(Instant.parse("2024-07-01T00:00:00Z"),
                        Instant.parse("2024-07-03T00:00:00Z"), 50.0));
        assertThat(weeks.granularity()).isEqualTo("week");
    }

    @Test
    void anAnswerHoldsAtMostAHundredThousandBuckets() throws SQLException {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        String atTheCap = from.plus(Duration.ofHours(100_000)).toString();
        String beyond = from.plus(Duration.ofHours(100_001)).toString();
        FleetAnalyticsResource resource = resource(ORG, NOW);

        assertThat(resource.utilisation(from.toString(), atTheCap, "CP-001", null, "hour").chargers().get(0)
                .buckets()).hasSize(100_000);
        assertInvalid(() -> resource.utilisation(from.toString(), beyond, "CP-001", null, "hour"), TOO_MANY);
        // 3 chargers x 33,334 hours = 100,002
        assertInvalid(() -> resource.utilisation(from.toString(), from.plus(Duration.ofHours(33_334)).toString(),
                null, null, "hour"), TOO_MANY);
        assertThat(resource.utilisation(from.toString(), from.plus(Duration.ofHours(33_333)).toString(), null, null,
                "hour").chargers()).hasSize(3);
    }

    @Test
    void badDatesAre400sNamingEachParameter() {
        FleetAnalyticsResource resource = resource(ORG, NOW);

        // the parsing itself: PeriodTest
        for (String bad : List.of("yesterday", "", "2024-06-01T00:00:00", "2024-13-01T00:00:00Z")) {
            assertInvalid(() -> resource.uptime(bad, null, null, null),
                    new Problem.FieldError("from", Period.FORMAT));
            assertInvalid(() -> resource.utilisation(null, bad, null, null, null),
                    new Problem.FieldError("to", Period.FORMAT));
        }
        assertInvalid(() -> resource.utilisation("x", "y", null, null, "fortnight"),
                new Problem.FieldError("from", Period.FORMAT), new Problem.FieldError("to", Period.FORMAT),
                new Problem.FieldError("granularity", "must be one of hour, day, week, month"));
        assertInvalid(() -> resource.uptime("+10000-01-01T00:00:00Z", null, null, null),
                new Problem.FieldError("from", "must be in the years 0001 to 9999"));
        assertInvalid(() -> resource.uptime(null, "-0001-01-01T00:00:00Z", null, null),
                new Problem.FieldError("to", "must be in the years 0001 to 9999"));
    }

    @Test
    void fromMustBeBeforeTo() {
        FleetAnalyticsResource resource = resource(ORG, NOW);
        Problem.FieldError notBefore = new Problem.FieldError("from", "must be before to");

        assertInvalid(() -> resource.uptime("2024-06-02T00:00:00Z", "2024-06-01T00:00:00Z", null, null), notBefore);
        assertInvalid(() -> resource.uptime("2024-06-01T00:00:00Z", "2024-06-01T00:00:00.999Z", null, null),
                notBefore);
        // without to, to is now
        assertInvalid(() -> resource.utilisation("2024-07-01T02:00:00Z", null, null, null, "day"),
                new Problem.FieldError("from", "must be before to (now when to is absent)"));
    }

    @Test
    void anUnknownGranularityIsA400NamingIt() {
        assertInvalid(() -> resource(ORG, NOW).utilisation(null, null, null, null, "fortnight"),
                new Problem.FieldError("granularity", "must be one of hour, day, week, month"));
    }

    @Test
    void theEarliestPeriodIsAnswered() throws SQLException {
        // from defaults to 30 days before 0001-01-01, in 1 BC
        FleetUptimeJson uptime = resource(ORG, NOW).uptime(null, "0001-01-01T00:00:00Z", "CP-001", null);

        assertThat(uptime.chargers()).containsExactly(new FleetUptimeJson.Charger("CP-001", "site_1", null, 0, 0));
    }

    private FleetAnalyticsResource resource(String organisationId, Instant now) {
        FleetAnalyticsResource resource = new FleetAnalyticsResource();
        resource.caller = Callers.of(organisationId);
        resource.analytics = store;
        resource.clock = Clock.fixed(now, ZoneOffset.UTC);
        return resource;
    }

    private static List<Double> percents(FleetUtilisationJson utilisation) {
        return utilisation.chargers().get(0).buckets().stream()
                .map(FleetUtilisationJson.Bucket::utilisationPercent).toList();
    }

    private static void assertInvalid(ThrowingCallable call, Problem.FieldError... errors) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors()).containsExactly(errors);
        });
    }
}
