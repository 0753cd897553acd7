package org.dynamocsms.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    KafkaMetersTest() {
        registry.config().meterFilter(new KafkaMeters().keptKafkaMeters());
    }

    @Test
    void keepsTheLagAndThreadMetersOfKafkaAndDropsTheRest() {
        registry.gauge("kafka.consumer.fetch.manager.records.lag.max", 3);
        registry.gauge("kafka.consumer.fetch.manager.records.lag", 2);
        registry.gauge("kafka.stream.thread.process.rate", 1);
        registry.gauge("kafka.stream.task.process.rate", 1); // per task
        registry.gauge("kafka.stream.state.put.latency.avg", 1); // per store
        registry.gauge("kafka.consumer.fetch.manager.fetch.size.avg", 1);

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).containsExactlyInAnyOrder(
                "kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.fetch.manager.records.lag",
                "kafka.stream.thread.process.rate");
    }

    @Test
    void aConsumersMetersAreTaggedWithItsApplicationAndGoWhenItIsClosed() {
        SimpleMeterRegistry unfiltered = new SimpleMeterRegistry();
        KafkaMeters meters = new KafkaMeters();
        meters.registry = unfiltered;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"); // never reached: nothing is polled
        MeteredConsumer<String, String> consumer = new MeteredConsumer<>(props, new StringDeserializer(),
                new StringDeserializer(), client -> meters.bind("csms-query-api-sites", client));
        try {
            assertThat(unfiltered.find("kafka.consumer.fetch.manager.records.lag.max")
                    .tag(KafkaMeters.APPLICATION, "csms-query-api-sites").gauge()).isNotNull();

            consumer.close(CloseOptions.timeout(Duration.ZERO));

            assertThat(unfiltered.getMeters()).isEmpty();
        } finally {
            meters.stop();
        }
    }

    @Test
    void leavesEveryOtherMeterAlone() {
        registry.gauge("jvm.threads.live", 1);
        registry.counter("ocpp.calls.received", "action", "Heartbeat");

        assertThat(registry.getMeters()).hasSize(2);
    }
}
