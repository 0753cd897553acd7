package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka connection and topic settings shared by every service ({@code csms.kafka.*}). */
@ConfigMapping(prefix = "csms.kafka")
public interface KafkaSettings {

    /** Broker list, e.g. {@code localhost:9092}. */
    @WithDefault("localhost:9092")
    String bootstrapServers();

    /** Partitions of each topic the services create. */
    @WithDefault("6")
    int partitions();

    /** Replication factor of created topics and of Kafka Streams internal topics. */
    @WithDefault("1")
    short replicationFactor();

    /**
     * {@code min.insync.replicas} of created topics and of Kafka Streams internal topics; unset leaves the broker's
     * default. With replication factor 3, 2 keeps every acknowledged write on two brokers while one is down.
     */
    OptionalInt minInsyncReplicas();

    /** Directory for Kafka Streams state stores. */
    @WithDefault("${java.io.tmpdir}/csms-streams")
    String stateDir();

    /**
     * This instance's stable name among the instances of a service: its static member name in each consumer group
     * (Kafka Streams and {@link KafkaClients#consumer} with a group). Must differ between instances running at the
     * same time (a second member of the same name fences the first) and stay the same across restarts of one
     * instance.
     */
    @WithDefault("${HOSTNAME:csms}")
    String instanceId();

    /**
     * How long a group member may go without a heartbeat before its partitions go to the other members
     * ({@code session.timeout.ms} of every consumer group member: Kafka Streams and {@link KafkaClients#consumer} with
     * a group). A lost instance's partitions wait this long; a static member restarted within it resumes them without
     * a rebalance. The broker accepts 6 s to 30 min by default.
     */
    @WithDefault("45s")
    Duration sessionTimeout();

    /**
     * {@code num.standby.replicas} of the serving Kafka Streams applications: how many other instances keep a warm
     * copy of each task's state stores, so that the instance taking over a lost one's tasks restores only what the
     * copy lacks instead of the whole changelog. Useful with several instances of a service; each copy costs the
     * changelog's reads and the store's disk on its instance. Not for a projection being rebuilt.
     */
    @WithDefault("0")
    int standbyReplicas();

    /** Kafka Streams commit interval; with exactly-once it bounds how soon results become visible. */
    @WithDefault("20")
    long commitIntervalMs();

    /**
     * Commit interval of the Kafka Streams applications that follow charger telemetry. Their input never pauses and
     * each commit writes transaction markers to every partition it touched, so at the write path's interval the
     * broker spends its time on markers (on two cores: telemetry-to-summary p99 of seconds at 20 ms, 0.24 s at 100).
     */
    @WithDefault("100")
    long telemetryCommitIntervalMs();

    /**
     * {@code statestore.cache.max.bytes} of the Kafka Streams applications that follow charger telemetry: a charger's
     * or a site's changes within one commit become one store write, changelog record and published record. Results
     * are visible only at the commit either way (exactly-once); with the cache they also wait for its flush.
     */
    @WithDefault("10485760")
    long telemetryCacheMaxBytes();

    /** How long a start waits for the service's Kafka Streams applications to run before it opens its HTTP port. */
    @WithDefault("120s")
    Duration startupTimeout();
}
