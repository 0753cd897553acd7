package org.dynamocsms.schemas.telemetry;

import org.dynamocsms.schemas.values.Storable;

/**
 * The physical bounds of a meter sample. A charger's power is at most 10 MW either way (more than twice the most
 * powerful megawatt charger), and its energy register reads at most 10^12 Wh either way (1 TWh: a 10 MW charger at
 * full power for over eleven years; a double, exact to 2^53, and the read store hold it exactly). The OCPP gateway refuses a sample beyond them; the projections ignore one that arrives all the same.
 */
public final class MeterBounds {

    public static final double POWER_W = 10e6;
    public static final double ENERGY_WH = 1e12;

    private MeterBounds() {
    }

    /** True if the sample's power and energy (each where given) are finite and within the bounds. */
    public static boolean holds(MeterSample sample) {
        return within(sample.getPowerW(), POWER_W) && within(sample.getEnergyWh(), ENERGY_WH);
    }

    private static boolean within(Double value, double bound) {
        return value == null || Storable.number(value, -bound, bound).isEmpty();
    }
}
