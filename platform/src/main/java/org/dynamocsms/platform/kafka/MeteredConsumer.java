package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

/** A consumer whose meters ({@link KafkaMeters}) are removed when it is closed, however it is closed. */
final class MeteredConsumer<K, V> extends KafkaConsumer<K, V> {

    private final AutoCloseable meters;

    MeteredConsumer(Properties props, Deserializer<K> keys, Deserializer<V> values,
                    Function<Consumer<?, ?>, AutoCloseable> bind) {
        super(props, keys, values);
        this.meters = bind.apply(this);
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            Utils.closeQuietly(meters, "consumer meters");
        }
    }

    @Override
    @Deprecated
    public void close(Duration timeout) {
        try {
            super.close(timeout);
        } finally {
            Utils.closeQuietly(meters, "consumer meters");
        }
    }

    @Override
    public void close(CloseOptions option) {
        try {
            super.close(option);
        } finally {
            Utils.closeQuietly(meters, "consumer meters");
        }
    }
}
