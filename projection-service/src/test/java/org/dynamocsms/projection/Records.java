package org.dynamocsms.projection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetAdded;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerDecommissioned;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLinked;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.charger.ChargerUnlinked;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteChargerLinked;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.dynamocsms.schemas.telemetry.ChargerBooted;
import org.dynamocsms.schemas.telemetry.ChargerConnected;
import org.dynamocsms.schemas.telemetry.ChargerDisconnected;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.telemetry.ConnectorStatus;
import org.dynamocsms.schemas.telemetry.ConnectorStatusChanged;
import org.dynamocsms.schemas.telemetry.GatewayLiveness;
import org.dynamocsms.schemas.telemetry.HeartbeatReceived;
import org.dynamocsms.schemas.telemetry.MeterSample;
import org.dynamocsms.schemas.telemetry.MeterValuesReported;
import org.dynamocsms.schemas.telemetry.TransactionStarted;
import org.dynamocsms.schemas.telemetry.TransactionStopped;

/** Events, readings and telemetry as the services write them, for the projection tests. */
public final class Records {

    public static final String ORG = "org_test";
    public static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");

    private Records() {
    }

    /** {@code seconds} after {@link #T0}. */
    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    // site events: version n occurs n seconds after T0

    public static SiteEvent siteCreated(String site, String name, double maxPowerKw) {
        return siteEvent(site, 1, new SiteCreated(SiteDetails.newBuilder().setName(name).setMaxPowerKw(maxPowerKw)
                .build()));
    }

    public static SiteEvent siteUpdated(String site, long version, SiteChanges changes) {
        return siteEvent(site, version, new SiteUpdated(changes));
    }

    public static SiteEvent siteDeleted(String site, long version) {
        return siteEvent(site, version, new SiteDeleted());
    }

    public static SiteEvent chargerLinkedTo(String site, long version, String chargePointId) {
        return siteEvent(site, version, new SiteChargerLinked(chargePointId));
    }

    public static SiteEvent chargerUnlinkedFrom(String site, long version, String chargePointId,
                                                UnlinkReason reason) {
        return siteEvent(site, version, new SiteChargerUnlinked(chargePointId, reason));
    }

    public static SiteEvent assetAdded(String site, long version, EnergyAsset asset) {
        return siteEvent(site, version, new EnergyAssetAdded(asset));
    }

    public static SiteEvent assetRemoved(String site, long version, String assetId) {
        return siteEvent(site, version, new EnergyAssetRemoved(assetId));
    }

    public static SiteEvent siteEvent(String site, long version, Object payload) {
        return SiteEvent.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId(ORG).setSiteId(site)
                .setVersion(version).setOccurredAt(at(version)).setRecordedAt(at(version))
                .setCommandId(Ids.COMMAND.next()).setPayload(payload).build();
    }

    public static EnergyAsset asset(String assetId, EnergyAssetType type, String name, double capacityKw) {
        return EnergyAsset.newBuilder().setAssetId(assetId).setType(type).setName(name).setCapacityKw(capacityKw)
                .setMetadata(Map.of()).setCreatedAt(T0).setUpdatedAt(T0).build();
    }

    public static EnergyAssetReading reading(String site, String assetId, double outputKw, Instant measuredAt) {
        return EnergyAssetReading.newBuilder().setReadingId(Ids.EVENT.next()).setOrganisationId(ORG).setSiteId(site)
                .setAssetId(assetId).setOutputKw(outputKw).setMeasuredAt(measuredAt).setRecordedAt(measuredAt)
                .build();
    }

    // charger registry events: version n occurs n seconds after T0

    public static ChargerEvent registered(String chargePointId) {
        return chargerEvent(chargePointId, 1, new ChargerRegistered("ABB", "Terra AC", null, List.of()));
    }

    /** A charger registered with {@code connectors}. */
    public static ChargerEvent registered(String chargePointId, List<ChargerConnector> connectors) {
        return chargerEvent(chargePointId, 1, new ChargerRegistered("ABB", "Terra AC", null, connectors));
    }

    public static ChargerEvent linked(String chargePointId, long version, String site, String previousSite) {
        return chargerEvent(chargePointId, version, new ChargerLinked(site, previousSite));
    }

    public static ChargerEvent unlinked(String chargePointId, long version, String site, UnlinkReason reason) {
        return chargerEvent(chargePointId, version, new ChargerUnlinked(site, reason));
    }

    public static ChargerEvent decommissioned(String chargePointId, long version) {
        return chargerEvent(chargePointId, version, new ChargerDecommissioned());
    }

    private static ChargerEvent chargerEvent(String chargePointId, long version, Object payload) {
        return ChargerEvent.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId(ORG)
                .setChargePointId(chargePointId).setVersion(version).setOccurredAt(at(version))
                .setRecordedAt(at(version)).setCommandId(Ids.COMMAND.next()).setPayload(payload).build();
    }

    // telemetry: occurred (charger clock) and recorded (received) at the same moment unless said otherwise

