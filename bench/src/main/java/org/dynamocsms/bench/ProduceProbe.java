package org.dynamocsms.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor under a CALLRESULT: a raw acks=all (idempotent) produce round trip to the same broker the gateway
 * writes to, timed from {@code send} to its acknowledgement, {@value #PER_SECOND} times a second (one record of
 * the size of a telemetry record, no batching) to a topic of its own, so its load stays negligible.
 */
final class ProduceProbe implements AutoCloseable {

    static final int PER_SECOND = 25;
    private static final String TOPIC = "bench.produce-probe";
    private static final int RECORD_BYTES = 300;

    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService sends = Executors.newSingleThreadScheduledExecutor();
    private final List<String> problems;
    private volatile Latencies latencies = new Latencies();

    /** Creates the topic if need be and starts sending. */
    ProduceProbe(String kafka, List<String> problems) throws ExecutionException, InterruptedException {
        this.problems = problems;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        sends.scheduleAtFixedRate(this::send, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);
    }

    /** The round trips since the last call (all of them, the first time), starting afresh. */
    Latencies takeLatencies() {
        Latencies taken = latencies;
        latencies = new Latencies();
        return taken;
    }

    @Override
    public void close() {
        sends.shutdownNow();
        producer.close();
    }

    private void send() {
        long sent = System.nanoTime();
        Latencies into = latencies;
        producer.send(new ProducerRecord<>(TOPIC, new byte[RECORD_BYTES]), (metadata, e) -> {
            if (e != null) {
                problems.add("produce probe: " + e);
            } else {
                into.record(System.nanoTime() - sent);
            }
        });
    }
}
