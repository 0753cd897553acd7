package org.dynamocsms.projection.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PowerAllocationTest {

    private static final Instant T0 = Instant.parse("2024-06-01T08:00:00Z");
    private static final double MIN = 4140; // 6 A x 3 phases x 230 V
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final SitePower FIFTY_KW = new SitePower(50_000, 0);

    @Test
    void tenSessionsOnFiftyKilowattsGetFiveEach() {
        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, sessions(10, MIN, 22_000));

        assertThat(allocation.availableW()).isEqualTo(50_000);
        assertThat(allocation.limitsW()).hasSize(10).allSatisfy((key, limit) -> assertThat(limit).isEqualTo(5_000));
        assertThat(allocation.headroomW()).isZero();
    }

    @Test
    void aSessionCappedByItsMaximumGivesItsShareBackToTheOthers() {
        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, List.of(
                session("CP-A", 0, MIN, 7_400), session("CP-B", 1, MIN, 11_000), session("CP-C", 2, MIN, 22_000)));

        // 16,666 each would be fair; A and B cannot take it, C is capped at 22,000 of the 31,600 left to it
        assertThat(allocation.limitsW()).containsExactly(
                entry(key("CP-A"), 7_400.0), entry(key("CP-B"), 11_000.0), entry(key("CP-C"), 22_000.0));
        assertThat(allocation.headroomW()).isEqualTo(9_600);
    }

    @Test
    void unusedShareGoesEquallyToThoseBelowTheirMaximum() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(30_000, 0), List.of(
                session("CP-A", 0, MIN, 3_000), session("CP-B", 1, MIN, INF), session("CP-C", 2, MIN, INF)));

        assertThat(allocation.limitsW()).containsExactly(
                entry(key("CP-A"), 3_000.0), entry(key("CP-B"), 13_500.0), entry(key("CP-C"), 13_500.0));
        assertThat(allocation.headroomW()).isZero();
    }

    @Test
    void solarRaisesTheShares() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(50_000, 20_000), sessions(10, MIN, 22_000));

        assertThat(allocation.availableW()).isEqualTo(70_000);
        assertThat(allocation.limitsW()).allSatisfy((key, limit) -> assertThat(limit).isEqualTo(7_000));
        assertThat(allocation.headroomW()).isZero();
    }

    @Test
    void aChargingBatteryLowersTheShares() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(50_000, -10_000), sessions(5, MIN, 22_000));

        assertThat(allocation.availableW()).isEqualTo(40_000);
        assertThat(allocation.limitsW()).allSatisfy((key, limit) -> assertThat(limit).isEqualTo(8_000));
    }

    @Test
    void aBatteryChargingHarderThanTheCeilingLeavesNothing() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(20_000, -30_000), sessions(3, MIN, 22_000));

        assertThat(allocation.availableW()).isZero();
        assertThat(allocation.limitsW()).hasSize(3).allSatisfy((key, limit) -> assertThat(limit).isZero());
        assertThat(allocation.headroomW()).isZero();
    }

    @Test
    void whenTheMinimumsDoNotAllFitTheEarliestGetThemAndShareTheRest() {
        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, sessions(15, MIN, 22_000));

        // 50,000 / 4,140 = 12.07: the 12 earliest get 4,140 (49,680), the 320 W left gives them 26 W more each
        List<Double> limits = new ArrayList<>(allocation.limitsW().values());
        assertThat(limits.subList(0, 12)).containsOnly(4_166.0);
        assertThat(limits.subList(12, 15)).containsOnly(0.0);
        assertThat(allocation.headroomW()).isEqualTo(8); // 50,000 - 12 x 4,166
    }

    @Test
    void pausingStopsAtTheFirstSessionWhoseMinimumDoesNotFit() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(9_000, 0), List.of(
                session("CP-A", 0, MIN, 22_000), session("CP-B", 1, 6_000, 22_000), session("CP-C", 2, 1_380, 22_000)));

        // B's 6,000 does not fit beside A's 4,140; C, later than B, is paused too although 1,380 would fit
        assertThat(allocation.limitsW()).containsExactly(
                entry(key("CP-A"), 9_000.0), entry(key("CP-B"), 0.0), entry(key("CP-C"), 0.0));
    }

    @Test
    void sessionsStartedAtTheSameInstantGoByChargePointThenConnector() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(10_000, 0), List.of(
                new Session("CP-B", 1, 1, T0, MIN, 22_000, null),
                new Session("CP-A", 2, 2, T0, MIN, 22_000, null),
                new Session("CP-A", 1, 3, T0, MIN, 22_000, null)));

        assertThat(allocation.limitsW()).containsExactly(
                entry(new SessionKey("CP-A", 1), 5_000.0),
                entry(new SessionKey("CP-A", 2), 5_000.0),
                entry(new SessionKey("CP-B", 1), 0.0));
    }

    @Test
    void aConnectorBelowTheMinimumHasItsMaximumAsItsMinimum() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(8_000, 0), List.of(
                session("CP-A", 0, MIN, 22_000), session("CP-B", 1, MIN, 3_680)));

        // 4,140 + 3,680 = 7,820 fits; A takes the 180 W left
        assertThat(allocation.limitsW()).containsExactly(entry(key("CP-A"), 4_320.0), entry(key("CP-B"), 3_680.0));
    }

    @Test
    void anOfflineChargerReservesItsDraw() {
        List<Session> sessions = new ArrayList<>(sessions(4, MIN, 22_000));
        sessions.add(new Session("CP-X", 1, 99, T0.plusSeconds(60), MIN, 22_000,
                new Reservation(Reservation.Reason.OFFLINE, 11_000)));

        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, sessions);

        assertThat(allocation.limitsW()).contains(entry(new SessionKey("CP-X", 1), 11_000.0));
        assertThat(allocation.limitsW()).hasSize(5).allSatisfy((key, limit) ->
                assertThat(limit).isEqualTo(key.chargePointId().equals("CP-X") ? 11_000 : 9_750));
        assertThat(allocation.headroomW()).isZero();
    }

    @Test
    void aChargerDrawingAboveWhatIsAvailableGetsOnlyWhatIsLeft() {
        List<Session> sessions = new ArrayList<>(sessions(3, MIN, 22_000));
        sessions.add(new Session("CP-X", 1, 99, T0.plusSeconds(60), MIN, 80_000,
                new Reservation(Reservation.Reason.ABOVE_LIMIT, 60_000)));

        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, sessions);

        assertThat(allocation.limitsW()).hasSize(4).allSatisfy((key, limit) ->
                assertThat(limit).isEqualTo(key.chargePointId().equals("CP-X") ? 50_000 : 0));
        assertThat(allocation.headroomW()).isZero();
    }

    @Test
    void reservedSessionsAreServedEarliestFirst() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(20_000, 0), List.of(
                new Session("CP-L", 1, 1, T0.plusSeconds(1), MIN, 22_000,
                        new Reservation(Reservation.Reason.PROFILE_REJECTED, 15_000)),
                new Session("CP-E", 1, 2, T0, MIN, 22_000, new Reservation(Reservation.Reason.OFFLINE, 11_000.9))));

        // the draw is held back in whole watts, rounded down
        assertThat(allocation.limitsW()).containsExactly(
                entry(new SessionKey("CP-E", 1), 11_000.0), entry(new SessionKey("CP-L", 1), 9_000.0));
    }

    @Test
    void aReservedDrawBelowTheMinimumIsHeldAsItIs() {
        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, List.of(
                new Session("CP-X", 1, 1, T0, MIN, 22_000, new Reservation(Reservation.Reason.OFFLINE, 0)),
                new Session("CP-Y", 1, 2, T0, MIN, 22_000, new Reservation(Reservation.Reason.ABOVE_LIMIT, 1_000))));

        assertThat(allocation.limitsW()).containsExactly(
                entry(new SessionKey("CP-X", 1), 0.0), entry(new SessionKey("CP-Y", 1), 1_000.0));
        assertThat(allocation.headroomW()).isEqualTo(49_000);
    }

    @Test
    void limitsAreWholeWattsRoundedDownAndHeadroomKeepsTheRest() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(10_000.5, 0.25), List.of(
                session("CP-A", 0, 1_380, INF), session("CP-B", 1, 1_380, INF), session("CP-C", 2, 1_380, INF)));

        // 10,000.75 available: the level is 3,333 W, 1.75 W stays
        assertThat(allocation.limitsW().values()).containsOnly(3_333.0);
        assertThat(allocation.headroomW()).isEqualTo(1.75);
    }

    @Test
    void aFractionalMinimumIsRoundedUpAndAFractionalMaximumDown() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(9_000, 0), List.of(
                session("CP-A", 0, 4_140.2, 4_500.9), session("CP-B", 1, 4_140.2, INF), session("CP-C", 2, 0, 0.9)));

        assertThat(allocation.limitsW()).containsExactly(
                entry(key("CP-A"), 4_500.0), entry(key("CP-B"), 4_500.0), entry(key("CP-C"), 0.0));
    }

    @Test
    void aSessionWithNoKnownMaximumTakesEverything() {
        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, List.of(session("CP-A", 0, MIN, INF)));

        assertThat(allocation.limitsW()).containsExactly(entry(key("CP-A"), 50_000.0));
    }

    @Test
    void noSessionsLeaveEverythingAsHeadroom() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(50_000, 1_234.5), List.of());

        assertThat(allocation.limitsW()).isEmpty();
        assertThat(allocation.availableW()).isEqualTo(51_234.5);
        assertThat(allocation.headroomW()).isEqualTo(51_234.5);
    }

    @Test
    void enoughForEveryMaximumGivesEveryoneItsMaximum() {
        Allocation allocation = PowerAllocation.allocate(new SitePower(1_000_000, 0), sessions(10, MIN, 22_000));

        assertThat(allocation.limitsW().values()).containsOnly(22_000.0);
        assertThat(allocation.headroomW()).isEqualTo(780_000);
    }

    @Test
    void anAbsurdSiteDoesNotOverflow() {
        Allocation site = PowerAllocation.allocate(new SitePower(1e300, 0), List.of(
                session("CP-A", 0, MIN, INF), session("CP-B", 1, MIN, INF)));
        Allocation minimum = PowerAllocation.allocate(new SitePower(1e300, 0), List.of(
                session("CP-A", 0, 1e300, INF), session("CP-B", 1, 0, INF)));

        // figures are taken as at most 2^53 W
        assertThat(site.limitsW().values()).containsOnly((double) (1L << 52));
        assertThat(site.headroomW()).isPositive();
        assertThat(minimum.limitsW()).containsExactly(entry(key("CP-A"), (double) (1L << 53)), entry(key("CP-B"), 0.0));
    }

    @Test
    void twoSessionsOnOneConnectorAreRefused() {
        assertThatThrownBy(() -> PowerAllocation.allocate(FIFTY_KW, List.of(
                new Session("CP-A", 1, 1, T0, MIN, INF, null), new Session("CP-A", 1, 2, T0, MIN, INF, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CP-A");
    }

    @Test
    void aNegativeOrUndefinedFigureIsRefused() {
        for (double bad : new double[] {-1, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> new Session("CP-A", 1, 1, T0, bad, 22_000, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minW");
            assertThatThrownBy(() -> new Session("CP-A", 1, 1, T0, MIN, bad, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxW");
            assertThatThrownBy(() -> new Reservation(Reservation.Reason.OFFLINE, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drawW");
        }
        assertThatThrownBy(() -> new Session("CP-A", 1, 1, T0, INF, 22_000, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minW");
        assertThatThrownBy(() -> new Reservation(Reservation.Reason.OFFLINE, INF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drawW");
        for (double bad : new double[] {Double.NaN, INF, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> new SitePower(bad, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SitePower(50_000, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new Session("CP-A", 1, 1, T0, 0, INF, null).maxW()).isInfinite();
    }

    @Test
    void theLimitsCannotBeChangedAfterwards() {
        Allocation allocation = PowerAllocation.allocate(FIFTY_KW, sessions(2, MIN, 22_000));
        Map<SessionKey, Double> limits = allocation.limitsW();

        assertThatThrownBy(() -> limits.put(key("CP-Z"), 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** {@code count} sessions CP-00, CP-01, … started a minute apart in that order. */
    private static List<Session> sessions(int count, double minW, double maxW) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(session("CP-%02d".formatted(i), i, minW, maxW));
        }
        return sessions;
    }

    private static Session session(String chargePointId, int minutesAfterT0, double minW, double maxW) {
        return new Session(chargePointId, 1, minutesAfterT0 + 1, T0.plusSeconds(60L * minutesAfterT0), minW, maxW,
                null);
    }

    private static SessionKey key(String chargePointId) {
        return new SessionKey(chargePointId, 1);
    }
}
