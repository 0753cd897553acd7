package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.dynamocsms.bench.SyntheticHistory.Fact;
import org.dynamocsms.bench.SyntheticHistory.Totals;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.junit.jupiter.api.Test;

class SyntheticHistoryTest {

    private static final Instant T = Instant.parse("2024-06-01T00:00:00Z");
    private static final long MINUTE = 60_000;

    @Test
    void totalsFollowConnectionFaultsAndChargingByHand() {
        List<Fact> facts = List.of(
                Fact.connection(at(10), true),
                Fact.status(at(10), 0, ConnectorStatus.Available),
                Fact.status(at(10), 1, ConnectorStatus.Available),
                Fact.status(at(20), 1, ConnectorStatus.Charging),
                Fact.status(at(50), 1, ConnectorStatus.Faulted),
                Fact.status(at(60), 1, ConnectorStatus.Available),
                Fact.connection(at(70), false),
                Fact.connection(at(80), true));
        // period [0, 100) min: nothing before 10; connected 10-70 and 80-100 = 80 min; up = online minus the fault
        // 50-60 = 70 min; charging 20-50 = 30 min; counted 10-100 = 90 min
        assertThat(SyntheticHistory.totals(facts, at(0), at(100)))
                .isEqualTo(new Totals(90 * MINUTE, 70 * MINUTE, 80 * MINUTE, 30 * MINUTE));
        // period [30, 75): counted 45; online 30-70 = 40; up 40 - 10 = 30; charging 30-50 = 20
        assertThat(SyntheticHistory.totals(facts, at(30), at(75)))
                .isEqualTo(new Totals(45 * MINUTE, 30 * MINUTE, 40 * MINUTE, 20 * MINUTE));
    }

    @Test
    void aChargerWithEveryConnectorFaultedIsDownButOneOfTwoIsEnough() {
        List<Fact> facts = List.of(
                Fact.connection(at(0), true),
                Fact.status(at(0), 0, ConnectorStatus.Available),
                Fact.status(at(0), 1, ConnectorStatus.Faulted),
                Fact.status(at(0), 2, ConnectorStatus.Available),
                Fact.status(at(30), 2, ConnectorStatus.Unavailable));
        // up while connector 2 is usable: 0-30 of [0, 60)
        assertThat(SyntheticHistory.totals(facts, at(0), at(60)).up()).isEqualTo(30 * MINUTE);
    }

    @Test
    void theSameChargerNumberGivesTheSameHistoryInTimeOrder() {
        List<Fact> history = SyntheticHistory.of(7, T, 30);
        assertThat(history).isEqualTo(SyntheticHistory.of(7, T, 30));
        assertThat(history).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
        // connected + 2 statuses (odd: one connector) + two sessions of two facts a day, plus faults and outages
        assertThat(history.size()).isBetween(3 + 4 * 30, 3 + 8 * 30);
        assertThat(history.get(history.size() - 1).at()).isBefore(T.plus(Duration.ofDays(30)));
    }

    private static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }
}
