package org.dynamocsms.standalone.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.platform.kafka.KafkaSettings;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.replay.ProjectionGeneration;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.junit.jupiter.api.Test;

/**
 * projection-service follows {@code csms.projection.generations} on the real broker: a generation named as building
 * folds the history from the beginning onto its own topics; once named live, the old generation's application
 * stops and the new one carries on. Query-api's coordinator, which names the generations and creates their topics
 * in production, is played by the test. A broker of its own: the live states here end on generation 2.
 */
@QuarkusTest
@TestProfile(ProjectionGenerationsEndToEndTest.OwnBroker.class)
class ProjectionGenerationsEndToEndTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final Generation FIRST = Generation.first(Projection.LIVE_STATES);
    private static final Generation SECOND = FIRST.next();

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CsmsTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    @Inject
    KafkaSettings settings;

    @Test
    void aGenerationBuiltBesideTheLiveOneFoldsTheHistoryAndCarriesOnOnceLiveWhileTheOldOneStops() throws Exception {
        String charger = Api.charger(Api.newOrganisation(keys, List.of()));
        Instant t = Instant.now().minusSeconds(60);
        send(charger, t, new ChargerConnected("1.6", "e2e", null, null));
        send(charger, t.plusSeconds(1), status(ConnectorStatus.Available));
        Api.eventually(WITHIN, () -> assertThat(connector(FIRST, charger)).isEqualTo(ConnectorStatus.Available));

        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.createTopics(Projection.LIVE_STATES.outputs().stream()
                    .map(output -> SECOND.topic(output).newTopic(settings.partitions(), settings.replicationFactor(),
                            Map.of()))
                    .toList()).all().get();
            publish(1, 2);
            // generation 2 folds the history from its beginning, beside generation 1
            Api.eventually(WITHIN, () -> assertThat(connector(SECOND, charger)).isEqualTo(ConnectorStatus.Available));
            assertThat(members(admin, SECOND)).isPositive();
            assertThat(members(admin, FIRST)).isPositive();

            publish(2, null);
            Api.eventually(WITHIN, () -> assertThat(members(admin, FIRST)).isZero());
            // and its local state is gone (cleanUp() leaves only the application's lock and process id files);
            // generation 2's stays
            Api.eventually(WITHIN, () -> assertThat(stores(FIRST)).isEmpty());
            assertThat(stores(SECOND)).isNotEmpty();
            // the health checks no longer expect the retired application, and follow the one restarted as live
            Api.eventually(WITHIN, () -> {
                JsonPath health = RestAssured.get("/q/health").jsonPath();
                assertThat(health.getString("checks.find { it.name == 'kafka-streams' }.status")).isEqualTo("UP");
                assertThat(health.getMap("checks.find { it.name == 'kafka-streams' }.data"))
                        .containsKey(SECOND.applicationId()).doesNotContainKey(FIRST.applicationId());
            });
            send(charger, t.plusSeconds(2), status(ConnectorStatus.Charging));
            Api.eventually(WITHIN, () -> assertThat(connector(SECOND, charger)).isEqualTo(ConnectorStatus.Charging));
            assertThat(members(admin, SECOND)).isPositive();
            assertThat(connector(FIRST, charger)).isEqualTo(ConnectorStatus.Available);
        }
    }

    private void publish(int live, Integer building) throws Exception {
        try (KafkaProducer<String, ProjectionGeneration> producer = kafka.producer(Topics.PROJECTION_GENERATIONS)) {
            producer.send(new ProducerRecord<>(Topics.PROJECTION_GENERATIONS.name(), Projection.LIVE_STATES.id(),
                    new ProjectionGeneration(Projection.LIVE_STATES.id(), live, building, "rpl_e2e",
                            Instant.now()))).get();
        }
    }

    private void send(String charger, Instant at, Object payload) throws Exception {
        try (KafkaProducer<String, ChargerTelemetry> producer = kafka.producer(Topics.CHARGER_TELEMETRY)) {
            producer.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), charger,
                    ChargerTelemetry.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId("e2e")
                            .setChargePointId(charger).setOccurredAt(at).setRecordedAt(Instant.now())
                            .setPayload(payload).build())).get();
        }
    }

    private static ConnectorStatusChanged status(ConnectorStatus status) {
        return ConnectorStatusChanged.newBuilder().setConnectorId(1).setStatus(status).build();
    }

    /** The status of connector 1 in the charger's latest state on {@code generation}'s topic; null if none. */
    private ConnectorStatus connector(Generation generation, String charger) {
        ChargerLiveState state = latest(generation.topic(Topics.CHARGER_STATE_PROJECTION)).get(charger);
        return state == null ? null : state.getConnectors().stream().filter(c -> c.getConnectorId() == 1)
                .map(c -> c.getStatus()).findFirst().orElse(null);
    }

    /** The latest value of each key on {@code topic}, read from its beginning to its end. */
    private <V> Map<String, V> latest(Topic<String, V> topic) {
        Map<String, V> latest = new HashMap<>();
        try (KafkaConsumer<String, V> consumer = kafka.consumer(topic, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> latest.put(record.key(), record.value()));
            }
        }
        return latest;
    }

    /** The directories (tasks' stores, the global one) in the local state of {@code generation}'s application. */
    private List<Path> stores(Generation generation) {
        try (Stream<Path> files = Files.list(Path.of(settings.stateDir(), generation.applicationId()))) {
            return files.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Members of the consumer group of {@code generation}'s Kafka Streams application. */
    private static int members(Admin admin, Generation generation) {
        try {
            return admin.describeConsumerGroups(List.of(generation.applicationId())).all().get()
                    .get(generation.applicationId()).members().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
