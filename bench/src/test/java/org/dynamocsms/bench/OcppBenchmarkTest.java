package org.dynamocsms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OcppBenchmarkTest {

    @Test
    void aLoadSitesCeilingCoversEveryRatedConnectorOfItsFullestShare() {
        // 9,997 load chargers on 1,000 sites: at most 10 each, two 22 kW connectors apiece
        assertThat(OcppBenchmark.loadSiteKw(9_997, 1_000)).isEqualTo(440);
        assertThat(OcppBenchmark.loadSiteKw(10, 3)).as("4 on the fullest").isEqualTo(176);
        assertThat(OcppBenchmark.loadSiteKw(9_997, 0)).as("no load sites").isZero();
    }
}
