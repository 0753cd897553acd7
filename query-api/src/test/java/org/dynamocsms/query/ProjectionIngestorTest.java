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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.history.Histories;
import org.dynamocsms.query.history.MaintenanceStore;
import org.dynamocsms.schemas.analytics.ChargerError;
import org.dynamocsms.schemas.analytics.ChargerStatusInterval;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerStatus;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.site.SiteSummaryStore;
import org.dynamocsms.query.site.Summaries;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingestion loop against a mock consumer and the real database, for each projection the read store takes. */
class ProjectionIngestorTest {

    private final List<ProjectionIngestor<?>> ingestors = new ArrayList<>();
    private final Timer freshness = new SimpleMeterRegistry().timer("freshness");
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
    void recordsTheTimeFromEachRecordsEventTimeToItsPollCommitted() {
        Feed<SiteView> sites = start(Topics.SITE_PROJECTION, new SiteViewStore(dataSource));
        long eventTime = System.currentTimeMillis() - 5_000;
        sites.poll(() -> {
            sites.addAt(eventTime, "site_1", view(created("site_1", "One")));
            sites.addAt(eventTime, "site_2", view(created("site_2", "Two")));
            sites.add("site_3", view(created("site_3", "Three"))); // no timestamp: no event time to measure from
        });

        await(() -> sites.committed() == 3);
        await(() -> freshness.count() == 2); // recorded just after the commit
        assertThat(freshness.max(TimeUnit.MILLISECONDS)).isBetween(5_000.0, 15_000.0);
    }

