package org.dynamocsms.projection.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The allocation rule of {@link PowerAllocation} holds for any site and up to 50 sessions with any minimums,
 * maximums and reservations. Figures are compared in whole watts as the rule defines them: a minimum rounded up
 * (capped by the maximum), a maximum and a draw rounded down.
 */
class PowerAllocationPropertiesTest {

    private static final Instant T0 = Instant.parse("2024-06-01T08:00:00Z");
    private static final Comparator<Session> PRIORITY = Comparator.comparing(Session::startedAt)
            .thenComparing(Session::chargePointId)
            .thenComparingInt(Session::connectorId);

    @Property(tries = 1000)
    void theLimitsNeverSumAboveWhatIsAvailable(@ForAll("power") SitePower power,
                                               @ForAll("sessions") List<Session> sessions) {
        Allocation allocation = PowerAllocation.allocate(power, sessions);

        assertThat(allocation.availableW()).isEqualTo(power.availableW()).isNotNegative();
        assertThat(allocation.limitsW().keySet())
                .containsExactlyInAnyOrderElementsOf(sessions.stream().map(Session::key).toList());
        assertThat(allocation.limitsW().values()).allSatisfy(limit ->
                assertThat(limit).isNotNegative().isEqualTo(Math.floor(limit)));
        long sum = sum(allocation);
        assertThat(sum).isLessThanOrEqualTo(wattsDown(power.availableW()));
        assertThat(allocation.headroomW()).isNotNegative().isEqualTo(power.availableW() - sum);
    }

    @Property(tries = 1000)
    void aLimitIsZeroOrBetweenTheMinimumAndTheMaximum(@ForAll("power") SitePower power,
                                                      @ForAll("sessions") List<Session> sessions) {
        Allocation allocation = PowerAllocation.allocate(power, sessions);

        for (Session session : unreserved(sessions)) {
            double limit = limit(allocation, session);
            if (limit != 0) {
                assertThat(limit).as("%s", session).isBetween((double) minimum(session), session.maxW());
            }
        }
    }

    @Property(tries = 1000)
    void reservedSessionsGetTheirDrawWhileItLastsAndNeverMore(@ForAll("power") SitePower power,
                                                              @ForAll("sessions") List<Session> sessions) {
        Allocation allocation = PowerAllocation.allocate(power, sessions);

        long left = wattsDown(power.availableW());
        for (Session session : sorted(sessions)) {
            if (session.reservation() != null) {
                double limit = limit(allocation, session);
                assertThat(limit).as("%s", session).isLessThanOrEqualTo(session.reservation().drawW())
                        .isEqualTo(Math.min(wattsDown(session.reservation().drawW()), left));
                left -= (long) limit;
            }
        }
        if (left == 0) {
            // a reservation used up the power: nobody else is given any
            for (Session session : unreserved(sessions)) {
                assertThat(limit(allocation, session)).as("%s", session).isZero();
            }
        }
    }

    @Property(tries = 1000)
    void sessionsArePausedOnlyWhenTheirMinimumDoesNotFitLatestFirst(@ForAll("power") SitePower power,
                                                                    @ForAll("sessions") List<Session> sessions) {
        Allocation allocation = PowerAllocation.allocate(power, sessions);

        long left = wattsDown(power.availableW()) - reserved(allocation, sessions);
        long minimums = 0;
        boolean paused = false;
        for (Session session : unreserved(sessions)) {
            double limit = limit(allocation, session);
            if (paused) {
                assertThat(limit).as("%s, after one paused", session).isZero();
            } else if (limit == 0 && minimum(session) > 0) {
                assertThat(minimums + minimum(session)).as("minimums up to %s", session).isGreaterThan(left);
                paused = true;
            } else {
                minimums += minimum(session);
            }
        }
        assertThat(minimums).isLessThanOrEqualTo(left);
    }

    @Property(tries = 1000)
    void nobodyCouldBeGivenMoreWithoutTakingFromSomeoneWithNoMore(@ForAll("power") SitePower power,
                                                                  @ForAll("sessions") List<Session> sessions) {
        Allocation allocation = PowerAllocation.allocate(power, sessions);

        List<Session> given = unreserved(sessions).stream().filter(s -> limit(allocation, s) > 0).toList();
        for (Session poorer : given) {
            for (Session richer : given) {
                if (limit(allocation, poorer) < limit(allocation, richer)) {
                    assertThat(limit(allocation, poorer) == maximum(poorer)
                            || limit(allocation, richer) == minimum(richer))
                            .as("%s has less than %s", poorer, richer).isTrue();
                }
            }
        }
        // so those above their minimum and below their maximum share one level
        assertThat(given.stream()
                .filter(s -> limit(allocation, s) > minimum(s) && limit(allocation, s) < maximum(s))
                .map(s -> limit(allocation, s))
                .distinct()).hasSizeLessThanOrEqualTo(1);
    }

