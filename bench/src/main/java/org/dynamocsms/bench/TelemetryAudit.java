package org.dynamocsms.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.topics.Topics;

/**
 * Whether every call a gateway answered with a CALLRESULT is on the telemetry topic: the gateway answers only once
 * Kafka has acknowledged the call's record, so for each charger and action the topic (read committed, from the
 * beginning to its end) must hold at least as many records as the charger got CALLRESULTs. More is allowed (a record
 * written whose answer was lost with its connection); a record twice (by event id) is not.
 */
final class TelemetryAudit {

    /** The record each answered action writes (OCPP 1.6, as the gateway maps them). */
    private static final Map<String, String> ACTION_OF_PAYLOAD = Map.of(
            "ChargerBooted", "BootNotification", "HeartbeatReceived", "Heartbeat",
            "ConnectorStatusChanged", "StatusNotification", "MeterValuesReported", "MeterValues",
            "TransactionStarted", "StartTransaction", "TransactionStopped", "StopTransaction");

    /**
     * @param acknowledged CALLRESULTs received, by action
     * @param recorded     records on the topic of those actions
     * @param missing      CALLRESULTs beyond the records, summed over chargers and actions: acknowledged but lost
     * @param duplicates   records whose event id was seen before
     */
    record Findings(long acknowledged, long recorded, long missing, long duplicates) {
    }

    private TelemetryAudit() {
    }

    static Findings audit(String bootstrapServers, List<SimulatedCharger> chargers) {
        Map<String, Map<String, Integer>> recorded = new HashMap<>();
        chargers.forEach(charger -> recorded.put(charger.id(), new HashMap<>()));
        Set<String> eventIds = new HashSet<>();
        long duplicates = 0;
        String topic = Topics.CHARGER_TELEMETRY.name();
        Deserializer<ChargerTelemetry> values = Topics.CHARGER_TELEMETRY.valueSerde().deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedReads.consumer(bootstrapServers, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read committed: the last stable offset
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ChargerTelemetry telemetry = values.deserialize(topic, record.value());
                    Map<String, Integer> ofCharger = recorded.get(telemetry.getChargePointId());
                    String action = ACTION_OF_PAYLOAD.get(telemetry.getPayload().getClass().getSimpleName());
                    if (ofCharger == null || action == null) {
                        continue; // another run's charger, or a connect or disconnect
                    }
                    if (!eventIds.add(telemetry.getEventId())) {
                        duplicates++;
                    }
                    ofCharger.merge(action, 1, Integer::sum);
                }
            }
        }
        long acknowledgedCalls = 0;
        long recordedCalls = 0;
        long missing = 0;
        for (SimulatedCharger charger : chargers) {
            Map<String, Integer> records = recorded.get(charger.id());
            recordedCalls += records.values().stream().mapToInt(Integer::intValue).sum();
            for (Map.Entry<String, Integer> answered : charger.acknowledged().entrySet()) {
                acknowledgedCalls += answered.getValue();
                missing += Math.max(0, answered.getValue() - records.getOrDefault(answered.getKey(), 0));
            }
        }
        return new Findings(acknowledgedCalls, recordedCalls, missing, duplicates);
    }
}
