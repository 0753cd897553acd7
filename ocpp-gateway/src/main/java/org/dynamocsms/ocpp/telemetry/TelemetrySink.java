package org.dynamocsms.ocpp.telemetry;

import java.util.concurrent.CompletionStage;

import org.dynamocsms.schemas.telemetry.ChargerTelemetry;

/** Where the gateway records what chargers report; completes once the record is durable (or fails). */
public interface TelemetrySink {

    CompletionStage<Void> send(ChargerTelemetry telemetry);
}
