package org.dynamocsms.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.ORG;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.renamed;
import static org.dynamocsms.query.site.Sites.view;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.Chargers;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.FleetChargerJson;
import org.dynamocsms.query.fleet.FleetStatus;
import org.dynamocsms.query.fleet.LiveStates;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.summary.SiteSummaryStore;
import org.dynamocsms.query.summary.Summaries;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingestion loop against a mock consumer and the real database, for each projection the read store takes. */
class ProjectionIngestorTest {

    private final List<ProjectionIngestor<?>> ingestors = new ArrayList<>();
    private DataSource dataSource;

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = TestDatabase.clean();
    }

    @AfterEach
    void stop() {
        ingestors.forEach(ProjectionIngestor::close);
    }

    @Test
    void upsertsEachPollThenCommitsIt() throws SQLException {
        Feed<SiteView> sites = start(Topics.SITE_PROJECTION, new SiteViewStore(dataSource));
        sites.poll(() -> {
            sites.add("site_1", view(created("site_1", "One")));
            sites.add("site_1", view(created("site_1", "One"), renamed("site_1", 2, "One renamed")));
            sites.add("site_1", view(created("site_1", "One")));
        });

        await(() -> sites.committed() == 3);
        assertThat(siteVersion("site_1")).hasValue(2);
    }

    @Test
    void skipsARecordItCannotDecodeAndGoesOn() throws SQLException {
        Feed<SiteView> sites = start(Topics.SITE_PROJECTION, new SiteViewStore(dataSource));
        sites.poll(() -> sites.add("site_1", view(created("site_1", "One"))));
        sites.poll(() -> sites.consumer.setPollException(new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, sites.partition, 1, 0,
                TimestampType.CREATE_TIME, null, null, new RecordHeaders(), "not Avro", null)));
        sites.poll(() -> sites.add(2, "site_2", view(created("site_2", "Two"))));

        await(() -> sites.committed() == 3);
        assertThat(siteVersion("site_1")).hasValue(1);
        assertThat(siteVersion("site_2")).hasValue(1);
    }

    @Test
    void retriesWhileTheDatabaseIsAwayAndCommitsOnlyOnceWritten() throws SQLException {
        List<Long> committedAtEachAttempt = new CopyOnWriteArrayList<>();
        Feed<SiteView> sites = new Feed<>(Topics.SITE_PROJECTION);
        start(sites, new SiteViewStore(failingFirstAttempt(() -> committedAtEachAttempt.add(sites.committed()))));
        sites.poll(() -> sites.add("site_1", view(created("site_1", "One"))));

        await(() -> sites.committed() == 1);
        assertThat(committedAtEachAttempt).containsExactly(0L, 0L);
        assertThat(siteVersion("site_1")).hasValue(1);
    }

    @Test
    void writesOnlyTheNewestRecordOfEachKeyOfAPoll() {
        List<String> writes = new CopyOnWriteArrayList<>();
        Feed<SiteSummary> summaries = start(Topics.SITE_SUMMARY_PROJECTION, new ProjectionStore<>() {
            @Override
            public List<SiteSummary> write(Collection<SiteSummary> values, Collection<String> tombstones) {
                writes.add(values.stream().map(this::describe).sorted().toList() + " minus "
                        + tombstones.stream().sorted().toList());
                return List.of();
            }

            @Override
            public long versionOf(SiteSummary summary) {
                return summary.getVersion();
            }

            @Override
            public String describe(SiteSummary summary) {
                return summary.getSiteId() + "@" + summary.getVersion();
            }
        });
        summaries.poll(() -> {
            summaries.add("site_1", Summaries.summary("site_1", 1, 10));
            summaries.add("site_2", Summaries.summary("site_2", 1, 10));
            summaries.add("site_1", Summaries.summary("site_1", 3, 20));
            summaries.add("site_1", Summaries.summary("site_1", 2, 15));
            summaries.add("site_2", null);
            summaries.add("site_3", null);
            summaries.add("site_3", Summaries.summary("site_3", 7, 30));
        });

        await(() -> summaries.committed() == 7);
        assertThat(writes).containsExactly("[site_1@3, site_3@7] minus [site_2]");
    }

    @Test
    void ingestsTheChargerProjection() throws SQLException {
        ChargerStore store = new ChargerStore(dataSource);
        Feed<ChargerView> chargers = start(Topics.CHARGER_PROJECTION, store);
        ChargerView cp1 = Chargers.registered("CP-001");
        chargers.poll(() -> {
            chargers.add("CP-001", cp1);
            chargers.add("CP-002", Chargers.registered("CP-002"));
            chargers.add("CP-001", Chargers.linked(cp1, "site_1", 2));
        });
        // a re-delivered older record arrives later: the row keeps the newer version
        chargers.poll(() -> chargers.add("CP-001", cp1));

        await(() -> chargers.committed() == 4);
        assertThat(store.version(Chargers.ORG, "CP-001")).hasValue(2);
        assertThat(store.findRegistered(Chargers.ORG, "CP-001")).hasValueSatisfying(
                charger -> assertThat(charger.siteId()).isEqualTo("site_1"));
        assertThat(store.version(Chargers.ORG, "CP-002")).hasValue(1);
    }

    @Test
    void ingestsTheSiteSummaryProjectionAndATombstoneDeletesTheSummary() throws SQLException {
        Feed<SiteSummary> summaries = start(Topics.SITE_SUMMARY_PROJECTION, new SiteSummaryStore(dataSource));
        summaries.poll(() -> {
            summaries.add("site_1", Summaries.summary("site_1", 1, 10));
            summaries.add("site_2", Summaries.summary("site_2", 1, 10));
            summaries.add("site_1", Summaries.summary("site_1", 2, 87.4));
        });
        await(() -> summaries.committed() == 3);
        assertThat(summaryVersion("site_1")).hasValue(2);
        assertThat(summaryVersion("site_2")).hasValue(1);

        summaries.poll(() -> summaries.add("site_2", null));

        await(() -> summaries.committed() == 4);
        assertThat(summaryVersion("site_2")).isEmpty();
        assertThat(summaryVersion("site_1")).hasValue(2);
    }

    @Test
    void ingestsTheChargerStateProjection() throws SQLException {
        new ChargerStore(dataSource).upsert(List.of(Chargers.registered("CP-001"), Chargers.registered("CP-002")));
        ChargerStateStore store = new ChargerStateStore(dataSource);
        Feed<ChargerLiveState> states = start(Topics.CHARGER_STATE_PROJECTION, store);
        ChargerLiveState available = LiveStates.state("CP-001", ChargerStatus.available);
        states.poll(() -> {
            states.add("CP-001", available);
            states.add("CP-002", LiveStates.state("CP-002", ChargerStatus.faulted));
            states.add("CP-001", LiveStates.version(LiveStates.state("CP-001", ChargerStatus.charging), 2));
        });
        // a re-delivered older record arrives later: the row keeps the newer version
        states.poll(() -> states.add("CP-001", available));

        await(() -> states.committed() == 4);
        assertThat(store.list(Chargers.ORG, null, null, 50).chargers()).extracting(FleetChargerJson::status)
                .containsExactly("Charging", "Faulted");
        assertThat(store.list(Chargers.ORG, FleetStatus.ONLINE, null, 50).total()).isEqualTo(2);
    }

    private <V> Feed<V> start(Topic<String, V> topic, ProjectionStore<V> store) {
        return start(new Feed<>(topic), store);
    }

    private <V> Feed<V> start(Feed<V> feed, ProjectionStore<V> store) {
        ingestors.add(ProjectionIngestor.start(feed.topic, feed.consumer, store));
        return feed;
    }

    private OptionalLong siteVersion(String siteId) throws SQLException {
        return new SiteViewStore(dataSource).version(ORG, siteId);
    }

    private OptionalLong summaryVersion(String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT version FROM site_summary WHERE site_id = ?")) {
            select.setString(1, siteId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The test database, except that the first connection cannot be had; runs {@code onAttempt} each time. */
    private DataSource failingFirstAttempt(Runnable onAttempt) {
        AtomicInteger attempts = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        onAttempt.run();
                        if (attempts.incrementAndGet() == 1) {
                            throw new SQLTransientConnectionException("database away");
                        }
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One partition of a projection topic, fed through a mock consumer. */
    private static final class Feed<V> {

        final Topic<String, V> topic;
        final TopicPartition partition;
        final MockConsumer<String, V> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        private long nextOffset;

        Feed(Topic<String, V> topic) {
            this.topic = topic;
            this.partition = new TopicPartition(topic.name(), 0);
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.schedulePollTask(() -> consumer.rebalance(List.of(partition)));
        }

        /** Runs {@code task} at the next poll; the records it adds are that poll's. */
        void poll(Runnable task) {
            consumer.schedulePollTask(task);
        }

        /** Adds a record at the next offset; a null value is a tombstone. */
        void add(String key, V value) {
            add(nextOffset, key, value);
        }

        void add(long offset, String key, V value) {
            consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value));
            nextOffset = offset + 1;
        }

        long committed() {
            OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }
}
