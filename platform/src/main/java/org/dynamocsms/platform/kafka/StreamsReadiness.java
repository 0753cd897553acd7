package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.time.Instant;
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
 * Knows every Kafka Streams application the service runs and since when each is in its state (for the health
 * checks), and keeps the service's HTTP port closed until every serving one is running. Quarkus opens the port only
 * after the startup observers return, and the applications start in earlier ones; without the wait a client's first
 * write after a start or a crash reached a single writer still joining its group, and timed out.
 */
@ApplicationScoped
public class StreamsReadiness {

    private static final Logger LOG = Logger.getLogger(StreamsReadiness.class);
    private static final long POLL_MS = 50;

    @Inject
    KafkaSettings settings;

    private final List<Tracked> tracked = new CopyOnWriteArrayList<>();

    /** A Kafka Streams application as the health checks see it: its state, entered at {@code since}. */
    public record StreamsApp(String applicationId, KafkaStreams.State state, Instant since) {
    }

    private static final class Tracked {
        final String applicationId;
        final KafkaStreams streams;
        final boolean serving;
        volatile Instant since = Instant.now();

        Tracked(String applicationId, KafkaStreams streams, boolean serving) {
            this.applicationId = applicationId;
            this.streams = streams;
            this.serving = serving;
        }
    }

    /**
     * Follows {@code streams} (not started yet: it takes its state listener) until {@link #untrack}; the start waits
     * for it if it is {@code serving}.
     */
    void track(String applicationId, KafkaStreams streams, boolean serving) {
        Tracked app = new Tracked(applicationId, streams, serving);
        streams.setStateListener((newState, oldState) -> app.since = Instant.now());
        tracked.add(app);
    }

    /** Forgets {@code streams}, which the service is closing: it is no longer expected to run. */
    void untrack(KafkaStreams streams) {
        tracked.removeIf(app -> app.streams == streams);
    }

    /** The applications the service runs, each in its state now. */
    public List<StreamsApp> apps() {
        return tracked.stream().map(app -> new StreamsApp(app.applicationId, app.streams.state(), app.since)).toList();
    }

    /** Runs after the {@code @Startup} beans (default priority) have started their applications. */
    void awaitRunning(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1_000) StartupEvent event)
            throws InterruptedException {
        Duration limit = settings.startupTimeout();
        long deadline = System.nanoTime() + limit.toNanos();
        for (Tracked app : tracked) {
            // one closed meanwhile (a generation retired during the start) is waited for no longer
            while (app.serving && (app.streams.state() == KafkaStreams.State.CREATED
                    || app.streams.state() == KafkaStreams.State.REBALANCING)) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("%s is %s after %s; serving anyway, its writes may time out until it runs",
                            app.applicationId, app.streams.state(), limit);
                    return;
                }
                Thread.sleep(POLL_MS);
            }
        }
    }
}
