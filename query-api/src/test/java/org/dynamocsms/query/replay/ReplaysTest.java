package org.dynamocsms.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.TopicAdmin;
import org.dynamocsms.schemas.topics.Topics;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay REST contract and the coordinator against a real broker and the real PostgreSQL. No projection-service
 * runs here: the tests commit the rebuilt generation's group offsets themselves, as its Streams app and ingestors
 * would once they have read everything.
 */
class ReplaysTest {

    private static final int PARTITIONS = 2;

    private static KafkaClusterTestKit cluster;
    private static Admin admin;
    private static int database;

    private DataSource dataSource;
    private ReplayCoordinator coordinator;
    private ReplaysResource resource;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setNumBrokerNodes(1)
                .setNumControllerNodes(1).setCombined(true).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        admin.close();
        cluster.close();
    }

    @BeforeEach
    void freshStores() throws SQLException {
        TopicAdmin.ensure(admin, Topics.ALL, PARTITIONS, (short) 1, Map.of());
        dataSource = TestDatabase.emptyDatabase("replays_" + (++database));
        Flyway.configure().dataSource(dataSource).load().migrate();
        coordinator = coordinator();
        resource = new ReplaysResource();
        resource.replays = coordinator;
    }

    private ReplayCoordinator coordinator() {
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        ReplayKafka kafka = new ReplayKafka(admin(), new KafkaProducer<>(producer,
                Topics.PROJECTION_GENERATIONS.keySerde().serializer(),
                Topics.PROJECTION_GENERATIONS.valueSerde().serializer()),
                topics -> TopicAdmin.ensure(admin, topics, PARTITIONS, (short) 1, Map.of()));
        return new ReplayCoordinator(dataSource, kafka, ReplaysTest::rawConsumer);
    }

    @AfterEach
    void stop() throws Exception {
        coordinator.close();
        // every topic goes, so each test starts from generation 1
        admin.deleteTopics(topics()).all().get();
        await(() -> {
            try {
                return admin.listTopics().names().get().stream().noneMatch(t -> t.startsWith("csms."));
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void statusCountsRecordsNotOffsetsAndAFinishedReplayDoesNotBlockTheNext() throws Exception {
        // 3 committed transactions and an aborted one: markers and aborted records take offsets too
        try (KafkaProducer<byte[], byte[]> events = transactional()) {
            events.initTransactions();
            for (int transaction = 0; transaction < 3; transaction++) {
                events.beginTransaction();
                events.send(record(Topics.SITE_EVENTS, 0));
                events.send(record(Topics.SITE_EVENTS, 1));
                events.commitTransaction();
            }
            events.beginTransaction();
            events.send(record(Topics.SITE_EVENTS, 0));
            events.flush();
            events.abortTransaction();
        }
        long offsets = endOffsets(Topics.SITE_EVENTS.name()).values().stream().mapToLong(Long::longValue).sum();
        assertThat(offsets).isGreaterThan(6);

        Response started = resource.start("sites", null);
        assertThat(started.getStatus()).isEqualTo(202);
        assertThat(started.getHeaderString(HttpHeaders.LOCATION)).isEqualTo("/admin/replays/sites");
        Replay replay = (Replay) started.getEntity();
        assertThat(replay.replayId()).matches("rpl_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(replay).extracting(Replay::projection, Replay::generation, Replay::liveGeneration,
                Replay::status, Replay::compare).containsExactly("sites", 2, 1, "building", false);
        assertThat(topics()).contains("csms.projection.sites.g2");
        assertThat(tableExists("site_g2")).isTrue();

        assertThatThrownBy(() -> resource.start("sites", "{\"compare\": true}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        awaitTicks(() -> latest("sites").eventsTotal() != null && latest("sites").eventsTotal() == 6);
        Replay building = latest("sites");
        assertThat(building.eventsTotal()).as("records, not the %d offsets", offsets).isEqualTo(6);
        assertThat(building.eventsRead()).isZero();
        assertThat(building.status()).isEqualTo("building");
        assertThat(building.stages()).extracting(Replay.Stage::stage)
                .containsExactly("csms-site-projection-g2", "csms-query-api-sites-g2");
        assertThat(building.stages().get(0)).isEqualTo(new Replay.Stage("csms-site-projection-g2", 0, 6, 6));

        // the rebuilt app reads everything (its committed offsets are the end offsets, markers included)
        commit("csms-site-projection-g2", endOffsets(Topics.SITE_EVENTS.name()));
        awaitTicks(() -> latest("sites").status().equals("completed"));
        Replay completed = latest("sites");
        assertThat(completed.eventsRead()).isEqualTo(6);
        assertThat(completed.eventsTotal()).isEqualTo(6);
        assertThat(completed.liveGeneration()).isEqualTo(2);
        assertThat(completed.finishedAt()).isNotNull();
        assertThat(completed.etaSeconds()).isNull();
        assertThat(viewReads("site")).isEqualTo("site_g2");
        assertThat(viewReads("energy_asset")).isEqualTo("energy_asset_g2");

        // generation 1 is retired: its groups have no members
        awaitTicks(() -> !tableExists("site_g1"));
        assertThat(tableExists("energy_asset_g1")).isFalse();
        assertThat(topics()).doesNotContain("csms.projection.sites").contains("csms.projection.sites.g2");

        // the regression: the next request after a finished replay starts one
        Response next = resource.start("sites", "{}");
        assertThat(next.getStatus()).isEqualTo(202);
        assertThat(((Replay) next.getEntity()).generation()).isEqualTo(3);
        assertThat(resource.all()).extracting(Replay::generation).containsExactly(3, 2);
    }

    @Test
    void caughtUpWaitsUntilTheTablesHoldWhatTheRebuiltApplicationPublished() throws Exception {
        resource.start("sites", null);
        // the rebuilt application has read everything and published two views, not yet ingested
        try (KafkaProducer<byte[], byte[]> views = transactional()) {
            views.initTransactions();
            views.beginTransaction();
            views.send(new ProducerRecord<>("csms.projection.sites.g2", 0, new byte[] {1}, new byte[] {2}));
            views.send(new ProducerRecord<>("csms.projection.sites.g2", 1, new byte[] {1}, new byte[] {2}));
            views.commitTransaction();
        }
        commit("csms-site-projection-g2", endOffsets(Topics.SITE_EVENTS.name()));
        for (int tick = 0; tick < 5; tick++) {
            coordinator.tick();
        }
        Replay building = latest("sites");
        assertThat(building.status()).isEqualTo("building");
        assertThat(building.stages().get(1)).isEqualTo(new Replay.Stage("csms-query-api-sites-g2", 0, 2, 2));

        // the read store's ingestor commits the generation's topic (markers included)
        commit("csms-query-api-sites-g2", endOffsets("csms.projection.sites.g2"));
        awaitTicks(() -> latest("sites").status().equals("completed"));
        assertThat(latest("sites").stages().get(1)).isEqualTo(new Replay.Stage("csms-query-api-sites-g2", 2, 2, 0));
    }

    @Test
    void aRestartedInstanceCarriesOnFromTheRows() throws Exception {
        resource.start("sites", null);
        coordinator.tick();
        coordinator.close();

        coordinator = coordinator();
        resource.replays = coordinator;
        commit("csms-site-projection-g2", endOffsets(Topics.SITE_EVENTS.name()));
        awaitTicks(() -> latest("sites").status().equals("completed"));
        awaitTicks(() -> !tableExists("site_g1"));
        assertThat(viewReads("site")).isEqualTo("site_g2");
    }

    @Test
    void compareWaitsWithTheComparisonForASwitch() throws Exception {
        Replay started = (Replay) resource.start("chargers", "{\"compare\": true}").getEntity();
        assertThat(started.compare()).isTrue();
        assertThatThrownBy(() -> resource.switchReaders("chargers"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        awaitTicks(() -> latest("chargers").status().equals("caught_up"));
        Replay caughtUp = latest("chargers");
        assertThat(caughtUp.caughtUpAt()).isNotNull();
        assertThat(caughtUp.comparison()).isEqualTo(new ReplayComparison.Result(true, List.of(
                new ReplayComparison.Table("charger", 0, 0, 0, 0, 0, List.of()))));
        assertThat(viewReads("charger")).isEqualTo("charger_g1");

        Replay switched = (Replay) resource.switchReaders("chargers");
        assertThat(switched.status()).isEqualTo("completed");
        assertThat(switched.comparison().equal()).isTrue();
        assertThat(viewReads("charger")).isEqualTo("charger_g2");
    }

    @Test
    void aRefusedRecordStopsTheSwitchAndFailsTheComparison() throws Exception {
        resource.start("maintenance", null);
        execute("INSERT INTO read_store_refusal (projection, generation, table_name, record_key, version, reason) "
                + "VALUES ('maintenance', 2, 'maintenance_event_g2', 'mnt_1', 3, 'invalid byte sequence')");

        awaitTicks(() -> latest("maintenance").status().equals("caught_up"));
        Replay caughtUp = latest("maintenance");
        assertThat(caughtUp.refused()).isEqualTo(1);
        assertThat(caughtUp.comparison().equal()).isFalse();
        assertThat(caughtUp.comparison().tables().get(0).different()).isZero();
        assertThat(viewReads("maintenance_event")).isEqualTo("maintenance_event_g1");
    }

    @Test
    void aCancelLeavesReadersOnTheLiveGenerationAndDropsTheBuildingOne() throws Exception {
        resource.start("charger-history", null);
        assertThat(tableExists("charger_interval_g2")).isTrue();

        Replay cancelled = (Replay) resource.cancel("charger-history");

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThatThrownBy(() -> resource.cancel("charger-history"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        awaitTicks(() -> !tableExists("charger_interval_g2"));
        assertThat(tableExists("charger_error_g2")).isFalse();
        assertThat(topics()).doesNotContain("csms.projection.charger-intervals.g2")
                .contains("csms.projection.charger-intervals");
        assertThat(viewReads("charger_interval")).isEqualTo("charger_interval_g1");
        assertThat(latest("charger-history").liveGeneration()).isEqualTo(1);
        assertThat(((Replay) resource.start("charger-history", null).getEntity()).generation()).isEqualTo(3);
    }

    @Test
    void allStartsTheSixOrNone() throws Exception {
        resource.start("live-states", null);

        assertThatThrownBy(() -> resource.start("all", null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(resource.all()).hasSize(1);

        resource.cancel("live-states");
        @SuppressWarnings("unchecked")
        List<Replay> all = (List<Replay>) resource.start("all", null).getEntity();
        assertThat(all).extracting(Replay::projection)
                .containsExactly("sites", "chargers", "maintenance", "live-states", "charger-history",
                        "charger-calls");
        @SuppressWarnings("unchecked")
        List<Replay> latest = (List<Replay>) resource.latest("all");
        assertThat(latest).hasSize(6).allMatch(r -> r.status().equals("building"));
    }

    @Test
    void badRequestsAreProblemsNamingWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> resource.start("site", null)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.problem().detail()).contains("sites, chargers, maintenance, live-states, charger-history, charger-calls");
        });
        assertThatThrownBy(() -> resource.start("sites", "{\"compare\": tru"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> resource.start("sites", "{\"compare\": \"yes\"}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("compare");
                });
        assertThatThrownBy(() -> resource.start("sites", "{\"comapre\": true}"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("comapre"));
        assertThatThrownBy(() -> resource.start("sites", "[true]"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> resource.latest("sites"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> resource.switchReaders("sites"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        // nothing was started
        assertThat(resource.all()).isEmpty();
        assertThat(tableExists("site_g2")).isFalse();
    }

    private Replay latest(String projection) {
        try {
            return (Replay) resource.latest(projection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ticks until {@code done}, as the coordinator's schedule would. */
    private void awaitTicks(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            coordinator.tick();
            Thread.sleep(100);
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> transactional() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "events-" + database);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(Topic<?, ?> topic, int partition) {
        return new ProducerRecord<>(topic.name(), partition, new byte[] {1}, new byte[] {2});
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((p, offset) -> committed.put(p, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, committed).all().get();
    }

    private static Set<String> topics() throws Exception {
        return admin.listTopics().names().get();
    }

    private boolean tableExists(String table) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            row.next();
            return row.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table a reader's view reads. */
    private String viewReads(String view) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT table_name FROM information_schema.view_table_usage "
                     + "WHERE view_name = '" + view + "'")) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
