package org.dynamocsms.ocpp.connection;

import org.dynamocsms.platform.logging.LogContext;
import org.dynamocsms.schemas.charger.ChargePointIds;
import org.jboss.logging.Logger;

/**
 * The OCPP connection events, one line each in category {@value #CATEGORY} at INFO (WARN silences them): an
 * upgrade refused (and why), a connection opened, a connection closed (code, reason, how long it lasted). Each
 * carries the charger's organisation, charge point id and connection id in the MDC. OCPP messages are not logged
 * one by one: at thousands of calls a second that would flood the log and cost the gateway more than the calls.
 */
public final class ConnectionLog {

    public static final String CATEGORY = "csms.ocpp.connection";
    private static final Logger EVENTS = Logger.getLogger(CATEGORY);

    private ConnectionLog() {
    }

    /**
     * Logs an event of {@code chargePointId} (left out unless a valid identity: it comes from the URL),
     * {@code organisationId} and {@code connectionId} (null where unknown).
     */
    public static void event(String chargePointId, String organisationId, String connectionId, String format,
                             Object... params) {
        if (EVENTS.isInfoEnabled()) {
            log(EVENTS, Logger.Level.INFO, null, chargePointId, organisationId, connectionId, format, params);
        }
    }

    /** Logs any other line of a connection with the same MDC fields as its events. */
    static void log(Logger logger, Logger.Level level, Throwable failure, String chargePointId,
                    String organisationId, String connectionId, String format, Object... params) {
        try (LogContext ignored = LogContext.with(
                LogContext.CHARGER_ID, ChargePointIds.isValid(chargePointId) ? chargePointId : null,
                LogContext.ORGANISATION_ID, organisationId, LogContext.CONNECTION_ID, connectionId)) {
            logger.logf(level, failure, format, params);
        }
    }
}
