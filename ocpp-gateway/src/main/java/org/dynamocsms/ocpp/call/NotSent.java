package org.dynamocsms.ocpp.call;

/** Why the gateway does not send a call: the NOT_SENT result's error code and description. */
final class NotSent extends Exception {

    final String code;

    NotSent(String code, String description) {
        super(description, null, false, false);
        this.code = code;
    }
}
