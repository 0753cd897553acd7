package org.dynamocsms.projection.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.dynamocsms.projection.charger.ChargerLiveStates;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.jboss.logging.Logger;

/**
 * A charger's history: its timeline facts ({@link TimelinePoints}) kept in order, and the status intervals and error
 * episodes they give.
 * <ul>
 *   <li>The timeline starts (first_at) at its earliest fact; time before it is not counted.</li>
 *   <li>Connected from a connect until the next disconnect of its connection: a disconnect counts only if the
 *   latest connect before it has its connection id (or either has none); otherwise it is the end of a connection
 *   that a newer one superseded, and changes nothing. Up while connected, connector 0's latest status is
 *   neither Faulted nor Unavailable and, once any connector &ge; 1 reported, at least one of them is neither (a
 *   charger is up while any connector can charge). Charging while connected with a connector &ge; 1 Charging.</li>
 *   <li>An error episode of a connector begins with a status whose error code is not NoError, or which is Faulted;
 *   it goes on while the connector's statuses are such errors with the same code, and the connector's next other
 *   status resolves it at that status's time (beginning a new episode if it is an error with another code).</li>
 *   <li>A fact identical to one held (same event id, or a disconnect of the same connection at the same time)
 *   changes nothing. A late fact takes its place in the order, and everything from its time on is worked out again.</li>
 *   <li>When a fact becomes the newest (registrations aside), the facts up to the start of the interval holding
 *   the {@link #HORIZON} before it are folded into the base: its state then (base_points) and the totals up to then. They are final; a
 *   fact arriving later at or before base_at is dropped.</li>
 * </ul>
 */
public final class ChargerTimelines {

    /** How much older than a timeline's newest fact its facts may be before they are folded into its base. */
    public static final Duration HORIZON = Duration.ofDays(7);

    private static final Logger LOG = Logger.getLogger(ChargerTimelines.class);

    private ChargerTimelines() {
    }

    /**
     * The timeline with {@code point}, one version later; {@code held} itself if the point changes nothing (a
     * duplicate, or at or before base_at). {@code held} is null before the charger's first fact.
     */
    public static ChargerTimeline add(ChargerTimeline held, TimelinePoint point, String chargePointId,
                                      String organisationId) {
        ChargerTimeline timeline = held != null ? held : ChargerTimeline.newBuilder()
                .setChargePointId(chargePointId).setOrganisationId(organisationId).build();
        if (isFinal(timeline, point) || isHeld(timeline.getPoints(), point)) {
            return held;
        }
        List<TimelinePoint> points = new ArrayList<>(timeline.getPoints());
        points.add(-Collections.binarySearch(points, point, TimelinePoints.ORDER) - 1, point);
        Instant firstAt = timeline.getFirstAt();
        ChargerTimeline next = ChargerTimeline.newBuilder(timeline).setPoints(points)
                .setFirstAt(firstAt == null || point.getAt().isBefore(firstAt) ? point.getAt() : firstAt)
                .setVersion(timeline.getVersion() + 1).build();
        // only a newest fact moves the horizon; it changes nothing before its time, so nothing it makes final
        // differs from what was published already
        boolean newest = point.getKind() != TimelinePointKind.registered
                && !point.getAt().isBefore(newestReported(points));
        return newest ? folded(next) : next;
    }

    /** From base_at (or first_at) on, by start; the latest has no end. */
    public static List<ChargerStatusInterval> intervals(ChargerTimeline timeline) {
        return TimelineFold.over(timeline, timeline.getVersion()).intervals();
    }

    /** The episodes resolved after base_at and those still open, by started_at, then event id. */
    public static List<ChargerError> errors(ChargerTimeline timeline) {
        return TimelineFold.over(timeline, timeline.getVersion()).errors();
    }

    /** {@code <charge_point_id>@<start_at epoch millis>}: the interval's key on its projection topic. */
    public static String key(ChargerStatusInterval interval) {
        return interval.getChargePointId() + "@" + interval.getStartAt().toEpochMilli();
    }

    /**
     * The time of the newest fact the charger (or its connection) reported. A registration does not count: it is
     * recorded when it happens, and history published afterwards for the time before it (a backfill) must not fall
     * behind the horizon at once.
     */
    private static Instant newestReported(List<TimelinePoint> points) {
        for (int i = points.size() - 1; i >= 0; i--) {
            if (points.get(i).getKind() != TimelinePointKind.registered) {
                return points.get(i).getAt();
            }
        }
        return Instant.MIN;
    }

    /** Whether {@code point} comes at or before base_at, where the history is final (it is dropped, with a warning). */
    static boolean isFinal(ChargerTimeline timeline, TimelinePoint point) {
        if (timeline.getBaseAt() == null || point.getAt().isAfter(timeline.getBaseAt())) {
            return false;
        }
        LOG.warnf("Dropping %s %s of %s at %s: its history up to %s is final", point.getKind(), point.getEventId(),
                timeline.getChargePointId(), point.getAt(), timeline.getBaseAt());
        return true;
    }

    /** Whether {@code point} is one of {@code points} (a fact is at the same instant as itself). */
    static boolean isHeld(List<TimelinePoint> points, TimelinePoint point) {
        return points.stream().anyMatch(held -> isSame(held, point));
    }

    private static boolean isSame(TimelinePoint held, TimelinePoint point) {
        return held.getEventId().equals(point.getEventId())
                || held.getKind() == TimelinePointKind.disconnected && point.getKind() == TimelinePointKind.disconnected
                && held.getAt().equals(point.getAt())
                && ChargerLiveStates.endsConnection(point.getConnectionId(), held.getConnectionId());
    }

    /**
     * The timeline with the facts up to the start of the interval holding the horizon folded into the base, unless
     * that interval is the first listed. Folding up to an interval's start splits no interval.
     */
    private static ChargerTimeline folded(ChargerTimeline timeline) {
        Instant horizon = newestReported(timeline.getPoints()).minus(HORIZON);
        Optional<ChargerStatusInterval> base = intervals(timeline).stream().skip(1)
                .filter(interval -> !interval.getStartAt().isAfter(horizon)).reduce((earlier, later) -> later);
        if (base.isEmpty()) {
            return timeline;
        }
        Instant baseAt = base.get().getStartAt();
        return ChargerTimeline.newBuilder(timeline).setBaseAt(baseAt)
                .setBasePoints(TimelineFold.until(timeline, baseAt).basePoints())
                .setPoints(timeline.getPoints().stream().filter(point -> point.getAt().isAfter(baseAt)).toList())
                .setUpBeforeMs(base.get().getUpBeforeMs()).setOnlineBeforeMs(base.get().getOnlineBeforeMs())
                .setChargingBeforeMs(base.get().getChargingBeforeMs()).build();
    }
}
