package org.dynamocsms.query.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChargerCountsTest {

    @Test
    void theChargersMatchingAStatusFilterComeFromTheCounts() {
        ChargerCounts counts = ChargerCounts.of(new FleetSummaryJson(14, 9, 5, 4, 3, 1, 4, 0.0));

        assertThat(counts.matching(null)).isEqualTo(14);
        assertThat(counts.matching(FleetStatus.ONLINE)).isEqualTo(9);
        assertThat(counts.matching(FleetStatus.OFFLINE)).isEqualTo(5);
        assertThat(counts.matching(FleetStatus.CHARGING)).isEqualTo(4);
        assertThat(counts.matching(FleetStatus.AVAILABLE)).isEqualTo(3);
        assertThat(counts.matching(FleetStatus.FAULTED)).isEqualTo(1);
        assertThat(ChargerCounts.NONE.matching(FleetStatus.OFFLINE)).isZero();
    }
}
