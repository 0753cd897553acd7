package org.dynamocsms.projection.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.disconnected;
import static org.dynamocsms.projection.Records.fault;
import static org.dynamocsms.projection.Records.status;
import static org.dynamocsms.projection.history.Facts.CP;
import static org.dynamocsms.projection.history.Facts.gatewayLost;
import static org.dynamocsms.projection.history.Facts.registration;
import static org.dynamocsms.projection.history.Facts.t;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.ConnectorLockFailure;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.GroundFailure;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.HighTemperature;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.NoError;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.WeakSignal;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Available;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Charging;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Faulted;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Finishing;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Preparing;
import static org.dynamocsms.schemas.telemetry.ConnectorStatus.Unavailable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dynamocsms.projection.Records;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.junit.jupiter.api.Test;

class ChargerTimelinesTest {

    // Sunday 30 June 2024 21:50 UTC to Monday 1 July 02:00: across hours, an ISO week (Monday 00:00) and a month.
    // Two connectors: 1 charges, then faults while 2 is faulted already; both recover, 2 charges.
    private final TimelinePoint registered = registeredAt("06-30T21:50");
    private final TimelinePoint connect = point(connected(CP, t("06-30T22:00")));
    private final TimelinePoint available0 = point(status(CP, t("06-30T22:01"), 0, Available));
    private final TimelinePoint available1 = point(status(CP, t("06-30T22:01"), 1, Available));
    private final TimelinePoint available2 = point(status(CP, t("06-30T22:01"), 2, Available));
    private final TimelinePoint preparing1 = point(status(CP, t("06-30T22:30"), 1, Preparing));
    private final TimelinePoint charging1 = point(status(CP, t("06-30T22:31"), 1, Charging));
    private final TimelinePoint fault2 = point(fault(CP, t("06-30T23:15"), 2, GroundFailure, "RCD tripped"));
    private final TimelinePoint finishing1 = point(status(CP, t("06-30T23:45"), 1, Finishing));
    private final TimelinePoint fault1 = point(fault(CP, t("06-30T23:46"), 1, ConnectorLockFailure, "Cable stuck"));
    private final TimelinePoint disconnect = point(disconnected(CP, t("07-01T00:20")));
    private final TimelinePoint reconnect = point(connected(CP, t("07-01T00:40")));
    private final TimelinePoint recovered1 = point(status(CP, t("07-01T01:10"), 1, Available));
    private final TimelinePoint recovered2 = point(status(CP, t("07-01T01:30"), 2, Available));
    private final TimelinePoint charging2 = point(status(CP, t("07-01T01:35"), 2, Charging));
    private final TimelinePoint finishing2 = point(status(CP, t("07-01T02:00"), 2, Finishing));
    private final List<TimelinePoint> inOrder = List.of(registered, connect, available0, available1, available2,
            preparing1, charging1, fault2, finishing1, fault1, disconnect, reconnect, recovered1, recovered2,
            charging2, finishing2);

    // worked out by hand; totals before each interval in minutes since first_at (21:50)
    private final List<Span> expectedIntervals = List.of(
            // registered, not yet connected
            span("06-30T21:50", "06-30T22:00", "offline", 0, 0, 0),
            // connected with no status yet counts as up; the 22:01 and 22:30 statuses change no flag
            span("06-30T22:00", "06-30T22:31", "connected up", 0, 0, 0),
            // 22:00-22:31 = 31 min up and online; 2 faulting at 23:15 leaves it up, 1 can still charge
            span("06-30T22:31", "06-30T23:45", "connected up charging", 31, 31, 0),
            // + 22:31-23:45 = 74 min of all three: 31 + 74 = 105 up and online, 74 charging
            span("06-30T23:45", "06-30T23:46", "connected up", 105, 105, 74),
            // + 1 min up and online; from 23:46 both connectors are Faulted: down
            span("06-30T23:46", "07-01T00:20", "connected", 106, 106, 74),
            // + 23:46-00:20 = 34 min online: 106 + 34 = 140
            span("07-01T00:20", "07-01T00:40", "offline", 106, 140, 74),
            // offline adds nothing; reconnected, still both Faulted
            span("07-01T00:40", "07-01T01:10", "connected", 106, 140, 74),
            // + 00:40-01:10 = 30 min online: 170; 1 Available again: up
            span("07-01T01:10", "07-01T01:35", "connected up", 106, 170, 74),
            // + 01:10-01:35 = 25 min up and online: 131 and 195
            span("07-01T01:35", "07-01T02:00", "connected up charging", 131, 195, 74),
            // + 01:35-02:00 = 25 min of all three: 156, 220, 99
            span("07-01T02:00", null, "connected up", 156, 220, 99));