    @Property(tries = 1000)
    void lessThanAWattPerSessionBelowItsMaximumIsLeftUnused(@ForAll("power") SitePower power,
                                                            @ForAll("sessions") List<Session> sessions) {
        Allocation allocation = PowerAllocation.allocate(power, sessions);

        long unused = wattsDown(power.availableW()) - sum(allocation);
        // the sessions given their minimum: those before the first paused one (after it, even a minimum of 0 W)
        List<Session> admitted = unreserved(sessions).stream()
                .takeWhile(s -> limit(allocation, s) > 0 || minimum(s) == 0)
                .toList();
        long couldTakeMore = admitted.stream().filter(s -> limit(allocation, s) < maximum(s)).count();
        if (couldTakeMore > 0) {
            assertThat(unused).isLessThan(couldTakeMore);
        }
    }

    @Property(tries = 1000)
    void enoughForEveryMaximumGivesEveryoneItsMaximum(@ForAll("sessions") List<Session> anySessions,
                                                      @ForAll @DoubleRange(max = 100_000) double spareW) {
        List<Session> sessions = anySessions.stream().map(PowerAllocationPropertiesTest::withKnownMaximum).toList();
        double needed = 0;
        for (Session session : sessions) {
            needed += session.reservation() != null ? wattsDown(session.reservation().drawW()) : maximum(session);
        }
        Allocation allocation = PowerAllocation.allocate(new SitePower(needed + spareW, 0), sessions);

        for (Session session : sessions) {
            assertThat(limit(allocation, session)).as("%s", session).isEqualTo(session.reservation() != null
                    ? wattsDown(session.reservation().drawW()) : maximum(session));
        }
    }

    @Property(tries = 1000)
    void theSameSessionsInAnyOrderGetTheSameAllocation(@ForAll("power") SitePower power,
                                                       @ForAll("sessions") List<Session> sessions,
                                                       @ForAll Random random) {
        List<Session> shuffled = new ArrayList<>(sessions);
        Collections.shuffle(shuffled, random);

        Allocation allocation = PowerAllocation.allocate(power, sessions);
        Allocation again = PowerAllocation.allocate(power, shuffled);

        assertThat(again).isEqualTo(allocation);
        assertThat(new ArrayList<>(again.limitsW().keySet()))
                .containsExactlyElementsOf(allocation.limitsW().keySet()).isSorted();
    }

    @Provide
    Arbitrary<SitePower> power() {
        Arbitrary<Double> maxPowerW = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300).map(kw -> kw * 1_000.0),
                Arbitraries.doubles().between(0, 2_000_000).ofScale(2));
        Arbitrary<Double> generationW = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0.0)),
                Tuple.of(3, Arbitraries.doubles().between(-200_000, 200_000).ofScale(1)));
        return Combinators.combine(maxPowerW, generationW).as(SitePower::new);
    }

    @Provide
    Arbitrary<List<Session>> sessions() {
        Arbitrary<Double> minW = Arbitraries.oneOf(
                Arbitraries.of(0.0, 1_380.0, 4_140.0, 4_140.5),
                Arbitraries.doubles().between(0, 12_000).ofScale(2));
        Arbitrary<Double> maxW = Arbitraries.oneOf(
                Arbitraries.of(Double.POSITIVE_INFINITY, 0.0, 3_680.0, 7_400.0, 11_000.0, 22_000.0, 150_000.0),
                Arbitraries.doubles().between(0, 60_000).ofScale(2));
        Arbitrary<Reservation> reservation = Combinators.combine(
                        Arbitraries.of(Reservation.Reason.class),
                        Arbitraries.doubles().between(0, 80_000).ofScale(1))
                .as(Reservation::new)
                .injectNull(0.7);
        Arbitrary<Session> session = Combinators.combine(
                        Arbitraries.integers().between(0, 49).map(i -> "CP-" + i),
                        Arbitraries.integers().between(1, 2),
                        Arbitraries.integers().between(1, 1_000_000),
                        Arbitraries.integers().between(0, 20).map(T0::plusSeconds),
                        minW, maxW, reservation)
                .as(Session::new);
        return session.list().ofMaxSize(50).uniqueElements(Session::key);
    }

    private static Session withKnownMaximum(Session session) {
        return session.maxW() != Double.POSITIVE_INFINITY ? session : new Session(session.chargePointId(),
                session.connectorId(), session.transactionId(), session.startedAt(), session.minW(), 22_000,
                session.reservation());
    }

    private static List<Session> sorted(List<Session> sessions) {
        return sessions.stream().sorted(PRIORITY).toList();
    }

    private static List<Session> unreserved(List<Session> sessions) {
        return sorted(sessions).stream().filter(s -> s.reservation() == null).toList();
    }

    private static double limit(Allocation allocation, Session session) {
        return allocation.limitsW().get(session.key());
    }

    private static long sum(Allocation allocation) {
        return allocation.limitsW().values().stream().mapToLong(Double::longValue).sum();
    }

    private static long reserved(Allocation allocation, List<Session> sessions) {
        return sessions.stream().filter(s -> s.reservation() != null).mapToLong(s -> (long) limit(allocation, s))
                .sum();
    }

    /** The session's minimum in whole watts: rounded up, no more than its maximum. */
    private static long minimum(Session session) {
        return Math.min((long) Math.ceil(session.minW()), maximum(session));
    }

    /** The session's maximum in whole watts, rounded down (Long.MAX_VALUE when unknown). */
    private static long maximum(Session session) {
        return wattsDown(session.maxW());
    }

    private static long wattsDown(double watts) {
        return (long) Math.floor(watts);
    }
}
