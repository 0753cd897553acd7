package org.dynamocsms.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.summary.SiteSummaryStore;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/** Feeds the read store from the projection topics: one ingestor, with its own consumer group, per table. */
@Startup
@ApplicationScoped
public class ReadStoreIngestion {

    static final String SITES_GROUP = "csms-query-api-sites";
    static final String CHARGERS_GROUP = "csms-query-api-chargers";
    static final String SITE_SUMMARIES_GROUP = "csms-query-api-site-summaries";
    static final String CHARGER_STATES_GROUP = "csms-query-api-charger-states";

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

    private final List<ProjectionIngestor<?>> ingestors = new ArrayList<>();

    @PostConstruct
    void start() {
        ingestors.add(ingest(Topics.SITE_PROJECTION, SITES_GROUP, sites));
        ingestors.add(ingest(Topics.CHARGER_PROJECTION, CHARGERS_GROUP, chargers));
        ingestors.add(ingest(Topics.SITE_SUMMARY_PROJECTION, SITE_SUMMARIES_GROUP, summaries));
        ingestors.add(ingest(Topics.CHARGER_STATE_PROJECTION, CHARGER_STATES_GROUP, chargerStates));
    }

    @PreDestroy
    void stop() {
        ingestors.forEach(ProjectionIngestor::close);
    }

    private <V> ProjectionIngestor<V> ingest(Topic<String, V> topic, String groupId, ProjectionStore<V> store) {
        return ProjectionIngestor.start(topic, kafka.consumer(topic, groupId), store);
    }
}
