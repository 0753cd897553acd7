package org.dynamocsms.projection.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.replay.ProjectionGeneration;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

class ProjectionGenerationsTest {

    private static final String TOPIC = Topics.PROJECTION_GENERATIONS.name();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<String, ProjectionGeneration> consumer = new MockConsumer<>("earliest");
    private final List<Map.Entry<Projection, RunningGenerations>> runs = Collections.synchronizedList(new ArrayList<>());

    @Test
    void nothingRunsBeforeTheTopicIsReadToItsEndThenEveryProjectionThenEachChange() throws Exception {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
                new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 3L, P1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, "live-states", generations(1, 2)));
            consumer.addRecord(record(P0, 1, "no-such-projection", generations(1, 2)));
            consumer.addRecord(record(P0, 2, "sites", generations(2, null)));
        });
        consumer.schedulePollTask(() -> {
            // the first poll read P0 to its end, not P1: nothing may run yet
            assertThat(runs).isEmpty();
            consumer.addRecord(record(P1, 0, "chargers", generations(0, null)));
        });

        try (ProjectionGenerations generations = ProjectionGenerations.follow(consumer, this::run)) {
            assertThat(generations.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            // every projection once, those without a valid record at generation 1
            assertThat(runs).containsExactly(Map.entry(Projection.SITES, new RunningGenerations(2, null)),
                    Map.entry(Projection.CHARGERS, RunningGenerations.FIRST),
                    Map.entry(Projection.MAINTENANCE, RunningGenerations.FIRST),
                    Map.entry(Projection.LIVE_STATES, new RunningGenerations(1, 2)),
                    Map.entry(Projection.CHARGER_HISTORY, RunningGenerations.FIRST),
                    Map.entry(Projection.CHARGER_CALLS, RunningGenerations.FIRST));

            consumer.schedulePollTask(() -> {
                consumer.addRecord(record(P0, 3, "live-states", generations(2, null)));
                consumer.addRecord(record(P1, 1, "maintenance", generations(1, 1)));
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (runs.size() < 7 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            assertThat(runs).hasSize(7)
                    .last().isEqualTo(Map.entry(Projection.LIVE_STATES, new RunningGenerations(2, null)));
        }
        assertThat(consumer.closed()).isTrue();
    }

    private void run(Projection projection, RunningGenerations generations) {
        runs.add(Map.entry(projection, generations));
    }

    private static ConsumerRecord<String, ProjectionGeneration> record(TopicPartition partition, long offset,
                                                                       String projection,
                                                                       ProjectionGeneration generations) {
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, projection, generations);
    }

    private static ProjectionGeneration generations(int live, Integer building) {
        return new ProjectionGeneration("ignored: the key names the projection", live, building, null,
                Instant.EPOCH);
    }
}
