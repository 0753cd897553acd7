package org.dynamocsms.query.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Utilisation: the charging time (connected, a connector Charging) over the online time (connected) of a span,
 * before now. Maintenance does not change it.
 */
public final class Utilisation {

    /** A bucket's span and its utilisation. */
    public record Bucket(Span span, Double percent) {
    }

    private Utilisation() {
    }

    /** Rounded half up to 0.1; null when the charger was not online in the span. */
    public static Double percent(CumulativeTimeline timeline, Span span) {
        return Percent.of(timeline.chargingMillis(span), timeline.onlineMillis(span));
    }

    /** Each bucket's utilisation, from a timeline holding every interval from the first bucket's start on. */
    public static List<Bucket> buckets(CumulativeTimeline timeline, List<Span> buckets) {
        List<Bucket> result = new ArrayList<>(buckets.size());
        for (Span bucket : buckets) {
            result.add(new Bucket(bucket, percent(timeline, bucket)));
        }
        return result;
    }
}
