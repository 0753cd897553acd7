package org.dynamocsms.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver commits after each input record, so the writes of one input are those of one commit. Each input is a
 * list of writes, {@code key=value} ({@code key=-} deletes); the values are records named by their gateway id.
 */
class BufferedValuesTest {

    private static final String STORE = "values";

    @TempDir
    Path stateDir;

    @Test
    void withACacheAKeysWritesWithinACommitAreWrittenAndPublishedOnceBeforeTheCommit() {
        try (TopologyTestDriver driver = driver(10 * 1024 * 1024)) {
            in(driver).pipeInput("input-1", "a=1,a=2,b=1,a=3");

            assertThat(out(driver).readKeyValuesToList()).as("each key once, in the order first written")
                    .containsExactly(KeyValue.pair("a", "3"), KeyValue.pair("b", "1"));
            assertThat(stored(driver)).containsExactly(KeyValue.pair("a", "3"), KeyValue.pair("b", "1"));

            in(driver).pipeInput("input-2", "b=2,b=-,c=1,c=-");

            assertThat(out(driver).readKeyValuesToList()).as("a deletion is published as a tombstone")
                    .containsExactly(KeyValue.pair("b", null), KeyValue.pair("c", null));
            assertThat(stored(driver)).containsExactly(KeyValue.pair("a", "3"));
        }
    }

    @Test
    void withoutACacheEveryWriteIsWrittenAndPublishedAtOnce() {
        try (TopologyTestDriver driver = driver(0)) {
            in(driver).pipeInput("input-1", "a=1,a=2,b=1,b=-");

            assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("a", "1"),
                    KeyValue.pair("a", "2"), KeyValue.pair("b", "1"), KeyValue.pair("b", null));
            assertThat(stored(driver)).containsExactly(KeyValue.pair("a", "2"));
        }
    }

    @Test
    void aValueHeldSinceTheLastCommitIsReadBackAndAPunctuatorFlushesItBeforeReadingTheStore() {
        try (TopologyTestDriver driver = driver(10 * 1024 * 1024)) {
            in(driver).pipeInput("input-1", "a=1,a=+,b=5,b=+");
            assertThat(out(driver).readKeyValuesToList()).as("each value read back before the commit, plus one")
                    .containsExactly(KeyValue.pair("a+", "2"), KeyValue.pair("b+", "6"), KeyValue.pair("a", "2"),
                            KeyValue.pair("b", "6"));

            driver.advanceWallClockTime(Duration.ofSeconds(1));

            assertThat(out(driver).readKeyValuesToList()).as("the punctuator counted what the store held")
                    .containsExactly(KeyValue.pair("count", "2"));
            in(driver).pipeInput("input-2", "c=1");
            out(driver).readKeyValuesToList();

            driver.advanceWallClockTime(Duration.ofSeconds(1));

            assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("count", "3"));
        }
    }

    private TopologyTestDriver driver(long cacheMaxBytes) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        topology.addProcessor("writes", Writes::new, "in");
        BufferedValues.stores(STORE, GatewayLiveness.class).forEach(store -> topology.addStateStore(store, "writes"));
        topology.addSink("out", "out", new StringSerializer(), (String topic, Object value) -> value == null ? null
                : (value instanceof GatewayLiveness named ? named.getGatewayId() : value).toString().getBytes(),
                "writes");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "buffered-values-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        return new TopologyTestDriver(topology, props);
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver driver) {
        return driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    }

    private static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
        return driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    private static List<KeyValue<String, String>> stored(TopologyTestDriver driver) {
        KeyValueStore<String, GatewayLiveness> store = driver.getKeyValueStore(STORE);
        try (KeyValueIterator<String, GatewayLiveness> all = store.all()) {
            List<KeyValue<String, String>> entries = new ArrayList<>();
            all.forEachRemaining(entry -> entries.add(KeyValue.pair(entry.key, entry.value.getGatewayId())));
            return entries;
        }
    }

    /**
     * Writes records named by the value given ({@code +}: the value held plus one, which it also sends downstream);
     * every second counts the store's entries.
     */
    private static final class Writes implements Processor<String, String, String, Object> {

        private ProcessorContext<String, Object> context;
        private BufferedValues<GatewayLiveness> values;
        private KeyValueStore<String, GatewayLiveness> store;

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.values = BufferedValues.published(context, STORE, 10);
            this.store = context.getStateStore(STORE);
            context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
                values.flush();
                try (KeyValueIterator<String, GatewayLiveness> all = store.all()) {
                    int count = 0;
                    for (; all.hasNext(); all.next()) {
                        count++;
                    }
                    context.forward(new Record<>("count", String.valueOf(count), now));
                }
            });
        }

        @Override
        public void process(Record<String, String> record) {
            for (String write : record.value().split(",")) {
                String key = write.split("=")[0];
                String value = write.split("=")[1];
                GatewayLiveness named = switch (value) {
                    case "-" -> null;
                    case "+" -> named(String.valueOf(Integer.parseInt(values.get(key).getGatewayId()) + 1));
                    default -> named(value);
                };
                values.put(record, key, named);
                if (value.equals("+")) {
                    context.forward(record.withKey(key + "+").withValue(values.get(key).getGatewayId()));
                }
            }
        }
    }

    private static GatewayLiveness named(String name) {
        return GatewayLiveness.newBuilder().setGatewayId(name).setStartedAt(Instant.EPOCH)
                .setReportedAt(Instant.EPOCH).setIntervalMs(1).build();
    }
}
