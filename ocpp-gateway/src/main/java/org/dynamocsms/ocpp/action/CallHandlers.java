package org.dynamocsms.ocpp.action;

import java.util.Map;

import org.dynamocsms.platform.ocpp.OcppVersion;

/** The call handler of each OCPP version the gateway speaks. */
public record CallHandlers(Map<OcppVersion, CallHandler> byVersion) {

    public CallHandlers {
        byVersion = Map.copyOf(byVersion);
    }

    /** The handler of the chargers that speak {@code version}. */
    public CallHandler of(OcppVersion version) {
        CallHandler handler = byVersion.get(version);
        if (handler == null) {
            throw new IllegalArgumentException("No call handler for OCPP " + version.label());
        }
        return handler;
    }
}
