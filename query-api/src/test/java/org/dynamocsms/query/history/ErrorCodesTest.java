package org.dynamocsms.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

    @Test
    void takesAnOcpp16CodeInAnyCase() {
        assertThat(parse("ConnectorLockFailure")).isEqualTo(ChargePointErrorCode.ConnectorLockFailure);
        assertThat(parse(" evcommunicationerror ")).isEqualTo(ChargePointErrorCode.EVCommunicationError);
        assertThat(parse("NoError")).isEqualTo(ChargePointErrorCode.NoError);
        assertThat(parse(null)).isNull();
    }

    @Test
    void theListOfAcceptedCodesIsTheSchemasOcppCodes() {
        assertThat(ErrorCodes.ACCEPTED).isEqualTo(ErrorCodes.OCPP_16.stream().map(Enum::name)
                .collect(Collectors.joining(", ")));
        assertThat(ErrorCodes.OCPP_16).hasSize(16);
    }

    @Test
    void anythingElseIsAnErrorNamingTheParameter() {
        // Unknown is the schema's fallback for codes it does not know, not an OCPP 1.6 code
        for (String bad : List.of("Unknown", "GroundFault", "", "WeakSignal,NoError")) {
            List<Problem.FieldError> errors = new ArrayList<>();
            assertThat(ErrorCodes.parse(bad, errors)).as(bad).isNull();
            assertThat(errors).as(bad).containsExactly(new Problem.FieldError("error_code", "must be an OCPP 1.6 "
                    + "ChargePointErrorCode: ConnectorLockFailure, EVCommunicationError, GroundFailure, "
                    + "HighTemperature, InternalError, LocalListConflict, NoError, OtherError, OverCurrentFailure, "
                    + "PowerMeterFailure, PowerSwitchFailure, ReaderFailure, ResetFailure, UnderVoltage, "
                    + "OverVoltage, WeakSignal"));
        }
    }

    private static ChargePointErrorCode parse(String errorCode) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ChargePointErrorCode code = ErrorCodes.parse(errorCode, errors);
        assertThat(errors).isEmpty();
        return code;
    }
}
