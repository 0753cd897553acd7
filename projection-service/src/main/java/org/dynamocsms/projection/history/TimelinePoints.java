package org.dynamocsms.projection.history;

import java.util.Comparator;
import java.util.Optional;

import org.dynamocsms.schemas.analytics.TimelinePoint;
import org.dynamocsms.schemas.analytics.TimelinePointKind;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;

/** The facts on a charger's timeline that its telemetry and registry events carry, and their order. */
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
     * A connect or disconnect at its occurred_at (the gateway's receive time; for a silent connection's end, the
     * gateway's or the live states' gateway check's, its last message's), or a connector status at its
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
