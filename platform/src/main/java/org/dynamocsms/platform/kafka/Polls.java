package org.dynamocsms.platform.kafka;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.jboss.logging.Logger;

/** Polling that never gets stuck on a record it cannot decode: such a record is logged and skipped. */
public final class Polls {

    private static final Logger LOG = Logger.getLogger(Polls.class);

    private Polls() {
    }

    public static <K, V> ConsumerRecords<K, V> poll(Consumer<K, V> consumer, Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (RecordDeserializationException e) {
            LOG.errorf(e, "Skipping undecodable record at %s offset %d", e.topicPartition(), e.offset());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return ConsumerRecords.empty();
        }
    }
}
