package org.dynamocsms.ocpp.connection;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.action.ChargePointActions;
import org.dynamocsms.ocpp.action.TransactionIds;
import org.dynamocsms.ocpp.security.ChargerAuthenticator;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.telemetry.TelemetrySink;
import org.dynamocsms.platform.ocpp.PayloadSchemas;

/** Wires the gateway's plain-Java parts from its settings. */
public class GatewayBeans {

    @Produces
    @Singleton
    CallHandler callHandler(GatewaySettings settings, PayloadSchemas schemas, TelemetrySink sink) {
        return new CallHandler(schemas, new ChargePointActions(settings.heartbeatInterval(), new TransactionIds()),
                sink);
    }

    @Produces
    @Singleton
    OcppMetrics ocppMetrics(MeterRegistry registry) {
        return new OcppMetrics(registry);
    }

    @Produces
    @Singleton
    ChargerAuthenticator authenticator(GatewaySettings settings, ChargerDirectory directory) {
        return new ChargerAuthenticator(directory, settings.allowWithoutPassword(),
                settings.autoRegistration().organisationId());
    }
}