    private final List<Episode> expectedErrors = List.of(
            new Episode(fault2.getEventId(), 2, GroundFailure, Faulted, t("06-30T23:15"), t("07-01T01:30")),
            new Episode(fault1.getEventId(), 1, ConnectorLockFailure, Faulted, t("06-30T23:46"), t("07-01T01:10")));

    @Test
    void aNightAcrossAnIsoWeekAndAMonthGivesTheHandWorkedIntervalsAndErrors() {
        ChargerTimeline timeline = fold(inOrder);

        assertThat(spans(timeline)).containsExactlyElementsOf(expectedIntervals);
        assertThat(episodes(timeline)).containsExactlyElementsOf(expectedErrors);
        assertThat(ChargerTimelines.errors(timeline)).allSatisfy(error -> {
            assertThat(error.getInfo()).isIn("RCD tripped", "Cable stuck");
            assertThat(error.getVendorErrorCode()).isEqualTo("E42");
        });
    }

    @Test
    void intervalsAndErrorsCarryTheChargerFirstAtAndTheTimelinesVersion() {
        ChargerTimeline timeline = fold(inOrder);

        assertThat(timeline.getVersion()).isEqualTo(16); // one per fact
        assertThat(timeline.getFirstAt()).isEqualTo(t("06-30T21:50"));
        assertThat(ChargerTimelines.intervals(timeline)).allSatisfy(interval -> {
            assertThat(interval.getChargePointId()).isEqualTo(CP);
            assertThat(interval.getOrganisationId()).isEqualTo(Records.ORG);
            assertThat(interval.getFirstAt()).isEqualTo(t("06-30T21:50"));
            assertThat(interval.getVersion()).isEqualTo(16);
        });
        assertThat(ChargerTimelines.errors(timeline)).extracting(ChargerError::getVersion).containsOnly(16L);
        assertThat(ChargerTimelines.key(ChargerTimelines.intervals(timeline).get(1)))
                .isEqualTo("CP-1@" + t("06-30T22:00").toEpochMilli());
    }

    @Test
    void totalsOnEitherSideOfTheWeekAndMonthBoundaryFollowFromTheTotalsBefore() {
        List<ChargerStatusInterval> intervals = ChargerTimelines.intervals(fold(inOrder));
        Instant monday = t("07-01T00:00");

        // June (and the ISO week ending Sunday): online 22:00-00:00 = 120 min, up 22:00-23:46 = 106, charging 74
        assertThat(totals(intervals, monday)).isEqualTo(new Totals(106, 120, 74));
        // July up to 02:00: online 00:00-00:20 + 00:40-02:00 = 20 + 80 = 100 (220 - 120); up 01:10-02:00 = 50
        // (156 - 106); charging 01:35-02:00 = 25 (99 - 74)
        assertThat(totals(intervals, t("07-01T02:00")).minus(totals(intervals, monday)))
                .isEqualTo(new Totals(50, 100, 25));
        // the hour 01:00-02:00: online all of it; up from 01:10 = 50; charging from 01:35 = 25
        assertThat(totals(intervals, t("07-01T02:00")).minus(totals(intervals, t("07-01T01:00"))))
                .isEqualTo(new Totals(50, 60, 25));
    }