    public static ChargerTelemetry connected(String chargePointId, Instant at) {
        return telemetry(chargePointId, at, new ChargerConnected("1.6", "gw-1", "10.0.0.7", null));
    }

    public static ChargerTelemetry disconnected(String chargePointId, Instant at) {
        return telemetry(chargePointId, at, new ChargerDisconnected("closed", "gw-1", null));
    }

    /** The connect of connection {@code connectionId} on gateway {@code gatewayId}. */
    public static ChargerTelemetry connected(String chargePointId, Instant at, String gatewayId, String connectionId) {
        return telemetry(chargePointId, at, new ChargerConnected("1.6", gatewayId, "10.0.0.7", connectionId));
    }

    /** The end of connection {@code connectionId}. */
    public static ChargerTelemetry disconnected(String chargePointId, Instant at, String connectionId) {
        return telemetry(chargePointId, at, new ChargerDisconnected("closed", "gw-1", connectionId));
    }

    public static ChargerTelemetry booted(String chargePointId, Instant at, String firmwareVersion) {
        return telemetry(chargePointId, at,
                new ChargerBooted("ABB", "Terra AC", firmwareVersion, "SN-1", 300));
    }

    public static ChargerTelemetry heartbeat(String chargePointId, Instant at) {
        return telemetry(chargePointId, at, new HeartbeatReceived());
    }

    public static ChargerTelemetry status(String chargePointId, Instant at, int connectorId, ConnectorStatus status) {
        return telemetry(chargePointId, at, ConnectorStatusChanged.newBuilder().setConnectorId(connectorId)
                .setStatus(status).build());
    }

    public static ChargerTelemetry fault(String chargePointId, Instant at, int connectorId,
                                         ChargePointErrorCode errorCode, String info) {
        return telemetry(chargePointId, at, ConnectorStatusChanged.newBuilder().setConnectorId(connectorId)
                .setStatus(ConnectorStatus.Faulted).setErrorCode(errorCode).setInfo(info).setVendorErrorCode("E42")
                .build());
    }

    /** One sample of {@code powerW} and {@code energyWh} taken at {@code at}. */
    public static ChargerTelemetry meter(String chargePointId, Instant at, int connectorId, Integer transactionId,
                                         Double powerW, Double energyWh) {
        return meter(chargePointId, at, connectorId, transactionId, List.of(new MeterSample(at, powerW, energyWh)));
    }

    public static ChargerTelemetry meter(String chargePointId, Instant at, int connectorId, Integer transactionId,
                                         List<MeterSample> samples) {
        return telemetry(chargePointId, at, MeterValuesReported.newBuilder().setConnectorId(connectorId)
                .setTransactionId(transactionId).setSamples(samples).build());
    }

    public static ChargerTelemetry started(String chargePointId, Instant at, int connectorId, int transactionId) {
        return telemetry(chargePointId, at, TransactionStarted.newBuilder().setConnectorId(connectorId)
                .setTransactionId(transactionId).setIdTag("TAG-1").setMeterStartWh(1000L).build());
    }

    public static ChargerTelemetry stopped(String chargePointId, Instant at, int transactionId) {
        return stopped(chargePointId, at, transactionId, 9000L);
    }

    public static ChargerTelemetry started(String chargePointId, Instant at, int connectorId, int transactionId,
                                           long meterStartWh) {
        return telemetry(chargePointId, at,
                TransactionStarted.newBuilder().setConnectorId(connectorId).setTransactionId(transactionId)
                        .setIdTag("TAG-1").setMeterStartWh(meterStartWh).build());
    }

    public static ChargerTelemetry stopped(String chargePointId, Instant at, int transactionId, long meterStopWh) {
        return stopped(chargePointId, at, transactionId, meterStopWh, List.of());
    }

    /** A StopTransaction with {@code transactionData}. */
    public static ChargerTelemetry stopped(String chargePointId, Instant at, int transactionId, long meterStopWh,
                                           List<MeterSample> transactionData) {
        return telemetry(chargePointId, at, TransactionStopped.newBuilder().setTransactionId(transactionId)
                .setMeterStopWh(meterStopWh).setIdTag("TAG-1").setSamples(transactionData).build());
    }

    /** The liveness report of gateway {@code gatewayId} started at {@code startedAt}, reporting every 10 s. */
    public static GatewayLiveness liveness(String gatewayId, Instant startedAt, Instant reportedAt) {
        return GatewayLiveness.newBuilder().setGatewayId(gatewayId).setStartedAt(startedAt).setReportedAt(reportedAt)
                .setIntervalMs(10_000).build();
    }

    public static ChargerTelemetry telemetry(String chargePointId, Instant at, Object payload) {
        return ChargerTelemetry.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId(ORG)
                .setChargePointId(chargePointId).setOccurredAt(at).setRecordedAt(at).setPayload(payload).build();
    }

    /** {@code telemetry} as received at {@code receivedAt}, e.g. a message the charger had queued. */
    public static ChargerTelemetry receivedAt(ChargerTelemetry telemetry, Instant receivedAt) {
        return ChargerTelemetry.newBuilder(telemetry).setRecordedAt(receivedAt).build();
    }
}
