package org.dynamocsms.projection.history;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLiveState;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;

/** The facts on a charger's timeline that its telemetry, registry events and live states carry, and their order. */
public final class TimelinePoints {

    /**
     * By at, then registered &lt; disconnected &lt; connected &lt; status (a reconnect at the instant of a disconnect
     * leaves the charger connected; statuses at a connect belong to the new connection), then event id.
     */
    public static final Comparator<TimelinePoint> ORDER = Comparator.comparing(TimelinePoint::getAt)
            .thenComparingInt(point -> rank(point.getKind())).thenComparing(TimelinePoint::getEventId);

    private TimelinePoints() {
    }

    /**
     * A connect or disconnect at its occurred_at (the gateway's receive time), or a connector status at its
     * occurred_at (the charger's timestamp); other telemetry is no timeline fact.
     */
    public static Optional<TimelinePoint> of(ChargerTelemetry telemetry) {
        TimelinePoint.Builder point = TimelinePoint.newBuilder().setEventId(telemetry.getEventId())
                .setAt(telemetry.getOccurredAt());
        Object payload = telemetry.getPayload();
        if (payload instanceof ChargerConnected connected) {
            return Optional.of(point.setKind(TimelinePointKind.connected)
                    .setConnectionId(connected.getConnectionId()).build());
        }
        if (payload instanceof ChargerDisconnected disconnected) {
            return Optional.of(point.setKind(TimelinePointKind.disconnected)
                    .setConnectionId(disconnected.getConnectionId()).build());
        }
        if (payload instanceof ConnectorStatusChanged changed) {
            return Optional.of(point.setKind(TimelinePointKind.status).setConnectorId(changed.getConnectorId())
                    .setStatus(changed.getStatus()).setErrorCode(changed.getErrorCode()).setInfo(changed.getInfo())
                    .setVendorErrorCode(changed.getVendorErrorCode()).build());
        }
        return Optional.empty();
    }

    /** A registration at its occurred_at; other registry events are no timeline fact. */
    public static Optional<TimelinePoint> of(ChargerEvent event) {
        if (!(event.getPayload() instanceof ChargerRegistered)) {
            return Optional.empty();
        }
        return Optional.of(TimelinePoint.newBuilder().setEventId(event.getEventId()).setAt(event.getOccurredAt())
                .setKind(TimelinePointKind.registered).build());
    }

    /**
     * A disconnect at last_seen_at when the live state shows the charger offline: how the chargers of a gateway that
     * died, which never sent ChargerDisconnected, go offline in history too. A charger last seen at its connect
     * (the gateway died before it said more) goes offline a millisecond after it, or the disconnect would sort before
     * the connect and be lost. It ends the state's connection (connection_id) only. Named after the state's version;
     * the same disconnect published again (at the same time) is a duplicate by its time.
     */
    public static Optional<TimelinePoint> of(ChargerLiveState state) {
        if (state.getConnected() || state.getLastSeenAt() == null) {
            return Optional.empty();
        }
        Instant at = state.getLastSeenAt();
        Instant connectedAt = state.getConnectedAt();
        if (connectedAt != null && !at.isAfter(connectedAt)) {
            at = connectedAt.plusMillis(1);
        }
        return Optional.of(TimelinePoint.newBuilder().setEventId("state:" + state.getVersion()).setAt(at)
                .setKind(TimelinePointKind.disconnected).setConnectionId(state.getConnectionId()).build());
    }

    /** The kind's place among the facts of one instant. */
    static int rank(TimelinePointKind kind) {
        return switch (kind) {
            case registered -> 0;
            case disconnected -> 1;
            case connected -> 2;
            case status, unknown -> 3;
        };
    }
}
