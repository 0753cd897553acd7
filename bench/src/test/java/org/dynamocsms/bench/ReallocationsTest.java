package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReallocationsTest {

    private static final String SITE = "site_1";

    /** Milliseconds as nanoTime. */
    private static long ms(long millis) {
        return millis * 1_000_000;
    }

    private static Reallocations.Limit limit(String chargePointId, int transactionId, long limitW) {
        return new Reallocations.Limit(chargePointId, transactionId, limitW, false);
    }

    /** A 30 kW site whose charger A holds 22 kW on transaction 1 from the start. */
    private static Reallocations siteWithOneSession() {
        Reallocations r = new Reallocations(Map.of(SITE, 30_000L));
        r.session(SITE, "A", 1, true, ms(1));
        r.draw(SITE, "A", 22_000, ms(1));
        r.allocation(SITE, ms(5), List.of(limit("A", 1, 22_000)));
        r.profile(SITE, "A", 1, 22_000, ms(10));
        return r;
    }

    @Test
    void aStartCompletesWhenEveryChangedLimitIsAcknowledgedAndItsExcessCountsAsReacting() {
        Reallocations r = siteWithOneSession();
        r.session(SITE, "B", 2, true, ms(100));
        r.draw(SITE, "B", 22_000, ms(100));
        r.allocation(SITE, ms(120), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.profile(SITE, "A", 1, 15_000, ms(130));
        r.draw(SITE, "A", 15_000, ms(130));
        r.profile(SITE, "B", 2, 15_000, ms(150));
        r.draw(SITE, "B", 15_000, ms(150));

        Reallocations.Result result = r.evaluate(ms(50), ms(200), ms(300));

        assertThat(result.events()).isEqualTo(1);
        assertThat(result.reallocations().count()).isEqualTo(1);
        assertThat(result.reallocations().percentileMillis(100)).isEqualTo(50.0);
        assertThat(result.allocated().percentileMillis(100)).isEqualTo(20.0);
        // 100-130 ms: 44 kW on 30 kW; 130-150 ms: 37 kW
        assertThat(result.reactingKws()).isCloseTo(14 * 0.030 + 7 * 0.020, within(1e-9));
        assertThat(result.beyondKws()).isZero();
        assertThat(result.beyondEpisodes()).isZero();
        assertThat(result.profiles()).isEqualTo(2);
        assertThat(result.allocations()).isEqualTo(1);
        assertThat(result.profileDelays().percentileMillis(50)).isEqualTo(10.0);
        assertThat(result.profileDelays().percentileMillis(100)).isEqualTo(30.0);
    }

    @Test
    void aLimitAnAllocationChangedIsHeldOnlyOnceItsOwnProfileCameNotByAnOlderOneOfTheSameFigure() {
        Reallocations r = siteWithOneSession();
        r.session(SITE, "B", 2, true, ms(100));
        r.draw(SITE, "B", 22_000, ms(100));
        r.allocation(SITE, ms(120), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.profile(SITE, "A", 1, 15_000, ms(130));
        r.draw(SITE, "A", 15_000, ms(130));
        r.profile(SITE, "B", 2, 15_000, ms(150));
        r.draw(SITE, "B", 15_000, ms(150));
        // B leaves: A may have 22 kW again, but that profile is slow
        r.draw(SITE, "B", 0, ms(200));
        r.session(SITE, "B", 2, false, ms(200));
        r.allocation(SITE, ms(210), List.of(limit("A", 1, 22_000)));
        // C arrives: A is back to 15 kW, the figure it already holds; C's profile before its start's answer
        r.allocation(SITE, ms(230), List.of(limit("A", 1, 15_000), limit("C", 3, 15_000)));
        r.profile(SITE, "C", 3, 15_000, ms(235));
        r.session(SITE, "C", 3, true, ms(240));
        r.draw(SITE, "C", 15_000, ms(240));
        // the slow 22 kW, then the 15 kW the last allocation sent
        r.profile(SITE, "A", 1, 22_000, ms(300));
        r.draw(SITE, "A", 22_000, ms(300));
        r.profile(SITE, "A", 1, 15_000, ms(320));
        r.draw(SITE, "A", 15_000, ms(320));

        Reallocations.Result result = r.evaluate(ms(50), ms(400), ms(500));

        // 300-320 ms: 37 kW on 30 kW while the last allocation's own profile to A was still on its way
        assertThat(result.beyondKws()).isZero();
        assertThat(result.reactingKws()).isCloseTo(14 * 0.030 + 7 * 0.020 + 7 * 0.020, within(1e-9));
        assertThat(result.incomplete()).isZero();
        // B's stop is done once A has its 22 kW (300 ms); C's start once A has its 15 kW again (320 ms)
        assertThat(result.reallocations().count()).isEqualTo(3);
        assertThat(result.reallocations().percentileMillis(100)).isEqualTo(100.0);
        assertThat(result.reallocations().percentileMillis(0)).isEqualTo(50.0);
    }

    @Test
    void aLimitBackToAnOlderFigureIsHeldOnlyOnceTheProfilesBetweenHaveCome() {
        Reallocations r = new Reallocations(Map.of(SITE, 30_000L));
        r.allocation(SITE, ms(5), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.profile(SITE, "A", 1, 15_000, ms(10));
        r.profile(SITE, "B", 2, 15_000, ms(10));
        r.draw(SITE, "A", 15_000, ms(10));
        r.draw(SITE, "B", 15_000, ms(10));
        // C arrives then leaves; A's profiles for both are slow, B's are not
        r.session(SITE, "C", 3, true, ms(100));
        r.draw(SITE, "C", 10_000, ms(100));
        r.allocation(SITE, ms(110), List.of(limit("A", 1, 10_000), limit("B", 2, 10_000), limit("C", 3, 10_000)));
        r.profile(SITE, "B", 2, 10_000, ms(120));
        r.draw(SITE, "B", 10_000, ms(120));
        r.draw(SITE, "C", 0, ms(150));
        r.session(SITE, "C", 3, false, ms(150));
        r.allocation(SITE, ms(160), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.profile(SITE, "B", 2, 15_000, ms(170));
        r.draw(SITE, "B", 15_000, ms(170));
        // A's 10 kW, then its 15 kW: it held 15 kW all along, but not the last allocation's until its profile came
        r.profile(SITE, "A", 1, 10_000, ms(200));
        r.draw(SITE, "A", 10_000, ms(200));
        r.profile(SITE, "A", 1, 15_000, ms(220));
        r.draw(SITE, "A", 15_000, ms(220));

        Reallocations.Result result = r.evaluate(ms(50), ms(300), ms(400));

        assertThat(result.incomplete()).isZero();
        // both of C's events are done when A has its last profile
        assertThat(result.reallocations().percentileMillis(100)).isEqualTo(120.0);
        assertThat(result.reallocations().percentileMillis(0)).isEqualTo(70.0);
        assertThat(result.beyondKws()).isZero();
    }

    @Test
    void anEventThatChangesNoLimitCompletesWhenItsAllocationIsRecorded() {
        Reallocations r = new Reallocations(Map.of(SITE, 100_000L));
        r.allocation(SITE, ms(5), List.of(limit("A", 1, 22_000), limit("B", 2, 22_000)));
        r.profile(SITE, "A", 1, 22_000, ms(10));
        r.profile(SITE, "B", 2, 22_000, ms(11));
        r.session(SITE, "B", 2, false, ms(200));
        r.allocation(SITE, ms(230), List.of(limit("A", 1, 22_000)));

        Reallocations.Result result = r.evaluate(ms(100), ms(300), ms(400));

        assertThat(result.reallocations().count()).isEqualTo(1);
        assertThat(result.reallocations().percentileMillis(50)).isEqualTo(30.0);
        assertThat(result.profiles()).isZero();
    }

    @Test
    void anEventCompletesWhenItsAllocationsProfilesAreAppliedEvenIfALaterOneIsOnItsWay() {
        Reallocations r = siteWithOneSession();
        r.session(SITE, "B", 2, true, ms(100));
        r.session(SITE, "C", 3, true, ms(110));
        r.allocation(SITE, ms(120), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.allocation(SITE, ms(125), List.of(limit("A", 1, 10_000), limit("B", 2, 10_000), limit("C", 3, 10_000)));
        // each charger gets the profiles of both, in order
        r.profile(SITE, "A", 1, 15_000, ms(130));
        r.profile(SITE, "B", 2, 15_000, ms(135));
        r.profile(SITE, "A", 1, 10_000, ms(140));
        r.profile(SITE, "B", 2, 10_000, ms(150));
        r.profile(SITE, "C", 3, 10_000, ms(160));

        Reallocations.Result result = r.evaluate(ms(50), ms(200), ms(300));

        assertThat(result.reallocations().count()).isEqualTo(2);
        assertThat(result.reallocations().percentileMillis(50)).isEqualTo(35.0); // B: 100 -> 135
        assertThat(result.reallocations().percentileMillis(100)).isEqualTo(50.0); // C: 110 -> 160
    }

    @Test
    void aLaterAllocationNotYetRecordedCannotCompleteAnEventByCoincidence() {
        Reallocations r = new Reallocations(Map.of(SITE, 100_000L));
        r.allocation(SITE, ms(5), List.of(limit("A", 1, 22_000)));
        r.profile(SITE, "A", 1, 22_000, ms(10));
        r.session(SITE, "Y", 5, true, ms(100));
        r.allocation(SITE, ms(110), List.of(limit("A", 1, 22_000), limit("Y", 5, 22_000)));
        r.profile(SITE, "Y", 5, 22_000, ms(300));
        r.session(SITE, "Y", 5, false, ms(400));
        // A alone at 22 kW again: what the chargers held from 100 ms on, but only recorded at 410 ms
        r.allocation(SITE, ms(410), List.of(limit("A", 1, 22_000)));

        Reallocations.Result result = r.evaluate(ms(50), ms(500), ms(600));

        assertThat(result.reallocations().count()).isEqualTo(2);
        assertThat(result.reallocations().percentileMillis(100)).isEqualTo(200.0); // the start: 100 -> 300
        assertThat(result.reallocations().percentileMillis(50)).isEqualTo(10.0); // the stop: 400 -> 410
    }

    @Test
    void reservedSessionsNeedNoProfileAndAreCounted() {
        Reallocations r = siteWithOneSession();
        r.session(SITE, "B", 2, true, ms(100));
        r.allocation(SITE, ms(120), List.of(limit("A", 1, 22_000),
                new Reallocations.Limit("B", 2, 8_000, true)));

        Reallocations.Result result = r.evaluate(ms(50), ms(200), ms(300));

        assertThat(result.reallocations().percentileMillis(50)).isEqualTo(20.0);
        assertThat(result.reservedAllocations()).isEqualTo(1);
    }

    @Test
    void drawAboveTheCeilingWithNothingToReactToCountsBeyondInEpisodes() {
        Reallocations r = siteWithOneSession();
        r.draw(SITE, "B", 10_000, ms(100)); // 32 kW on 30 kW, no event
        r.draw(SITE, "B", 0, ms(200));
        r.draw(SITE, "B", 9_000, ms(300));
        r.draw(SITE, "B", 0, ms(350));

        Reallocations.Result result = r.evaluate(ms(50), ms(1000), ms(1000));

        assertThat(result.beyondKws()).isCloseTo(2 * 0.100 + 1 * 0.050, within(1e-9));
        assertThat(result.reactingKws()).isZero();
        assertThat(result.beyondEpisodes()).isEqualTo(2);
    }

    @Test
    void onlyTheWindowIsIntegratedAndEventsBeforeItStillCoverTheirReaction() {
        Reallocations r = siteWithOneSession();
        r.session(SITE, "B", 2, true, ms(100));
        r.draw(SITE, "B", 22_000, ms(100));
        r.allocation(SITE, ms(120), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.profile(SITE, "A", 1, 15_000, ms(200));
        r.draw(SITE, "A", 15_000, ms(200));
        r.profile(SITE, "B", 2, 15_000, ms(200));
        r.draw(SITE, "B", 15_000, ms(200));

        Reallocations.Result result = r.evaluate(ms(150), ms(400), ms(400));

        assertThat(result.events()).isZero();
        assertThat(result.reallocations().count()).isZero();
        assertThat(result.reactingKws()).isCloseTo(14 * 0.050, within(1e-9)); // 150-200 ms only
        assertThat(result.beyondKws()).isZero();
    }

    @Test
    void eventsWithoutAnAllocationOrWithoutTheirProfilesAreCountedAndTheirExcessIsReacting() {
        Reallocations r = siteWithOneSession();
        r.session(SITE, "B", 2, true, ms(100));
        r.draw(SITE, "B", 22_000, ms(100));
        r.allocation(SITE, ms(120), List.of(limit("A", 1, 15_000), limit("B", 2, 15_000)));
        r.session(SITE, "C", 3, true, ms(130));

        Reallocations.Result result = r.evaluate(ms(50), ms(200), ms(300));

        assertThat(result.events()).isEqualTo(2);
        assertThat(result.incomplete()).isEqualTo(1);
        assertThat(result.unreflected()).isEqualTo(1);
        assertThat(result.reallocations().count()).isZero();
        assertThat(result.reactingKws()).isCloseTo(14 * 0.200, within(1e-9)); // 100 ms to the end
        assertThat(result.beyondKws()).isZero();
    }

    @Test
    void anUnknownSiteIsRefused() {
        Reallocations r = new Reallocations(Map.of(SITE, 1L));
        assertThatThrownBy(() -> r.draw("site_2", "A", 1, 0)).hasMessageContaining("unknown site site_2");
    }
}
