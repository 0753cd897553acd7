package org.dynamocsms.ocpp.security;

/** The outcome of a charger's upgrade request: accepted as a charger, or refused with an HTTP status. */
public sealed interface Authentication {

    record Accepted(Charger charger) implements Authentication {
    }

    record Refused(int status, String reason) implements Authentication {
    }
}
