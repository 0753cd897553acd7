package org.dynamocsms.projection;

/** Power figures as the API shows them. */
public final class Kilowatts {

    private Kilowatts() {
    }

    /**
     * {@code kw} rounded to the watt (3 decimals), so a sum of readings prints as {@code 87.4}, not
     * {@code 87.39999999999999}.
     */
    public static double round(double kw) {
        return of(watts(kw));
    }

    /** {@code kw} in whole watts: sums of these are exact in any order, as sums of kilowatt doubles are not. */
    public static long watts(double kw) {
        return Math.round(kw * 1000);
    }

    /** {@code watts} in kilowatts: {@code of(watts(kw))} is {@code kw} rounded to the watt. */
    public static double of(long watts) {
        return watts / 1000.0;
    }
}
