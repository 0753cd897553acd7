package org.dynamocsms.query.site;

import java.sql.SQLException;
import java.time.Duration;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.kafka.Polls;
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
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_MILLIS = 1_000;

    @Inject
    KafkaClients kafka;

    @Inject
    SiteViewStore store;

    private Consumer<String, SiteView> consumer;
    private Thread thread;
    private volatile boolean running = true;

    @PostConstruct
    void start() {
        start(kafka.consumer(Topics.SITE_PROJECTION, GROUP_ID));
    }

    void start(Consumer<String, SiteView> projection) {
        consumer = projection;
        consumer.subscribe(List.of(Topics.SITE_PROJECTION.name()));
        thread = new Thread(this::run, "site-projection-ingestor");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                try {
                    ConsumerRecords<String, SiteView> records = Polls.poll(consumer, POLL);
                    if (!records.isEmpty() && write(views(records))) {
                        consumer.commitSync();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // e.g. a rebalance failed the commit: the batch is read again, which the version makes harmless
                    LOG.error("Site projection ingestion failed; retrying", e);
                    pause();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(5));
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
