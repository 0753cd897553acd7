package org.dynamocsms.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Real infrastructure for {@code @QuarkusTest}: a Kafka broker (Testcontainers where a Docker engine is available,
 * else an in-JVM KRaft cluster) and an embedded PostgreSQL, both fresh for each test run.
 */
public class CsmsTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    /** What has been started, most recent first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public Map<String, String> start() {
        try {
            String bootstrapServers = DockerClientFactory.instance().isDockerAvailable()
                    ? startContainer()
                    : startInJvmCluster();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            started.push(postgres);
            Path stateDir = Files.createTempDirectory("csms-streams-");
            return Map.of(
                    "csms.kafka.bootstrap-servers", bootstrapServers,
                    "csms.kafka.state-dir", stateDir.toString(),
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl(EmbeddedDatabase.USER, "postgres"),
                    "quarkus.datasource.username", EmbeddedDatabase.USER,
                    "quarkus.datasource.password", EmbeddedDatabase.USER);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Cannot start the test infrastructure", e);
        }
    }

    private String startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        started.push(container);
        return container.getBootstrapServers();
    }

    private String startInJvmCluster() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setCombined(true)
                .build())
                // one broker: internal topics must fit on it, or transactions (exactly_once_v2) never start
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "10")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "10")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        started.push(cluster);
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster.bootstrapServers();
    }

    @Override
    public void stop() {
        IllegalStateException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("Cannot stop the test infrastructure", e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
