package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Polls one consumer on its own daemon thread and hands each batch to a handler, until {@link #close()}.
 * A record that cannot be decoded is logged and skipped; a batch whose handling fails is logged and the loop
 * goes on after a pause, so a passing fault never silently stops a service's consumer. The loop owns the consumer
 * and closes it. A loop whose thread ended without {@link #close()} (an Error) is {@link #stopped()}: the health
 * checks name it.
 */
public final class ConsumerLoop<K, V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long PAUSE_AFTER_FAILURE_MS = 1_000;
    private static final Duration POSITIONING = Duration.ofSeconds(30);
    /** Every loop started and not closed, wherever it was started (loops are made by plain code, not beans). */
    private static final Set<ConsumerLoop<?, ?>> OPEN = ConcurrentHashMap.newKeySet();

    private final String name;
    private final org.apache.kafka.clients.consumer.Consumer<K, V> consumer;
    private final Consumer<ConsumerRecords<K, V>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private ConsumerLoop(String name, org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
                         Consumer<ConsumerRecords<K, V>> handler) {
        this.name = name;
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts polling {@code consumer} (already subscribed or assigned) on a thread named {@code name}. */
    public static <K, V> ConsumerLoop<K, V> start(String name, org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
                                                  Consumer<ConsumerRecords<K, V>> handler) {
        ConsumerLoop<K, V> loop = new ConsumerLoop<>(name, consumer, handler);
        OPEN.add(loop);
        loop.thread.start();
        return loop;
    }

    /** The names of the loops whose thread has ended although they were not closed. */
    public static List<String> stopped() {
        return OPEN.stream().filter(loop -> !loop.thread.isAlive()).map(loop -> loop.name).sorted().toList();
    }

    /**
     * Starts polling {@code consumer} over every partition of {@code topic}, without a consumer group, from the end
     * each partition has now: every instance of a service reads the whole topic, and sees each record written after
     * this returns (the end offsets are resolved before it does). Fails if the topic has no partitions within 30 s.
     */
    public static <K, V> ConsumerLoop<K, V> fromEnd(String name, org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
                                                    String topic, Consumer<ConsumerRecords<K, V>> handler) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // seekToEnd is lazy; position() resolves the end offsets now
        return start(name, consumer, handler);
    }

    private static List<TopicPartition> partitions(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                                   String topic) {
        long deadline = System.nanoTime() + POSITIONING.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("Topic " + topic + " has no partitions");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        OPEN.remove(this);
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    handler.accept(poll());
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "%s failed; retrying", name);
                    pause();
                }
            }
        } catch (WakeupException e) {
            // close() ends the loop
        } finally {
            // a static group member stays in its group on close unless told to leave: leave, so that another
            // instance takes its partitions now rather than after the session timeout
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    private ConsumerRecords<K, V> poll() {
        try {
            return consumer.poll(POLL);
        } catch (RecordDeserializationException e) {
            LOG.errorf(e, "%s skips the undecodable record at %s offset %d", name, e.topicPartition(), e.offset());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
