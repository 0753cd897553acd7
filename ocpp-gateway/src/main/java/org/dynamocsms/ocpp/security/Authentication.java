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

    /** {@code charger}: the registered charger refused (for the log line), or null when none is. */
    record Refused(int status, String reason, Charger charger) implements Authentication {

        Refused(int status, String reason) {
            this(status, reason, null);
        }
    }
}
