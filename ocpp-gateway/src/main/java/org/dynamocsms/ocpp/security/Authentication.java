package org.dynamocsms.ocpp.security;

/**
 * The outcome of a charger's upgrade request: accepted as a charger, accepted as an unknown charger to register
 * (auto-registration), or refused with an HTTP status.
 */
public sealed interface Authentication {

    record Accepted(Charger charger) implements Authentication {
    }

    /**
     * An unknown identity with a valid password, to be registered to the auto-registration organisation with
     * {@code passwordHash} (hashed here, off the event loop, as the registry stores it).
     */
    record Unregistered(Charger charger, String passwordHash) implements Authentication {
    }

    record Refused(int status, String reason) implements Authentication {
    }
}
