package org.dynamocsms.standalone;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
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
 * <p>
 * With the argument {@value #BROKERS} of 3 or more it starts an in-JVM cluster of that many brokers (and a
 * controller of their own) instead, replicating every topic three times with {@code min.insync.replicas} 2, and
 * injects it into the test's {@link Cluster} field, so that the test can stop and start brokers. With {@value #BROKERS}
 * 1 it starts the in-JVM single broker even where Docker is available, and injects it the same way.
 */
public class CsmsTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BROKERS = "brokers";
    /** The embedded PostgreSQL trusts local connections, so any password does; this one is looked for in logs. */
    public static final String DATABASE_PASSWORD = "csms-test-db-password-5f0c2a";

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    /** Marks the test's {@link KafkaClusterTestKit} field that receives a cluster of several brokers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Cluster {
    }

    /** What has been started, most recent first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int brokers = 1;
    private boolean inJvm;
    private KafkaClusterTestKit cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        brokers = Integer.parseInt(initArgs.getOrDefault(BROKERS, "1"));
        inJvm = initArgs.containsKey(BROKERS);
    }

    @Override
    public Map<String, String> start() {
        try {
            Map<String, String> config = new HashMap<>();
            String bootstrapServers;
            if (brokers >= 3) {
                bootstrapServers = startReplicatedCluster();
                config.put("csms.kafka.replication-factor", "3");
                config.put("csms.kafka.min-insync-replicas", "2");
            } else if (!inJvm && DockerClientFactory.instance().isDockerAvailable()) {
                bootstrapServers = startContainer();
            } else {
                bootstrapServers = startInJvmCluster();
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            started.push(postgres);
            Path stateDir = Files.createTempDirectory("csms-streams-");
            config.putAll(Map.of(
                    "csms.kafka.bootstrap-servers", bootstrapServers,
                    "csms.kafka.state-dir", stateDir.toString(),
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl(EmbeddedDatabase.USER, "postgres"),
                    "quarkus.datasource.username", EmbeddedDatabase.USER,
                    "quarkus.datasource.password", DATABASE_PASSWORD));
            return config;
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
        // one broker: internal topics must fit on it, or transactions (exactly_once_v2) never start
        return startCluster(new TestKitNodes.Builder().setNumBrokerNodes(1).setNumControllerNodes(1)
                .setCombined(true).build(), "1", "1", Map.of());
    }

    private String startReplicatedCluster() throws Exception {
        // the controller apart, so that stopping a broker leaves the quorum alone; a stopped broker stops at once,
        // as if killed, instead of handing its partitions over first, and is fenced after 3 s without heartbeats
        return startCluster(new TestKitNodes.Builder().setNumBrokerNodes(brokers).setNumControllerNodes(1)
                .setCombined(false).build(), "3", "2", Map.of("controlled.shutdown.enable", "false",
                "broker.heartbeat.interval.ms", "500", "broker.session.timeout.ms", "3000"));
    }

    private String startCluster(TestKitNodes nodes, String replicationFactor, String minInsyncReplicas,
                                Map<String, String> more) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", replicationFactor)
                .setConfigProp("offsets.topic.num.partitions", "10")
                .setConfigProp("transaction.state.log.replication.factor", replicationFactor)
                .setConfigProp("transaction.state.log.min.isr", minInsyncReplicas)
                .setConfigProp("transaction.state.log.num.partitions", "10")
                .setConfigProp("group.initial.rebalance.delay.ms", "0");
        more.forEach(builder::setConfigProp);
        cluster = builder.build();
        started.push(cluster);
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster.bootstrapServers();
    }

    @Override
    public void inject(TestInjector testInjector) {
        if (cluster != null) {
            testInjector.injectIntoFields(cluster,
                    new TestInjector.AnnotatedAndMatchesType(Cluster.class, KafkaClusterTestKit.class));
        }
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
