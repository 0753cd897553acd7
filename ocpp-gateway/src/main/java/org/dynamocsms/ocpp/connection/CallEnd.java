package org.dynamocsms.ocpp.connection;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.schemas.call.ChargerCallStatus;

/**
 * How a call the central system sent a charger ended on its connection.
 *
 * @param answer    the CALLRESULT's payload when ANSWERED (not yet checked against the action's schema)
 * @param errorCode the CALLERROR's code, or why the gateway ended the call
 * @param sentAt    when the CALL went to the charger; null if it never did
 */
public record CallEnd(ChargerCallStatus status, JsonNode answer, String errorCode, String errorDescription,
                      Instant sentAt, Instant endedAt) {

    /** A call's end, completed outside the lock that decided it. */
    record Ending(CompletableFuture<CallEnd> future, CallEnd end) {
        void complete() {
            future.complete(end);
        }
    }
}
