package org.dynamocsms.query.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.junit.jupiter.api.Test;

class CallFilterTest {

    @Test
    void everyStatusTheApiShowsCanBeFilteredBy() {
        assertThat(CallFilter.STATUSES).containsExactly("pending", "answered", "call_error", "timed_out",
                "connection_lost", "invalid_answer", "not_sent", "expired");
        assertThat(CallFilter.STATUS_DOC).isEqualTo(String.join(", ", CallFilter.STATUSES.subList(0, 7))
                + " or expired");
    }

    @Test
    void pendingAndExpiredAreBothStoredPendingTellingApartByExpiry() {
        assertThat(parse(null, "pending")).isEqualTo(new CallFilter(null, ChargerCallStatus.PENDING, false));
        assertThat(parse(null, "expired")).isEqualTo(new CallFilter(null, ChargerCallStatus.PENDING, true));
        assertThat(parse("Reset", "timed_out")).isEqualTo(new CallFilter("Reset", ChargerCallStatus.TIMED_OUT, null));
        assertThat(parse(null, null)).isEqualTo(CallFilter.ANY);
    }

    @Test
    void aBadActionOrStatusIsAnErrorNamingIt() {
        for (String status : new String[] {"ANSWERED", "unknown", "", "answered "}) {
            List<Problem.FieldError> errors = new ArrayList<>();
            CallFilter.parse(null, status, errors);
            assertThat(errors).as(status).containsExactly(new Problem.FieldError("status", "must be one of pending, "
                    + "answered, call_error, timed_out, connection_lost, invalid_answer, not_sent or expired"));
        }
        for (String action : new String[] {"", "Set Charging Profile", "Reset;DROP", "A".repeat(65)}) {
            List<Problem.FieldError> errors = new ArrayList<>();
            CallFilter.parse(action, null, errors);
            assertThat(errors).as(action).containsExactly(
                    new Problem.FieldError("action", "must be an OCPP 1.6 action, e.g. Reset"));
        }
    }

    private static CallFilter parse(String action, String status) {
        List<Problem.FieldError> errors = new ArrayList<>();
        CallFilter filter = CallFilter.parse(action, status, errors);
        assertThat(errors).isEmpty();
        return filter;
    }
}
