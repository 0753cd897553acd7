package org.dynamocsms.query.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.fleet.LiveStates.TODAY;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.fleet.FleetEnergyDay;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet summary parts and the figures read from them, against the real database. */
class FleetSummaryPartStoreTest {

    private static final String ORG = "org_A";

    private DataSource dataSource;
    private FleetSummaryPartStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new FleetSummaryPartStore(dataSource);
    }

    @Test
    void theSummaryIsTheSumOfTheOrganisationsPartsWithTheEnergyOfToday() throws SQLException {
        store.write(List.of(
                part(ORG, 0, 1, 6, 4, 1, 1, 1, 1, energy(TODAY.minusDays(1), 1_000_000), energy(TODAY, 12_345_600)),
                part(ORG, 1, 1, 3, 2, 2, 0, 0, 3, energy(TODAY, 500_400)),
                part("org_B", 0, 1, 9, 9, 9, 0, 0, 9, energy(TODAY, 99_000_000))), List.of());

        assertThat(store.summary(ORG, TODAY)).isEqualTo(new FleetSummaryJson(9, 6, 3, 3, 1, 1, 4, 12.846));
        assertThat(store.summary(ORG, TODAY.minusDays(1)).totalEnergyTodayKwh()).isEqualTo(1.0);
        // the day after, nobody has delivered anything yet
        assertThat(store.summary(ORG, TODAY.plusDays(1)).totalEnergyTodayKwh()).isZero();
        assertThat(store.summary("org_C", TODAY)).isEqualTo(new FleetSummaryJson(0, 0, 0, 0, 0, 0, 0, 0.0));
    }

    @Test
    void aNewerVersionOfAPartReplacesItAndAnOlderOrDuplicateOneChangesNothing() throws SQLException {
        store.write(List.of(part(ORG, 0, 2, 5, 5, 5, 0, 0, 5)), List.of());
        store.write(List.of(part(ORG, 0, 1, 1, 1, 1, 0, 0, 1)), List.of());
        store.write(List.of(part(ORG, 0, 2, 7, 7, 7, 0, 0, 7)), List.of());
        // within one poll, the highest version
        store.write(List.of(part(ORG, 1, 4, 2, 0, 0, 0, 0, 0), part(ORG, 1, 3, 1, 0, 0, 0, 0, 0)), List.of());

        assertThat(store.summary(ORG, TODAY).totalChargers()).isEqualTo(7);
    }

    @Test
    void aTombstoneChangesNothing() throws SQLException {
        store.write(List.of(part(ORG, 0, 1, 5, 5, 5, 0, 0, 5)), List.of());

        assertThat(store.write(List.of(), List.of(ORG + "|0"))).isEmpty();

        assertThat(store.summary(ORG, TODAY).totalChargers()).isEqualTo(5);
    }

    static FleetSummaryPart part(String organisationId, int part, long version, int total, int online,
                                         int charging, int available, int faulted, int sessions,
                                         FleetEnergyDay... energy) {
        return FleetSummaryPart.newBuilder().setOrganisationId(organisationId).setPart(part).setTotal(total)
                .setOnline(online).setCharging(charging).setAvailable(available).setFaulted(faulted)
                .setActiveSessions(sessions).setEnergy(List.of(energy)).setVersion(version).build();
    }

    private static FleetEnergyDay energy(java.time.LocalDate day, long milliwattHours) {
        return new FleetEnergyDay(day, milliwattHours);
    }
}
