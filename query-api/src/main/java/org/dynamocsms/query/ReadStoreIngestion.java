package org.dynamocsms.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.history.MaintenanceStore;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.summary.SiteSummaryStore;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/** Feeds the read store from the projection topics: one ingestor, with its own consumer group, per table. */
@Startup
@ApplicationScoped
public class ReadStoreIngestion {

    public static final String SITES_GROUP = "csms-query-api-sites";
    public static final String CHARGERS_GROUP = "csms-query-api-chargers";
    public static final String SITE_SUMMARIES_GROUP = "csms-query-api-site-summaries";
    public static final String CHARGER_STATES_GROUP = "csms-query-api-charger-states";
    public static final String CHARGER_INTERVALS_GROUP = "csms-query-api-charger-intervals";
    public static final String CHARGER_ERRORS_GROUP = "csms-query-api-charger-errors";
    public static final String MAINTENANCE_GROUP = "csms-query-api-maintenance";

    /**
     * Up to 5,000 records a poll (the default is 500): each poll is one transaction and one statement per table, and
     * a backlog (a replay, a restart) keeps only the newest record of each key of a poll, so larger polls write
     * fewer rows. A live poll holds what arrived since the last one, whatever this says.
     */
    static final Map<String, Object> POLL = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);

    @Inject
    KafkaClients kafka;

    @Inject
    SiteViewStore sites;

    @Inject
    ChargerStore chargers;

    @Inject
    SiteSummaryStore summaries;

    @Inject
    ChargerStateStore chargerStates;

    @Inject
    ChargerIntervalStore chargerIntervals;

    @Inject
    ChargerErrorStore chargerErrors;

    @Inject
    MaintenanceStore maintenance;

    private final List<ProjectionIngestor<?>> ingestors = new ArrayList<>();

    @PostConstruct
    void start() {
        ingestors.add(ingest(Topics.SITE_PROJECTION, SITES_GROUP, sites));
        ingestors.add(ingest(Topics.CHARGER_PROJECTION, CHARGERS_GROUP, chargers));
        ingestors.add(ingest(Topics.SITE_SUMMARY_PROJECTION, SITE_SUMMARIES_GROUP, summaries));
        ingestors.add(ingest(Topics.CHARGER_STATE_PROJECTION, CHARGER_STATES_GROUP, chargerStates));
        ingestors.add(ingest(Topics.CHARGER_INTERVAL_PROJECTION, CHARGER_INTERVALS_GROUP, chargerIntervals));
        ingestors.add(ingest(Topics.CHARGER_ERROR_PROJECTION, CHARGER_ERRORS_GROUP, chargerErrors));
        ingestors.add(ingest(Topics.MAINTENANCE_PROJECTION, MAINTENANCE_GROUP, maintenance));
    }

    @PreDestroy
    void stop() {
        ingestors.forEach(ProjectionIngestor::close);
    }

    private <V> ProjectionIngestor<V> ingest(Topic<String, V> topic, String groupId, ProjectionStore<V> store) {
        return ProjectionIngestor.start(topic, kafka.consumer(topic, groupId, POLL), store);
    }
}
