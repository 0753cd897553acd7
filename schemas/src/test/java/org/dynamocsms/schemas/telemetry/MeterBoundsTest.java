package org.dynamocsms.schemas.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MeterBoundsTest {

    private static MeterSample sample(Double energyWh, Double powerW) {
        return MeterSample.newBuilder().setSampledAt(Instant.parse("2024-06-01T10:00:00Z")).setEnergyWh(energyWh)
                .setPowerW(powerW).build();
    }

    @Test
    void holdsReadingsWithinTheBounds() {
        assertThat(MeterBounds.holds(sample(12_345.6, 7_400.0))).isTrue();
        assertThat(MeterBounds.holds(sample(null, MeterBounds.POWER_W))).isTrue();
        assertThat(MeterBounds.holds(sample(MeterBounds.ENERGY_WH, null))).isTrue();
        assertThat(MeterBounds.holds(sample(null, null))).isTrue();
    }

    @Test
    void doesNotHoldNonFiniteOrAbsurdReadings() {
        assertThat(MeterBounds.holds(sample(Double.POSITIVE_INFINITY, null))).isFalse();
        assertThat(MeterBounds.holds(sample(Double.NaN, 1.0))).isFalse();
        assertThat(MeterBounds.holds(sample(1.0, Double.POSITIVE_INFINITY))).isFalse();
        assertThat(MeterBounds.holds(sample(1e308, null))).isFalse();
        assertThat(MeterBounds.holds(sample(null, 1.7e308))).isFalse();
        assertThat(MeterBounds.holds(sample(null, -MeterBounds.POWER_W - 1))).isFalse();
        assertThat(MeterBounds.holds(sample(MeterBounds.ENERGY_WH + 1, null))).isFalse();
    }
}