    @Test
    void commitsAPositionMovedByAPollWithoutRecordsAsPastATransactionMarker() throws SQLException {
        Feed<SiteView> sites = start(Topics.SITE_PROJECTION, new SiteViewStore(dataSource));
        sites.poll(() -> sites.add("site_1", view(created("site_1", "One"))));
        await(() -> sites.committed() == 1);

        // the commit marker after the record at offset 0: the consumer reads past it and returns no record
        sites.poll(() -> sites.consumer.seek(sites.partition, 2));

        await(() -> sites.committed() == 2);
        assertThat(siteVersion("site_1")).hasValue(1);
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
    void itsLagIsTheAgeOfTheNewestRecordAppliedWhileMoreWaitAndNoneOnceCaughtUp() {
        Feed<SiteView> sites = new Feed<>(Topics.SITE_PROJECTION);
        sites.consumer.updateEndOffsets(Map.of(sites.partition, 10L)); // a backlog of ten, an hour old
        start(sites, new SiteViewStore(dataSource));
        ProjectionIngestor<?> ingestor = ingestors.get(0);
        long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        sites.poll(() -> {
            sites.consumer.addRecord(new ConsumerRecord<>(sites.partition.topic(), 0, 0, anHourAgo,
                    TimestampType.CREATE_TIME, -1, -1, "site_1", view(created("site_1", "One")), new RecordHeaders(),
                    Optional.empty()));
        });

        await(() -> ingestor.lag().compareTo(Duration.ofMinutes(59)) > 0);
        assertThat(ingestor.lag()).isLessThan(Duration.ofMinutes(61));

        sites.poll(() -> sites.consumer.updateEndOffsets(Map.of(sites.partition, 1L)));
        await(() -> ingestor.lag().compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void writesOnlyTheNewestRecordOfEachKeyOfAPoll() {
        List<String> writes = new CopyOnWriteArrayList<>();
        Feed<SiteSummary> summaries = start(Topics.SITE_SUMMARY_PROJECTION, new ProjectionStore<>() {
            @Override
            public List<Refused<SiteSummary>> write(Collection<SiteSummary> values, Collection<String> tombstones) {
                writes.add(values.stream().map(this::describe).sorted().toList() + " minus "
                        + tombstones.stream().sorted().toList());
                return List.of();
            }

            @Override
            public ProjectionStore<SiteSummary> forGeneration(Generation generation) {
                return this;
            }

            @Override
            public TableRows<SiteSummary> rows() {
                return TableRows.<SiteSummary>of("site_summary", "site_id")
                        .in(Generation.first(Projection.LIVE_STATES));
            }

            @Override
            public String keyOf(SiteSummary summary) {
                return summary.getSiteId();
            }

            @Override
            public long versionOf(SiteSummary summary) {
                return summary.getVersion();
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
        assertThat(writes).containsExactly("[site_1 version 3, site_3 version 7] minus [site_2]");
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
        assertThat(store.list(Chargers.ORG, null, null, 50, 0)).extracting(FleetChargerJson::status)
                .containsExactly("Charging", "Faulted");
        assertThat(store.list(Chargers.ORG, FleetStatus.ONLINE, null, 50, 0)).hasSize(2);
    }

    @Test
    void aTombstoneAfterAValueOfTheSameKeyInOnePollDeletesAndAValueAfterATombstoneIsWritten() throws SQLException {
        ChargerStateStore store = new ChargerStateStore(dataSource);
        store.write(List.of(LiveStates.state("CP-001", ChargerStatus.available),
                LiveStates.state("CP-002", ChargerStatus.available)), List.of());
        Feed<ChargerLiveState> states = start(Topics.CHARGER_STATE_PROJECTION, store);
        states.poll(() -> {
            states.add("CP-001", LiveStates.version(LiveStates.state("CP-001", ChargerStatus.charging), 2));
            states.add("CP-001", null);
            states.add("CP-002", null);
            states.add("CP-002", LiveStates.version(LiveStates.state("CP-002", ChargerStatus.faulted), 3));
            states.add("CP-003", LiveStates.state("CP-003", ChargerStatus.online));
            states.add("CP-003", null);
        });

        await(() -> states.committed() == 6);
        assertThat(versions("SELECT charge_point_id || ' ' || status, version FROM charger_state"))
                .containsExactly("CP-002 faulted v3");
    }

    @Test
    void ingestsTheChargerIntervalProjectionWhereATombstoneDeletesAndALaterValueComesBack() throws SQLException {
        Feed<ChargerStatusInterval> intervals = start(Topics.CHARGER_INTERVAL_PROJECTION,
                new ChargerIntervalStore(dataSource));
        ChargerStatusInterval first = Histories.interval("CP@1", "2024-06-01T00:00:00Z", null, false);
        ChargerStatusInterval second = Histories.interval("CP@1", "2024-06-01T08:00:00Z", null, true);
        ChargerStatusInterval third = Histories.interval("CP@1", "2024-06-01T09:00:00Z", null, false);
        intervals.poll(() -> {
            intervals.add(ChargerIntervalStore.key(first), first);
            intervals.add(ChargerIntervalStore.key(second), second);
            intervals.add(ChargerIntervalStore.key(second), Histories.version(second, 3));
            intervals.add(ChargerIntervalStore.key(second), Histories.version(second, 2));
            // removed by version 4, back at version 5, all within the poll
            intervals.add(ChargerIntervalStore.key(third), Histories.version(third, 3));
            intervals.add(ChargerIntervalStore.key(third), null);
            intervals.add(ChargerIntervalStore.key(third), Histories.version(third, 5));
        });
        // then the first interval is removed, and an older record of the second is re-delivered
        intervals.poll(() -> {
            intervals.add(ChargerIntervalStore.key(first), null);
            intervals.add(ChargerIntervalStore.key(second), second);
        });

        await(() -> intervals.committed() == 9);
        assertThat(versions("SELECT charge_point_id || ' ' || (start_at AT TIME ZONE 'UTC'), version "
                + "FROM charger_interval ORDER BY start_at")).containsExactly("CP@1 2024-06-01 08:00:00 v3",
                "CP@1 2024-06-01 09:00:00 v5");
    }

    @Test
    void ingestsTheChargerErrorProjectionWhereATombstoneDeletes() throws SQLException {
        Feed<ChargerError> errors = start(Topics.CHARGER_ERROR_PROJECTION, new ChargerErrorStore(dataSource));
        ChargerError open = Histories.error("evt_1", "CP-001", ChargePointErrorCode.GroundFailure,
                "2024-06-15T14:22:00Z", null);
        errors.poll(() -> {
            errors.add("evt_1", open);
            errors.add("evt_2", Histories.error("evt_2", "CP-001", ChargePointErrorCode.WeakSignal,
                    "2024-06-15T14:30:00Z", null));
            errors.add("evt_1", Histories.version(Histories.error("evt_1", "CP-001", ChargePointErrorCode.GroundFailure,
                    "2024-06-15T14:22:00Z", "2024-06-15T15:00:00Z"), 2));
        });
        errors.poll(() -> {
            errors.add("evt_2", null);
            errors.add("evt_1", open);
        });

        await(() -> errors.committed() == 5);
        assertThat(versions("SELECT event_id || ' ' || (resolved_at AT TIME ZONE 'UTC'), version "
                + "FROM charger_error")).containsExactly("evt_1 2024-06-15 15:00:00 v2");
    }

    @Test
    void ingestsTheMaintenanceProjection() throws SQLException {
        Feed<MaintenanceView> maintenance = start(Topics.MAINTENANCE_PROJECTION, new MaintenanceStore(dataSource));
        MaintenanceView recorded = Histories.maintenance("mnt_1", "CP-001", "2024-06-20T09:00:00Z", null);
        maintenance.poll(() -> {
            maintenance.add("mnt_1", recorded);
            maintenance.add("mnt_1", Histories.version(Histories.maintenance("mnt_1", "CP-001",
                    "2024-06-20T09:00:00Z", "2024-06-20T11:00:00Z"), 2));
        });
        maintenance.poll(() -> maintenance.add("mnt_1", recorded));

        await(() -> maintenance.committed() == 3);
        assertThat(versions("SELECT maintenance_id || ' ' || (completed_at AT TIME ZONE 'UTC'), "
                + "version FROM maintenance_event")).containsExactly("mnt_1 2024-06-20 11:00:00 v2");
    }

    @Test
    void recordsEachRecordTheStoreRefusesOnceThoughItsPollIsDeliveredAgain() throws SQLException {
        Feed<MaintenanceView> maintenance = start(Topics.MAINTENANCE_PROJECTION, new MaintenanceStore(dataSource));
        MaintenanceView nulInNotes = MaintenanceView.newBuilder(Histories.maintenance("mnt_bad", "CP-001",
                "2024-06-20T09:00:00Z", null)).setNotes("nul \u0000").build();
        MaintenanceView nulInKey = Histories.maintenance("mnt_\u0000", "CP-001", "2024-06-20T09:00:00Z", null);
        maintenance.poll(() -> {
            maintenance.add("mnt_bad", nulInNotes);
            maintenance.add("mnt_1", Histories.maintenance("mnt_1", "CP-001", "2024-06-20T09:00:00Z", null));
            maintenance.add("mnt_\u0000", nulInKey);
        });
        // the same records again, as after a crash between the write and the commit
        maintenance.poll(() -> {
            maintenance.add("mnt_bad", nulInNotes);
            maintenance.add("mnt_\u0000", nulInKey);
        });

        await(() -> maintenance.committed() == 5);
        ReadStoreRefusals refusals = new ReadStoreRefusals(dataSource);
        Generation first = Generation.first(Projection.MAINTENANCE);
        assertThat(refusals.count(first)).isEqualTo(2);
        assertThat(refusals.count(first.next())).isZero();
        assertThat(refusals.count(Generation.first(Projection.SITES))).isZero();
        assertThat(refusals.list(first, 10)).extracting(r -> r.table() + " " + r.recordKey() + " v" + r.version())
                .containsExactlyInAnyOrder("maintenance_event mnt_\\u0000 v1", "maintenance_event mnt_bad v1");
        assertThat(refusals.list(first, 10)).allSatisfy(refusal -> {
            assertThat(refusal.reason()).contains("0x00");
            assertThat(refusal.refusedAt()).isNotNull();
        });
        assertThat(refusals.list(first, 1)).hasSize(1);
        assertThat(versions("SELECT maintenance_id, version FROM maintenance_event")).containsExactly("mnt_1 v1");
    }

    private <V> Feed<V> start(Topic<String, V> topic, ProjectionStore<V> store) {
        return start(new Feed<>(topic), store);
    }

    private <V> Feed<V> start(Feed<V> feed, ProjectionStore<V> store) {
        ingestors.add(ProjectionIngestor.start(feed.topic, feed.consumer, store, new ReadStoreRefusals(dataSource),
                freshness));
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

    /** Each row as its first column and, after " v", its second (the version). */
    private List<String> versions(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(row.getString(1) + " v" + row.getLong(2));
            }
        }
        return rows;
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

        /** Adds a record at the next offset with {@code timestamp} (epoch ms). */
        void addAt(long timestamp, String key, V value) {
            consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), nextOffset++, timestamp,
                    TimestampType.CREATE_TIME, -1, -1, key, value, new RecordHeaders(), Optional.empty()));
        }

        long committed() {
            OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }
}
