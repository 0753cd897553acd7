package org.dynamocsms.query.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.call.ChargingLimits.MAX;
import static org.dynamocsms.query.call.ChargingLimits.TX;
import static org.dynamocsms.query.call.ChargingLimits.TX_DEFAULT;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.query.call.ChargingLimits.Limit;
import org.dynamocsms.query.call.ChargingLimits.Profile;
import org.junit.jupiter.api.Test;

/** OCPP 1.6's composite schedule at one instant: which profiles apply, and each connector's limit. */
class ChargingLimitsTest {

    private static final Instant NOW = Instant.parse("2024-06-01T10:30:00Z");
    private static final Instant INSTALLED_AT = Instant.parse("2024-06-01T09:00:00Z");
    private static final Map<Integer, OptionalInt> IDLE = Map.of(1, OptionalInt.empty(), 2, OptionalInt.empty());
    private static final Map<Integer, OptionalInt> CHARGING_42 = Map.of(1, OptionalInt.of(42), 2, OptionalInt.empty());

    @Test
    void perPurposeTheProfileWithTheHighestStackLevelWins() {
        List<Profile> profiles = List.of(absolute(1, 10, 0, TX_DEFAULT, "A", 16), absolute(1, 11, 1, TX_DEFAULT, "A", 10));

        assertThat(ChargingLimits.limits(profiles, IDLE, NOW)).containsExactly(new Limit(1, 10, "A", TX_DEFAULT, 11));
        // both apply; the lower one is overridden, not inactive
        assertThat(profiles).allMatch(p -> ChargingLimits.active(p, IDLE, NOW));
    }

    @Test
    void aTxProfileOverridesTheTxDefaultProfileOnlyWhileItsTransactionRuns() {
        Profile txDefault = absolute(1, 10, 0, TX_DEFAULT, "A", 16);
        Profile tx42 = tx(1, 20, 42, 32);

        assertThat(ChargingLimits.limits(List.of(txDefault, tx42), CHARGING_42, NOW))
                .containsExactly(new Limit(1, 32, "A", TX, 20));
        for (Map<Integer, OptionalInt> other : List.of(IDLE, Map.of(1, OptionalInt.of(43)),
                Map.of(2, OptionalInt.of(42)))) {
            assertThat(ChargingLimits.active(tx42, other, NOW)).as(other.toString()).isFalse();
            assertThat(ChargingLimits.limits(List.of(txDefault, tx42), other, NOW))
                    .contains(new Limit(1, 16, "A", TX_DEFAULT, 10));
        }
        // a TxProfile naming no transaction applies to whichever runs on its connector
        Profile anyTransaction = tx(1, 21, null, 8);
        assertThat(ChargingLimits.active(anyTransaction, Map.of(1, OptionalInt.of(7)), NOW)).isTrue();
        assertThat(ChargingLimits.active(anyTransaction, IDLE, NOW)).isFalse();
    }

    @Test
    void aConnectorsOwnTxDefaultProfileOverridesConnectorZeros() {
        List<Profile> profiles = List.of(absolute(0, 1, 5, TX_DEFAULT, "A", 16), absolute(2, 2, 0, TX_DEFAULT, "A", 10));

        assertThat(ChargingLimits.limits(profiles, IDLE, NOW)).containsExactly(new Limit(1, 16, "A", TX_DEFAULT, 1),
                new Limit(2, 10, "A", TX_DEFAULT, 2));
    }

    @Test
    void theChargePointMaxProfileCapsEachConnectorInTheSameUnitAndIsConnectorZerosLimit() {
        Profile max = absolute(0, 1, 0, MAX, "A", 12);
        List<Profile> profiles = List.of(max, absolute(1, 10, 0, TX_DEFAULT, "A", 16),
                absolute(2, 11, 0, TX_DEFAULT, "A", 8));

        assertThat(ChargingLimits.limits(profiles, IDLE, NOW)).containsExactly(new Limit(0, 12, "A", MAX, 1),
                new Limit(1, 12, "A", MAX, 1), new Limit(2, 8, "A", TX_DEFAULT, 11));
        // alone, it limits the charge point, not each connector
        assertThat(ChargingLimits.limits(List.of(max), IDLE, NOW)).containsExactly(new Limit(0, 12, "A", MAX, 1));
    }

