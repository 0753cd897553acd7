package org.dynamocsms.projection.generation;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.kafka.KafkaSettings;
import org.dynamocsms.projection.ProjectionTopologies;
import org.dynamocsms.projection.generation.RunningGenerations.Change;
import org.dynamocsms.projection.generation.RunningGenerations.Role;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Runs, for each projection, the Kafka Streams application of its live generation and of the one being built, as
 * {@code csms.projection.generations} names them ({@link ProjectionGenerations}); the service starts none before it
 * has read that topic to its end (waiting at most {@code csms.kafka.startup-timeout}). A generation being built runs
 * with the replay profile and is restarted with the serving one when it becomes live; one no longer named is closed
 * and its local state deleted (its topics, groups and tables are query-api's to delete).
 */
@Startup
@ApplicationScoped
public class ProjectionRunner {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    @Inject
    KafkaClients kafka;

    @Inject
    KafkaSettings settings;

    private final Map<Projection, RunningGenerations> running = new EnumMap<>(Projection.class);
    private final Map<Generation, KafkaStreams> apps = new HashMap<>();
    private ProjectionGenerations generations;
    private boolean stopped;

    @PostConstruct
    void start() throws InterruptedException {
        generations = ProjectionGenerations.follow(kafka.consumer(Topics.PROJECTION_GENERATIONS, null), this::run);
        if (!generations.awaitCaughtUp(settings.startupTimeout())) {
            LOG.warnf("%s not read to its end after %s; the projections start once it is",
                    Topics.PROJECTION_GENERATIONS.name(), settings.startupTimeout());
        }
    }

    @PreDestroy
    void stop() {
        generations.close();
        synchronized (this) {
            stopped = true;
            apps.values().forEach(kafka::close);
            apps.clear();
        }
    }

    /** Runs the generations of {@code projection} that are {@code named}, and no other. */
    synchronized void run(Projection projection, RunningGenerations named) {
        if (stopped) {
            return;
        }
        for (Change change : named.changesFrom(running.get(projection))) {
            Generation generation = new Generation(projection, change.generation());
            LOG.infof("%s: %s %s (%s)", projection.id(), change.action(), generation.applicationId(), change.role());
            try {
                switch (change.action()) {
                    case START -> apps.put(generation, start(generation, change.role()));
                    case RETIRE -> kafka.retire(apps.remove(generation));
                    case RESTART -> {
                        kafka.close(apps.remove(generation));
                        apps.put(generation, start(generation, change.role()));
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: cannot %s %s", projection.id(), change.action(), generation.applicationId());
            }
        }
        running.put(projection, named);
    }

    private KafkaStreams start(Generation generation, Role role) {
        // the gateway check decides facts for the serving generation; a rebuild only reads them
        Topology topology = ProjectionTopologies.build(generation, () -> role == Role.LIVE);
        String applicationId = generation.applicationId();
        if (role == Role.BUILDING) {
            return kafka.startRebuildStreams(applicationId, topology);
        }
        // what chargers send (telemetry, the answers to the calls site load management sends them) never pauses
        List<Topic<String, ?>> sources = generation.projection().sources();
        return sources.contains(Topics.CHARGER_TELEMETRY) || sources.contains(Topics.CHARGER_CALL_RESULTS)
                ? kafka.startTelemetryStreams(applicationId, topology)
                : kafka.startStreams(applicationId, topology);
    }
}
