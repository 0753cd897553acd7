package org.dynamocsms.ocpp.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.platform.ocpp.OcppVersion.OCPP16;
import static org.dynamocsms.platform.ocpp.OcppVersion.OCPP201;

import org.dynamocsms.platform.ocpp.ErrorCode;
import org.dynamocsms.platform.ocpp.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramesTest {

    @Test
    void aCallHasItsIdActionAndPayload() {
        Frame.Call call = (Frame.Call) Frames.parse("[2, \"19223201\", \"BootNotification\", {\"a\": 1}]");

        assertThat(call.id()).isEqualTo("19223201");
        assertThat(call.action()).isEqualTo("BootNotification");
        assertThat(call.payload().get("a").intValue()).isEqualTo(1);
    }

    @Test
    void answersFromTheChargerAreRead() {
        assertThat(Frames.parse("[3, \"7\", {\"status\": \"Accepted\"}]")).isInstanceOf(Frame.CallResult.class)
                .extracting(Frame::id).isEqualTo("7");
        assertThat(Frames.parse("[4, \"8\", \"NotImplemented\", \"no\", {}]"))
                .isEqualTo(new Frame.CallError("8", "NotImplemented", "no"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[2, \"broken\", \"Heartbeat\", {          | broken | ProtocolError",
            "[2, \"a\", \"Heartbeat\"]                  | a      | ProtocolError",
            "[2, \"a\", \"Heartbeat\", {}, 5]           | a      | FormationViolation",
            "[2, \"a\", 42, {}]                         | a      | FormationViolation",
            "[2, \"a\", \"Heartbeat\", []]              | a      | FormationViolation",
            "[2, 17, \"Heartbeat\", {}]                 | -1     | FormationViolation",
            "[9, \"a\", \"Heartbeat\", {}]              | a      | FormationViolation",
            "[3, \"a\"]                                 | a      | ProtocolError",
            "{\"not\": \"an array\"}                     | -1     | FormationViolation",
            "[]                                        | -1     | FormationViolation",
            "not json at all                           | -1     | FormationViolation",
            "[2, \"a\", \"Heartbeat\", {}] trailing     | a      | FormationViolation",
            "'   '                                     | -1     | FormationViolation",
    })
    void aFrameThatIsNoOcppMessageIsAnsweredWithItsCode(String text, String id, ErrorCode code) {
        Frame frame = Frames.parse(text);

        assertThat(frame).isInstanceOf(Frame.Malformed.class);
        assertThat(frame.id()).isEqualTo(id);
        assertThat(((Frame.Malformed) frame).violation().code()).isEqualTo(code);
    }

    /** OCPP-J 1.6 section 4.1.4: a message id is at most 36 characters; the answer still carries it. */
    @Test
    void aCallWhoseMessageIdIsLongerThan36CharactersIsMalformed() {
        String longest = "x".repeat(36);
        String tooLong = "x".repeat(37);

        assertThat(Frames.parse("[2, \"" + longest + "\", \"Heartbeat\", {}]")).isInstanceOf(Frame.Call.class);
        Frame frame = Frames.parse("[2, \"" + tooLong + "\", \"Heartbeat\", {}]");
        assertThat(frame).isInstanceOf(Frame.Malformed.class);
        assertThat(frame.id()).isEqualTo(tooLong);
        assertThat(((Frame.Malformed) frame).violation())
                .isEqualTo(new Violation(ErrorCode.FormationViolation, "the message id is longer than 36 characters"));
    }

    @Test
    void answersAreWrittenAsOcppJArrays() {
        assertThat(Frames.result("1", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("status", "Accepted"))).isEqualTo("[3,\"1\",{\"status\":\"Accepted\"}]");
        assertThat(Frames.error("2", new Violation(ErrorCode.NotImplemented, "unknown action \"X\""), OCPP16))
                .isEqualTo("[4,\"2\",\"NotImplemented\",\"unknown action \\\"X\\\"\",{}]");
    }

    @Test
    void anErrorCodeIsSpelledAsTheChargersVersionSpellsIt() {
        assertThat(Frames.error("2", new Violation(ErrorCode.FormationViolation, "x"), OCPP16))
                .startsWith("[4,\"2\",\"FormationViolation\"");
        assertThat(Frames.error("2", new Violation(ErrorCode.FormationViolation, "x"), OCPP201))
                .startsWith("[4,\"2\",\"FormatViolation\"");
        assertThat(Frames.error("2", new Violation(ErrorCode.OccurenceConstraintViolation, "x"), OCPP201))
                .startsWith("[4,\"2\",\"OccurrenceConstraintViolation\"");
        assertThat(Frames.error("2", new Violation(ErrorCode.TypeConstraintViolation, "x"), OCPP201))
                .startsWith("[4,\"2\",\"TypeConstraintViolation\"");
    }

    @Test
    void aLongDescriptionIsCutTo255Characters() {
        String frame = Frames.error("2", new Violation(ErrorCode.FormationViolation, "x".repeat(1000)), OCPP16);

        assertThat(frame).contains("\"" + "x".repeat(255) + "\"").doesNotContain("x".repeat(256));
    }
}
