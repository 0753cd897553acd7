package org.dynamocsms.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.query.call.ChargerCallStore;
import org.dynamocsms.query.call.ChargingProfilesStore;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.FleetSummaryPartStore;
import org.dynamocsms.query.generation.Generations;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.history.MaintenanceStore;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.site.SiteSummaryStore;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the read store from the projection topics: one ingestor, with its own consumer group, per output topic of
 * each generation the read store ingests (every projection's live one, and the one a replay builds). It follows
 * {@code projection_generation} at start and every {@code csms.query.generations-poll}: it starts the ingestors of a
 * generation newly live or building, and closes (their members leave their groups) those of one no longer either.
 */
@Startup
@ApplicationScoped
public class ReadStoreIngestion {

    private static final Logger LOG = Logger.getLogger(ReadStoreIngestion.class);

    /** One output topic of a projection, as generation 1 names it, and generation 1's consumer group of it. */
    private record Output(Topic<String, ?> topic, String group) {
    }

    /** What one ingestor of a generation reads: its copy of an output topic, in its consumer group. */
    public record Feed(Generation generation, String topic, String group) {
    }

    /** Generation 1's groups keep the names they had before there were generations. */
    private static final Map<String, Output> OUTPUTS = outputs(
            new Output(Topics.SITE_PROJECTION, "csms-query-api-sites"),
            new Output(Topics.CHARGER_PROJECTION, "csms-query-api-chargers"),
            new Output(Topics.SITE_SUMMARY_PROJECTION, "csms-query-api-site-summaries"),
            new Output(Topics.CHARGER_STATE_PROJECTION, "csms-query-api-charger-states"),
            new Output(Topics.FLEET_SUMMARY_PART_PROJECTION, "csms-query-api-fleet-summary-parts"),
            new Output(Topics.CHARGER_INTERVAL_PROJECTION, "csms-query-api-charger-intervals"),
            new Output(Topics.CHARGER_ERROR_PROJECTION, "csms-query-api-charger-errors"),
            new Output(Topics.MAINTENANCE_PROJECTION, "csms-query-api-maintenance"),
            new Output(Topics.CHARGER_CALL_PROJECTION, "csms-query-api-charger-calls"),
            new Output(Topics.CHARGING_PROFILE_PROJECTION, "csms-query-api-charging-profiles"));

    /**
     * Up to 5,000 records a poll (the default is 500): each poll is one transaction and one statement per table, and
     * a backlog (a replay, a restart) keeps only the newest record of each key of a poll, so larger polls write
     * fewer rows. A live poll holds what arrived since the last one, whatever this says.
     */
    static final Map<String, Object> POLL = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);

    private static final Duration[] FRESHNESS_SLOS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1)};

    @Inject
    KafkaClients kafka;

    @Inject
    DataSource dataSource;

    @Inject
    ReadStoreRefusals refusals;

    @Inject
    SiteViewStore sites;

    @Inject
    ChargerStore chargers;

    @Inject
    SiteSummaryStore summaries;

    @Inject
    ChargerStateStore chargerStates;

    @Inject
    FleetSummaryPartStore fleetSummaryParts;

    @Inject
    ChargerIntervalStore chargerIntervals;

    @Inject
    ChargerErrorStore chargerErrors;

    @Inject
    MaintenanceStore maintenance;

    @Inject
    ChargerCallStore chargerCalls;

    @Inject
    ChargingProfilesStore chargingProfiles;

    @Inject
    MeterRegistry meters;

    /** How often it reads {@code projection_generation} to start and stop ingestors. */
    @ConfigProperty(name = "csms.query.generations-poll", defaultValue = "1s")
    Duration generationsPoll;

    private final Map<Generation, List<ProjectionIngestor<?>>> ingestors = new LinkedHashMap<>();
    private final Map<String, ProjectionStore<?>> stores = new HashMap<>();
    /** The ingestors of every projection's live generation, for the health check (without the lock). */
    private volatile List<ProjectionIngestor<?>> live = List.of();
    private ScheduledExecutorService poller;

    /** The ingestors of {@code generation}, one per output topic of its projection: for a replay's catch-up check. */
    public static List<Feed> feeds(Generation generation) {
        return generation.projection().outputs().stream().map(topic -> {
            Output output = OUTPUTS.get(topic.name());
            return new Feed(generation, generation.topic(output.topic()).name(), generation.group(output.group()));
        }).toList();
    }

    /**
     * Which generations' ingestors to start and which to close, given those running and the generations recorded:
     * the read store ingests each projection's live generation and the building one.
     */
    public record Reconciliation(Set<Generation> start, Set<Generation> close) {

        public static Reconciliation of(Set<Generation> running, List<Generations> recorded) {
            Set<Generation> wanted = new LinkedHashSet<>();
            recorded.forEach(generations -> wanted.addAll(generations.ingested()));
            Set<Generation> start = new LinkedHashSet<>(wanted);
            start.removeAll(running);
            Set<Generation> close = new LinkedHashSet<>(running);
            close.removeAll(wanted);
            return new Reconciliation(start, close);
        }
    }

    @PostConstruct
    void start() {
        stores.put(Topics.SITE_PROJECTION.name(), sites);
        stores.put(Topics.CHARGER_PROJECTION.name(), chargers);
        stores.put(Topics.SITE_SUMMARY_PROJECTION.name(), summaries);
        stores.put(Topics.CHARGER_STATE_PROJECTION.name(), chargerStates);
        stores.put(Topics.FLEET_SUMMARY_PART_PROJECTION.name(), fleetSummaryParts);
        stores.put(Topics.CHARGER_INTERVAL_PROJECTION.name(), chargerIntervals);
        stores.put(Topics.CHARGER_ERROR_PROJECTION.name(), chargerErrors);
        stores.put(Topics.MAINTENANCE_PROJECTION.name(), maintenance);
        stores.put(Topics.CHARGER_CALL_PROJECTION.name(), chargerCalls);
        stores.put(Topics.CHARGING_PROFILE_PROJECTION.name(), chargingProfiles);
        reconcile();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-store-generations");
            thread.setDaemon(true);
            return thread;
        });
        long millis = generationsPoll.toMillis();
        poller.scheduleWithFixedDelay(this::reconcile, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
        ingestors.values().forEach(running -> running.forEach(ProjectionIngestor::close));
        ingestors.clear();
        live = List.of();
    }

    /** The generations it ingests now. */
    public synchronized Set<Generation> ingesting() {
        return Set.copyOf(ingestors.keySet());
    }

    /**
     * How far the read store is behind each topic of the live generations ({@link IngestionLag}), by topic name. A
     * generation being built is left out: it reads history, whose record times are as old as the history.
     */
    public Map<String, Duration> lags() {
        Map<String, Duration> lags = new TreeMap<>();
        live.forEach(ingestor -> lags.put(ingestor.topic(), ingestor.lag()));
        return lags;
    }

    /** Brings the ingestors in line with {@code projection_generation}; keeps them as they are if it cannot be read. */
    synchronized void reconcile() {
        List<Generations> recorded;
        try (Connection connection = dataSource.getConnection()) {
            recorded = ReadTables.generations(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Cannot read the projections' generations; the read store's ingestors stay as they are");
            return;
        }
        Reconciliation reconciliation = Reconciliation.of(ingestors.keySet(), recorded);
        for (Generation generation : reconciliation.close()) {
            LOG.infof("Closing the read store's ingestors of %s", generation);
            ingestors.remove(generation).forEach(ingestor -> {
                ingestor.close();
                meters.remove(ingestor.freshness());
            });
        }
        for (Generation generation : reconciliation.start()) {
            LOG.infof("Starting the read store's ingestors of %s", generation);
            List<ProjectionIngestor<?>> started = new ArrayList<>();
            for (Topic<String, ?> output : generation.projection().outputs()) {
                started.add(ingest(generation, output, stores.get(output.name())));
            }
            ingestors.put(generation, started);
        }
        live = recorded.stream().map(Generations::live).filter(ingestors::containsKey)
                .flatMap(generation -> ingestors.get(generation).stream()).collect(Collectors.toUnmodifiableList());
    }

    @SuppressWarnings("unchecked")
    private <V> ProjectionIngestor<V> ingest(Generation generation, Topic<String, V> output, ProjectionStore<?> store) {
        Topic<String, V> topic = generation.topic(output);
        String group = generation.group(OUTPUTS.get(output.name()).group());
        return ProjectionIngestor.start(topic, kafka.consumer(topic, group, POLL),
                ((ProjectionStore<V>) store).forGeneration(generation), refusals, freshness(generation, output));
    }

    /**
     * {@code csms.read.store.freshness} of one output topic of {@code generation}: from a record's event time (its
     * Kafka timestamp) to its poll committed in the read store. A generation being built reads history: its figures
     * are apart from the live one's (tag generation).
     */
    private Timer freshness(Generation generation, Topic<String, ?> output) {
        return Timer.builder("csms.read.store.freshness")
                .description("From a projection record's event time to its row applied in the read store")
                .tag("projection", output.name())
                .tag("generation", Integer.toString(generation.number()))
                .publishPercentileHistogram()
                .serviceLevelObjectives(FRESHNESS_SLOS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    private static Map<String, Output> outputs(Output... outputs) {
        Map<String, Output> byTopic = new HashMap<>();
        for (Output output : outputs) {
            byTopic.put(output.topic().name(), output);
        }
        return byTopic;
    }
}
