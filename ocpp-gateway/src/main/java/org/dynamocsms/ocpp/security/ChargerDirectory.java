package org.dynamocsms.ocpp.security;

import java.util.Optional;

import org.dynamocsms.schemas.charger.ChargerView;

/** The charger registry as the gateway sees it: a charger's latest registry state by its OCPP identity. */
public interface ChargerDirectory {

    /** The charger registered as {@code chargePointId}, decommissioned ones included. */
    Optional<ChargerView> find(String chargePointId);
}
