package org.dynamocsms.platform.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerCallView;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A call to a charger as the API shows it: in the answer to sending one and in reads alike. A call still pending
 * once {@link #EXPIRY_GRACE} has passed after its {@code expires_at} reads as {@value #EXPIRED}: no gateway held the
 * charger's connection (a gateway that sends a call records how it ended by then).
 */
@JsonPropertyOrder({"call_id", "charge_point_id", "action", "payload", "status", "answer", "error", "requested_by",
        "requested_at", "expires_at", "sent_at", "ended_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ChargerCall", description = "A call the central system sent (or is sending) to a charger, and how "
        + "it ended.")
public record ChargerCallJson(
        @JsonProperty("call_id")
        @Schema(description = "The call's id, also the OCPP message id sent to the charger.",
                examples = "call_01HZ4K8XVPQR3TY5N6M7W8X9YZ")
        String callId,
        @JsonProperty("charge_point_id")
        @Schema(examples = "CP-001")
        String chargePointId,
        @Schema(description = "The OCPP 1.6 action.", examples = "Reset")
        String action,
        @JsonRawValue
        @Schema(type = SchemaType.OBJECT, description = "The CALL's payload, as sent.", examples = "{\"type\": \"Soft\"}")
        String payload,
        @Schema(description = "pending, answered, call_error, timed_out, connection_lost, invalid_answer, not_sent "
                + "or expired.", examples = "answered")
        String status,
        @JsonRawValue
        @Schema(type = SchemaType.OBJECT, nullable = true,
                description = "The charger's CALLRESULT payload; null unless answered.",
                examples = "{\"status\": \"Accepted\"}")
        String answer,
        @Schema(nullable = true, description = "Why the call did not get a valid answer; null if it did or is pending.")
        Error error,
        @JsonProperty("requested_by")
        @Schema(description = "api (an operator) or site-allocator (load management).", examples = "api")
        String requestedBy,
        @JsonProperty("requested_at")
        Instant requestedAt,
        @JsonProperty("expires_at")
        @Schema(description = "No gateway sends the call later, nor waits longer for its answer.")
        Instant expiresAt,
        @JsonProperty("sent_at")
        @Schema(nullable = true, description = "When the call went to the charger; null if it has not (yet).")
        Instant sentAt,
        @JsonProperty("ended_at")
        @Schema(nullable = true, description = "When the answer, the error or the timeout came; null while pending.")
        Instant endedAt) {

    public static final String EXPIRED = "expired";
    /** How long after expires_at a call may still be ended by the gateway that sent it. */
    public static final int EXPIRY_GRACE_SECONDS = 10;
    public static final Duration EXPIRY_GRACE = Duration.ofSeconds(EXPIRY_GRACE_SECONDS);

    /** Why a call has no valid answer: the charger's CALLERROR code, or the gateway's reason. */
    @JsonPropertyOrder({"code", "description"})
    @Schema(name = "ChargerCallError")
    public record Error(
            @Schema(examples = "NotSupported") String code,
            @Schema(nullable = true, examples = "Reset type Hard is not supported") String description) {
    }

    /** A call just requested: pending, or expired if read after its expiry. */
    public static ChargerCallJson of(ChargerCall call, Instant now) {
        return of(call, ChargerCallStatus.PENDING, null, null, null, null, null, now);
    }

    public static ChargerCallJson of(ChargerCallResult result) {
        return of(result.getCall(), result.getStatus(), result.getAnswer(), result.getErrorCode(),
                result.getErrorDescription(), result.getSentAt(), result.getOccurredAt(), null);
    }

    public static ChargerCallJson of(ChargerCallView view, Instant now) {
        return of(view.getCall(), view.getStatus(), view.getAnswer(), view.getErrorCode(), view.getErrorDescription(),
                view.getSentAt(), view.getEndedAt(), now);
    }

    private static ChargerCallJson of(ChargerCall call, ChargerCallStatus status, String answer, String errorCode,
                                      String errorDescription, Instant sentAt, Instant endedAt, Instant now) {
        Error error = errorCode == null ? null : new Error(errorCode, errorDescription);
        return new ChargerCallJson(call.getCallId(), call.getChargePointId(), call.getAction(), call.getPayload(),
                shown(status), answer, error, call.getRequestedBy(), call.getOccurredAt(), call.getExpiresAt(), sentAt,
                endedAt).seenAt(now);
    }

    /** A status as the API names it. */
    public static String shown(ChargerCallStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** This call as read at {@code now} (null: as it is): still pending past its expiry and grace, it is expired. */
    public ChargerCallJson seenAt(Instant now) {
        if (ended() || now == null || !now.isAfter(expiresAt.plus(EXPIRY_GRACE))) {
            return this;
        }
        return new ChargerCallJson(callId, chargePointId, action, payload, EXPIRED, answer,
                new Error("NotConnected", "No gateway held a connection to the charger before the call expired."),
                requestedBy, requestedAt, expiresAt, sentAt, endedAt);
    }

    /** Whether the call has ended (it is no longer pending). */
    public boolean ended() {
        return !shown(ChargerCallStatus.PENDING).equals(status);
    }
}
