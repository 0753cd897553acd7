package org.dynamocsms.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @Test
    void handsEveryRecordOverAndGoesOnAfterAFailingBatch() throws Exception {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        AtomicBoolean failedOnce = new AtomicBoolean();
        try (ConsumerLoop<String, String> loop = ConsumerLoop.start("test-loop", consumer, records -> {
            records.forEach(r -> {
                if (r.value().equals("boom") && failedOnce.compareAndSet(false, true)) {
                    throw new IllegalStateException("passing fault");
                }
                handled.add(r.value());
            });
        })) {
            consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>("t", 0, 0, "k", "boom")));
            consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>("t", 0, 1, "k", "after")));
            await(() -> handled.contains("after"));
        }
        assertThat(failedOnce).isTrue();
        assertThat(handled).containsExactly("after");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void closeStopsTheLoopAndClosesTheConsumer() {
        consumer.assign(List.of(PARTITION));
        ConsumerLoop<String, String> loop = ConsumerLoop.start("test-loop", consumer, records -> { });
        loop.close();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aLoopWhoseThreadDiedUnclosedIsStoppedAndAClosedOneIsNot() throws Exception {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        ConsumerLoop<String, String> dying = ConsumerLoop.start("dying-loop", consumer, records -> {
            if (!records.isEmpty()) {
                throw new StackOverflowError("not a fault a retry mends");
            }
        });
        MockConsumer<String, String> other = new MockConsumer<>("earliest");
        other.assign(List.of(PARTITION));
        ConsumerLoop.start("closed-loop", other, records -> { }).close();
        assertThat(ConsumerLoop.stopped()).doesNotContain("dying-loop");

        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>("t", 0, 0, "k", "v")));
        await(() -> ConsumerLoop.stopped().contains("dying-loop"));
        assertThat(ConsumerLoop.stopped()).doesNotContain("closed-loop");

        dying.close();
        assertThat(ConsumerLoop.stopped()).doesNotContain("dying-loop");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
