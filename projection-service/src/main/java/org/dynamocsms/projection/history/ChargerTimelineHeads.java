package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.dynamocsms.projection.SharedCopies;
import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelineFoldState;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;

/**
 * A charger's timeline ({@link ChargerTimelines}) kept as a head and its facts apart, so that a fact newer than every
 * one held (the common case) costs one step of the fold, whatever the number held: the head keeps the fold at the
 * newest fact (its tip), from which the fact's changes are worked out, and how far the search for the next base went
 * (its cursor), from which the base moves on over the facts it passes, deleting them. Such a fact reads no facts (a
 * store iterator is dear) unless it is at the newest instant held (a duplicate may be there) or the horizon reaches
 * the fact after the cursor (the base has facts to pass: each is read once). Any other fact (a late one, the first of
 * a charger, one before first_at) is added to the whole timeline as {@link ChargerTimelines#add} does. Either way the
 * same intervals and errors are published, and a duplicate or a fact at or before base_at changes nothing.
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
        if (held == null || held.getNewestAt() == null) {
            // the first fact, or a head from before newest_at: the whole timeline, which sets it
            return late(held, point, chargePointId, organisationId, facts);
        }
        ChargerTimeline timeline = held.getTimeline();
        if (ChargerTimelines.isFinal(timeline, point)) {
            return unchanged(held);
        }
        // a fact's event id comes with one time: one later than every fact held is the duplicate of none
        List<TimelinePoint> sameInstant = point.getAt().isAfter(held.getNewestAt()) ? List.of()
                : facts.at(point.getAt());
        if (ChargerTimelines.isHeld(sameInstant, point)) {
            return unchanged(held);
        }
        if (point.getAt().isBefore(timeline.getFirstAt())) {
            return late(held, point, chargePointId, organisationId, facts);
        }
        if (point.getKind() == TimelinePointKind.registered) {
            // not in the fold: it only starts the timeline, and it starts no later than first_at
            facts.put(point);
            ChargerTimelineHead registered = SharedCopies.of(held, new ChargerTimelineHead());
            registered.setTimeline(next(timeline));
            registered.setNewestAt(latest(held.getNewestAt(), point.getAt()));
            return new Added(registered, none());
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
        ChargerTimelineHead stepped = SharedCopies.of(held, new ChargerTimelineHead());
        stepped.setTimeline(next(timeline));
        stepped.setTip(tip);
        stepped.setNewestAt(latest(held.getNewestAt(), point.getAt()));
        stepped.setNextAt(held.getNextAt() != null ? held.getNextAt() : point.getAt());
        return new Added(moveBase(stepped, point.getAt(), facts), changes);
    }

    /**
     * The head with its base moved on to the start of the interval holding the horizon before {@code newest}, as
     * {@link ChargerTimelines} does, found by folding on from the cursor over the facts up to the horizon: read only
     * once the horizon reaches next_at, with the fact after them, the next next_at.
     */
    private static ChargerTimelineHead moveBase(ChargerTimelineHead head, Instant newest, TimelineFacts facts) {
        Instant horizon = newest.minus(ChargerTimelines.HORIZON);
        if (head.getNextAt() == null || head.getNextAt().isAfter(horizon)) {
            return head;
        }
        ChargerTimeline timeline = head.getTimeline();
        TimelineFoldState cursor = head.getCursor();
        Instant from = cursor != null && cursor.getAt() != null ? cursor.getAt() : timeline.getBaseAt();
        TimelineFold fold = TimelineFold.from(timeline, cursor, timeline.getVersion());
        TimelineFoldState base = null;
        Instant nextAt = null;
        for (TimelinePoint fact : facts.betweenAndNext(from, horizon)) {
            if (TimelineFacts.isNext(fact, horizon)) {
                nextAt = fact.getAt();
            } else if (fact.getKind() != TimelinePointKind.registered) {
                if (fold.instant() != null && fact.getAt().isAfter(fold.instant()) && fold.settle()) {
                    base = fold.state();
                }
                fold.add(fact);
            }
        }
        if (fold.settle()) {
            base = fold.state();
        }
        ChargerTimelineHead.Builder moved = ChargerTimelineHead.newBuilder(head).setCursor(fold.state())
                .setNextAt(nextAt);
        if (base == null) {
            return moved.build();
        }
        facts.removeUpTo(base.getStart());
        return moved.setTimeline(ChargerTimeline.newBuilder(timeline).setBaseAt(base.getStart())
                .setBasePoints(base.getPoints()).setUpBeforeMs(base.getUpBeforeMs())
                .setOnlineBeforeMs(base.getOnlineBeforeMs()).setChargingBeforeMs(base.getChargingBeforeMs())
                .build()).build();
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
        Instant searched = keepsCursor ? cursor.getAt() : null; // else from the base, before every fact held
        Instant nextAt = next.getPoints().stream().filter(fact -> fact.getKind() != TimelinePointKind.registered
                && (searched == null || fact.getAt().isAfter(searched))).findFirst().map(TimelinePoint::getAt)
                .orElse(null);
        List<TimelinePoint> points = next.getPoints();
        return new Added(ChargerTimelineHead.newBuilder()
                .setTimeline(ChargerTimeline.newBuilder(next).setPoints(List.of()).build()).setTip(tip.state())
                .setCursor(keepsCursor ? cursor : null).setNextAt(nextAt)
                .setNewestAt(points.isEmpty() ? null : points.get(points.size() - 1).getAt()).build(), changes);
    }

    /** The timeline one version later. */
    private static ChargerTimeline next(ChargerTimeline timeline) {
        ChargerTimeline next = SharedCopies.of(timeline, new ChargerTimeline());
        next.setVersion(timeline.getVersion() + 1);
        return next;
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private static Added unchanged(ChargerTimelineHead held) {
        return new Added(held, none());
    }

    private static HistoryChanges none() {
        return new HistoryChanges(Map.of(), Map.of());
    }
}
