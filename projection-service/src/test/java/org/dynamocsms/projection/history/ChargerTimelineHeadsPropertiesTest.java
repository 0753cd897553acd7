package org.dynamocsms.projection.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.history.Facts.CP;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.dynamocsms.projection.Records;
import org.dynamocsms.schemas.analytics.ChargerTimeline;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.dynamocsms.schemas.serde.AvroSerde;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;

/**
 * The head with its facts apart ({@link ChargerTimelineHeads}) publishes exactly what the whole-timeline fold
 * ({@link ChargerTimelines#add}, {@link HistoryChanges#between(ChargerTimeline, ChargerTimeline)}) publishes, in the
 * same sequence, for any facts in any order of arrival: in order, late, redelivered, at one instant, across the
 * horizon, from a head stored before next_at and newest_at; and it stores the same timeline (its facts in a store
 * ordered by bytes, as RocksDB orders them).
 */
class ChargerTimelineHeadsPropertiesTest {

    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

    @Property(tries = 400)
    void publishesWhatTheWholeTimelinePublishes(@ForAll("arrivals") List<TimelinePoint> arrivals,
                                                @ForAll @IntRange(max = 5) int fromBeforeEvery) {
        ChargerTimeline timeline = null;
        ChargerTimelineHead head = null;
        TimelineFacts facts = new StoredFacts(inMemoryStore(), CP);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            TimelinePoint point = arrivals.get(i);
            if (head != null && fromBeforeEvery > 0 && i % fromBeforeEvery == 0) {
                // a head stored before next_at and newest_at
                head = ChargerTimelineHead.newBuilder(head).setNextAt(null).setNewestAt(null).build();
            }
            ChargerTimeline next = ChargerTimelines.add(timeline, point, CP, Records.ORG);
            if (next != timeline) {
                published(HistoryChanges.between(timeline, next), expected);
            }
            timeline = next;
            ChargerTimelineHeads.Added added = ChargerTimelineHeads.add(head, point, CP, Records.ORG, facts);
            if (added.head() != head) {
                published(added.changes(), actual);
            } else {
                assertThat(added.changes().intervals()).isEmpty();
                assertThat(added.changes().errors()).isEmpty();
            }
            head = added.head();

            assertThat(actual).as("published after %s", point).isEqualTo(expected);
            assertThat(facts.between(null, null)).as("facts after %s", point).isEqualTo(timeline.getPoints());
            assertThat(ChargerTimeline.newBuilder(head.getTimeline()).setPoints(timeline.getPoints()).build())
                    .isEqualTo(timeline);
        }
    }

    /** A store ordered by its keys' bytes, as RocksDB. */
    private static KeyValueStore<String, TimelinePoint> inMemoryStore() {
        KeyValueStore<String, TimelinePoint> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("facts"),
                Serdes.String(), AvroSerde.of(TimelinePoint.class)).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    /** The store's byte order of fact keys is the timeline order, from year 0001 to 9999. */
    @Property(tries = 2000)
    void factKeysSortAsTheTimeline(@ForAll("anyPoint") TimelinePoint one, @ForAll("anyPoint") TimelinePoint other) {
        int bytes = Arrays.compareUnsigned(StoredFacts.key(CP, one).getBytes(StandardCharsets.UTF_8),
                StoredFacts.key(CP, other).getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(bytes)).isEqualTo(Integer.signum(TimelinePoints.ORDER.compare(one, other)));
    }

    @Provide
    Arbitrary<TimelinePoint> anyPoint() {
        Arbitrary<Instant> at = Arbitraries.longs()
                .between(Instant.parse("0001-01-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli())
                .edgeCases(edges -> edges.add(0L)).map(Instant::ofEpochMilli);
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.just(START), at), // many at one instant
                        Arbitraries.of(TimelinePointKind.registered, TimelinePointKind.connected,
                                TimelinePointKind.disconnected, TimelinePointKind.status),
                        Arbitraries.strings().withChars("evt_state:0123456789ABCXYZ").ofMinLength(1).ofMaxLength(8))
                .as((instant, kind, eventId) -> TimelinePoint.newBuilder().setAt(instant).setKind(kind)
                        .setEventId(eventId).build());
    }

    /** A charger's facts, as they arrive. */
    @Provide
    Arbitrary<List<TimelinePoint>> arrivals() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofDays(2),
                        Duration.ofDays(8)),
                Arbitraries.integers().between(0, 9), // what kind of fact
                Arbitraries.integers().between(0, 2), // connector, connection
                Arbitraries.of(ConnectorStatus.Available, ConnectorStatus.Charging, ConnectorStatus.Faulted,
                        ConnectorStatus.Unavailable),
                Arbitraries.of(ChargePointErrorCode.NoError, ChargePointErrorCode.NoError,
                        ChargePointErrorCode.GroundFailure, ChargePointErrorCode.HighTemperature),
                Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(2, 1), Tuple.of(1, 4), Tuple.of(1, 30)), // late
                Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)), // redelivered later
                Arbitraries.strings().withChars("0123456789ABZ").ofLength(2)) // event ids' order at one instant
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(80).map(ChargerTimelineHeadsPropertiesTest::arrivals);
    }

    private record Step(Duration gap, int kind, int which, ConnectorStatus status, ChargePointErrorCode code,
                        int late, boolean redelivered, String id) {
    }

    /** The facts in the order of their times, then some moved later (late ones) and some sent again. */
    private static List<TimelinePoint> arrivals(List<Step> steps) {
        List<TimelinePoint> inOrder = new ArrayList<>();
        Instant at = START;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            at = at.plus(step.gap());
            inOrder.add(point(step, at, "evt_" + step.id() + i));
        }
        List<TimelinePoint> arrivals = new ArrayList<>(inOrder);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            TimelinePoint point = inOrder.get(i);
            if (step.late() > 0) {
                int from = arrivals.indexOf(point);
                arrivals.remove(from);
                arrivals.add(Math.min(arrivals.size(), from + step.late()), point);
            }
            if (step.redelivered()) {
                arrivals.add(Math.min(arrivals.size(), arrivals.indexOf(point) + 1 + step.which() * 3), point);
            }
        }
        return arrivals;
    }

    private static TimelinePoint point(Step step, Instant at, String eventId) {
        TimelinePoint.Builder point = TimelinePoint.newBuilder().setEventId(eventId).setAt(at);
        String connection = step.which() == 0 ? null : "con_" + step.which();
        return switch (step.kind()) {
            case 0 -> point.setKind(TimelinePointKind.registered).build();
            case 1, 2 -> point.setKind(TimelinePointKind.connected).setConnectionId(connection).build();
            // a live state's disconnect: the same fact as a disconnect of its connection at its time
            case 3 -> point.setKind(TimelinePointKind.disconnected).setConnectionId(connection)
                    .setEventId("state:" + eventId).build();
            case 4 -> point.setKind(TimelinePointKind.disconnected).setConnectionId(connection).build();
            default -> point.setKind(TimelinePointKind.status).setConnectorId(step.which()).setStatus(step.status())
                    .setErrorCode(step.code()).build();
        };
    }

    private static void published(HistoryChanges changes, List<String> records) {
        changes.intervals().forEach((key, interval) -> records.add("interval " + key + " " + interval));
        changes.errors().forEach((key, error) -> records.add("error " + key + " " + error));
    }
}
