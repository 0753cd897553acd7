package org.dynamocsms.ocpp.security;

/** A charger that passed authentication at the upgrade: its OCPP identity and the organisation that owns it. */
public record Charger(String chargePointId, String organisationId) {
}
