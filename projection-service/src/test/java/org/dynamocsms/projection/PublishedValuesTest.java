package org.dynamocsms.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver commits after each input record, so the writes of one input are those of one commit. Each input is a
 * list of writes, {@code key=value} ({@code key=-} deletes).
 */
class PublishedValuesTest {

    @TempDir
    Path stateDir;

    @Test
    void withACacheAKeysWritesWithinACommitGoDownstreamAsOneRecordWhenTheCommitFlushesThem() {
        try (TopologyTestDriver driver = driver(10 * 1024 * 1024)) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> out = out(driver);

            in.pipeInput("input-1", "a=1,a=2,b=1,a=3");
            assertThat(out.readKeyValuesToList()).as("in the order of each key's last write")
                    .containsExactly(KeyValue.pair("b", "1"), KeyValue.pair("a", "3"));

            in.pipeInput("input-2", "b=2,b=-,c=1,c=-");
            assertThat(out.readKeyValuesToList()).as("a deleted key's tombstone; nothing for one never published")
                    .containsExactly(KeyValue.pair("b", null));
            assertThat(driver.getKeyValueStore("values").get("a")).isEqualTo("3");
        }
    }

    @Test
    void withoutACacheEveryWriteGoesDownstreamAtOnce() {
        try (TopologyTestDriver driver = driver(0)) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> out = out(driver);

            in.pipeInput("input-1", "a=1,a=2,b=1,b=-");

            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("a", "2"),
                    KeyValue.pair("b", "1"), KeyValue.pair("b", null));
        }
    }

    @Test
    void aCacheTooSmallForTheWritesForwardsWhatItEvictsAndLosesNothing() {
        try (TopologyTestDriver driver = driver(64)) {
            TestInputTopic<String, String> in = in(driver);
            TestOutputTopic<String, String> out = out(driver);

            in.pipeInput("input-1", "a=1,b=1,c=1,d=1,a=2,e=1");

            List<KeyValue<String, String>> published = out.readKeyValuesToList();
            assertThat(published).contains(KeyValue.pair("b", "1"), KeyValue.pair("c", "1"), KeyValue.pair("d", "1"),
                    KeyValue.pair("e", "1"));
            assertThat(published.stream().filter(record -> record.key.equals("a")).map(record -> record.value))
                    .as("a's values in the order written, the last one last").endsWith("2");
        }
    }

    private TopologyTestDriver driver(long cacheMaxBytes) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        topology.addProcessor("writes", Writes::new, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("values"), Serdes.String(),
                Serdes.String()).withCachingEnabled(), "writes");
        topology.addSink("out", "out", new StringSerializer(), new StringSerializer(), "writes");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "published-values-test");
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

    private static final class Writes implements Processor<String, String, String, String> {

        private PublishedValues<String> values;

        @Override
        public void init(ProcessorContext<String, String> context) {
            values = new PublishedValues<>(context, "values", 10);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String write : record.value().split(",")) {
                String[] keyAndValue = write.split("=");
                values.put(record, keyAndValue[0], keyAndValue[1].equals("-") ? null : keyAndValue[1]);
            }
        }
    }
}
