package org.dynamocsms.query.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.dynamocsms.query.ReadStoreIngestion;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.replay.ProjectionGeneration;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/** What a replay asks of Kafka: a generation's topics and groups, their offsets, and the generations record. */
final class ReplayKafka implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final KafkaProducer<String, ProjectionGeneration> producer;
    private final java.util.function.Consumer<Collection<Topic<?, ?>>> topicCreator;

    /** {@code topicCreator} creates topics configured like every topic of the deployment. */
    ReplayKafka(Admin admin, KafkaProducer<String, ProjectionGeneration> producer,
                java.util.function.Consumer<Collection<Topic<?, ?>>> topicCreator) {
        this.admin = admin;
        this.producer = producer;
        this.topicCreator = topicCreator;
    }

    /** Creates the generation's output topics, configured as generation 1's. */
    void createOutputs(Generation generation) {
        topicCreator.accept(outputs(generation));
    }

    /** The generation's read-store consumer group of {@code output} (generation 1's name of an output topic). */
    static String ingestorGroup(Generation generation, Topic<String, ?> output) {
        String topic = generation.topic(output).name();
        return ReadStoreIngestion.feeds(generation).stream().filter(feed -> feed.topic().equals(topic))
                .map(ReadStoreIngestion.Feed::group).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The read store does not ingest " + topic));
    }

    /** The generation's output topics. */
    static List<Topic<?, ?>> outputs(Generation generation) {
        return generation.projection().outputs().stream().<Topic<?, ?>>map(generation::topic).toList();
    }

    /** Every consumer group of the generation: its Streams application's and its ingestors'. */
    static List<String> groups(Generation generation) {
        List<String> groups = new ArrayList<>();
        groups.add(generation.applicationId());
        ReadStoreIngestion.feeds(generation).forEach(feed -> groups.add(feed.group()));
        return groups;
    }

    /** Publishes which generations of {@code projection} run, and waits until the broker has it. */
    void publish(Projection projection, int live, Integer building, String replayId) {
        ProjectionGeneration record = ProjectionGeneration.newBuilder().setProjection(projection.id()).setLive(live)
                .setBuilding(building).setReplayId(replayId).setChangedAt(Instant.now()).build();
        get(() -> producer.send(new ProducerRecord<>(Topics.PROJECTION_GENERATIONS.name(), projection.id(),
                record)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    /** The partitions of {@code topics}. */
    List<TopicPartition> partitions(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        get(() -> admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .forEach((name, topic) -> topic.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return partitions;
    }

    /** The application's repartition topics (Kafka Streams names them {@code <applicationId>-…-repartition}). */
    Set<String> repartitionTopics(String applicationId) {
        return Set.copyOf(internalTopics(applicationId).stream().filter(t -> t.endsWith("-repartition")).toList());
    }

    /**
     * Every internal topic of the generation's application: {@code <applicationId>-…}, but not those of a later
     * generation of the same application when this is generation 1 ({@code <applicationId>-g<n>-…}).
     */
    List<String> internalTopics(String applicationId) {
        Pattern laterGeneration = Pattern.compile(Pattern.quote(applicationId) + "-g\\d+-.*");
        return get(() -> admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).stream()
                .filter(t -> t.startsWith(applicationId + "-") && !laterGeneration.matcher(t).matches())
                .sorted().toList();
    }

    /** The last stable offsets of {@code partitions}: where a read_committed consumer's reading ends. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(() -> admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** The offsets {@code group} has committed (none for a partition it has not committed yet). */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = get(() -> admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        offsets.forEach((p, offset) -> {
            if (offset != null) {
                committed.put(p, offset.offset());
            }
        });
        return committed;
    }

    /** The groups of {@code groups} that still have members. */
    List<String> withMembers(Collection<String> groups) {
        List<String> busy = new ArrayList<>();
        Map<String, ConsumerGroupDescription> described;
        try {
            described = admin.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("Cannot describe groups " + groups, e.getCause());
            }
            // some are gone: describe one at a time
            described = new HashMap<>();
            for (String group : groups) {
                try {
                    described.putAll(admin.describeConsumerGroups(List.of(group)).all()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException gone) {
                    if (!(gone.getCause() instanceof GroupIdNotFoundException)) {
                        throw new IllegalStateException("Cannot describe group " + group, gone.getCause());
                    }
                } catch (Exception other) {
                    throw new IllegalStateException("Cannot describe group " + group, other);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot describe groups " + groups, e);
        }
        described.forEach((group, description) -> {
            if (!description.members().isEmpty()) {
                busy.add(group);
            }
        });
        return busy;
    }

    void deleteTopics(Collection<String> topics) {
        for (String topic : topics) {
            try {
                admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Cannot delete topic " + topic, e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot delete topic " + topic, e);
            }
        }
    }

    /** Deletes {@code groups}; false if one still has members (it stays). */
    boolean deleteGroups(Collection<String> groups) {
        for (String group : groups) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupNotEmptyException) {
                    return false;
                }
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw new IllegalStateException("Cannot delete group " + group, e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot delete group " + group, e);
            }
        }
        return true;
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T get(Call<T> call) {
        try {
            return call.call();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
