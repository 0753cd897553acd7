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
import org.dynamocsms.platform.ocpp.CentralSystemCalls;

/** Wires the gateway's plain-Java parts from its settings. */
public class GatewayBeans {

    @Produces
    @Singleton
    CallHandlers callHandlers(GatewaySettings settings, CentralSystemCalls schemas, RunningTransactions running,
                              TelemetrySink sink) {
        return new CallHandlers(Map.of(
                OcppVersion.OCPP16, new CallHandler(schemas.schemas(OcppVersion.OCPP16),
                        new ChargePointActions(settings.heartbeatInterval(), new TransactionIds()), sink),
                OcppVersion.OCPP201, new CallHandler(schemas.schemas(OcppVersion.OCPP201),
                        new ChargingStationActions(settings.heartbeatInterval(), running), sink)));
    }

    /** The 2.0.1 transactions running on this gateway's stations: its call handler and its calls read them. */
    @Produces
    @Singleton
    RunningTransactions runningTransactions() {
        return new RunningTransactions();
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
