package org.dynamocsms.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
    void leavesEveryOtherMeterAlone() {
        registry.gauge("jvm.threads.live", 1);
        registry.counter("ocpp.calls.received", "action", "Heartbeat");

        assertThat(registry.getMeters()).hasSize(2);
    }
}
