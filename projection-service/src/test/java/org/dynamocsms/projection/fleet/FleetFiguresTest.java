package org.dynamocsms.projection.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.schemas.charger.ConnectorState;
import org.dynamocsms.schemas.fleet.FleetEnergyDay;
import org.dynamocsms.schemas.fleet.FleetSummaryPart;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;

class FleetFiguresTest {

    private static final String ORG = "org_a";
    private static final LocalDate MONDAY = LocalDate.parse("2024-06-03");
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @Test
    void aRegisteredChargerThatNeverConnectedCountsAsOffline() {
        FleetSummaryPart part = FleetFigures.replaced(null, ORG, 3, null, registered("CP-1"));

        assertThat(part.getOrganisationId()).isEqualTo(ORG);
        assertThat(part.getPart()).isEqualTo(3);
        assertThat(figures(part)).isEqualTo(List.of(1, 0, 0, 0, 0, 0));
        assertThat(part.getVersion()).isEqualTo(1);
    }

    @Test
    void eachStatusCountsOnceAndOnlineCountsEveryStatusButOffline() {
        FleetSummaryPart part = null;
        part = FleetFigures.replaced(part, ORG, 0, null, connected("CP-1", ConnectorStatus.Available));
        part = FleetFigures.replaced(part, ORG, 0, null, charging("CP-2", 2, MONDAY, 1500.25));
        part = FleetFigures.replaced(part, ORG, 0, null, connected("CP-3", ConnectorStatus.Faulted));
        part = FleetFigures.replaced(part, ORG, 0, null, connected("CP-4", ConnectorStatus.Preparing));
        part = FleetFigures.replaced(part, ORG, 0, null, registered("CP-5"));

        // total, online, charging, available, faulted, active sessions
        assertThat(figures(part)).isEqualTo(List.of(5, 4, 1, 1, 1, 2));
        assertThat(part.getEnergy()).containsExactly(new FleetEnergyDay(MONDAY, 1_500_250L));
        assertThat(part.getVersion()).isEqualTo(5);
    }

    @Test
    void aChargersChangeMovesItsFiguresByTheDifference() {
        ChargerLiveState monday = charging("CP-1", 1, MONDAY, 100);
        ChargerLiveState later = charging("CP-1", 1, MONDAY, 350.5);
        FleetSummaryPart part = FleetFigures.replaced(null, ORG, 0, null, charging("CP-2", 1, MONDAY, 1000));
        part = FleetFigures.replaced(part, ORG, 0, null, monday);
        part = FleetFigures.replaced(part, ORG, 0, monday, later);

        assertThat(part.getEnergy()).containsExactly(new FleetEnergyDay(MONDAY, 1_350_500L));
        ChargerLiveState stopped = connected("CP-1", ConnectorStatus.Available, TUESDAY, 20);
        part = FleetFigures.replaced(part, ORG, 0, later, stopped);

        assertThat(figures(part)).isEqualTo(List.of(2, 2, 1, 1, 0, 1));
        assertThat(part.getEnergy()).containsExactly(new FleetEnergyDay(MONDAY, 1_000_000L),
                new FleetEnergyDay(TUESDAY, 20_000L));
    }

    @Test
    void aDayNoChargerHoldsAnyMoreLeavesTheEnergy() {
        ChargerLiveState monday = charging("CP-1", 1, MONDAY, 100);
        ChargerLiveState tuesday = charging("CP-1", 1, TUESDAY, 5);
        FleetSummaryPart part = FleetFigures.replaced(null, ORG, 0, null, monday);
        part = FleetFigures.replaced(part, ORG, 0, monday, tuesday);

        assertThat(part.getEnergy()).containsExactly(new FleetEnergyDay(TUESDAY, 5_000L));
    }

    @Test
    void aChangeThatLeavesTheFiguresAsTheyWereGivesThePartItself() {
        ChargerLiveState held = charging("CP-1", 1, MONDAY, 100);
        FleetSummaryPart part = FleetFigures.replaced(null, ORG, 0, null, held);
        ChargerLiveState seenLater = ChargerLiveState.newBuilder(held).setLastSeenAt(java.time.Instant.now())
                .setPowerKw(7.4).setVersion(held.getVersion() + 1).build();

        assertThat(FleetFigures.replaced(part, ORG, 0, held, seenLater)).isSameAs(part);
    }

    @Test
    void aDecommissionedChargerNoLongerCounts() {
        ChargerLiveState held = charging("CP-1", 1, MONDAY, 100);
        FleetSummaryPart part = FleetFigures.replaced(null, ORG, 0, null, held);
        ChargerLiveState decommissioned = ChargerLiveState.newBuilder(held).setRegistered(false).build();

        assertThat(FleetFigures.organisationOf(decommissioned)).isNull();
        part = FleetFigures.replaced(part, ORG, 0, held, decommissioned);
        assertThat(figures(part)).isEqualTo(List.of(0, 0, 0, 0, 0, 0));
        assertThat(part.getEnergy()).isEmpty();
        assertThat(part.getVersion()).isEqualTo(2);
    }

    @Test
    void anotherOrganisationsChargerChangesNothingOfThisPart() {
        FleetSummaryPart part = FleetFigures.replaced(null, ORG, 0, null, registered("CP-1"));
        ChargerLiveState other = ChargerLiveState.newBuilder(registered("CP-9")).setOrganisationId("org_b").build();

        assertThat(FleetFigures.replaced(part, ORG, 0, null, other)).isSameAs(part);
        assertThat(FleetFigures.replaced(null, "org_b", 0, null, other).getTotal()).isEqualTo(1);
    }

    @Test
    void energyIsCountedInWholeMilliwattHoursAndNothingForAFigureThatIsNotFinite() {
        assertThat(FleetFigures.milliwattHours(1.0004)).isEqualTo(1000);
        assertThat(FleetFigures.milliwattHours(0.0005)).isEqualTo(1);
        assertThat(FleetFigures.milliwattHours(Double.POSITIVE_INFINITY)).isZero();
        assertThat(FleetFigures.milliwattHours(Double.NaN)).isZero();
    }

    private static List<Integer> figures(FleetSummaryPart part) {
        return List.of(part.getTotal(), part.getOnline(), part.getCharging(), part.getAvailable(),
                part.getFaulted(), part.getActiveSessions());
    }

    private static ChargerLiveState registered(String chargePointId) {
        return ChargerLiveState.newBuilder().setChargePointId(chargePointId).setOrganisationId(ORG)
                .setRegistered(true).setStatus(ChargerStatus.offline).setVersion(1).build();
    }

    private static ChargerLiveState connected(String chargePointId, ConnectorStatus status) {
        return connected(chargePointId, status, null, 0);
    }

    private static ChargerLiveState connected(String chargePointId, ConnectorStatus status, LocalDate day,
                                              double energyWh) {
        return ChargerLiveState.newBuilder(registered(chargePointId)).setConnected(true)
                .setConnectors(List.of(ConnectorState.newBuilder().setConnectorId(1).setStatus(status).build()))
                .setEnergyDay(day).setEnergyTodayWh(energyWh).build();
    }

    private static ChargerLiveState charging(String chargePointId, int sessions, LocalDate day, double energyWh) {
        return ChargerLiveState.newBuilder(connected(chargePointId, ConnectorStatus.Charging, day, energyWh))
                .setActiveSessions(sessions).build();
    }
}
