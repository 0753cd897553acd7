package org.dynamocsms.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The whole system in one process: starts an embedded PostgreSQL and an embedded Kafka broker with their data in
 * {@code csms.data-dir}, points the services at them, then runs the Quarkus application (every service's
 * endpoints on one port). On exit Quarkus stops first, then Kafka, then PostgreSQL.
 * <p>
 * Settings (system property, or the environment variable in upper case with {@code _}): {@code csms.data-dir}
 * (default {@code ./data}), {@code csms.standalone.kafka-port} (9092),
 * {@code csms.standalone.kafka-controller-port} (9093), {@code csms.standalone.postgres-port} (5433, beside a
 * PostgreSQL the machine may already run on 5432).
 */
@QuarkusMain
public final class Standalone {

    /**
     * Quarkus configures logging only when it starts, and until then every record of every level is kept for it:
     * the broker's start would log thousands. Held here so the levels are not lost with the loggers.
     */
    private static final List<Logger> QUIET_UNTIL_QUARKUS = Stream.of("kafka", "org.apache.kafka", "io.zonky")
            .map(Logger::getLogger)
            .toList();

    private Standalone() {
    }

    public static void main(String... args) {
        Logger.getLogger("").setLevel(Level.INFO);
        QUIET_UNTIL_QUARKUS.forEach(logger -> logger.setLevel(Level.WARNING));
        Path dataDir = Path.of(setting("csms.data-dir", "./data")).toAbsolutePath().normalize();
        EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"),
                Integer.parseInt(setting("csms.standalone.postgres-port", "5433")));
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), Integer.parseInt(setting("csms.standalone.kafka-port", "9092")),
                    Integer.parseInt(setting("csms.standalone.kafka-controller-port", "9093")));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        // Quarkus stops in its own shutdown hook (or on the main thread before System.exit); this hook waits for it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitQuarkusStopped();
            kafka.close();
            database.close();
        }, "csms-embedded-shutdown"));

        // Quarkus would answer a malformed URI with a bare 400 before routing; the platform's HttpProblems makes the
        // same check first thing in the router and answers problem+json (read once, when Quarkus starts)
        System.setProperty("vertx.disableURIValidation", "true");
        System.setProperty("csms.kafka.bootstrap-servers", kafka.bootstrapServers());
        System.setProperty("csms.kafka.state-dir", dataDir.resolve("streams").toString());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", database.username());
        System.setProperty("quarkus.datasource.password", database.password());
        Quarkus.run(args);
    }

    /** Returns once Quarkus has stopped, or failed to start; at once if it never began starting. */
    private static void awaitQuarkusStopped() {
        Application quarkus = Application.currentApplication();
        if (quarkus != null) {
            quarkus.awaitShutdown();
        }
    }

    private static String setting(String key, String defaultValue) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
