package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.TopicAdmin;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics a deployment gets against a real broker: every one with the same number of partitions, so that a
 * deployment made with one {@code csms.kafka.partitions} keeps working when a later version adds a topic or the
 * setting changes.
 */
class TopicPartitionsTest {

    @TempDir
    Path dataDir;

    private EmbeddedKafka kafka;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), EmbeddedKafkaTest.freePort(),
                EmbeddedKafkaTest.freePort());
        admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void aNewDeploymentsTopicsHaveThePartitionsConfigured() throws Exception {
        TopicAdmin.ensure(admin, Topics.ALL, 2, (short) 1, Map.of());

        assertEveryTopicHas(2);
    }

    @Test
    void aTopicMissingFromADeploymentGetsThePartitionsItsTopicsHave() throws Exception {
        create(Topics.CHARGER_TELEMETRY, 6);
        create(Topics.CHARGER_EVENTS, 6);

        TopicAdmin.ensure(admin, Topics.ALL, 2, (short) 1, Map.of());

        assertEveryTopicHas(6);
    }

    @Test
    void topicsWithDifferentPartitionsAreRefusedAndNothingIsCreated() throws Exception {
        create(Topics.CHARGER_TELEMETRY, 6);
        create(Topics.CHARGER_EVENTS, 2);

        assertThatThrownBy(() -> TopicAdmin.ensure(admin, Topics.ALL, 6, (short) 1, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("different numbers of partitions")
                .hasMessageContaining("2=[" + Topics.CHARGER_EVENTS.name() + "]")
                .hasMessageContaining("6=[" + Topics.CHARGER_TELEMETRY.name() + "]");
        assertThat(admin.listTopics().names().get()).containsExactlyInAnyOrder(Topics.CHARGER_TELEMETRY.name(),
                Topics.CHARGER_EVENTS.name());
    }

    /** Creates {@code topic}, and waits until the broker lists it (its metadata follows the controller's). */
    private void create(Topic<?, ?> topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic.name(), partitions, (short) 1))).all().get();
        Instant deadline = Instant.now().plusSeconds(10);
        while (!admin.listTopics().names().get().contains(topic.name()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    /** Asserts that every topic of the registry exists with {@code partitions} partitions. */
    private void assertEveryTopicHas(int partitions) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(names()).allTopicNames().get();
        assertThat(described.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                topic -> topic.getValue().partitions().size())))
                .containsOnlyKeys(names())
                .allSatisfy((topic, count) -> assertThat(count).as(topic).isEqualTo(partitions));
    }

    private static Set<String> names() {
        return Set.copyOf(Topics.ALL.stream().map(Topic::name).toList());
    }
}
