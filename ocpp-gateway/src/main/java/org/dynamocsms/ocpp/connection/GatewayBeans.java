package org.dynamocsms.ocpp.connection;

import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import org.dynamocsms.ocpp.action.CallHandler;
import org.dynamocsms.ocpp.action.CallHandlers;
import org.dynamocsms.ocpp.action.ChargePointActions;
import org.dynamocsms.ocpp.action.ChargingStationActions;
import org.dynamocsms.ocpp.action.RunningTransactions;
import org.dynamocsms.ocpp.action.TransactionIds;
import org.dynamocsms.ocpp.security.ChargerAuthenticator;
import org.dynamocsms.ocpp.security.ChargerDirectory;
import org.dynamocsms.ocpp.telemetry.TelemetrySink;
import org.dynamocsms.platform.ocpp.OcppVersion;
import org.dynamocsms.platform.ocpp.PayloadSchemas;

/** Wires the gateway's plain-Java parts from its settings. */
public class GatewayBeans {

    @Produces
    @Singleton
    CallHandlers callHandlers(GatewaySettings settings, PayloadSchemas schemas, TelemetrySink sink) {
        return new CallHandlers(Map.of(
                OcppVersion.OCPP16, new CallHandler(schemas,
                        new ChargePointActions(settings.heartbeatInterval(), new TransactionIds()), sink),
                OcppVersion.OCPP201, new CallHandler(new PayloadSchemas(OcppVersion.OCPP201),
                        new ChargingStationActions(settings.heartbeatInterval(), new RunningTransactions()), sink)));
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
