package org.dynamocsms.platform.logging;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.MDC;

/**
 * The MDC fields of a request's or an OCPP connection's log lines, set for a scope: {@code try (LogContext ignored
 * = LogContext.with(CHARGER_ID, id)) { LOG.info(...); }}. Null values are left out. Closing puts back what the
 * fields held before, so a scope nested in a request's own fields (kept by Quarkus per request) leaves them intact.
 * JSON logs show them as fields of {@code mdc}.
 */
public final class LogContext implements AutoCloseable {

    public static final String REQUEST_ID = "request_id";
    public static final String ORGANISATION_ID = "organisation_id";
    public static final String CHARGER_ID = "charger_id";
    public static final String CONNECTION_ID = "connection_id";
    public static final String HTTP_METHOD = "http_method";
    public static final String HTTP_PATH = "http_path";
    public static final String HTTP_STATUS = "http_status";
    public static final String DURATION_MS = "duration_ms";

    private final List<String[]> previous;

    private LogContext(List<String[]> previous) {
        this.previous = previous;
    }

    /** Sets {@code keysAndValues} (key, value, key, value...) until {@link #close}. */
    public static LogContext with(String... keysAndValues) {
        List<String[]> previous = new ArrayList<>(keysAndValues.length / 2);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                Object before = MDC.put(keysAndValues[i], keysAndValues[i + 1]);
                previous.add(new String[] {keysAndValues[i], before == null ? null : before.toString()});
            }
        }
        return new LogContext(previous);
    }

    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            String[] field = previous.get(i);
            if (field[1] == null) {
                MDC.remove(field[0]);
            } else {
                MDC.put(field[0], field[1]);
            }
        }
    }
}
