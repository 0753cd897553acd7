package org.dynamocsms.query.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One interval of a charger's timeline, as the projection publishes it: from {@code startAt} to {@code endAt}
 * (null: the latest, still going on) the charger was {@code connected}, {@code up} and {@code charging} or not;
 * the {@code *BeforeMs} are the totals of each from the charger's {@code firstAt} to {@code startAt}.
 */
public record StatusInterval(Instant startAt, Instant endAt, boolean connected, boolean up, boolean charging,
                             Instant firstAt, long upBeforeMs, long onlineBeforeMs, long chargingBeforeMs) {

    public StatusInterval {
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(firstAt, "firstAt");
    }
}
