package org.dynamocsms.projection.generation;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.replay.ProjectionGeneration;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Follows {@code csms.projection.generations} from its beginning, every partition, on its own thread: once it has
 * read to the end offsets it found at its start, it hands every projection's generations to {@code run} (those of a
 * projection without a record: {@link RunningGenerations#FIRST}), then each change as it comes. A record of an
 * unknown projection or naming no valid generations is logged and skipped.
 */
public final class ProjectionGenerations implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionGenerations.class);

    private final Consumer<String, ProjectionGeneration> consumer;
    private final BiConsumer<Projection, RunningGenerations> run;
    private final Map<TopicPartition, Long> ends;
    private final Map<Projection, RunningGenerations> named = new EnumMap<>(Projection.class);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final ConsumerLoop<String, ProjectionGeneration> loop;

    private ProjectionGenerations(Consumer<String, ProjectionGeneration> consumer,
                                  BiConsumer<Projection, RunningGenerations> run) {
        this.consumer = consumer;
        this.run = run;
        String topic = Topics.PROJECTION_GENERATIONS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.ends = consumer.endOffsets(partitions);
        this.loop = ConsumerLoop.start("projection-generations", consumer, this::handle);
    }

    /**
     * Starts following with {@code consumer} (of no group, reading committed records), which it owns and closes;
     * {@code run} is called on the follower's thread.
     */
    public static ProjectionGenerations follow(Consumer<String, ProjectionGeneration> consumer,
                                               BiConsumer<Projection, RunningGenerations> run) {
        return new ProjectionGenerations(consumer, run);
    }

    /** Waits until the topic has been read to its end and every projection handed to {@code run}; false if not yet. */
    public boolean awaitCaughtUp(Duration within) throws InterruptedException {
        return caughtUp.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        loop.close();
    }

    private void handle(ConsumerRecords<String, ProjectionGeneration> records) {
        boolean following = caughtUp.getCount() == 0;
        for (ConsumerRecord<String, ProjectionGeneration> record : records) {
            read(record).ifPresent(projection -> {
                if (following) {
                    run.accept(projection, named.get(projection));
                }
            });
        }
        if (!following && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            for (Projection projection : Projection.values()) {
                run.accept(projection, named.getOrDefault(projection, RunningGenerations.FIRST));
            }
            caughtUp.countDown();
        }
    }

    /** Notes the generations {@code record} names; answers its projection, empty if it is skipped. */
    private Optional<Projection> read(ConsumerRecord<String, ProjectionGeneration> record) {
        Optional<Projection> projection = Optional.ofNullable(record.key()).flatMap(Projection::byId);
        if (projection.isEmpty()) {
            LOG.warnf("Skipping the generations of unknown projection %s (offset %d of %s)", record.key(),
                    record.offset(), record.topic());
            return Optional.empty();
        }
        try {
            named.put(projection.get(), RunningGenerations.of(record.value()));
            return projection;
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping the generations of %s at offset %d of %s: %s", record.key(), record.offset(),
                    record.topic(), e.getMessage());
            return Optional.empty();
        }
    }
}
