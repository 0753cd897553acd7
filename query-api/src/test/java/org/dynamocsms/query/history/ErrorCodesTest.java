package org.dynamocsms.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

    @Test
    void takesAnOcpp16CodeInAnyCase() {
        assertThat(ErrorCodes.parse("ConnectorLockFailure")).isEqualTo(ChargePointErrorCode.ConnectorLockFailure);
        assertThat(ErrorCodes.parse(" evcommunicationerror ")).isEqualTo(ChargePointErrorCode.EVCommunicationError);
        assertThat(ErrorCodes.parse("NoError")).isEqualTo(ChargePointErrorCode.NoError);
        assertThat(ErrorCodes.parse(null)).isNull();
    }

    @Test
    void theListOfAcceptedCodesIsTheSchemasOcppCodes() {
        assertThat(ErrorCodes.ACCEPTED).isEqualTo(ErrorCodes.OCPP_16.stream().map(Enum::name)
                .collect(Collectors.joining(", ")));
        assertThat(ErrorCodes.OCPP_16).hasSize(16);
    }

    @Test
    void anythingElseIsA400NamingTheParameter() {
        // Unknown is the schema's fallback for codes it does not know, not an OCPP 1.6 code
        for (String bad : List.of("Unknown", "GroundFault", "", "WeakSignal,NoError")) {
            assertThatThrownBy(() -> ErrorCodes.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                            .containsExactly(new Problem.FieldError("error_code", "must be an OCPP 1.6 "
                                    + "ChargePointErrorCode: ConnectorLockFailure, EVCommunicationError, "
                                    + "GroundFailure, HighTemperature, InternalError, LocalListConflict, NoError, "
                                    + "OtherError, OverCurrentFailure, PowerMeterFailure, PowerSwitchFailure, "
                                    + "ReaderFailure, ResetFailure, UnderVoltage, OverVoltage, WeakSignal")));
        }
    }
}
