package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;

import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

/**
 * Keeps the service's HTTP port closed until every Kafka Streams application it started is running. Quarkus opens
 * the port only after the startup observers return, and the applications start in earlier ones; without the wait a
 * client's first write after a start or a crash reached a single writer still joining its group, and timed out.
 */
@ApplicationScoped
public class StreamsReadiness {

    private static final Logger LOG = Logger.getLogger(StreamsReadiness.class);
    private static final long POLL_MS = 50;

    @Inject
    KafkaSettings settings;

    private final List<Started> started = new CopyOnWriteArrayList<>();

    private record Started(String applicationId, KafkaStreams streams) {
    }

    void track(String applicationId, KafkaStreams streams) {
        started.removeIf(app -> app.streams().state() == KafkaStreams.State.NOT_RUNNING);
        started.add(new Started(applicationId, streams));
    }

    /** Runs after the {@code @Startup} beans (default priority) have started their applications. */
    void awaitRunning(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1_000) StartupEvent event)
            throws InterruptedException {
        Duration limit = settings.startupTimeout();
        long deadline = System.nanoTime() + limit.toNanos();
        for (Started app : started) {
            // one closed meanwhile (a generation retired during the start) is waited for no longer
            while (app.streams().state() == KafkaStreams.State.CREATED
                    || app.streams().state() == KafkaStreams.State.REBALANCING) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("%s is %s after %s; serving anyway, its writes may time out until it runs",
                            app.applicationId(), app.streams().state(), limit);
                    return;
                }
                Thread.sleep(POLL_MS);
            }
        }
    }
}
