package org.dynamocsms.command.call;

import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.dynamocsms.command.Replies;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.topics.Topics;

/** How calls to chargers end, as the gateways record them: a call request waits here for its charger's answer. */
@Startup
@ApplicationScoped
public class ChargerCallResults {

    private final Replies<ChargerCallResult> results;

    @Inject
    ChargerCallResults(KafkaClients kafka) {
        results = new Replies<>("charger-call-results", kafka.consumer(Topics.CHARGER_CALL_RESULTS, null),
                Topics.CHARGER_CALL_RESULTS.name(), result -> result.getCall().getCallId());
    }

    @PreDestroy
    void stop() {
        results.close();
    }

    /** How call {@code callId} ends; {@link #forget} it when no longer waited for. */
    CompletableFuture<ChargerCallResult> expect(String callId) {
        return results.expect(callId);
    }

    void forget(String callId) {
        results.forget(callId);
    }
}
