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

    /** Each consumer group's records not yet committed, over every partition it has committed offsets for. */
    static Map<String, Long> ofEveryGroup(Admin admin) throws ExecutionException, InterruptedException {
        Map<String, Long> lags = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> ends = ends(admin, committed.keySet());
            long lag = 0;
            for (var entry : committed.entrySet()) {
                lag += ends.get(entry.getKey()) - entry.getValue().offset();
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Collection<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
