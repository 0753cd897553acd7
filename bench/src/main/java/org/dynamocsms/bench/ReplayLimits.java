package org.dynamocsms.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.topics.Topics;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * What Kafka and PostgreSQL manage alone on the same machine, beside the pipeline's figures: a plain consumer
 * reading the replayed records, and a {@code COPY} of as many rows shaped like the read store's intervals.
 */
final class ReplayLimits {

    /** Records (and their key and value bytes) read in a time. */
    record Moved(long records, long bytes, long nanos) {

        double perSecond() {
            return records / (nanos / 1e9);
        }

        double mibPerSecond() {
            return bytes / 1048576.0 / (nanos / 1e9);
        }
    }

    private static final int COPY_CHUNK = 1 << 20;

    private ReplayLimits() {
    }

    /**
     * Reads the telemetry between offsets {@code from} and {@code to} of each partition with a plain consumer (no
     * group, read committed, as the pipeline reads), decoding each value into a {@link ChargerTelemetry} if
     * {@code decode}.
     */
    static Moved consume(String kafka, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, boolean decode) {
        Deserializer<ChargerTelemetry> values = Topics.CHARGER_TELEMETRY.valueSerde().deserializer();
        long records = 0;
        long bytes = 0;
        long begin = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedReads.consumer(kafka, Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (from.keySet().stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    records++;
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                    if (decode && values.deserialize(record.topic(), record.value()) == null) {
                        throw new IllegalStateException("a telemetry record decoded to nothing");
                    }
                }
            }
        }
        return new Moved(records, bytes, System.nanoTime() - begin);
    }

    /**
     * COPYs {@code rows} rows shaped like {@code charger_interval} (a charger's interval: ids, three timestamps,
     * three flags, three totals and a version) into a temporary copy of that table with its primary key.
     */
    static Moved copy(Connection connection, long rows, int chargers) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE replay_copy (LIKE charger_interval INCLUDING ALL)");
        }
        long begin = System.nanoTime();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY replay_copy FROM STDIN (FORMAT text)");
        StringBuilder chunk = new StringBuilder(COPY_CHUNK + 1024);
        long bytes = 0;
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        for (long i = 0; i < rows; i++) {
            Instant start = first.plusSeconds(i / chargers * 60);
            chunk.append("RC-").append(i % chargers).append('\t').append(start).append('\t')
                    .append(start.plusSeconds(60)).append("\torg_bench\tt\tt\tf\t").append(first).append('\t')
                    .append(i * 1000).append('\t').append(i * 1000).append('\t').append(i * 10).append('\t')
                    .append(i).append('\n');
            if (chunk.length() >= COPY_CHUNK || i == rows - 1) {
                byte[] data = chunk.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(data, 0, data.length);
                bytes += data.length;
                chunk.setLength(0);
            }
        }
        long copied = copy.endCopy();
        long nanos = System.nanoTime() - begin;
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE replay_copy");
        }
        return new Moved(copied, bytes, nanos);
    }
}
