package org.dynamocsms.query.site;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.f4b6a3.ulid.UlidCreator;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Refused;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Rebuilds the site read store from the site event history alone, one replay at a time, in the background.
 *
 * <p>It folds every event up to the end offsets seen at its start, then, inside the one transaction that swaps the
 * rows, with the table locked against the live ingestion (readers are not blocked), reads on to the end offsets of
 * that moment. Every row the ingestion wrote before the lock came from events below those offsets, so no site
 * goes back in time; whatever the ingestion writes after the commit is version-guarded as usual.
 */
@ApplicationScoped
public class SiteReplays {

    private static final Logger LOG = Logger.getLogger(SiteReplays.class);
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    KafkaClients kafka;

    @Inject
    SiteViewStore store;

    private final Map<String, SiteReplay> replays = new ConcurrentHashMap<>();
    private final AtomicReference<SiteReplay> running = new AtomicReference<>();
    private volatile KafkaConsumer<String, SiteEvent> consumer;

    /** Starts a replay; 409 while another one runs. */
    public SiteReplay start() {
        SiteReplay replay = new SiteReplay("rpl_" + UlidCreator.getMonotonicUlid(), Instant.now());
        SiteReplay other = running.compareAndExchange(null, replay);
        if (other != null) {
            throw new ProblemException(409, "Conflict", "Replay " + other.id() + " is still running.");
        }
        replays.put(replay.id(), replay);
        Thread thread = new Thread(() -> run(replay), "site-replay");
        thread.setDaemon(true);
        thread.start();
        return replay;
    }

    public Optional<SiteReplay> find(String replayId) {
        return Optional.ofNullable(replays.get(replayId));
    }

    @PreDestroy
    void stop() {
        KafkaConsumer<String, SiteEvent> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
    }

    private void run(SiteReplay replay) {
        try (KafkaConsumer<String, SiteEvent> events = kafka.consumer(Topics.SITE_EVENTS, null)) {
            consumer = events;
            List<TopicPartition> partitions = events.partitionsFor(Topics.SITE_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            events.assign(partitions);
            events.seekToBeginning(partitions);
            SiteHistory history = new SiteHistory();
            Map<TopicPartition, Long> end = events.endOffsets(partitions);
            replay.eventsTotal(span(events.beginningOffsets(partitions), end));
            readTo(events, end, history, replay);
            List<Refused<SiteView>> refused = store.replaceAll(() -> {
                Map<TopicPartition, Long> latest = events.endOffsets(partitions);
                replay.eventsTotal(replay.eventsTotal() + span(end, latest));
                readTo(events, latest, history, replay);
                return history.sites();
            });
            refused.forEach(site -> LOG.errorf("Site read store refused %s (%s); left out of the replay",
                    store.describe(site.value()), site.reason()));
            replay.completed(history.sites().size() - refused.size());
            LOG.infof("Replay %s rebuilt %d sites from %d events", replay.id(), history.sites().size(),
                    history.events());
        } catch (Exception e) {
            LOG.errorf(e, "Replay %s failed; the site read store is unchanged", replay.id());
            replay.failed(e.toString());
        } finally {
            consumer = null;
            running.set(null);
        }
    }

    private static void readTo(KafkaConsumer<String, SiteEvent> events, Map<TopicPartition, Long> end,
                               SiteHistory history, SiteReplay replay) {
        while (end.entrySet().stream().anyMatch(e -> events.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, SiteEvent> record : events.poll(POLL)) {
                history.apply(record.value());
            }
            replay.eventsRead(history.events());
        }
    }

    private static long span(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        return to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
    }
}