    @Test
    void aDuplicateChangesNothing() {
        ChargerTimeline timeline = fold(inOrder);

        assertThat(ChargerTimelines.add(timeline, fault2, CP, Records.ORG)).isSameAs(timeline);
        assertThat(ChargerTimelines.add(timeline, registered, CP, Records.ORG)).isSameAs(timeline);
        // the gateway check's end of the connection at the time of the gateway's ChargerDisconnected is the same fact
        assertThat(ChargerTimelines.add(timeline, point(gatewayLost(t("07-01T00:00"), t("07-01T00:20"), null)), CP,
                Records.ORG)).isSameAs(timeline);

        List<TimelinePoint> redelivered = new ArrayList<>(inOrder);
        redelivered.add(8, fault2);
        redelivered.add(disconnect);
        redelivered.add(connect);
        ChargerTimeline again = fold(redelivered);
        assertThat(ChargerTimelines.intervals(again)).isEqualTo(ChargerTimelines.intervals(timeline));
        assertThat(ChargerTimelines.errors(again)).isEqualTo(ChargerTimelines.errors(timeline));
    }

    @Test
    void lateFactsGiveExactlyWhatTheFactsInOrderGive() {
        // the fault of connector 2 after its recovery, the reconnect before the disconnect, the registration last
        List<TimelinePoint> late = new ArrayList<>(inOrder);
        late.removeAll(List.of(fault2, disconnect, registered));
        late.add(late.indexOf(reconnect) + 1, disconnect);
        late.add(fault2);
        late.add(registered);

        ChargerTimeline beforeTheFault = fold(late.subList(0, late.indexOf(fault2)));
        // 2's recovery at 01:30 with no fault before it is no episode yet
        assertThat(episodes(beforeTheFault)).extracting(Episode::connector).containsExactly(1);
        assertThat(beforeTheFault.getFirstAt()).isEqualTo(t("06-30T22:00"));

        ChargerTimeline timeline = fold(late);
        assertThat(ChargerTimelines.intervals(timeline)).isEqualTo(ChargerTimelines.intervals(fold(inOrder)));
        assertThat(ChargerTimelines.errors(timeline)).isEqualTo(ChargerTimelines.errors(fold(inOrder)));
    }

