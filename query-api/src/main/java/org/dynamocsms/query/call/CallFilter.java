package org.dynamocsms.query.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.dynamocsms.platform.call.ChargerCallJson;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.schemas.call.ChargerCallStatus;

/**
 * Which of a charger's calls a list shows: of one action and/or one status as the API names it (null: any). The
 * store holds a call that never ended as pending; whether it shows as pending or expired depends on when it is read.
 *
 * @param stored  the stored status to match, null for any
 * @param expired for a stored pending call: true for those shown as expired, false for those still pending
 */
public record CallFilter(String action, ChargerCallStatus stored, Boolean expired) {

    /** The statuses a list can be filtered by, as the API names them. */
    public static final List<String> STATUSES = statuses();
    public static final String STATUS_DOC = "pending, answered, call_error, timed_out, connection_lost, "
            + "invalid_answer, not_sent or expired";
    /** OCPP 1.6 action names are words of letters (e.g. SetChargingProfile). */
    private static final Pattern ACTION = Pattern.compile("[A-Za-z]{1,64}");

    public static final CallFilter ANY = new CallFilter(null, null, null);

    /** The raw query values (null when absent), adding an error naming each bad one to {@code errors}. */
    public static CallFilter parse(String action, String status, List<Problem.FieldError> errors) {
        if (action != null && !ACTION.matcher(action).matches()) {
            errors.add(new Problem.FieldError("action", "must be an OCPP 1.6 action, e.g. Reset"));
        }
        if (status == null) {
            return new CallFilter(action, null, null);
        }
        if (!STATUSES.contains(status)) {
            errors.add(new Problem.FieldError("status", "must be one of " + STATUS_DOC));
            return ANY;
        }
        if (status.equals(ChargerCallJson.EXPIRED)) {
            return new CallFilter(action, ChargerCallStatus.PENDING, true);
        }
        ChargerCallStatus stored = ChargerCallStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return new CallFilter(action, stored, stored == ChargerCallStatus.PENDING ? false : null);
    }

    private static List<String> statuses() {
        List<String> statuses = new ArrayList<>();
        for (ChargerCallStatus status : ChargerCallStatus.values()) {
            if (status != ChargerCallStatus.UNKNOWN) {
                statuses.add(ChargerCallJson.shown(status));
            }
        }
        statuses.add(ChargerCallJson.EXPIRED);
        return List.copyOf(statuses);
    }
}
