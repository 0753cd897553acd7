package org.dynamocsms.projection.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.projection.ProjectionTopologies;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.dynamocsms.schemas.call.ChargerCalls;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.call.InstalledChargingProfile;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChargerCallTopologyTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, ChargerCall> calls;
    private TestInputTopic<String, ChargerCallResult> results;
    private TestOutputTopic<String, ChargerCallView> views;
    private TestOutputTopic<String, ChargerChargingProfiles> profiles;

    @BeforeEach
    void start(@TempDir Path stateDir) {
        driver = driver(Generation.first(Projection.CHARGER_CALLS), stateDir);
        calls = input(driver, Topics.CHARGER_CALLS);
        results = input(driver, Topics.CHARGER_CALL_RESULTS);
        views = output(driver, Topics.CHARGER_CALL_PROJECTION);
        profiles = output(driver, Topics.CHARGING_PROFILE_PROJECTION);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aCallAndThenItsResultGiveThePendingAndThenTheEndedViewKeyedByCallId() {
        ChargerCall call = Calls.reset("call_1", "CP-001");

        calls.pipeInput("CP-001", call);
        results.pipeInput("CP-001", Calls.accepted(call));

        List<KeyValue<String, ChargerCallView>> published = views.readKeyValuesToList();
        assertThat(published).extracting(kv -> kv.key).containsExactly("call_1", "call_1");
        assertThat(published).extracting(kv -> kv.value.getStatus())
                .containsExactly(ChargerCallStatus.PENDING, ChargerCallStatus.ANSWERED);
        assertThat(highest(published)).isEqualTo(ChargerCallViews.ended(Calls.accepted(call)));
    }

    @Test
    void aResultArrivingBeforeItsCallStillLeavesTheEndedViewTheHighestVersion() {
        ChargerCall call = Calls.reset("call_1", "CP-001");

        results.pipeInput("CP-001", Calls.accepted(call));
        calls.pipeInput("CP-001", call);

        List<KeyValue<String, ChargerCallView>> published = views.readKeyValuesToList();
        assertThat(published).extracting(kv -> kv.value.getVersion())
                .containsExactly(ChargerCalls.ENDED, ChargerCalls.REQUESTED);
        assertThat(highest(published)).isEqualTo(ChargerCallViews.ended(Calls.accepted(call)));
    }

    @Test
    void eachCallOfAChargerIsAViewOfItsOwn() {
        calls.pipeInput("CP-001", Calls.reset("call_1", "CP-001"));
        calls.pipeInput("CP-001", Calls.reset("call_2", "CP-001"));

        assertThat(views.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("call_1", "call_2");
    }

    @Test
    void eachChangeOfAChargersChargingProfilesIsPublishedKeyedByChargePointIdFromItsStore() {
        ChargerCall set = Calls.setProfile("call_1", 1, 10, 0, "TxDefaultProfile", 16);
        ChargerCall other = Calls.call("call_2", "CP-002", "SetChargingProfile", set.getPayload());

        calls.pipeInput("CP-001", set);
        results.pipeInput("CP-001", Calls.accepted(set));
        results.pipeInput("CP-001", Calls.answered(Calls.clearProfiles("call_3", "{}"), "{\"status\":\"Unknown\"}"));
        results.pipeInput("CP-001", Calls.accepted(Calls.reset("call_4", "CP-001")));
        results.pipeInput("CP-002", Calls.accepted(other));
        results.pipeInput("CP-001", Calls.accepted(Calls.clearProfiles("call_5", "{\"id\": 10}")));

        // the clear not accepted and the Reset changed nothing: nothing published for them
        List<KeyValue<String, ChargerChargingProfiles>> published = profiles.readKeyValuesToList();
        assertThat(published).extracting(kv -> kv.key + " v" + kv.value.getVersion() + " "
                + kv.value.getProfiles().size()).containsExactly("CP-001 v1 1", "CP-002 v1 1", "CP-001 v2 0");
        KeyValueStore<String, ChargerChargingProfiles> store =
                driver.getKeyValueStore(ChargerCallTopology.CHARGING_PROFILES);
        assertThat(store.get("CP-001")).isEqualTo(published.get(2).value);
        assertThat(store.get("CP-002").getProfiles()).extracting(InstalledChargingProfile::getCallId)
                .containsExactly("call_2");
    }

    @Test
    void generationTwoWritesItsOwnCopiesOfTheTopicsThroughNoRepartitionTopic(@TempDir Path stateDir) {
        Generation second = new Generation(Projection.CHARGER_CALLS, 2);
        TopologyDescription description = ProjectionTopologies.build(second, () -> true).describe();
        assertThat(description.subtopologies()).singleElement().satisfies(subtopology -> assertThat(
                subtopology.nodes().stream().filter(node -> node instanceof TopologyDescription.Sink)
                        .map(node -> ((TopologyDescription.Sink) node).topic()))
                .containsExactlyInAnyOrder(Topics.CHARGER_CALL_PROJECTION.name() + ".g2",
                        Topics.CHARGING_PROFILE_PROJECTION.name() + ".g2"));

        try (TopologyTestDriver rebuilt = driver(second, stateDir)) {
            ChargerCall set = Calls.setProfile("call_1", 1, 10, 0, "TxDefaultProfile", 16);
            input(rebuilt, Topics.CHARGER_CALLS).pipeInput("CP-001", set);
            input(rebuilt, Topics.CHARGER_CALL_RESULTS).pipeInput("CP-001", Calls.accepted(set));
            assertThat(output(rebuilt, second.topic(Topics.CHARGER_CALL_PROJECTION)).readKeyValue().key)
                    .isEqualTo("call_1");
            assertThat(output(rebuilt, second.topic(Topics.CHARGING_PROFILE_PROJECTION)).readKeyValue().key)
                    .isEqualTo("CP-001");
        }
    }

    private static ChargerCallView highest(List<KeyValue<String, ChargerCallView>> published) {
        return published.stream().map(kv -> kv.value).max(Comparator.comparingLong(ChargerCallView::getVersion))
                .orElseThrow();
    }

    private static TopologyTestDriver driver(Generation generation, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, generation.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(ProjectionTopologies.build(generation, () -> true), props);
    }

    private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
