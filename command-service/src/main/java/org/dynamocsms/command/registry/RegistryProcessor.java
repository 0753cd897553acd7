package org.dynamocsms.command.registry;

import java.time.Instant;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.command.Decision;
import org.dynamocsms.command.RegistryView;
import org.dynamocsms.command.charger.ChargerDecider;
import org.dynamocsms.command.maintenance.MaintenanceDecider;
import org.dynamocsms.command.site.SiteDecider;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.jboss.logging.Logger;

/**
 * The single writer of site, charger and maintenance events: decides each site, charger or maintenance command
 * against the stores, then forwards the events (keyed by their aggregate's id), the readings (keyed by site id) and
 * the calls to chargers (keyed by charge point id) and the result (keyed by command id), and stores the new states. With exactly_once_v2 all of it is committed together
 * or not at all.
 */
class RegistryProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(RegistryProcessor.class);

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SiteAggregate> sites;
    private KeyValueStore<String, ChargerView> chargers;
    private KeyValueStore<String, SiteEvent> assetAdditions;
    private KeyValueStore<String, MaintenanceView> maintenances;
    private KeyValueStore<String, MaintenanceEvent> maintenanceRecordings;
    private KeyValueStore<String, ChargerCall> callRequests;
    private RegistryView registry;

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sites = context.getStateStore(RegistryTopology.SITES);
        this.chargers = context.getStateStore(RegistryTopology.CHARGERS);
        this.assetAdditions = context.getStateStore(RegistryTopology.ASSET_ADDITIONS);
        this.maintenances = context.getStateStore(RegistryTopology.MAINTENANCES);
        this.maintenanceRecordings = context.getStateStore(RegistryTopology.MAINTENANCE_RECORDINGS);
        this.callRequests = context.getStateStore(RegistryTopology.CALL_REQUESTS);
        this.registry = new RegistryView() {
            @Override
            public SiteAggregate site(String siteId) {
                return sites.get(siteId);
            }

            @Override
            public ChargerView charger(String chargePointId) {
                return chargers.get(chargePointId);
            }

            @Override
            public SiteEvent assetAddition(String assetId) {
                return assetAdditions.get(assetId);
            }

            @Override
            public MaintenanceView maintenance(String maintenanceId) {
                return maintenances.get(maintenanceId);
            }

            @Override
            public MaintenanceEvent maintenanceRecording(String maintenanceId) {
                return maintenanceRecordings.get(maintenanceId);
            }

            @Override
            public ChargerCall chargerCall(String callId) {
                return callRequests.get(callId);
            }
        };
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() == null) {
            return;
        }
        Decision decision = decide(record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        for (SiteEvent event : decision.siteEvents()) {
            context.forward(record.withKey(event.getSiteId()).withValue(event), RegistryTopology.SITE_EVENTS_SINK);
        }
        for (ChargerEvent event : decision.chargerEvents()) {
            context.forward(record.withKey(event.getChargePointId()).withValue(event),
                    RegistryTopology.CHARGER_EVENTS_SINK);
        }
        for (EnergyAssetReading reading : decision.readings()) {
            context.forward(record.withKey(reading.getSiteId()).withValue(reading), RegistryTopology.READINGS_SINK);
        }
        for (MaintenanceEvent event : decision.maintenanceEvents()) {
            context.forward(record.withKey(event.getMaintenanceId()).withValue(event),
                    RegistryTopology.MAINTENANCE_EVENTS_SINK);
        }
        for (ChargerCall call : decision.calls()) {
            context.forward(record.withKey(call.getChargePointId()).withValue(call), RegistryTopology.CALLS_SINK);
            callRequests.put(call.getCallId(), call);
        }
        decision.sites().forEach(sites::put);
        decision.chargers().forEach(chargers::put);
        decision.assetAdditions().forEach(assetAdditions::put);
        decision.maintenances().forEach(maintenances::put);
        decision.maintenanceRecordings().forEach(maintenanceRecordings::put);
        context.forward(record.withKey(decision.result().getCommandId()).withValue(decision.result()),
                RegistryTopology.RESULTS_SINK);
    }

    private Decision decide(SpecificRecord command, Instant now) {
        if (command instanceof SiteCommand site) {
            return decide(site.getCommandId(), () -> SiteDecider.decide(registry, site, now, Ids.EVENT::next),
                    () -> SiteDecider.undecidable(site, now));
        }
        if (command instanceof MaintenanceCommand maintenance) {
            return decide(maintenance.getCommandId(),
                    () -> MaintenanceDecider.decide(registry, maintenance, now, Ids.EVENT::next),
                    () -> MaintenanceDecider.undecidable(maintenance, now));
        }
        ChargerCommand charger = (ChargerCommand) command;
        return decide(charger.getCommandId(), () -> ChargerDecider.decide(registry, charger, now, Ids.EVENT::next),
                () -> ChargerDecider.undecidable(charger, now));
    }

    private static Decision decide(String commandId, Supplier<Decision> decider, Supplier<Decision> undecidable) {
        try {
            return decider.get();
        } catch (RuntimeException e) {
            // A command the deciders cannot handle would otherwise fail the stream thread on every retry.
            LOG.errorf(e, "Cannot decide command %s", commandId);
            return undecidable.get();
        }
    }
}
