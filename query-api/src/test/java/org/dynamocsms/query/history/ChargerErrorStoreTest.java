package org.dynamocsms.query.history;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.history.Histories.ORG;
import static org.dynamocsms.query.history.Histories.error;
import static org.dynamocsms.query.history.Histories.organisation;
import static org.dynamocsms.query.history.Histories.version;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.ConnectorLockFailure;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.GroundFailure;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.HighTemperature;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.OverCurrentFailure;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.OverVoltage;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.WeakSignal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The error read store against the real database. */
class ChargerErrorStoreTest {

    private static final Period ALL = new Period(null, null);
    private static final PageRequest FIFTY = new PageRequest(50, 0);

    private DataSource dataSource;
    private ChargerErrorStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new ChargerErrorStore(dataSource);
    }

    @Test
    void writesEveryFieldOfAnEpisode() throws SQLException {
        ChargerError error = ChargerError.newBuilder(error("evt_1", "CP-001", GroundFailure, "2024-06-15T14:22:00Z",
                        "2024-06-15T15:00:00Z")).setConnectorId(2).setStatus(ConnectorStatus.Unavailable)
                .setInfo("Ground fault").setVendorErrorCode("E42").setVersion(5).build();

        assertThat(store.write(List.of(error), List.of())).isEmpty();

        assertThat(row("evt_1")).isEqualTo("org_A CP-001 #2 GroundFailure Unavailable Ground fault E42 "
                + "2024-06-15T14:22:00Z-2024-06-15T15:00:00Z v5");
    }

    @Test
    void aNewerVersionReplacesTheRowAndAnOlderOrEqualOneChangesNothing() throws SQLException {
        ChargerError open = error("evt_1", "CP-001", GroundFailure, "2024-06-15T14:22:00Z", null);
        store.write(List.of(open), List.of());
        store.write(List.of(version(error("evt_1", "CP-001", GroundFailure, "2024-06-15T14:22:00Z",
                "2024-06-15T15:00:00Z"), 2)), List.of());
        store.write(List.of(open), List.of());
        store.write(List.of(version(open, 2)), List.of());

        assertThat(row("evt_1")).endsWith("2024-06-15T14:22:00Z-2024-06-15T15:00:00Z v2");
    }

    @Test
    void withinOneBatchTheHighestVersionWinsAndATombstoneDeletes() throws SQLException {
        store.write(List.of(error("evt_1", "CP-001", GroundFailure, "2024-06-15T14:22:00Z", null),
                error("evt_2", "CP-001", WeakSignal, "2024-06-15T14:30:00Z", null)), List.of());

        store.write(List.of(version(error("evt_2", "CP-001", WeakSignal, "2024-06-15T14:30:00Z",
                                "2024-06-15T14:40:00Z"), 3),
                        version(error("evt_2", "CP-001", WeakSignal, "2024-06-15T14:30:00Z", null), 2)),
                List.of("evt_1", "evt_never"));

        assertThat(row("evt_1")).isNull();
        assertThat(row("evt_2")).endsWith("2024-06-15T14:30:00Z-2024-06-15T14:40:00Z v3");
    }

    @Test
    void anEpisodeTheDatabaseRefusesIsLeftOutAndTheRestIsWritten() throws SQLException {
        ChargerError poison = ChargerError.newBuilder(error("evt_bad", "CP-001", GroundFailure,
                "2024-06-15T14:22:00Z", null)).setInfo("nul \u0000").build();
        ChargerError good = error("evt_1", "CP-001", GroundFailure, "2024-06-15T14:22:00Z", null);

        assertThat(store.write(List.of(poison, good), List.of()))
                .extracting(Refused::value).containsExactly(poison);
        assertThat(row("evt_1")).isNotNull();
    }

    @Test
    void summarisesAChargersEpisodesSinceATimeAndItsNewestOfAll() throws SQLException {
        store.write(List.of(error("evt_1", "CP-001", GroundFailure, "2024-06-01T01:59:59Z", null),
                error("evt_2", "CP-001", WeakSignal, "2024-06-01T02:00:00Z", "2024-06-01T03:00:00Z"),
                error("evt_3", "CP-001", HighTemperature, "2024-06-30T23:15:00Z", null),
                error("evt_4", "CP-002", OverVoltage, "2024-06-30T23:30:00Z", null),
                organisation(error("evt_5", "CP-001", OverCurrentFailure, "2024-07-01T00:00:00Z", null), "org_B")),
                List.of());
        Instant since = Instant.parse("2024-06-01T02:00:00Z");

        // begun at `since` counts, a second before does not; another organisation's episode is neither
        assertThat(store.summary(ORG, "CP-001", since)).isEqualTo(new ChargerErrorStore.Summary(2,
                "HighTemperature", Instant.parse("2024-06-30T23:15:00Z")));
        // none began since: the newest is still given
        assertThat(store.summary(ORG, "CP-001", Instant.parse("2024-07-01T00:00:00Z")))
                .isEqualTo(new ChargerErrorStore.Summary(0, "HighTemperature", Instant.parse("2024-06-30T23:15:00Z")));
        assertThat(store.summary(ORG, "CP-009", since)).isEqualTo(new ChargerErrorStore.Summary(0, null, null));
        assertThat(store.summary("org_B", "CP-001", since)).isEqualTo(new ChargerErrorStore.Summary(1,
                "OverCurrentFailure", Instant.parse("2024-07-01T00:00:00Z")));
    }

    @Test
    void listsTheFleetsEpisodesNewestFirstThenByEventIdWithTheirChargersSite() throws SQLException {
        fleet();

        ChargerErrorPage all = store.errors(ORG, null, null, ALL, FIFTY);

        // evt_2 and evt_3 began at the same time: by event_id
        assertThat(ids(all)).containsExactly("evt_4", "evt_2", "evt_3", "evt_1");
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.errors().get(0)).isEqualTo(new ChargerErrorJson("evt_4", "CP-001", "site_1", "GroundFailure",
                "Ground fault detected on connector 1", "Faulted", Instant.parse("2024-06-15T14:22:00Z"), null));
        assertThat(all.errors().get(3)).isEqualTo(new ChargerErrorJson("evt_1", "CP-001", "site_1", "GroundFailure",
                null, "Faulted", Instant.parse("2024-06-10T08:00:00Z"), Instant.parse("2024-06-10T09:00:00Z")));
        // CP-002 is linked to no site
        assertThat(all.errors().get(1).siteId()).isNull();
    }

    @Test
    void filtersByChargerCodeAndPeriodAndLimitsCountingAllThatMatch() throws SQLException {
        fleet();

        assertThat(ids(store.errors(ORG, "CP-001", null, ALL, FIFTY))).containsExactly("evt_4", "evt_3", "evt_1");
        assertThat(ids(store.errors(ORG, null, GroundFailure, ALL, FIFTY))).containsExactly("evt_4", "evt_1");
        assertThat(ids(store.errors(ORG, "CP-002", GroundFailure, ALL, FIFTY))).isEmpty();
        // [from, to): an episode begun at from is in, one begun at to is out
        Instant at = Instant.parse("2024-06-12T10:00:00Z");
        assertThat(ids(store.errors(ORG, null, null, new Period(at, null), FIFTY)))
                .containsExactly("evt_4", "evt_2", "evt_3");
        assertThat(ids(store.errors(ORG, null, null, new Period(null, at), FIFTY))).containsExactly("evt_1");
        assertThat(ids(store.errors(ORG, null, null, new Period(at, Instant.parse("2024-06-15T14:22:00Z")), FIFTY)))
                .containsExactly("evt_2", "evt_3");

        ChargerErrorPage two = store.errors(ORG, null, null, ALL, new PageRequest(2, 0));
        assertThat(ids(two)).containsExactly("evt_4", "evt_2");
        assertThat(two.total()).isEqualTo(4);
        assertThat(store.errors(ORG, "CP-404", null, ALL, FIFTY).total()).isZero();
    }

    @Test
    void pagesThroughMoreThanTwoHundredEpisodesListingEachOnceWithTheTotal() throws SQLException {
        fleet();
        // 450 more, in 90 instants of 5 each: equal timestamps, ordered by event_id within each
        List<ChargerError> many = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            many.add(error("evt_p%03d".formatted(i), i % 2 == 0 ? "CP-001" : "CP-002", WeakSignal,
                    Instant.parse("2024-05-01T00:00:00Z").plusSeconds(60L * (i / 5)).toString(), null));
        }
        store.write(many, List.of());

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 454; offset += 200) {
            ChargerErrorPage page = store.errors(ORG, null, null, ALL, new PageRequest(200, offset));
            assertThat(page.total()).isEqualTo(454);
            assertThat(page.limit()).isEqualTo(200);
            assertThat(page.offset()).isEqualTo(offset);
            paged.addAll(ids(page));
        }
        // the newest first, exactly as one list would hold them
        assertThat(paged).hasSize(454).doesNotHaveDuplicates().startsWith("evt_4", "evt_2", "evt_3", "evt_1",
                "evt_p445", "evt_p446", "evt_p447", "evt_p448", "evt_p449", "evt_p440").endsWith("evt_p004");
        assertThat(ids(store.errors(ORG, "CP-002", null, ALL, new PageRequest(3, 224)))).containsExactly(
                "evt_p001", "evt_p003");
        // past the end: no episodes, still the total
        ChargerErrorPage beyond = store.errors(ORG, null, null, ALL, new PageRequest(200, 454));
        assertThat(beyond.errors()).isEmpty();
        assertThat(beyond.total()).isEqualTo(454);
        assertThat(store.errors(ORG, "CP-404", null, ALL, new PageRequest(10, 10)).total()).isZero();
    }

    @Test
    void listsOnlyTheEpisodesOfTheOrganisationsChargersInItsFleet() throws SQLException {
        fleet();

        // evt_5: decommissioned charger; evt_6: organisation B's; evt_7: charger in no registry;
        // evt_8: recorded for A on a charger now registered by B
        assertThat(ids(store.errors(ORG, "CP-old", null, ALL, FIFTY))).isEmpty();
        assertThat(ids(store.errors(ORG, "CP-X", null, ALL, FIFTY))).isEmpty();
        assertThat(ids(store.errors("org_B", null, null, ALL, FIFTY))).containsExactly("evt_6");
        assertThat(store.errors("org_C", null, null, ALL, FIFTY).total()).isZero();
    }

    /**
     * Organisation A: CP-001 at site_1 with evt_1 (GroundFailure, 06-10, resolved), evt_3 (ConnectorLockFailure,
     * 06-12 10:00) and evt_4 (GroundFailure, 06-15); CP-002 without a site with evt_2 (WeakSignal, 06-12 10:00);
     * CP-old decommissioned with evt_5. Organisation B: CP-B with evt_6 and evt_8 (recorded for A). CP-X is in no
     * registry (evt_7).
     */
    private void fleet() throws SQLException {
        ChargerStore registry = new ChargerStore(dataSource);
        registry.upsert(List.of(Chargers.linked(Chargers.registered("CP-001"), "site_1", 2),
                Chargers.registered("CP-002"), Chargers.decommissioned(Chargers.registered("CP-old"), 2),
                ChargerView.newBuilder(Chargers.registered("CP-B")).setOrganisationId("org_B").build()));
        store.write(List.of(
                error("evt_1", "CP-001", GroundFailure, "2024-06-10T08:00:00Z", "2024-06-10T09:00:00Z"),
                error("evt_2", "CP-002", WeakSignal, "2024-06-12T10:00:00Z", null),
                error("evt_3", "CP-001", ConnectorLockFailure, "2024-06-12T10:00:00Z", null),
                ChargerError.newBuilder(error("evt_4", "CP-001", GroundFailure, "2024-06-15T14:22:00Z", null))
                        .setInfo("Ground fault detected on connector 1").build(),
                error("evt_5", "CP-old", GroundFailure, "2024-06-14T00:00:00Z", null),
                ChargerError.newBuilder(error("evt_6", "CP-B", GroundFailure, "2024-06-14T00:00:00Z", null))
                        .setOrganisationId("org_B").build(),
                error("evt_7", "CP-X", GroundFailure, "2024-06-14T00:00:00Z", null),
                error("evt_8", "CP-B", GroundFailure, "2024-06-13T00:00:00Z", null)), List.of());
    }

    private static List<String> ids(ChargerErrorPage page) {
        return page.errors().stream().map(ChargerErrorJson::eventId).toList();
    }

    private String row(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM charger_error WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return rs.getString("organisation_id") + " " + rs.getString("charge_point_id") + " #"
                        + rs.getInt("connector_id") + " " + rs.getString("error_code") + " " + rs.getString("status")
                        + " " + rs.getString("info") + " " + rs.getString("vendor_error_code") + " "
                        + Jdbc.instant(rs, "started_at") + "-" + Jdbc.instant(rs, "resolved_at") + " v"
                        + rs.getLong("version");
            }
        }
    }
}
