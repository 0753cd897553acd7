package org.dynamocsms.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.TopicAdmin;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Makes the Kafka clients of a service with the settings every accepted write relies on: producers with acks=all
 * and idempotence, consumers reading committed data only, Kafka Streams with exactly_once_v2. Creates the
 * registry's topics before any client uses them.
 */
@ApplicationScoped
public class KafkaClients {

    private static final Logger LOG = Logger.getLogger(KafkaClients.class);

    @Inject
    KafkaSettings settings;

    @Inject
    ReplaySettings replay;

    @Inject
    StreamsReadiness readiness;

    @Inject
    KafkaMeters meters;

    @PostConstruct
    void createTopics() {
        createTopics(Topics.ALL);
    }

    /** Creates those of {@code topics} that do not exist yet, configured like every topic of the registry. */
    public void createTopics(Collection<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(adminProperties())) {
            TopicAdmin.ensure(admin, topics, settings.partitions(), settings.replicationFactor(), topicConfig());
        }
    }

    /** What every topic the services or their Kafka Streams applications create is configured with. */
    private Map<String, String> topicConfig() {
        Map<String, String> config = new HashMap<>();
        settings.minInsyncReplicas().ifPresent(n ->
                config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(n)));
        return config;
    }

    public Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }

    /** An idempotent producer with acks=all, sending each batch after at most 1 ms. */
    public <K, V> KafkaProducer<K, V> producer(Topic<K, V> topic) {
        return producer(topic, Map.of());
    }

    /** As {@link #producer(Topic)}, with some {@link ProducerConfig} settings of its own. */
    public <K, V> KafkaProducer<K, V> producer(Topic<K, V> topic, Map<String, Object> settingsOfItsOwn) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.putAll(settingsOfItsOwn);
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * A producer whose send() may be called on a thread that must not wait (an event loop, or its own I/O thread from
     * a callback): it blocks for at most 100 ms (a full buffer, with the broker away, fails the send instead), and
     * {@code topic}'s metadata, which send() would wait for, is fetched before it is returned (up to a minute).
     */
    public <K, V> KafkaProducer<K, V> nonBlockingProducer(Topic<K, V> topic, Map<String, Object> settingsOfItsOwn) {
        Map<String, Object> settings = new HashMap<>(settingsOfItsOwn);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 100);
        KafkaProducer<K, V> producer = producer(topic, settings);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic.name());
                return producer;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    producer.close();
                    throw e;
                }
            }
        }
    }

    /**
     * Sends {@code record}; the stage completes once the in-sync replicas have it, or fails, whether send() itself
     * throws (a full buffer, a closed producer) or the write fails later.
     */
    public static <K, V> CompletionStage<Void> acknowledged(KafkaProducer<K, V> producer, ProducerRecord<K, V> record) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    /**
     * A consumer of committed records; {@code groupId} null means no group (the caller assigns partitions). A group
     * member is static ({@link #staticMember}), and leaves its group when closed by {@link ConsumerLoop}. Its meters
     * ({@link KafkaMeters}) are tagged with its group, or its topic when it has none.
     */
    public <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic, String groupId) {
        return consumer(topic, groupId, Map.of());
    }

    /** As {@link #consumer(Topic, String)}, with some {@link ConsumerConfig} settings of its own. */
    public <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic, String groupId,
                                               Map<String, Object> settingsOfItsOwn) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, topic.name() + "-" + UUID.randomUUID());
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMember(groupId));
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs());
        }
        props.putAll(settingsOfItsOwn);
        String application = groupId != null ? groupId : topic.name();
        return new MeteredConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer(),
                consumer -> meters.bind(application, consumer));
    }

    /**
     * This instance's member name in consumer group {@code groupId} (static membership): a restarted instance,
     * even after a crash that left its previous member in the group, takes that member's place and partitions at
     * once instead of waiting for its session to time out ({@link KafkaSettings#sessionTimeout}).
     */
    private String staticMember(String groupId) {
        return groupId + "-" + settings.instanceId();
    }

    private int sessionTimeoutMs() {
        return Math.toIntExact(settings.sessionTimeout().toMillis());
    }

    /** Streams properties for one application: exactly-once, state in the configured directory. */
    private Properties streamsProperties(String applicationId, long commitIntervalMs, long cacheMaxBytes,
                                         int standbyReplicas) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        topicConfig().forEach((name, value) -> props.put(StreamsConfig.topicPrefix(name), value));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        // A stream thread commits only between polls, and an idle poll blocks for poll.ms (default 100 ms): keep
        // it within the commit interval, or a transaction (and every result in it) waits for the next poll.
        props.put(StreamsConfig.POLL_MS_CONFIG, commitIntervalMs);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 1);
        // A commit publishes what the record caches held at once: larger batches, fewer requests for the broker.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // A transaction's first write waits until the broker has finished the previous one's markers, answering
        // CONCURRENT_TRANSACTIONS meanwhile: retry after 10 ms rather than the default 100 ms, which would stall
        // every result of the transaction that long.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        // Streams does not leave the group on close either: a restart gets the partitions back at once.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), staticMember(applicationId));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionTimeoutMs());
        // The group leader's rebalance reads the changelogs' end offsets with the admin client and sends no heartbeat
        // meanwhile. Kafka 4.1's admin client sends such a read to the partition's leader it cached, and waits for its
        // whole timeout (60 s by default) if that broker has since gone (KAFKA-20673): the leader's own session then
        // expires too and its tasks are closed dirty. Bounded at half the session timeout, the read fails in time and
        // the rebalance goes on without the offsets (tasks then go by previous ownership, and a later rebalance probes
        // again); the next read asks for the partition's leader afresh.
        int adminTimeoutMs = sessionTimeoutMs() / 2;
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG), adminTimeoutMs);
        props.put(StreamsConfig.adminClientPrefix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG), adminTimeoutMs);
        // No JMX and no pushed client metrics: Kafka Streams registers and removes metrics for every store iterator,
        // and each reporter then rebuilds MBeans and sanitises names (a fifth of a range-scanning thread's CPU).
        // The metrics themselves stay readable through KafkaStreams.metrics(), which KafkaMeters reads.
        props.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        props.put(StreamsConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        // A record that cannot be decoded is logged and skipped; it stays in its topic for a later replay.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        return props;
    }

    /**
     * Starts {@code topology} as application {@code applicationId}, serving: every result is forwarded and written
     * through at once (no record cache), and the service opens its HTTP port once it runs. Close the result on
     * shutdown.
     */
    public KafkaStreams startStreams(String applicationId, Topology topology) {
        return start(applicationId, topology, settings.commitIntervalMs(), 0, true);
    }

    /**
     * {@link #startStreams}, committing at the telemetry interval with a record cache: for applications fed by charger
     * telemetry, which collapse a key's changes within a commit.
     */
    public KafkaStreams startTelemetryStreams(String applicationId, Topology topology) {
        return start(applicationId, topology, settings.telemetryCommitIntervalMs(), settings.telemetryCacheMaxBytes(),
                true);
    }

    /**
     * Starts {@code topology} as application {@code applicationId} rebuilding a projection from the event history
     * ({@link ReplaySettings}: longer commits, a record cache); the service does not wait for it to run.
     */
    public KafkaStreams startRebuildStreams(String applicationId, Topology topology) {
        return start(applicationId, topology, replay.commitIntervalMs(), replay.cacheMaxBytes(), false);
    }

    /**
     * {@code serving}: the service's readiness waits for it, and it keeps {@link KafkaSettings#standbyReplicas} (a
     * rebuild, which the service neither waits for nor reads, does not: its copies would double the replay's reads).
     */
    private KafkaStreams start(String applicationId, Topology topology, long commitIntervalMs, long cacheMaxBytes,
                               boolean serving) {
        KafkaStreams streams = new MeteredStreams(topology,
                streamsProperties(applicationId, commitIntervalMs, cacheMaxBytes,
                        serving ? settings.standbyReplicas() : 0),
                app -> meters.bind(applicationId, app));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.errorf(e, "Stream thread of %s failed; replacing it", applicationId);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        readiness.track(applicationId, streams, serving);
        streams.start();
        return streams;
    }

    /** Closes {@code streams}, which the health checks then no longer expect to run. */
    public void close(KafkaStreams streams) {
        if (streams != null) {
            readiness.untrack(streams);
            streams.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Closes {@code streams} for good: it leaves its group (a static member would stay until its session times out,
     * and its group is deleted only once empty) and deletes its local state.
     */
    public void retire(KafkaStreams streams) {
        if (streams == null) {
            return;
        }
        readiness.untrack(streams);
        if (streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(10)).leaveGroup(true))) {
            streams.cleanUp();
        } else {
            LOG.warnf("A retired Kafka Streams application did not close within 10 s; its local state stays");
        }
    }
}
