package org.dynamocsms.ocpp.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.ocpp.connection.Connections;
import org.dynamocsms.ocpp.connection.GatewaySettings;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Reports this gateway alive on {@code csms.gateway.liveness} every {@code csms.ocpp.liveness-interval}, with the
 * time this run started: the charger live state takes the gateway's chargers offline when it restarts or stops
 * reporting, so a gateway that dies does not leave its chargers online.
 */
@Startup // the run starts before the first charger connects
@ApplicationScoped
public class GatewayLivenessReporter {

    private static final Logger LOG = Logger.getLogger(GatewayLivenessReporter.class);

    @Inject
    KafkaClients kafka;

    @Inject
    GatewaySettings settings;

    @Inject
    Connections connections;

    private final Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private KafkaProducer<String, GatewayLiveness> producer;

    @PostConstruct
    void start() {
        producer = kafka.producer(Topics.GATEWAY_LIVENESS);
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    // not once shutdown has begun: the producer may be closed already
    @Scheduled(every = "${csms.ocpp.liveness-interval:10s}", identity = "ocpp-gateway-liveness",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void report() {
        GatewayLiveness liveness = GatewayLiveness.newBuilder()
                .setGatewayId(settings.gatewayId())
                .setStartedAt(startedAt)
                .setReportedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setIntervalMs(settings.livenessInterval().toMillis())
                .setConnections(connections.count())
                .build();
        producer.send(new ProducerRecord<>(Topics.GATEWAY_LIVENESS.name(), liveness.getGatewayId(), liveness),
                (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warnf(failure, "Liveness of gateway %s not reported", liveness.getGatewayId());
                    }
                });
    }
}
