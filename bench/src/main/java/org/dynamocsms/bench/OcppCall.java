package org.dynamocsms.bench;

/** One CALL a simulated charger sends: the OCPP 1.6 action and its JSON payload. */
public record OcppCall(String action, String payload) {
}
