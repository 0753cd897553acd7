package org.dynamocsms.platform.ocpp;

/** Why a frame or a CALL payload is refused: the CALLERROR code and a description for the charger's log. */
public record Violation(ErrorCode code, String description) {
}