    @Test
    void connectorZeroOutOfServiceTakesTheWholeChargerDown() {
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"))),
                point(status(CP, t("06-03T10:10"), 1, Available)),
                point(status(CP, t("06-03T10:20"), 0, Unavailable)),
                point(status(CP, t("06-03T10:30"), 0, Available))));

        assertThat(spans(timeline)).containsExactly(
                span("06-03T10:00", "06-03T10:20", "connected up", 0, 0, 0),
                // connector 1 Available, but the charge point as a whole Unavailable: 20 min up before it
                span("06-03T10:20", "06-03T10:30", "connected", 20, 20, 0),
                // + 10 min online, not up
                span("06-03T10:30", null, "connected up", 20, 30, 0));
    }

    @Test
    void aDisconnectAndAReconnectAtTheSameInstantLeaveItConnected() {
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"))),
                point(connected(CP, t("06-03T10:30"))), point(disconnected(CP, t("06-03T10:30")))));

        assertThat(spans(timeline)).containsExactly(span("06-03T10:00", null, "connected up", 0, 0, 0));
    }

    /**
     * Issue 12: the charger opens a second connection, boots and reports on it, and the end of its first connection
     * is seen 5 s later. It stays connected and up: 100 % over the next 90 s, and no disconnect in its connectivity.
     */
    @Test
    void theEndOfASupersededConnectionChangesNothing() {
        Instant c1 = t("06-03T10:00");
        Instant c2 = c1.plusSeconds(10);
        List<TimelinePoint> facts = List.of(point(connected(CP, c1, "gw-1", "con_1")),
                point(connected(CP, c2, "gw-1", "con_2")), point(status(CP, c2.plusSeconds(1), 0, Available)),
                point(status(CP, c2.plusSeconds(1), 1, Available)),
                point(disconnected(CP, c2.plusSeconds(5), "con_1")),
                point(status(CP, c2.plusSeconds(30), 1, Available)));
        ChargerTimeline timeline = fold(facts);

        List<ChargerStatusInterval> intervals = ChargerTimelines.intervals(timeline);
        assertThat(spans(timeline)).containsExactly(new Span(c1, null, "connected up", 0, 0, 0));
        assertThat(upMs(intervals, c2.plusSeconds(90)) - upMs(intervals, c2)).isEqualTo(90_000);

        // in any order of arrival
        List<TimelinePoint> late = new ArrayList<>(facts);
        Collections.reverse(late);
        assertThat(ChargerTimelines.intervals(fold(late))).isEqualTo(intervals);
    }

    @Test
    void aDisconnectCountsIfItsConnectionWasCurrentAtItsTimeHoweverLateItArrives() {
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"), "gw-1", "con_1")),
                point(connected(CP, t("06-03T10:10"), "gw-1", "con_2")),
                point(disconnected(CP, t("06-03T10:05"), "con_1")),
                // the end of a connection whose successor came and went already: nothing
                point(disconnected(CP, t("06-03T10:20"), "con_1")),
                point(disconnected(CP, t("06-03T10:30"), "con_2"))));

        assertThat(spans(timeline)).containsExactly(
                span("06-03T10:00", "06-03T10:05", "connected up", 0, 0, 0),
                span("06-03T10:05", "06-03T10:10", "offline", 5, 5, 0),
                span("06-03T10:10", "06-03T10:30", "connected up", 5, 5, 0),
                span("06-03T10:30", null, "offline", 25, 25, 0));
    }

    @Test
    void aDisconnectWithoutAConnectionIdEndsWhateverConnectionIsCurrent() {
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"), "gw-1", "con_1")),
                point(disconnected(CP, t("06-03T10:05"), null))));

        assertThat(spans(timeline)).containsExactly(span("06-03T10:00", "06-03T10:05", "connected up", 0, 0, 0),
                span("06-03T10:05", null, "offline", 5, 5, 0));
    }

    @Test
    void aLostGatewaysOlderConnectionLeavesTheChargerConnected() {
        ChargerTelemetry lostOnGw1 = gatewayLost(t("06-03T10:00"), t("06-03T10:12"), "con_1");
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"), "gw-1", "con_1")),
                point(connected(CP, t("06-03T10:10"), "gw-2", "con_2")), point(lostOnGw1)));

        assertThat(spans(timeline)).containsExactly(span("06-03T10:00", null, "connected up", 0, 0, 0));
        assertThat(timeline.getPoints()).extracting(TimelinePoint::getConnectionId)
                .containsExactly("con_1", "con_2", "con_1");
    }

    @Test
    void anEpisodeGoesOnWhileItsCodeStaysAnErrorAndEndsAtTheConnectorsNextOtherStatus() {
        TimelinePoint ground = point(reported("06-03T10:00", Faulted, GroundFailure));
        TimelinePoint heat = point(reported("06-03T10:10", Faulted, HighTemperature));
        TimelinePoint faulted = point(reported("06-03T10:30", Faulted, NoError));
        TimelinePoint weak = point(reported("06-03T10:50", Available, WeakSignal));
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T09:00"))), ground,
                point(reported("06-03T10:05", Unavailable, GroundFailure)), heat,
                point(reported("06-03T10:20", Available, NoError)), faulted,
                point(reported("06-03T10:40", Available, NoError)), weak));

        assertThat(episodes(timeline)).containsExactly(
                // still GroundFailure at 10:05, though Unavailable now; another code at 10:10 ends it
                new Episode(ground.getEventId(), 1, GroundFailure, Faulted, t("06-03T10:00"), t("06-03T10:10")),
                new Episode(heat.getEventId(), 1, HighTemperature, Faulted, t("06-03T10:10"), t("06-03T10:20")),
                // Faulted without an error code is an error too, until the connector is no longer Faulted
                new Episode(faulted.getEventId(), 1, NoError, Faulted, t("06-03T10:30"), t("06-03T10:40")),
                // an error code with a usable status is an error, still going on
                new Episode(weak.getEventId(), 1, WeakSignal, Available, t("06-03T10:50"), null));
    }

    @Test
    void factsBeyondTheHorizonAreFoldedIntoTheBaseAndTheTotalsStayExact() {
        TimelinePoint heat = point(fault(CP, t("06-01T10:00"), 1, HighTemperature, "hot"));
        TimelinePoint stillHot = point(fault(CP, t("06-01T12:00"), 1, HighTemperature, "hot"));
        TimelinePoint reconnect = point(connected(CP, t("06-02T06:00")));
        ChargerTimeline week = fold(List.of(point(connected(CP, t("06-01T00:00"))), heat, stillHot,
                point(disconnected(CP, t("06-02T00:00"))), reconnect));
        assertThat(week.getBaseAt()).isNull();

        // a week later: the horizon, 06-09 12:00 - 7 days = 06-02 12:00, lies in the interval from 06-02 06:00
        ChargerTimeline timeline = ChargerTimelines.add(week, point(disconnected(CP, t("06-09T12:00"))), CP,
                Records.ORG);

        assertThat(timeline.getBaseAt()).isEqualTo(t("06-02T06:00"));
        // the connection, and connector 1's latest status under the one that began its open episode
        assertThat(timeline.getBasePoints()).containsExactly(heat, stillHot, reconnect);
        assertThat(timeline.getPoints()).extracting(TimelinePoint::getAt).containsExactly(t("06-09T12:00"));
        // up 00:00-10:00 = 600 min; online 00:00-06-02 00:00 = 1440 min; then offline until 06:00
        assertThat(timeline.getUpBeforeMs()).isEqualTo(minutes(600));
        assertThat(timeline.getOnlineBeforeMs()).isEqualTo(minutes(1440));
        assertThat(timeline.getChargingBeforeMs()).isZero();
        assertThat(timeline.getFirstAt()).isEqualTo(t("06-01T00:00"));

        timeline = ChargerTimelines.add(timeline, point(status(CP, t("06-09T13:00"), 1, Available)), CP, Records.ORG);
        assertThat(spans(timeline)).containsExactly(
                span("06-02T06:00", "06-09T12:00", "connected", 600, 1440, 0),
                // + 06-02 06:00 to 06-09 12:00 = 7 d 6 h = 174 h = 10440 min online: 11880
                span("06-09T12:00", null, "offline", 600, 11880, 0));
        // the episode open at base_at keeps the event and time that began it
        assertThat(episodes(timeline)).containsExactly(
                new Episode(heat.getEventId(), 1, HighTemperature, Faulted, t("06-01T10:00"), t("06-09T13:00")));
    }

    @Test
    void aBackfillPublishedAfterTheRegistrationFoldsByTheReportedFactsNotByTheRegistration() {
        // registered on 06-20, then a week and a half of earlier history arrives in order
        ChargerTimeline timeline = ChargerTimelines.add(null, TimelinePoints.of(registration("06-20T09:00"))
                .orElseThrow(), CP, Records.ORG);
        for (TimelinePoint point : List.of(point(connected(CP, t("06-01T00:00"))),
                point(disconnected(CP, t("06-02T00:00"))), point(connected(CP, t("06-02T06:00"))))) {
            timeline = ChargerTimelines.add(timeline, point, CP, Records.ORG);
        }
        assertThat(timeline.getBaseAt()).as("nothing reported is a week older than 06-02 06:00").isNull();

        // 06-09 12:00 - 7 days = 06-02 12:00, in the interval from 06-02 06:00: the same base as without the
        // registration, which stays a fact to come
        timeline = ChargerTimelines.add(timeline, point(status(CP, t("06-09T12:00"), 1, Charging)), CP, Records.ORG);
        assertThat(timeline.getBaseAt()).isEqualTo(t("06-02T06:00"));
        assertThat(timeline.getPoints()).extracting(TimelinePoint::getKind)
                .containsExactly(TimelinePointKind.status, TimelinePointKind.registered);
        assertThat(timeline.getFirstAt()).isEqualTo(t("06-01T00:00"));
    }

    @Test
    void aFactAtOrBeforeBaseAtIsDroppedAndOneAfterItIsWorkedIn() {
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-01T00:00"))),
                point(disconnected(CP, t("06-02T00:00"))), point(connected(CP, t("06-02T06:00"))),
                point(status(CP, t("06-09T12:00"), 1, Charging))));
        assertThat(timeline.getBaseAt()).isEqualTo(t("06-02T06:00"));

        assertThat(ChargerTimelines.add(timeline, point(connected(CP, t("06-02T05:00"))), CP, Records.ORG))
                .isSameAs(timeline);
        assertThat(ChargerTimelines.add(timeline, point(disconnected(CP, t("06-02T06:00"))), CP, Records.ORG))
                .isSameAs(timeline);

        // older than the horizon (06-09 12:00 - 7 days = 06-02 12:00), but after base_at
        ChargerTimeline late = ChargerTimelines.add(timeline, point(disconnected(CP, t("06-02T09:00"))), CP,
                Records.ORG);
        assertThat(late.getVersion()).isEqualTo(timeline.getVersion() + 1);
        // only a newest fact folds: the interval from 06-02 06:00, which the late fact changed, stays open
        assertThat(late.getBaseAt()).isEqualTo(t("06-02T06:00"));
        assertThat(spans(late)).containsExactly(
                // before: online 06-01 00:00 to 06-02 00:00 = 1440 min, up as long
                span("06-02T06:00", "06-02T09:00", "connected up", 1440, 1440, 0),
                // + 06:00-09:00 = 180 min: 1620; Charging at 06-09 12:00 while offline changes no flag
                span("06-02T09:00", null, "offline", 1620, 1620, 0));
    }

    @Test
    void aDeadGatewaysChargerGoesOfflineAtItsLastMessage() {
        ChargerTelemetry lost = gatewayLost(t("06-03T10:00"), t("06-03T10:05"), null);
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"))),
                point(status(CP, t("06-03T10:01"), 1, Available)), point(lost)));

        assertThat(spans(timeline)).containsExactly(
                span("06-03T10:00", "06-03T10:05", "connected up", 0, 0, 0),
                span("06-03T10:05", null, "offline", 5, 5, 0));
        assertThat(timeline.getPoints()).extracting(TimelinePoint::getEventId).contains(lost.getEventId());
        // the check's decision taken again (another event id, the same last message) is the same fact
        assertThat(ChargerTimelines.add(timeline, point(gatewayLost(t("06-03T10:00"), t("06-03T10:05"), null)), CP,
                Records.ORG)).isSameAs(timeline);
    }

    @Test
    void aChargerWhoseGatewayDiedRightAfterItsConnectGoesOfflineAMillisecondLater() {
        ChargerTimeline timeline = fold(List.of(point(connected(CP, t("06-03T10:00"))),
                point(gatewayLost(t("06-03T10:00"), t("06-03T10:00"), null))));

        Instant lostAt = t("06-03T10:00").plusMillis(1);
        assertThat(spans(timeline)).containsExactly(
                new Span(t("06-03T10:00"), lostAt, "connected up", 0, 0, 0),
                new Span(lostAt, null, "offline", 1, 1, 0));
    }

    @Test
    void onlyConnectionsStatusesAndRegistrationsAreFacts() {
        assertThat(TimelinePoints.of(Records.heartbeat(CP, t("06-03T10:00")))).isEmpty();
        assertThat(TimelinePoints.of(Records.linked(CP, 2, "site_A", null))).isEmpty();

        assertThat(registered.getKind()).isEqualTo(TimelinePointKind.registered);
        assertThat(registered.getAt()).isEqualTo(t("06-30T21:50"));
        assertThat(fault2).isEqualTo(TimelinePoint.newBuilder().setEventId(fault2.getEventId())
                .setAt(t("06-30T23:15")).setKind(TimelinePointKind.status).setConnectorId(2).setStatus(Faulted)
                .setErrorCode(GroundFailure).setInfo("RCD tripped").setVendorErrorCode("E42").build());
    }

    // facts

    private static long minutes(long minutes) {
        return Duration.ofMinutes(minutes).toMillis();
    }

    private static TimelinePoint point(ChargerTelemetry telemetry) {
        return TimelinePoints.of(telemetry).orElseThrow();
    }

    /** Connector 1's status with an error code. */
    private static ChargerTelemetry reported(String at, ConnectorStatus status, ChargePointErrorCode errorCode) {
        return Records.telemetry(CP, t(at), ConnectorStatusChanged.newBuilder().setConnectorId(1).setStatus(status)
                .setErrorCode(errorCode).build());
    }

    private static TimelinePoint registeredAt(String at) {
        return TimelinePoints.of(registration(at)).orElseThrow();
    }

    private static ChargerTimeline fold(List<TimelinePoint> points) {
        ChargerTimeline timeline = null;
        for (TimelinePoint point : points) {
            timeline = ChargerTimelines.add(timeline, point, CP, Records.ORG);
        }
        return timeline;
    }

    // what they give, as the tests write it

    /** An interval: its flags ("offline", "connected", "connected up", "connected up charging"), totals before it. */
    private record Span(Instant start, Instant end, String flags, long upBeforeMs, long onlineBeforeMs,
                        long chargingBeforeMs) {
    }

    /** An interval with its totals before it in minutes; a null end while it goes on. */
    private static Span span(String start, String end, String flags, long up, long online, long charging) {
        return new Span(t(start), end == null ? null : t(end), flags, minutes(up), minutes(online), minutes(charging));
    }

    private static List<Span> spans(ChargerTimeline timeline) {
        return ChargerTimelines.intervals(timeline).stream().map(interval -> new Span(interval.getStartAt(),
                interval.getEndAt(), (interval.getConnected() ? "connected" : "offline")
                        + (interval.getUp() ? " up" : "") + (interval.getCharging() ? " charging" : ""),
                interval.getUpBeforeMs(), interval.getOnlineBeforeMs(), interval.getChargingBeforeMs())).toList();
    }

    private record Episode(String eventId, int connector, ChargePointErrorCode errorCode, ConnectorStatus status,
                           Instant startedAt, Instant resolvedAt) {
    }

    private static List<Episode> episodes(ChargerTimeline timeline) {
        return ChargerTimelines.errors(timeline).stream().map(error -> new Episode(error.getEventId(),
                error.getConnectorId(), error.getErrorCode(), error.getStatus(), error.getStartedAt(),
                error.getResolvedAt())).toList();
    }

    /** Milliseconds up from first_at to {@code at}. */
    private static long upMs(List<ChargerStatusInterval> intervals, Instant at) {
        ChargerStatusInterval holding = intervals.stream().filter(interval -> !interval.getStartAt().isAfter(at))
                .reduce((earlier, later) -> later).orElseThrow();
        return holding.getUpBeforeMs() + (holding.getUp() ? Duration.between(holding.getStartAt(), at).toMillis() : 0);
    }

    /** Minutes up, online and charging. */
    private record Totals(long up, long online, long charging) {

        Totals minus(Totals earlier) {
            return new Totals(up - earlier.up, online - earlier.online, charging - earlier.charging);
        }
    }

    /** The contract's cum(t): the interval holding t's totals before it, plus its part up to t. */
    private static Totals totals(List<ChargerStatusInterval> intervals, Instant at) {
        ChargerStatusInterval holding = intervals.stream().filter(interval -> !interval.getStartAt().isAfter(at))
                .reduce((earlier, later) -> later).orElseThrow();
        long into = Duration.between(holding.getStartAt(), at).toMillis();
        return new Totals(Duration.ofMillis(holding.getUpBeforeMs() + (holding.getUp() ? into : 0)).toMinutes(),
                Duration.ofMillis(holding.getOnlineBeforeMs() + (holding.getConnected() ? into : 0)).toMinutes(),
                Duration.ofMillis(holding.getChargingBeforeMs() + (holding.getCharging() ? into : 0)).toMinutes());
    }
}
