package org.dynamocsms.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far consumer groups are behind the end of the topics they read, from their committed offsets. */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Records of {@code topic} not yet committed by {@code group}. */
    static long of(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = ends(admin, partitions);
        long lag = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            lag += ends.get(p) - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    /** Where a consumer group stands: the offsets it has committed, summed over its partitions, and its lag. */
    record Position(long committed, long lag) {
    }

    /** Each consumer group's position, over every partition it has committed offsets for. */
    static Map<String, Position> ofEveryGroup(Admin admin) throws ExecutionException, InterruptedException {
        Map<String, Position> positions = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> ends = ends(admin, committed.keySet());
            long sum = 0;
            long lag = 0;
            for (var entry : committed.entrySet()) {
                sum += entry.getValue().offset();
                lag += ends.get(entry.getKey()) - entry.getValue().offset();
            }
            positions.put(group.groupId(), new Position(sum, lag));
        }
        return positions;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
