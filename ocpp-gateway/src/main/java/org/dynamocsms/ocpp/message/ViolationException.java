package org.dynamocsms.ocpp.message;

import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.platform.ocpp.Violation;

/** A CALL payload that passed its schema but still cannot be taken (e.g. a meter value that is not a number). */
public final class ViolationException extends Exception {

    private final transient Violation violation;

    public ViolationException(ErrorCode code, String description) {
        super(description, null, false, false);
        this.violation = new Violation(code, description);
    }

    public Violation violation() {
        return violation;
    }
}
