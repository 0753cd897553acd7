package org.dynamocsms.ocpp.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

/**
 * Keeps what is sent. Acknowledges at once, unless {@link #holdAcknowledgements()}: then each send waits until
 * the test completes it through {@link #pending()}.
 */
public class FakeTelemetrySink implements TelemetrySink {

    private final List<ChargerTelemetry> sent = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private boolean hold;
    private RuntimeException failure;

    public synchronized void holdAcknowledgements() {
        hold = true;
    }

    public synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public synchronized CompletionStage<Void> send(ChargerTelemetry telemetry) {
        sent.add(telemetry);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (failure != null) {
            acknowledged.completeExceptionally(failure);
        } else if (hold) {
            pending.add(acknowledged);
        } else {
            acknowledged.complete(null);
        }
        return acknowledged;
    }

    public synchronized List<ChargerTelemetry> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Object> payloads() {
        return sent.stream().map(ChargerTelemetry::getPayload).toList();
    }

    public synchronized List<CompletableFuture<Void>> pending() {
        return List.copyOf(pending);
    }
}
