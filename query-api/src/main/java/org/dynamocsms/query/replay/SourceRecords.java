package org.dynamocsms.query.replay;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.kafka.ConsumerLoop;

/**
 * Exact record counts of some topics, as a read_committed consumer sees them: tails them from the beginning with a
 * raw (undecoded) consumer and counts, per partition, the records and where offsets are skipped. Offsets alone
 * overcount: transaction markers and aborted records take offsets too.
 */
public final class SourceRecords implements AutoCloseable {

    private final Map<TopicPartition, PartitionRecords> partitions = new ConcurrentHashMap<>();
    private final Consumer<byte[], byte[]> consumer;
    private final ConsumerLoop<byte[], byte[]> loop;

    private SourceRecords(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> assigned) {
        this.consumer = consumer;
        assigned.forEach(p -> partitions.put(p, new PartitionRecords()));
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        this.loop = ConsumerLoop.start("source-records", consumer, this::count);
    }

    /**
     * Starts counting the records of {@code partitions} (of topics that exist: a consumer's metadata may not show a
     * topic just created, so the caller lists them) with {@code consumer}: read_committed, without a group, owned
     * from now on.
     */
    public static SourceRecords start(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("No partitions to count");
        }
        return new SourceRecords(consumer, partitions);
    }

    /** The records of {@code partition} with an offset below {@code offset} (a committed offset: the next to read). */
    public long recordsBelow(TopicPartition partition, long offset) {
        return counted(partition).below(offset);
    }

    private PartitionRecords counted(TopicPartition partition) {
        PartitionRecords records = partitions.get(partition);
        if (records == null) {
            throw new IllegalArgumentException(partition + " is not counted");
        }
        return records;
    }

    /**
     * Whether the offsets of {@code partition} in [{@code from}, {@code to}) hold no record (only transaction markers
     * or aborted records, or nothing), as far as read: false until read up to {@code to}.
     */
    public boolean noRecordsBetween(TopicPartition partition, long from, long to) {
        return counted(partition).noRecordsBetween(from, to);
    }

    /** Whether {@code partition} is counted here. */
    public boolean counts(TopicPartition partition) {
        return partitions.containsKey(partition);
    }

    /** The records of {@code topic} read so far. */
    public long records(String topic) {
        return partitions.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> e.getValue().records()).sum();
    }

    /** The records of every counted topic read so far. */
    public long records() {
        return partitions.values().stream().mapToLong(PartitionRecords::records).sum();
    }

    @Override
    public void close() {
        loop.close();
    }

    private void count(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            partitions.get(new TopicPartition(record.topic(), record.partition())).add(record.offset());
        }
        partitions.forEach((partition, counted) -> counted.readTo(consumer.position(partition)));
    }
}