    @Test
    void limitsInAmpsAndWattsAreNeverComparedTheCapStandsApart() {
        List<Profile> profiles = List.of(absolute(0, 1, 0, MAX, "W", 11000), absolute(1, 10, 0, TX_DEFAULT, "A", 16));

        assertThat(ChargingLimits.limits(profiles, IDLE, NOW)).containsExactly(new Limit(0, 11000, "W", MAX, 1),
                new Limit(1, 16, "A", TX_DEFAULT, 10));
    }

    @Test
    void aProfileAppliesOnlyFromItsValidFromUntilItsValidTo() {
        Profile txDefault = absolute(1, 10, 0, TX_DEFAULT, "A", 16);
        Profile expired = profile(1, 11, 1, TX_DEFAULT, null, """
                {"chargingProfileKind": "Absolute", "validTo": "2024-06-01T10:30:00Z", "chargingSchedule":
                 {"startSchedule": "2024-06-01T00:00:00Z", "chargingRateUnit": "A",
                  "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 6}]}}""");
        Profile notYet = profile(1, 12, 2, TX_DEFAULT, null, """
                {"chargingProfileKind": "Absolute", "validFrom": "2024-06-01T10:30:01Z", "chargingSchedule":
                 {"startSchedule": "2024-06-01T00:00:00Z", "chargingRateUnit": "A",
                  "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 6}]}}""");

        assertThat(ChargingLimits.active(expired, IDLE, NOW)).isFalse();
        assertThat(ChargingLimits.active(expired, IDLE, NOW.minusMillis(1))).isTrue();
        assertThat(ChargingLimits.active(notYet, IDLE, NOW)).isFalse();
        assertThat(ChargingLimits.active(notYet, IDLE, NOW.plusSeconds(1))).isTrue();
        assertThat(ChargingLimits.limits(List.of(txDefault, expired, notYet), IDLE, NOW))
                .containsExactly(new Limit(1, 16, "A", TX_DEFAULT, 10));
    }

    @Test
    void anAbsoluteScheduleIsInTheLastPeriodStartedSinceItsStartUntilItsDurationIsOver() {
        Profile profile = profile(1, 10, 0, TX_DEFAULT, null, """
                {"chargingProfileKind": "Absolute", "chargingSchedule": {"startSchedule": "2024-06-01T10:00:00Z",
                 "duration": 9000, "chargingRateUnit": "W", "chargingSchedulePeriod": [
                  {"startPeriod": 7200, "limit": 3000}, {"startPeriod": 0, "limit": 11000},
                  {"startPeriod": 3600, "limit": 7400.5}]}}""");

        assertThat(limitAt(profile, "2024-06-01T09:59:59Z")).isNull();
        assertThat(limitAt(profile, "2024-06-01T10:00:00Z")).isEqualTo(11000);
        assertThat(limitAt(profile, "2024-06-01T10:59:59.999Z")).isEqualTo(11000);
        assertThat(limitAt(profile, "2024-06-01T11:00:00Z")).isEqualTo(7400.5);
        assertThat(limitAt(profile, "2024-06-01T12:29:59Z")).isEqualTo(3000);
        assertThat(limitAt(profile, "2024-06-01T12:30:00Z")).isNull();
        assertThat(ChargingLimits.active(profile, IDLE, Instant.parse("2024-06-01T12:30:00Z"))).isFalse();
    }

    @Test
    void anAbsoluteScheduleWithoutAStartStartsWhenTheChargerAcceptedIt() {
        Profile profile = profile(1, 10, 0, TX_DEFAULT, null, """
                {"chargingProfileKind": "Absolute", "chargingSchedule": {"chargingRateUnit": "A",
                 "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16}, {"startPeriod": 3600, "limit": 8}]}}""");

        assertThat(limitAt(profile, "2024-06-01T09:59:59Z")).isEqualTo(16);
        assertThat(limitAt(profile, "2024-06-01T10:00:00Z")).isEqualTo(8);
    }

