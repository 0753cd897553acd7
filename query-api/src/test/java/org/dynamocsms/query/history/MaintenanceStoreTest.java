package org.dynamocsms.query.history;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.history.Histories.ORG;
import static org.dynamocsms.query.history.Histories.maintenance;
import static org.dynamocsms.query.history.Histories.version;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The maintenance read store against the real database. */
class MaintenanceStoreTest {

    private static final Period ALL = new Period(null, null);

    private MaintenanceStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        store = new MaintenanceStore(TestDatabase.clean());
    }

    @Test
    void writesEveryFieldShownAndReadsItBack() throws SQLException {
        MaintenanceView event = MaintenanceView.newBuilder(maintenance("mnt_1", "CP-001", "2024-06-20T09:00:00Z",
                        "2024-06-20T11:30:00Z")).setType(MaintenanceType.reactive).setTechnician("J. Smith")
                .setNotes("Replaced the RCD").setDescription("Ground fault").build();

        assertThat(store.write(List.of(event), List.of())).isEmpty();

        assertThat(store.events(ORG, "CP-001", ALL)).containsExactly(new ChargerMaintenanceJson.Event("mnt_1",
                "reactive", "Ground fault", Instant.parse("2024-06-20T09:00:00Z"),
                Instant.parse("2024-06-20T11:30:00Z"), "J. Smith", "Replaced the RCD"));
    }

    @Test
    void aNewerVersionReplacesTheRowAnOlderOrEqualOneAndATombstoneChangeNothing() throws SQLException {
        MaintenanceView open = maintenance("mnt_1", "CP-001", "2024-06-10T09:00:00Z", null);
        store.write(List.of(open), List.of());
        store.write(List.of(version(maintenance("mnt_1", "CP-001", "2024-06-10T09:00:00Z", "2024-06-10T12:00:00Z"),
                2), version(maintenance("mnt_1", "CP-001", "2024-06-11T09:00:00Z", null), 1)), List.of());
        store.write(List.of(open), List.of());
        store.write(List.of(version(open, 2)), List.of("mnt_1"));

        assertThat(store.events(ORG, "CP-001", ALL)).extracting(ChargerMaintenanceJson.Event::completedAt)
                .containsExactly(Instant.parse("2024-06-10T12:00:00Z"));
    }

    @Test
    void anEventTheDatabaseRefusesIsLeftOutAndTheRestIsWritten() throws SQLException {
        MaintenanceView poison = MaintenanceView.newBuilder(maintenance("mnt_bad", "CP-001", "2024-06-10T09:00:00Z",
                null)).setNotes("nul \u0000").build();
        MaintenanceView good = maintenance("mnt_1", "CP-001", "2024-06-10T09:00:00Z", null);

        assertThat(store.write(List.of(poison, good), List.of()))
                .extracting(Refused::value).containsExactly(poison);
        assertThat(store.events(ORG, "CP-001", ALL)).hasSize(1);
    }

    @Test
    void listsTheChargersEventsByScheduledAt() throws SQLException {
        events();

        assertThat(ids(ALL)).containsExactly("mnt_1", "mnt_2", "mnt_3");
        assertThat(store.events("org_B", "CP-001", ALL)).extracting(ChargerMaintenanceJson.Event::eventId)
                .containsExactly("mnt_B");
        assertThat(store.events(ORG, "CP-404", ALL)).isEmpty();
    }

    @Test
    void aPeriodKeepsTheEventsWhoseWindowReachesIntoIt() throws SQLException {
        events();

        // mnt_1's window [06-01 09:00, 11:00) ends at 11:00: it reaches after 10:59, not after 11:00
        assertThat(ids(period("2024-06-01T10:59:00Z", null))).containsExactly("mnt_1", "mnt_2", "mnt_3");
        assertThat(ids(period("2024-06-01T11:00:00Z", null))).containsExactly("mnt_2", "mnt_3");
        // mnt_3 is scheduled at 06-20 09:00: not before a to of 06-20 09:00
        assertThat(ids(period(null, "2024-06-20T09:00:00Z"))).containsExactly("mnt_1", "mnt_2");
        // mnt_2 is not completed: its window reaches into every period that ends after it was scheduled
        assertThat(ids(period("2024-06-11T00:00:00Z", "2024-06-15T00:00:00Z"))).containsExactly("mnt_2");
        assertThat(ids(period("2024-05-01T00:00:00Z", "2024-06-01T09:00:00Z"))).isEmpty();
    }

    /**
     * CP-001: mnt_1 06-01 09:00-11:00, mnt_2 from 06-10 09:00 not completed, mnt_3 planned for 06-20 09:00;
     * CP-002: mnt_4; mnt_B on CP-001 is organisation B's.
     */
    private void events() throws SQLException {
        store.write(List.of(maintenance("mnt_3", "CP-001", "2024-06-20T09:00:00Z", null),
                maintenance("mnt_1", "CP-001", "2024-06-01T09:00:00Z", "2024-06-01T11:00:00Z"),
                maintenance("mnt_2", "CP-001", "2024-06-10T09:00:00Z", null),
                maintenance("mnt_4", "CP-002", "2024-06-10T09:00:00Z", null),
                MaintenanceView.newBuilder(maintenance("mnt_B", "CP-001", "2024-06-10T09:00:00Z", null))
                        .setOrganisationId("org_B").build()), List.of());
    }

    private List<String> ids(Period period) throws SQLException {
        return store.events(ORG, "CP-001", period).stream().map(ChargerMaintenanceJson.Event::eventId).toList();
    }

    private static Period period(String from, String to) {
        return new Period(from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
    }
}
