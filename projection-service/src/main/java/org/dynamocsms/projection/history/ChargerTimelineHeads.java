package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelineFoldState;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;

/**
 * A charger's timeline ({@link ChargerTimelines}) kept as a head and its facts apart, so that a fact newer than every
 * one held (the common case) costs one step of the fold, whatever the number held: the head keeps the fold at the
 * newest fact (its tip), from which the fact's changes are worked out, and how far the search for the next base went
 * (its cursor), from which the base moves on over the facts it passes, deleting them. Any other fact (a late one, the
 * first of a charger, one before first_at) is added to the whole timeline as {@link ChargerTimelines#add} does. Either
 * way the same intervals and errors are published, and a duplicate or a fact at or before base_at changes nothing.
 */
final class ChargerTimelineHeads {

    private ChargerTimelineHeads() {
    }

    /** The head after a fact, and what to publish; {@code held} itself (and no changes) if it changes nothing. */
    record Added(ChargerTimelineHead head, HistoryChanges changes) {
    }

    /** Adds {@code point} to the charger's timeline, {@code held} (null before its first fact) with {@code facts}. */
    static Added add(ChargerTimelineHead held, TimelinePoint point, String chargePointId, String organisationId,
                     TimelineFacts facts) {
        if (held == null) {
            return late(null, point, chargePointId, organisationId, facts);
        }
        ChargerTimeline timeline = held.getTimeline();
        if (ChargerTimelines.isFinal(timeline, point)) {
            return unchanged(held);
        }
        List<TimelinePoint> sameInstant = facts.at(point.getAt());
        if (ChargerTimelines.isHeld(sameInstant, point)) {
            return unchanged(held);
        }
        if (point.getAt().isBefore(timeline.getFirstAt())) {
            return late(held, point, chargePointId, organisationId, facts);
        }
        if (point.getKind() == TimelinePointKind.registered) {
            // not in the fold: it only starts the timeline, and it starts no later than first_at
            facts.put(point);
            return new Added(head(next(timeline).build(), held.getTip(), held.getCursor()), none());
        }
        Instant tipAt = held.getTip() == null ? null : held.getTip().getAt();
        boolean newest = tipAt == null || point.getAt().isAfter(tipAt) || point.getAt().equals(tipAt)
                && sameInstant.stream().filter(fact -> fact.getKind() != TimelinePointKind.registered)
                .allMatch(fact -> TimelinePoints.ORDER.compare(fact, point) < 0);
        return newest ? newest(held, point, facts) : late(held, point, chargePointId, organisationId, facts);
    }

    /** One step from the tip: the intervals from the one going on before the tip's instant on, and the open errors. */
    private static Added newest(ChargerTimelineHead held, TimelinePoint point, TimelineFacts facts) {
        ChargerTimeline timeline = held.getTimeline();
        long version = timeline.getVersion() + 1;
        TimelineFold before = TimelineFold.from(timeline, held.getTip(), version).finish();
        TimelineFold after = TimelineFold.from(timeline, held.getTip(), version);
        after.add(point);
        TimelineFoldState tip = after.state();
        HistoryChanges changes = HistoryChanges.between(before, after.finish());
        facts.put(point);
        return new Added(moveBase(held, next(timeline).build(), tip, point.getAt(), facts), changes);
    }

    /**
     * The head with its base moved on to the start of the interval holding the horizon before {@code newest}, as
     * {@link ChargerTimelines} does, found by folding on from the cursor over the facts up to the horizon.
     */
    private static ChargerTimelineHead moveBase(ChargerTimelineHead held, ChargerTimeline timeline,
                                                TimelineFoldState tip, Instant newest, TimelineFacts facts) {
        Instant horizon = newest.minus(ChargerTimelines.HORIZON);
        TimelineFoldState cursor = held.getCursor();
        Instant from = cursor != null && cursor.getAt() != null ? cursor.getAt() : timeline.getBaseAt();
        if (from != null && !from.isBefore(horizon)) {
            return head(timeline, tip, cursor);
        }
        TimelineFold fold = TimelineFold.from(timeline, cursor, timeline.getVersion());
        TimelineFoldState base = null;
        for (TimelinePoint fact : facts.between(from, horizon)) {
            if (fact.getKind() == TimelinePointKind.registered) {
                continue;
            }
            if (fold.instant() != null && fact.getAt().isAfter(fold.instant()) && fold.settle()) {
                base = fold.state();
            }
            fold.add(fact);
        }
        if (fold.settle()) {
            base = fold.state();
        }
        if (base == null) {
            return head(timeline, tip, fold.state());
        }
        facts.removeUpTo(base.getStart());
        return head(ChargerTimeline.newBuilder(timeline).setBaseAt(base.getStart())
                .setBasePoints(base.getPoints()).setUpBeforeMs(base.getUpBeforeMs())
                .setOnlineBeforeMs(base.getOnlineBeforeMs()).setChargingBeforeMs(base.getChargingBeforeMs())
                .build(), tip, fold.state());
    }

    /**
     * A fact added to the whole timeline, its facts read from the store; its tip worked out again, its cursor kept if
     * the fact came after it and moved neither the base nor first_at.
     */
    private static Added late(ChargerTimelineHead held, TimelinePoint point, String chargePointId,
                              String organisationId, TimelineFacts facts) {
        ChargerTimeline before = held == null ? null
                : ChargerTimeline.newBuilder(held.getTimeline()).setPoints(facts.between(null, null)).build();
        ChargerTimeline next = ChargerTimelines.add(before, point, chargePointId, organisationId);
        if (next == before) {
            return unchanged(held);
        }
        HistoryChanges changes = HistoryChanges.between(before, next);
        facts.put(point);
        if (before != null && next.getBaseAt() != null && !next.getBaseAt().equals(before.getBaseAt())) {
            facts.removeUpTo(next.getBaseAt());
        }
        TimelineFold tip = TimelineFold.from(next, null, next.getVersion());
        next.getPoints().stream().filter(fact -> fact.getKind() != TimelinePointKind.registered).forEach(tip::add);
        TimelineFoldState cursor = held == null ? null : held.getCursor();
        boolean keepsCursor = cursor != null && cursor.getAt() != null && point.getAt().isAfter(cursor.getAt())
                && Objects.equals(next.getBaseAt(), before.getBaseAt())
                && next.getFirstAt().equals(before.getFirstAt());
        ChargerTimeline stored = ChargerTimeline.newBuilder(next).setPoints(List.of()).build();
        return new Added(head(stored, tip.state(), keepsCursor ? cursor : null), changes);
    }

    /** The timeline one version later. */
    private static ChargerTimeline.Builder next(ChargerTimeline timeline) {
        return ChargerTimeline.newBuilder(timeline).setVersion(timeline.getVersion() + 1);
    }

    private static ChargerTimelineHead head(ChargerTimeline timeline, TimelineFoldState tip,
                                            TimelineFoldState cursor) {
        return ChargerTimelineHead.newBuilder().setTimeline(timeline).setTip(tip).setCursor(cursor).build();
    }

    private static Added unchanged(ChargerTimelineHead held) {
        return new Added(held, none());
    }

    private static HistoryChanges none() {
        return new HistoryChanges(Map.of(), Map.of());
    }
}
