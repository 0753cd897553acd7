package org.dynamocsms.ocpp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.dynamocsms.platform.logging.LogContext;
import org.dynamocsms.platform.logging.RequestLog;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

/**
 * The one switch, {@code quarkus.log.console.json.enabled=true} (QUARKUS_LOG_CONSOLE_JSON_ENABLED), makes the
 * console's lines JSON objects with the MDC fields of a request as fields of {@code mdc}.
 */
@QuarkusTest
@TestProfile(JsonLogsTest.Json.class)
class JsonLogsTest {

    public static class Json implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    @Test
    void theConsoleWritesOneJsonObjectPerLineWithTheMdcFields() throws Exception {
        ExtLogRecord record;
        try (LogContext ignored = LogContext.with(LogContext.REQUEST_ID, "req-1", LogContext.ORGANISATION_ID,
                "org_1", LogContext.CHARGER_ID, "CP-1", LogContext.HTTP_STATUS, "200")) {
            record = new ExtLogRecord(Level.INFO, "GET /api/v1/cpo/chargers/CP-1 200 3 ms", RequestLog.class.getName());
            record.setLoggerName(RequestLog.CATEGORY);
            record.copyMdc();
        }

        String line = consoleFormatter().format(record);

        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("loggerName").asText()).isEqualTo(RequestLog.CATEGORY);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("GET /api/v1/cpo/chargers/CP-1 200 3 ms");
        assertThat(json.get("mdc").get(LogContext.REQUEST_ID).asText()).isEqualTo("req-1");
        assertThat(json.get("mdc").get(LogContext.ORGANISATION_ID).asText()).isEqualTo("org_1");
        assertThat(json.get("mdc").get(LogContext.CHARGER_ID).asText()).isEqualTo("CP-1");
        assertThat(json.get("mdc").get(LogContext.HTTP_STATUS).asText()).isEqualTo("200");
    }

    /** The formatter of the console handler Quarkus set up from the configuration. */
    private static Formatter consoleFormatter() {
        List<Handler> handlers = new ArrayList<>(List.of(Logger.getLogger("").getHandlers()));
        for (int i = 0; i < handlers.size(); i++) {
            Handler handler = handlers.get(i);
            if (handler instanceof ExtHandler ext) {
                handlers.addAll(List.of(ext.getHandlers()));
            }
            if (handler.getClass().getSimpleName().contains("Console")) {
                return handler.getFormatter();
            }
        }
        throw new AssertionError("No console handler among " + handlers);
    }
}
