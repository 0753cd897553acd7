package org.dynamocsms.query.site;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Keeps the site read store current: polls the site projection topic, upserts each batch, then commits the
 * offsets. At least once: a batch re-delivered after a crash between upsert and commit changes nothing, because
 * the upsert is guarded by version.
 */
@Startup
@ApplicationScoped
public class SiteProjectionIngestor {

    private static final String GROUP_ID = "csms-query-api-sites";

    private static final Logger LOG = Logger.getLogger(SiteProjectionIngestor.class);
    private static final long RETRY_MILLIS = 1_000;

    @Inject
    KafkaClients kafka;

    @Inject
    SiteViewStore store;

    private Consumer<String, SiteView> consumer;
    private ConsumerLoop<String, SiteView> loop;
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        start(kafka.consumer(Topics.SITE_PROJECTION, GROUP_ID));
    }

    void start(Consumer<String, SiteView> projection) {
        consumer = projection;
        consumer.subscribe(List.of(Topics.SITE_PROJECTION.name()));
        loop = ConsumerLoop.start("site-projection-ingestor", consumer, this::ingest);
    }

    @PreDestroy
    void stop() {
        running = false;
        loop.close();
    }

    /** A failed commit (e.g. after a rebalance) makes the loop read the batch again, which the version makes harmless. */
    private void ingest(ConsumerRecords<String, SiteView> records) {
        if (!records.isEmpty() && write(views(records))) {
            consumer.commitSync();
        }
    }

    private static List<SiteView> views(ConsumerRecords<String, SiteView> records) {
        List<SiteView> views = new ArrayList<>(records.count());
        for (ConsumerRecord<String, SiteView> record : records) {
            // the projection never deletes a site's record (deleted sites carry deleted_at); ignore stray tombstones
            if (record.value() != null) {
                views.add(record.value());
            }
        }
        return views;
    }

    /**
     * Retries until written (the database may be briefly away), so offsets are only committed after that; false if
     * the service stopped first.
     */
    private boolean write(List<SiteView> views) {
        while (running) {
            try {
                for (SiteView refused : store.upsert(views)) {
                    LOG.errorf("Site read store refused %s version %d; skipped", refused.getSiteId(),
                            refused.getVersion());
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf(e, "Cannot write %d sites to the read store; retrying in %d ms", views.size(), RETRY_MILLIS);
                pause();
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
