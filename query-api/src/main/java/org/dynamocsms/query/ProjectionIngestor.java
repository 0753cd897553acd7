package org.dynamocsms.query;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.dynamocsms.schemas.topics.Topic;
import org.jboss.logging.Logger;

/**
 * Keeps one read-store table current: polls a projection topic, writes each poll's newest record per key, then
 * commits the offsets. At least once: a poll re-delivered after a crash between write and commit changes nothing,
 * because the stores only ever replace a row by a higher version. Once a poll is committed, the time from each of
 * its records' timestamp (its event time) to then goes to the {@code freshness} histogram.
 */
public final class ProjectionIngestor<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionIngestor.class);
    private static final long RETRY_MILLIS = 1_000;

    private final String topic;
    private final String name;
    private final Consumer<String, V> consumer;
    private final ProjectionStore<V> store;
    private final ReadStoreRefusals refusals;
    private final Timer freshness;
    private final ConsumerLoop<String, V> loop;
    private final IngestionLag lag = new IngestionLag(Clock.systemUTC());
    private volatile boolean running = true;
    /** The positions committed last (on this instance). */
    private Map<TopicPartition, Long> committed = Map.of();

    private ProjectionIngestor(Topic<String, V> topic, Consumer<String, V> consumer, ProjectionStore<V> store,
                               ReadStoreRefusals refusals, Timer freshness) {
        this.topic = topic.name();
        this.name = topic.name() + "-ingestor";
        this.consumer = consumer;
        this.store = store;
        this.refusals = refusals;
        this.freshness = freshness;
        consumer.subscribe(List.of(topic.name()));
        this.loop = ConsumerLoop.start(name, consumer, this::ingest);
    }

    /**
     * Subscribes {@code consumer} (of its own consumer group) to {@code topic} and starts writing to {@code store},
     * recording in {@code refusals} what the store refuses and in {@code freshness} how old each record was when
     * its poll was committed.
     */
    public static <V> ProjectionIngestor<V> start(Topic<String, V> topic, Consumer<String, V> consumer,
                                                  ProjectionStore<V> store, ReadStoreRefusals refusals,
                                                  Timer freshness) {
        return new ProjectionIngestor<>(topic, consumer, store, refusals, freshness);
    }

    Timer freshness() {
        return freshness;
    }

    @Override
    public void close() {
        running = false;
        loop.close();
    }

    /** The topic it reads. */
    public String topic() {
        return topic;
    }

    /** How far the read store is behind this ingestor's topic ({@link IngestionLag}). */
    public Duration lag() {
        return lag.lag();
    }

    /** A failed commit (e.g. after a rebalance) makes the loop read the poll again: harmless, thanks to the version. */
    private void ingest(ConsumerRecords<String, V> records) {
        if (records.isEmpty()) {
            commitIfMoved();
            lag.applied(null, caughtUp());
            return;
        }
        Map<String, V> newest = new HashMap<>();
        long newestTimestamp = Long.MIN_VALUE;
        for (ConsumerRecord<String, V> record : records) {
            newestTimestamp = Math.max(newestTimestamp, record.timestamp());
            V value = record.value();
            V kept = newest.get(record.key());
            // a key's records come in order from one partition: a tombstone ends what came before it, and among
            // values the highest version wins (an older one may come again after a newer one)
            if (value == null || kept == null || store.versionOf(value) > store.versionOf(kept)) {
                newest.put(record.key(), value);
            }
        }
        List<V> values = new ArrayList<>(newest.size());
        List<String> tombstones = new ArrayList<>();
        newest.forEach((key, value) -> {
            if (value == null) {
                tombstones.add(key);
            } else {
                values.add(value);
            }
        });
        if (write(values, tombstones)) {
            commit();
            lag.applied(Instant.ofEpochMilli(newestTimestamp), caughtUp());
            long appliedAt = System.currentTimeMillis();
            for (ConsumerRecord<String, V> record : records) {
                if (record.timestamp() >= 0) { // a record without a timestamp (-1) has no event time
                    freshness.record(Math.max(0, appliedAt - record.timestamp()), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * Whether nothing is left to read on this ingestor's partitions, as far as the consumer's last fetches tell (no
     * request to the broker); a partition it has not fetched from yet is not caught up.
     */
    private boolean caughtUp() {
        return consumer.assignment().stream()
                .allMatch(partition -> consumer.currentLag(partition).orElse(1) == 0);
    }

    private void commit() {
        consumer.commitSync();
        committed = positions();
    }

    /**
     * Commits a position that moved without records: past a transaction's commit marker (read_committed), which
     * may come in a fetch of its own after the transaction's last record. Otherwise the group would stay one
     * offset behind the end until the next record, and look behind to anyone watching its lag.
     */
    private void commitIfMoved() {
        if (!positions().equals(committed)) {
            commit();
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, consumer.position(partition));
        }
        return positions;
    }

    /**
     * Retries until written and the refusals recorded (the database may be briefly away), so offsets are only
     * committed after that; false if the ingestor was closed first.
     */
    private boolean write(List<V> values, List<String> tombstones) {
        while (running) {
            try {
                List<Refused<V>> refused = store.write(values, tombstones);
                for (Refused<V> refusal : refused) {
                    LOG.errorf("%s: %s refused %s (%s); recorded and skipped", name, store.generation(),
                            store.describe(refusal.value()), refusal.reason());
                }
                refusals.record(store, refused);
                return true;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf(e, "%s cannot write %d records to the read store; retrying in %d ms", name,
                        values.size() + tombstones.size(), RETRY_MILLIS);
                pause();
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
