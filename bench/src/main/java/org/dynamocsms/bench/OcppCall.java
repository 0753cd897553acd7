package org.dynamocsms.bench;

/**
 * One CALL a simulated charger sends: the OCPP action and its JSON payload, and what the run counts it as (the
 * action; for OCPP 2.0.1's TransactionEvent, with its event type, e.g. {@code TransactionEvent Started}).
 */
public record OcppCall(String action, String payload, String counted) {

    public OcppCall(String action, String payload) {
        this(action, payload, action);
    }
}
