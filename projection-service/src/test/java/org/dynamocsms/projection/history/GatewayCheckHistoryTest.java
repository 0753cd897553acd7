package org.dynamocsms.projection.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.projection.Records.connected;
import static org.dynamocsms.projection.Records.status;
import static org.dynamocsms.projection.history.Facts.CP;
import static org.dynamocsms.projection.history.Facts.registration;
import static org.dynamocsms.projection.history.Facts.t;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.projection.Records;
import org.dynamocsms.projection.site.SiteSummaryTopology;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway check's decisions as the charger history sees them: facts on the telemetry topic, so that a history
 * rebuilt from the event topics (telemetry and charger events, kept forever) counts them as the live one did.
 */
class GatewayCheckHistoryTest {

    private static final Instant WALL_CLOCK = t("06-03T10:05");

    @TempDir
    Path stateDir;

    @Test
    void theChargerHistoryRebuiltFromTheEventTopicsAloneCountsTheDisconnectTheGatewayCheckDecided() {
        ChargerEvent registered = registration("06-03T09:50");
        List<ChargerTelemetry> telemetry = new ArrayList<>(List.of(connected(CP, t("06-03T10:00"), "gw-1", "con_1"),
                status(CP, t("06-03T10:01"), 1, ConnectorStatus.Available)));
        try (TopologyTestDriver live = new TopologyTestDriver(SiteSummaryTopology.build(Generation.first(Projection.LIVE_STATES), () -> true), props("live"),
                WALL_CLOCK)) {
            input(live, Topics.CHARGER_EVENTS).pipeInput(CP, registered);
            telemetry.forEach(record -> input(live, Topics.CHARGER_TELEMETRY).pipeInput(CP, record));
            // gw-1 reported last at 10:05 and is lost once three reports (10 s apart) are overdue
            input(live, Topics.GATEWAY_LIVENESS).pipeInput("gw-1", Records.liveness("gw-1", t("06-03T09:00"),
                    WALL_CLOCK));
            live.advanceWallClockTime(Duration.ofSeconds(40));
            // the event topics now: what was sent, and what the live-state projection wrote
            telemetry.addAll(output(live, Topics.CHARGER_TELEMETRY).readValuesToList());
        }

        try (TopologyTestDriver rebuilt = new TopologyTestDriver(ChargerHistoryTopology.build(Generation.first(Projection.CHARGER_HISTORY)), props("history"))) {
            input(rebuilt, Topics.CHARGER_EVENTS).pipeInput(CP, registered);
            telemetry.forEach(record -> input(rebuilt, Topics.CHARGER_TELEMETRY).pipeInput(CP, record));
            Map<String, ChargerStatusInterval> intervals = new TreeMap<>();
            output(rebuilt, Topics.CHARGER_INTERVAL_PROJECTION).readKeyValuesToList()
                    .forEach(record -> intervals.put(record.key, record.value));

            // offline from its last message (10:01), as the live state's last_seen_at says
            assertThat(intervals).containsOnlyKeys(key("06-03T09:50"), key("06-03T10:00"), key("06-03T10:01"));
            assertThat(intervals.get(key("06-03T10:00")).getConnected()).isTrue();
            assertThat(intervals.get(key("06-03T10:00")).getEndAt()).isEqualTo(t("06-03T10:01"));
            assertThat(intervals.get(key("06-03T10:01")).getConnected()).isFalse();
            assertThat(intervals.get(key("06-03T10:01")).getEndAt()).isNull();
        }
    }

    private Properties props(String name) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gateway-check-" + name);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    private static String key(String start) {
        return CP + "@" + t(start).toEpochMilli();
    }

    private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
