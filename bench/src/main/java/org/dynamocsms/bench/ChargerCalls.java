package org.dynamocsms.bench;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one simulated charger sends under load, one CALL at a time: {@link #next} gives the next CALL, and
 * {@link #answered} hands it that CALL's CALLRESULT payload. A CALL that is not answered (a CALLERROR, a timeout)
 * is not reported: the next one is chosen afresh, as a charger retries what it still has to send.
 */
public interface ChargerCalls {

    OcppCall next(Instant now);

    void answered(JsonNode payload);
}
