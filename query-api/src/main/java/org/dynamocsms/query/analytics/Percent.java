package org.dynamocsms.query.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the analytics round: percentages to 0.1 and durations to the minute, half up. */
public final class Percent {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final long MINUTE_MS = 60_000;

    private Percent() {
    }

    /** part / whole * 100, to 0.1 half up (exactly, in decimal); null when whole is 0. */
    public static Double of(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Milliseconds in whole minutes, half up. */
    public static long minutes(long millis) {
        return Math.floorDiv(millis + MINUTE_MS / 2, MINUTE_MS);
    }
}