    @Test
    void aRecurringScheduleStartsAgainEachDayOrWeek() {
        Profile daily = profile(0, 1, 0, MAX, null, """
                {"chargingProfileKind": "Recurring", "recurrencyKind": "Daily", "chargingSchedule":
                 {"startSchedule": "2024-05-01T00:00:00Z", "chargingRateUnit": "A", "chargingSchedulePeriod": [
                  {"startPeriod": 0, "limit": 32}, {"startPeriod": 64800, "limit": 10}]}}""");
        // from Monday 27 May; from Saturday 00:00 on, 16 A
        Profile weekly = profile(0, 2, 0, MAX, null, """
                {"chargingProfileKind": "Recurring", "recurrencyKind": "Weekly", "chargingSchedule":
                 {"startSchedule": "2024-05-27T00:00:00Z", "chargingRateUnit": "A", "chargingSchedulePeriod": [
                  {"startPeriod": 0, "limit": 32}, {"startPeriod": 432000, "limit": 16}]}}""");

        assertThat(limitAt(daily, "2024-06-01T08:00:00Z")).isEqualTo(32);
        assertThat(limitAt(daily, "2024-06-01T18:00:00Z")).isEqualTo(10);
        assertThat(limitAt(daily, "2024-06-02T00:00:00Z")).isEqualTo(32);
        assertThat(limitAt(daily, "2024-04-30T23:00:00Z")).isNull();
        assertThat(limitAt(weekly, "2024-06-02T12:00:00Z")).isEqualTo(16);
        assertThat(limitAt(weekly, "2024-06-05T12:00:00Z")).isEqualTo(32);
    }

    @Test
    void aRelativeScheduleIsReadAsStartingNowItsFirstPeriod() {
        Profile profile = tx(1, 20, 42, 32);

        assertThat(limitAt(profile, "2030-01-01T00:00:00Z")).isEqualTo(32);
    }

    @Test
    void aConnectorThatHasNoProfileInForceHasNoLimit() {
        assertThat(ChargingLimits.limits(List.of(), IDLE, NOW)).isEmpty();
        // a connector the live state does not list still shows its own profile's limit
        assertThat(ChargingLimits.limits(List.of(absolute(3, 10, 0, TX_DEFAULT, "A", 16)), Map.of(), NOW))
                .containsExactly(new Limit(3, 16, "A", TX_DEFAULT, 10));
    }

    private static Double limitAt(Profile profile, String at) {
        return ChargingLimits.limit(profile, Instant.parse(at)).map(Limit::limit).orElse(null);
    }

    /** An Absolute profile limited to {@code limit} since 2024-06-01T00:00:00Z. */
    private static Profile absolute(int connectorId, int id, int stackLevel, String purpose, String unit,
                                    double limit) {
        return profile(connectorId, id, stackLevel, purpose, null, """
                {"chargingProfileKind": "Absolute", "chargingSchedule": {"startSchedule": "2024-06-01T00:00:00Z",
                 "chargingRateUnit": "%s", "chargingSchedulePeriod": [{"startPeriod": 0, "limit": %s}]}}"""
                .formatted(unit, limit));
    }

    /** A Relative TxProfile of {@code limit} A for {@code transactionId} (null: any). */
    private static Profile tx(int connectorId, int id, Integer transactionId, double limit) {
        return profile(connectorId, id, 0, TX, transactionId, """
                {"chargingProfileKind": "Relative", "chargingSchedule": {"chargingRateUnit": "A",
                 "chargingSchedulePeriod": [{"startPeriod": 0, "limit": %s}, {"startPeriod": 60, "limit": 1}]}}"""
                .formatted(limit));
    }

    private static Profile profile(int connectorId, int id, int stackLevel, String purpose, Integer transactionId,
                                   String json) {
        try {
            return new Profile(connectorId, id, stackLevel, purpose, transactionId, new ObjectMapper().readTree(json),
                    "call_" + id, INSTALLED_AT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
