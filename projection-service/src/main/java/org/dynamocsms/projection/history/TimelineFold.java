package org.dynamocsms.projection.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.dynamocsms.projection.charger.ChargerLiveStates;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.TimelineFoldState;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * A pass over a charger's timeline, its base points first, then its points in order: the state after each instant
 * (connection, each connector's latest status and open error episode) turned into status intervals from base_at
 * (or first_at) on, and into error episodes. It can stop at a fact and resume there ({@link #state()}), so a newer
 * fact costs one step. {@link ChargerTimelines} states the rules.
 */
final class TimelineFold {

    private static final Set<ConnectorStatus> UNUSABLE =
            EnumSet.of(ConnectorStatus.Faulted, ConnectorStatus.Unavailable);

    private final ChargerTimeline timeline;
    private final long version;
    /** Where the intervals begin; the facts up to it only set the first interval's flags. */
    private final Instant listedFrom;

    private TimelinePoint connection;
    private final Map<Integer, TimelinePoint> statuses = new TreeMap<>();
    /** The status point that began each connector's open error episode. */
    private final Map<Integer, TimelinePoint> episodes = new TreeMap<>();
    private final List<ChargerError> resolved = new ArrayList<>();
    private final List<ChargerStatusInterval> intervals = new ArrayList<>();

    /** The instant of the latest fact added, not settled yet. */
    private Instant instant;
    /** The interval going on: its start, its flags and the totals up to its start; up to listedFrom, only flags. */
    private Instant start;
    private Flags flags = new Flags(false, false, false);
    private Totals before;

    private TimelineFold(ChargerTimeline timeline, long version) {
        this.timeline = timeline;
        this.version = version;
        this.listedFrom = timeline.getBaseAt() != null ? timeline.getBaseAt() : timeline.getFirstAt();
        this.start = listedFrom;
        this.before = new Totals(timeline.getUpBeforeMs(), timeline.getOnlineBeforeMs(),
                timeline.getChargingBeforeMs());
    }

    /** The whole timeline, its intervals and errors stamped with {@code version}. */
    static TimelineFold over(ChargerTimeline timeline, long version) {
        TimelineFold fold = from(timeline, null, version);
        timeline.getPoints().forEach(fold::add);
        return fold.finish();
    }

    /** The timeline up to and including the instant {@code at}, for its {@link #basePoints()}. */
    static TimelineFold until(ChargerTimeline timeline, Instant at) {
        TimelineFold fold = from(timeline, null, timeline.getVersion());
        timeline.getPoints().stream().filter(point -> !point.getAt().isAfter(at)).forEach(fold::add);
        return fold;
    }

    /**
     * The fold of {@code timeline} resumed at {@code state} (one of its folds' {@link #state()}), or at its base if
     * null, to {@link #add} the facts after it.
     */
    static TimelineFold from(ChargerTimeline timeline, TimelineFoldState state, long version) {
        TimelineFold fold = new TimelineFold(timeline, version);
        if (state == null) {
            timeline.getBasePoints().forEach(fold::add);
            return fold;
        }
        state.getPoints().forEach(fold::apply); // as base points: they give the state again, resolving nothing
        fold.instant = state.getAt();
        fold.start = state.getStart();
        fold.flags = new Flags(state.getConnected(), state.getUp(), state.getCharging());
        fold.before = new Totals(state.getUpBeforeMs(), state.getOnlineBeforeMs(), state.getChargingBeforeMs());
        return fold;
    }

    /** Adds a fact after (or at the instant of) those added; the state is settled once all of an instant are in. */
    void add(TimelinePoint point) {
        if (instant != null && point.getAt().isAfter(instant)) {
            settle();
        }
        apply(point);
        instant = point.getAt();
    }

    /** The instant of the latest fact added; null if none. */
    Instant instant() {
        return instant;
    }

    /**
     * Settles the latest instant, as if no other fact came at it (settling it again changes nothing); true if an
     * interval began there.
     */
    boolean settle() {
        Flags now = flags();
        boolean begins = instant != null && instant.isAfter(listedFrom) && !now.equals(flags);
        if (begins) {
            intervals.add(interval(instant));
            before = before.plus(flags, Duration.between(start, instant).toMillis());
            start = instant;
        }
        flags = now;
        return begins;
    }

    /** Settles the latest instant and lists the interval going on; nothing is added after. */
    TimelineFold finish() {
        settle();
        if (start != null) { // none before the first fact
            intervals.add(interval(null));
        }
        return this;
    }

    /** The fold now, to resume it {@link #from} there; the latest instant stays to settle. */
    TimelineFoldState state() {
        return TimelineFoldState.newBuilder().setAt(instant).setPoints(basePoints()).setStart(start)
                .setConnected(flags.connected()).setUp(flags.up()).setCharging(flags.charging())
                .setUpBeforeMs(before.up()).setOnlineBeforeMs(before.online()).setChargingBeforeMs(before.charging())
                .build();
    }

    /** From base_at (or first_at) on; the latest has no end. */
    List<ChargerStatusInterval> intervals() {
        return intervals;
    }

    /** The episodes resolved after base_at and those still open, by started_at, then event id. */
    List<ChargerError> errors() {
        List<ChargerError> errors = new ArrayList<>(resolved);
        episodes.values().forEach(began -> errors.add(error(began, null)));
        errors.sort(Comparator.comparing(ChargerError::getStartedAt).thenComparing(ChargerError::getEventId));
        return errors;
    }

    /**
     * The state as points that give it again: the latest connect or disconnect, each connector's latest status and,
     * under it, the status that began the connector's open error episode, which keeps its event id and start.
     */
    List<TimelinePoint> basePoints() {
        Map<String, TimelinePoint> points = new LinkedHashMap<>(); // an episode may have begun with the latest status
        if (connection != null) {
            points.put(connection.getEventId(), connection);
        }
        Stream.concat(episodes.values().stream(), statuses.values().stream())
                .forEach(point -> points.put(point.getEventId(), point));
        return points.values().stream().sorted(TimelinePoints.ORDER).toList();
    }

    private void apply(TimelinePoint point) {
        switch (point.getKind()) {
            case connected -> connection = point;
            case disconnected -> {
                if (connection == null || connection.getKind() != TimelinePointKind.connected
                        || ChargerLiveStates.endsConnection(point.getConnectionId(), connection.getConnectionId())) {
                    connection = point;
                } // else a superseded connection's end
            }
            case status -> status(point);
            default -> {
                // a registration only starts the timeline (first_at)
            }
        }
    }

    /**
     * A status, and its connector's error episode: one goes on while the statuses keep its error code and are
     * errors; any other status resolves it, and begins a new one if it is an error.
     */
    private void status(TimelinePoint point) {
        int connector = point.getConnectorId();
        statuses.put(connector, point);
        TimelinePoint open = episodes.get(connector);
        if (open != null && isError(point) && open.getErrorCode() == point.getErrorCode()) {
            return;
        }
        if (open != null) {
            resolved.add(error(open, point.getAt()));
        }
        if (isError(point)) {
            episodes.put(connector, point);
        } else {
            episodes.remove(connector);
        }
    }

    /** Connected, up and charging as {@link ChargerTimelines} defines them, for the state now. */
    private Flags flags() {
        boolean connected = connection != null && connection.getKind() == TimelinePointKind.connected;
        List<ConnectorStatus> outlets = statuses.entrySet().stream().filter(entry -> entry.getKey() >= 1)
                .map(entry -> entry.getValue().getStatus()).toList();
        TimelinePoint chargePoint = statuses.get(0);
        boolean usable = (chargePoint == null || !UNUSABLE.contains(chargePoint.getStatus()))
                && (outlets.isEmpty() || outlets.stream().anyMatch(status -> !UNUSABLE.contains(status)));
        return new Flags(connected, connected && usable, connected && outlets.contains(ConnectorStatus.Charging));
    }

    private static boolean isError(TimelinePoint status) {
        return status.getErrorCode() != ChargePointErrorCode.NoError || status.getStatus() == ConnectorStatus.Faulted;
    }

    private ChargerStatusInterval interval(Instant end) {
        return ChargerStatusInterval.newBuilder().setChargePointId(timeline.getChargePointId())
                .setOrganisationId(timeline.getOrganisationId()).setStartAt(start).setEndAt(end)
                .setConnected(flags.connected()).setUp(flags.up()).setCharging(flags.charging())
                .setFirstAt(timeline.getFirstAt()).setUpBeforeMs(before.up()).setOnlineBeforeMs(before.online())
                .setChargingBeforeMs(before.charging()).setVersion(version).build();
    }

    private ChargerError error(TimelinePoint began, Instant resolvedAt) {
        return ChargerError.newBuilder().setEventId(began.getEventId())
                .setOrganisationId(timeline.getOrganisationId()).setChargePointId(timeline.getChargePointId())
                .setConnectorId(began.getConnectorId()).setErrorCode(began.getErrorCode())
                .setStatus(began.getStatus()).setInfo(began.getInfo()).setVendorErrorCode(began.getVendorErrorCode())
                .setStartedAt(began.getAt()).setResolvedAt(resolvedAt).setVersion(version).build();
    }

    private record Flags(boolean connected, boolean up, boolean charging) {
    }

    /** Milliseconds up, connected and charging since first_at. */
    private record Totals(long up, long online, long charging) {

        Totals plus(Flags flags, long ms) {
            return new Totals(up + (flags.up() ? ms : 0), online + (flags.connected() ? ms : 0),
                    charging + (flags.charging() ? ms : 0));
        }
    }
}
