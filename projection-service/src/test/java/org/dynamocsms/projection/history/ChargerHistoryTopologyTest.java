package org.dynamocsms.projection.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.disconnected;
import static org.dynamocsms.projection.Records.fault;
import static org.dynamocsms.projection.Records.status;
import static org.dynamocsms.projection.history.Facts.CP;
import static org.dynamocsms.projection.history.Facts.liveState;
import static org.dynamocsms.projection.history.Facts.registration;
import static org.dynamocsms.projection.history.Facts.t;
import static org.dynamocsms.schemas.telemetry.ChargePointErrorCode.GroundFailure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.dynamocsms.projection.charger.ChargerLiveStateTopology;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.analytics.ChargerTimelineHead;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChargerHistoryTopologyTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ChargerTelemetry> telemetry;
    private TestInputTopic<String, ChargerEvent> events;
    private TestInputTopic<String, ChargerLiveState> states;
    private TestOutputTopic<String, ChargerStatusInterval> intervals;
    private TestOutputTopic<String, ChargerError> errors;

    @BeforeEach
    void start() {
        start(StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void start(String processingGuarantee) {
        start(processingGuarantee, Generation.first(Projection.CHARGER_HISTORY));
    }

    private void start(String processingGuarantee, Generation generation) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "charger-history-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        driver = new TopologyTestDriver(ChargerHistoryTopology.build(generation), props);
        telemetry = input(Topics.CHARGER_TELEMETRY);
        events = input(Topics.CHARGER_EVENTS);
        states = input(Topics.CHARGER_STATE_PROJECTION);
        intervals = output(generation.topic(Topics.CHARGER_INTERVAL_PROJECTION));
        errors = output(generation.topic(Topics.CHARGER_ERROR_PROJECTION));
    }

    @Test
    void generationTwoWritesItsOwnTopics() {
        stop();
        start(StreamsConfig.EXACTLY_ONCE_V2, new Generation(Projection.CHARGER_HISTORY, 2));
        tell(connected(CP, t("06-03T10:00")), fault(CP, t("06-03T10:10"), 1, GroundFailure, "RCD tripped"));

        assertThat(intervals()).isNotEmpty();
        assertThat(errors()).hasSize(1);
        assertThat(driver.producedTopicNames()).filteredOn(topic -> topic.startsWith("csms."))
                .containsExactlyInAnyOrder("csms.projection.charger-intervals.g2", "csms.projection.charger-errors.g2");
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachFactPublishesTheIntervalsAndErrorsItChanged() {
        events.pipeInput(CP, registration("06-03T09:50"));
        assertThat(intervals()).containsOnlyKeys(key("06-03T09:50"));

        tell(connected(CP, t("06-03T10:00")));
        Map<String, ChargerStatusInterval> changed = intervals();
        // the registration's interval now ends at the connect
        assertThat(changed).containsOnlyKeys(key("06-03T09:50"), key("06-03T10:00"));
        assertThat(changed.get(key("06-03T09:50")).getEndAt()).isEqualTo(t("06-03T10:00"));
        assertThat(changed.get(key("06-03T10:00")).getUp()).isTrue();
        assertThat(changed.values()).extracting(ChargerStatusInterval::getVersion).containsOnly(2L);

        ChargerTelemetry fault = fault(CP, t("06-03T10:10"), 1, GroundFailure, "RCD tripped");
        tell(fault);
        // its only connector faulted: down from 10:10
        assertThat(intervals()).containsOnlyKeys(key("06-03T10:00"), key("06-03T10:10"));
        assertThat(errors()).containsOnlyKeys(fault.getEventId()).hasEntrySatisfying(fault.getEventId(), error -> {
            assertThat(error.getStartedAt()).isEqualTo(t("06-03T10:10"));
            assertThat(error.getResolvedAt()).isNull();
            assertThat(error.getVersion()).isEqualTo(3);
        });
    }

    @Test
    void aDuplicatePublishesNothing() {
        ChargerEvent registered = registration("06-03T09:50");
        ChargerTelemetry connect = connected(CP, t("06-03T10:00"));
        ChargerTelemetry fault = fault(CP, t("06-03T10:10"), 1, GroundFailure, "RCD tripped");
        events.pipeInput(CP, registered);
        tell(connect, fault);
        drain(intervals);
        drain(errors);

        events.pipeInput(CP, registered);
        tell(fault, connect);

        assertThat(intervals.isEmpty()).isTrue();
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void aLateFactPublishesWhatItChangedAndTombstonesForWhatIsGone() {
        tell(connected(CP, t("06-03T10:00")), disconnected(CP, t("06-03T11:00")), connected(CP, t("06-03T11:30")));
        drain(intervals);

        // connected again at 11:10 already: offline 11:00-11:10, connected from then on
        tell(connected(CP, t("06-03T11:10")));
        Map<String, ChargerStatusInterval> changed = intervals();
        assertThat(changed).containsOnlyKeys(key("06-03T11:00"), key("06-03T11:10"), key("06-03T11:30"));
        assertThat(changed.get(key("06-03T11:00")).getEndAt()).isEqualTo(t("06-03T11:10"));
        assertThat(changed.get(key("06-03T11:10")).getEndAt()).isNull();
        assertThat(changed.get(key("06-03T11:30"))).isNull();

        ChargerTelemetry second = fault(CP, t("06-03T12:00"), 1, GroundFailure, "RCD tripped");
        tell(second, status(CP, t("06-03T12:30"), 1, ConnectorStatus.Available));
        drain(intervals);
        assertThat(errors()).containsOnlyKeys(second.getEventId());

        // the same fault reported earlier: the episode began then, and the 12:00 report was no new one
        ChargerTelemetry first = fault(CP, t("06-03T11:50"), 1, GroundFailure, "RCD tripped");
        tell(first);
        Map<String, ChargerError> episodes = errors();
        assertThat(episodes).containsOnlyKeys(first.getEventId(), second.getEventId());
        assertThat(episodes.get(second.getEventId())).isNull();
        assertThat(episodes.get(first.getEventId()).getResolvedAt()).isEqualTo(t("06-03T12:30"));
        // down from 11:50 instead of 12:00
        assertThat(intervals()).containsEntry(key("06-03T12:00"), null).containsKey(key("06-03T11:50"));
    }

    @Test
    void aDeadGatewaysLiveStateTakesItsChargerOffline() {
        tell(connected(CP, t("06-03T10:00")));
        drain(intervals);

        // an offline state without the gateway check's header is a telemetry disconnect's: history has that already
        states.pipeInput(new TestRecord<>(CP, liveState(false, t("06-03T10:04"), 3)));
        assertThat(intervals.isEmpty()).isTrue();

        states.pipeInput(gatewayChecked(liveState(false, t("06-03T10:05"), 4)));
        Map<String, ChargerStatusInterval> changed = intervals();
        assertThat(changed).containsOnlyKeys(key("06-03T10:00"), key("06-03T10:05"));
        assertThat(changed.get(key("06-03T10:05")).getConnected()).isFalse();

        states.pipeInput(gatewayChecked(liveState(false, t("06-03T10:05"), 5)));
        assertThat(intervals.isEmpty()).isTrue();
    }

    @Test
    void theEndOfASupersededConnectionPublishesNothing() {
        Instant c2 = t("06-03T10:00").plusSeconds(10);
        tell(connected(CP, t("06-03T10:00"), "gw-1", "con_1"), connected(CP, c2, "gw-2", "con_2"),
                status(CP, c2.plusSeconds(1), 1, ConnectorStatus.Available));
        assertThat(intervals()).containsOnlyKeys(key("06-03T10:00"));

        // the old connection's end, from its gateway or from the check of its lost gateway: neither counts
        tell(disconnected(CP, c2.plusSeconds(5), "con_1"));
        states.pipeInput(gatewayChecked(ChargerLiveState.newBuilder(liveState(false, c2.plusSeconds(20), 7))
                .setConnectionId("con_1").build()));
        assertThat(intervals.isEmpty()).isTrue();

        tell(disconnected(CP, c2.plusSeconds(60), "con_2"));
        assertThat(intervals()).containsOnlyKeys(key("06-03T10:00"), CP + "@" + c2.plusSeconds(60).toEpochMilli());
    }

    private static TestRecord<String, ChargerLiveState> gatewayChecked(ChargerLiveState state) {
        return new TestRecord<>(CP, state,
                new RecordHeaders().add(ChargerLiveStateTopology.GATEWAY_CHECKED, new byte[0]));
    }

    @Test
    void foldingFactsIntoTheBasePublishesNoTombstones() {
        tell(connected(CP, t("06-01T00:00")), disconnected(CP, t("06-02T00:00")), connected(CP, t("06-02T06:00")));
        drain(intervals);

        // a week later: the facts up to 06-02 06:00 are final
        tell(status(CP, t("06-09T12:00"), 1, ConnectorStatus.Charging));

        Map<String, ChargerStatusInterval> changed = intervals();
        assertThat(changed).containsOnlyKeys(key("06-02T06:00"), key("06-09T12:00"));
        assertThat(changed.values()).doesNotContainNull();
        assertThat(driver.<String, ChargerTimelineHead>getKeyValueStore(ChargerHistoryTopology.HEADS).get(CP)
                .getTimeline().getBaseAt()).isEqualTo(t("06-02T06:00"));

        // a late fact before the horizon (06-02 12:00) but after the base is published like any other
        tell(disconnected(CP, t("06-02T09:00")));
        changed = intervals();
        assertThat(changed).containsOnlyKeys(key("06-02T06:00"), key("06-02T09:00"), key("06-09T12:00"));
        assertThat(changed.get(key("06-02T06:00")).getEndAt()).isEqualTo(t("06-02T09:00"));
        assertThat(changed.get(key("06-09T12:00"))).isNull();
    }

    /**
     * Issue 13: a chatty charger (a status change every 10 minutes here, every 10 s in ChargerTimelineHeadsTest, over
     * more than the horizon) costs each fact a bounded number of store bytes, the same for its last facts as for its
     * first: no state grows with the facts held.
     */
    @Test
    void aChattyChargersFactsEachWriteABoundedAmountToTheStores() {
        // the test driver commits after every record; under exactly-once each commit flushes the stores to disk
        driver.close();
        start(StreamsConfig.AT_LEAST_ONCE);
        Duration every = Duration.ofMinutes(10);
        int window = 96; // 16 hours
        int facts = 8 * 24 * 6;
        Instant start = t("06-01T00:00");
        tell(connected(CP, start));
        changelogBytes();
        List<Long> perWindow = new ArrayList<>();
        for (int i = 1; i <= facts; i++) {
            tell(status(CP, start.plus(every.multipliedBy(i)), 1, i % 2 == 0 ? ConnectorStatus.Available
                    : ConnectorStatus.Charging));
            if (i % window == 0) {
                long perFact = changelogBytes() / window;
                perWindow.add(perFact);
                assertThat(perFact).as("store bytes written per fact, facts %d to %d", i - window, i).isLessThan(1_000);
                assertThat(intervals()).as("each fact closes an interval and opens one").hasSize(window + 1);
            }
        }
        // flat once the base moves on (a fact a week old is deleted for each new one), as before it
        int weekOld = (int) (ChargerTimelines.HORIZON.dividedBy(every) / window) + 1;
        assertThat(perWindow.get(perWindow.size() - 1)).isLessThanOrEqualTo(perWindow.get(weekOld) * 6 / 5);
        assertThat(perWindow.get(weekOld - 2)).isLessThanOrEqualTo(perWindow.get(0) * 6 / 5);
        // the facts of the last 7 days stay (the interval holding the horizon begins at it); the older ones went
        assertThat(storeEntries(ChargerHistoryTopology.FACTS)).isEqualTo(ChargerTimelines.HORIZON.dividedBy(every));
    }

    /** The bytes (keys and values) written to the stores' changelogs since last asked. */
    private long changelogBytes() {
        return driver.producedTopicNames().stream().filter(topic -> topic.endsWith("-changelog"))
                .mapToLong(topic -> driver.createOutputTopic(topic, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()).readRecordsToList().stream()
                        .mapToLong(record -> length(record.key()) + length(record.value())).sum())
                .sum();
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private long storeEntries(String store) {
        try (var all = driver.getKeyValueStore(store).all()) {
            long entries = 0;
            for (; all.hasNext(); all.next()) {
                entries++;
            }
            return entries;
        }
    }

    private void tell(ChargerTelemetry... records) {
        for (ChargerTelemetry record : records) {
            telemetry.pipeInput(CP, record);
        }
    }

    /** The intervals published since last asked, by key; null for a tombstone. */
    private Map<String, ChargerStatusInterval> intervals() {
        return drain(intervals);
    }

    private Map<String, ChargerError> errors() {
        return drain(errors);
    }

    private static <V> Map<String, V> drain(TestOutputTopic<String, V> topic) {
        Map<String, V> published = new TreeMap<>();
        topic.readKeyValuesToList().forEach(record -> published.put(record.key, record.value));
        return published;
    }

    private static String key(String start) {
        return CP + "@" + t(start).toEpochMilli();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
