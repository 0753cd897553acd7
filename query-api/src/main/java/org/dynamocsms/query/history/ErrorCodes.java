package org.dynamocsms.query.history;

import java.util.Arrays;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;

/** The {@code error_code} query parameter: an OCPP 1.6 ChargePointErrorCode. */
public final class ErrorCodes {

    /** The OCPP 1.6 codes; the schema's {@code Unknown} (its default for codes it does not know) is none of them. */
    public static final List<ChargePointErrorCode> OCPP_16 = Arrays.stream(ChargePointErrorCode.values())
            .filter(code -> code != ChargePointErrorCode.Unknown).toList();
    /** The codes, listed: a constant, so the OpenAPI description can name them (a test keeps it true). */
    public static final String ACCEPTED = "ConnectorLockFailure, EVCommunicationError, GroundFailure, "
            + "HighTemperature, InternalError, LocalListConflict, NoError, OtherError, OverCurrentFailure, "
            + "PowerMeterFailure, PowerSwitchFailure, ReaderFailure, ResetFailure, UnderVoltage, OverVoltage, "
            + "WeakSignal";

    private ErrorCodes() {
    }

    /**
     * The code, spelled as OCPP does or in any case; null if absent, or no such code (an error naming the parameter
     * added then).
     */
    public static ChargePointErrorCode parse(String errorCode, List<Problem.FieldError> errors) {
        if (errorCode == null) {
            return null;
        }
        String trimmed = errorCode.trim();
        ChargePointErrorCode parsed = OCPP_16.stream().filter(code -> code.name().equalsIgnoreCase(trimmed))
                .findFirst().orElse(null);
        if (parsed == null) {
            errors.add(new Problem.FieldError("error_code", "must be an OCPP 1.6 ChargePointErrorCode: " + ACCEPTED));
        }
        return parsed;
    }
}
