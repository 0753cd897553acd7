package org.dynamocsms.bench;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The telemetry records the benchmark publishes in place of the OCPP gateway: what a charger's connection, boot,
 * StatusNotification, StartTransaction, MeterValues and StopTransaction become (the end-to-end tests publish them
 * too).
 */
public final class Telemetry {

    /** The projections take a charger's organisation from the registry; telemetry carries the gateway's view. */
    private static final String ORGANISATION = "org_bench";
    public static final int CONNECTOR = 1;

    private Telemetry() {
    }

    /**
     * A producer to the telemetry topic at {@code kafka}, with acks=all and idempotence, batching for up to
     * {@code lingerMs}.
     */
    public static KafkaProducer<String, ChargerTelemetry> producer(String kafka, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        Topic<String, ChargerTelemetry> topic = Topics.CHARGER_TELEMETRY;
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static ChargerTelemetry connected(String chargePointId, Instant at) {
        return record(chargePointId, at, new ChargerConnected("1.6", "bench", "127.0.0.1", null));
    }

    public static ChargerTelemetry booted(String chargePointId, Instant at) {
        return record(chargePointId, at, new ChargerBooted("Bench", "Simulated", "1.0.0", null, 300));
    }

    static ChargerTelemetry heartbeat(String chargePointId, Instant at) {
        return record(chargePointId, at, new HeartbeatReceived());
    }

    public static ChargerTelemetry disconnected(String chargePointId, Instant at) {
        return record(chargePointId, at, ChargerDisconnected.newBuilder().setGatewayId("bench")
                .setReason("1006 connection lost").build());
    }

    static ChargerTelemetry status(String chargePointId, ConnectorStatus status, Instant at) {
        return status(chargePointId, CONNECTOR, status, at);
    }

    /** A StatusNotification; Faulted comes with error code GroundFailure. */
    public static ChargerTelemetry status(String chargePointId, int connector, ConnectorStatus status, Instant at) {
        ChargePointErrorCode error = status == ConnectorStatus.Faulted
                ? ChargePointErrorCode.GroundFailure : ChargePointErrorCode.NoError;
        return record(chargePointId, at, ConnectorStatusChanged.newBuilder().setConnectorId(connector)
                .setStatus(status).setErrorCode(error).build());
    }

    static ChargerTelemetry started(String chargePointId, int transactionId, Instant at) {
        return started(chargePointId, transactionId, 0, at);
    }

    public static ChargerTelemetry started(String chargePointId, int transactionId, long meterStartWh, Instant at) {
        return started(chargePointId, CONNECTOR, transactionId, meterStartWh, at);
    }

    static ChargerTelemetry started(String chargePointId, int connector, int transactionId, long meterStartWh,
                                    Instant at) {
        return record(chargePointId, at, TransactionStarted.newBuilder().setConnectorId(connector)
                .setTransactionId(transactionId).setIdTag("BENCHTAG").setMeterStartWh(meterStartWh).build());
    }

    public static ChargerTelemetry stopped(String chargePointId, int transactionId, long meterStopWh, Instant at) {
        return record(chargePointId, at, TransactionStopped.newBuilder().setTransactionId(transactionId)
                .setMeterStopWh(meterStopWh).build());
    }

    public static ChargerTelemetry meter(String chargePointId, int transactionId, double powerW, double energyWh,
                                         Instant at) {
        return meter(chargePointId, CONNECTOR, transactionId, powerW, energyWh, at);
    }

    /** A MeterValues request of a transaction with one sample: Power.Active.Import and the energy register. */
    static ChargerTelemetry meter(String chargePointId, int connector, int transactionId, double powerW,
                                  double energyWh, Instant at) {
        return record(chargePointId, at, MeterValuesReported.newBuilder().setConnectorId(connector)
                .setTransactionId(transactionId).setSamples(List.of(new MeterSample(at, powerW, energyWh))).build());
    }

    private static ChargerTelemetry record(String chargePointId, Instant at, Object payload) {
        return ChargerTelemetry.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId(ORGANISATION)
                .setChargePointId(chargePointId).setOccurredAt(at).setRecordedAt(at).setPayload(payload).build();
    }
}
