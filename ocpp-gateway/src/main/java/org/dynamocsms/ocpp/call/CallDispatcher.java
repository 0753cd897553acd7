package org.dynamocsms.ocpp.call;

import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.ocpp.connection.ChargePointSession;
import org.dynamocsms.ocpp.connection.Connections;
import org.dynamocsms.ocpp.connection.GatewaySettings;
import org.dynamocsms.ocpp.connection.OcppMetrics;
import org.dynamocsms.platform.kafka.ConsumerLoop;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.ocpp.action.RunningTransactions;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.topics.Topics;
import org.jboss.logging.Logger;

/**
 * Sends the calls of {@code csms.charger.calls} to the chargers connected to this gateway instance, and records how
 * each ended on {@code csms.charger.call-results}. Every instance reads every call, without a consumer group, from
 * the end the topic had at its start (a gateway that just started holds no connection an older call could be
 * for), and acts only on the calls of its own connections. A call whose charger is connected nowhere gets no result:
 * readers show it expired once its time has passed.
 */
@Startup
@ApplicationScoped
public class CallDispatcher {

    private static final Logger LOG = Logger.getLogger(CallDispatcher.class);

    @Inject
    KafkaClients kafka;

    @Inject
    Connections connections;

    @Inject
    CentralSystemCalls centralSystemCalls;

    @Inject
    RunningTransactions runningTransactions;

    @Inject
    GatewaySettings settings;

    @Inject
    OcppMetrics metrics;

    private CallDelivery delivery;
    private KafkaProducer<String, ChargerCallResult> results;
    private ConsumerLoop<String, ChargerCall> calls;

    @PostConstruct
    void start() {
        delivery = new CallDelivery(centralSystemCalls, runningTransactions, settings.gatewayId(), Clock.systemUTC(), Ids.EVENT::next);
        results = kafka.producer(Topics.CHARGER_CALL_RESULTS);
        calls = ConsumerLoop.fromEnd("charger-calls", kafka.consumer(Topics.CHARGER_CALLS, null),
                Topics.CHARGER_CALLS.name(), this::dispatch);
    }

    @PreDestroy
    void stop() {
        calls.close();
        results.close();
    }

    private void dispatch(ConsumerRecords<String, ChargerCall> records) {
        for (ConsumerRecord<String, ChargerCall> record : records) {
            ChargerCall call = record.value();
            ChargePointSession session = call == null ? null : connections.current(call.getChargePointId());
            if (session != null && session.charger().organisationId().equals(call.getOrganisationId())) {
                delivery.deliver(call, session).thenCompose(result -> {
                    metrics.callEnded(result);
                    return KafkaClients.acknowledged(results,
                            new ProducerRecord<>(Topics.CHARGER_CALL_RESULTS.name(), call.getChargePointId(), result));
                })
                        .whenComplete((recorded, failure) -> {
                            if (failure != null) {
                                LOG.errorf(failure, "Result of call %s to %s not recorded", call.getCallId(),
                                        call.getChargePointId());
                            }
                        });
            }
        }
    }
}
