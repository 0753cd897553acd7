package org.dynamocsms.platform.kafka;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Binds the Kafka Streams applications and consumers {@link KafkaClients} makes to the service's meters (Micrometer's
 * Kafka binders), each tagged {@value #APPLICATION}: the Streams application id, or the consumer's group (its topic
 * when it has none). Only {@link #KEPT} are exported: Kafka Streams has hundreds of meters per task, store and
 * processor node, tagged with ids that change at every rebalance. A client's meters go when it is closed.
 */
@ApplicationScoped
public class KafkaMeters {

    public static final String APPLICATION = "application";

    /** The Kafka meters exported: consumer lag, and whether and how fast each Streams application works. */
    static final Set<String> KEPT = Set.of(
            "kafka.consumer.fetch.manager.records.lag",
            "kafka.consumer.fetch.manager.records.lag.max",
            "kafka.stream.alive.stream.threads",
            "kafka.stream.failed.stream.threads",
            "kafka.stream.thread.process.rate",
            "kafka.stream.thread.commit.rate",
            "kafka.stream.thread.commit.latency.avg",
            "kafka.stream.thread.commit.latency.max");

    @Inject
    MeterRegistry registry;

    /** One thread refreshes every client's meters (every minute, as clients add and remove metrics). */
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-meters");
        thread.setDaemon(true);
        return thread;
    });

    @Produces
    @Singleton
    MeterFilter keptKafkaMeters() {
        return MeterFilter.deny(id -> id.getName().startsWith("kafka.") && !KEPT.contains(id.getName()));
    }

    /** Binds {@code streams}' meters; close the result to remove them. */
    AutoCloseable bind(String applicationId, KafkaStreams streams) {
        KafkaStreamsMetrics meters = new KafkaStreamsMetrics(streams, tags(applicationId), refresher);
        meters.bindTo(registry);
        return meters;
    }

    /** Binds {@code consumer}'s meters; close the result to remove them. */
    AutoCloseable bind(String application, Consumer<?, ?> consumer) {
        KafkaClientMetrics meters = new KafkaClientMetrics(consumer, tags(application), refresher);
        meters.bindTo(registry);
        return meters;
    }

    private static List<Tag> tags(String application) {
        return List.of(Tag.of(APPLICATION, application));
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
