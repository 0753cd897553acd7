package org.dynamocsms.ocpp.connection;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The OCPP gateway's settings ({@code csms.ocpp.*}).
 */
@ConfigMapping(prefix = "csms.ocpp")
public interface GatewaySettings {

    /** The heartbeat interval BootNotification gives chargers. */
    @WithDefault("300s")
    Duration heartbeatInterval();

    /**
     * Added to twice the heartbeat interval to give how long a connection may stay silent before it is closed as
     * offline (a Heartbeat may be late, or the charger's clock slow).
     */
    @WithDefault("60s")
    Duration heartbeatGrace();

    /** How often connections are checked for silence. */
    @WithDefault("10s")
    Duration silenceCheckInterval();

    /**
     * How often this gateway reports itself alive on {@code csms.gateway.liveness}; its chargers are taken offline
     * when three reports in a row are missing.
     */
    @WithDefault("10s")
    Duration livenessInterval();

    /**
     * How long the telemetry producer waits to fill a batch. Every answer waits for its record's write, so this
     * adds up to that much to each answer, and saves the gateway and the broker a request per few records.
     */
    @WithDefault("5ms")
    Duration telemetryLinger();

    /** This gateway instance's name in ChargerConnected and ChargerDisconnected. */
    @WithDefault("${HOSTNAME:gateway}")
    String gatewayId();

    /** Whether a charger registered without a password may connect (with any or no credentials). */
    @WithDefault("false")
    boolean allowWithoutPassword();

    /** Auto-registration of chargers the registry does not know ({@code csms.ocpp.auto-registration.*}). */
    AutoRegistration autoRegistration();

    interface AutoRegistration {

        /**
         * The organisation unknown chargers are registered to; unset (the default), auto-registration is off and an
         * unknown identity is refused at the upgrade (404).
         */
        Optional<String> organisationId();

        /** The interval a Pending BootNotification answer gives: when the charger should boot again. */
        @WithDefault("30s")
        Duration retryInterval();
    }

    /**
     * The largest frame (and message) a charger may send, in bytes of UTF-8: a larger one closes that connection
     * with 1009 (message too big). At most the WebSocket server's own limit,
     * {@code quarkus.websockets-next.server.max-frame-size} and {@code max-message-size} (1 MiB in the module's
     * application.properties), above which a frame is dropped unread with its connection.
     */
    @WithDefault("65536")
    int maxFrameSize();
}
