package org.dynamocsms.ocpp.security;

import java.util.concurrent.CompletionStage;

import org.dynamocsms.schemas.charger.RegisterCharger;

/** Sends the registry a charger's registration, as the API does for {@code POST /api/v1/cpo/chargers}. */
public interface ChargerRegistrar {

    /** Completes once the command is durable; the registry decides it later (a duplicate is refused there). */
    CompletionStage<Void> register(Charger charger, RegisterCharger registration);
}
