package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/** A Kafka Streams application whose meters ({@link KafkaMeters}) are removed when it is closed. */
final class MeteredStreams extends KafkaStreams {

    private final AutoCloseable meters;

    MeteredStreams(Topology topology, Properties props, Function<KafkaStreams, AutoCloseable> bind) {
        super(topology, props);
        this.meters = bind.apply(this);
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            Utils.closeQuietly(meters, "streams meters");
        }
    }

    @Override
    public boolean close(Duration timeout) {
        try {
            return super.close(timeout);
        } finally {
            Utils.closeQuietly(meters, "streams meters");
        }
    }

    @Override
    public boolean close(CloseOptions options) {
        try {
            return super.close(options);
        } finally {
            Utils.closeQuietly(meters, "streams meters");
        }
    }
}
