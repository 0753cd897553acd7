package org.dynamocsms.projection.load;

/**
 * What a site has: its ceiling ({@code max_power_kw} in watts) and its on-site generation now, both finite.
 *
 * @param generationW the sum of the site's energy assets' latest output (a discharging battery adds, a charging one
 *                    is negative)
 */
public record SitePower(double maxPowerW, double generationW) {

    public SitePower {
        if (!Double.isFinite(maxPowerW) || !Double.isFinite(generationW)) {
            throw new IllegalArgumentException(
                    "maxPowerW and generationW must be finite: " + maxPowerW + ", " + generationW);
        }
    }

    /** max(0, maxPowerW + generationW): generation raises the ceiling, a charging battery lowers it. */
    public double availableW() {
        return Math.max(0, maxPowerW + generationW);
    }
}
