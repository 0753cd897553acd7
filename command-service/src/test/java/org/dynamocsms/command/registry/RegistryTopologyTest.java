package org.dynamocsms.command.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.AddEnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.RecordEnergyAssetReading;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.RequestChargerCall;
import org.dynamocsms.schemas.charger.ChangeChargerConnectors;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerConnector;
import org.dynamocsms.schemas.charger.ChargerConnectorsChanged;
import org.dynamocsms.schemas.charger.ChargerDecommissioned;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLinked;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.DecommissionCharger;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceRecorded;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceUpdated;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.maintenance.RecordMaintenance;
import org.dynamocsms.schemas.maintenance.UpdateMaintenance;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.LinkCharger;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteChargerLinked;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.UpdateSite;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTopologyTest {

    static final String ORG = "org_A";
    static final String OTHER_ORG = "org_B";
    static final String CP = "CP-001";
    static final Instant WALL_CLOCK = Instant.parse("2024-06-01T09:00:00.250Z");
    static final SiteDetails DEPOT = SiteDetails.newBuilder().setName("King Street Depot")
            .setAddress("14 King Street, Manchester, M2 6AQ").setMaxPowerKw(150).setLat(53.4808).setLng(-2.2426)
            .build();

    @TempDir
    Path stateDir;

    private final AtomicInteger seconds = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteCommand> siteCommands;
    private TestInputTopic<String, ChargerCommand> registrations;
    private TestInputTopic<String, ChargerCommand> chargerCommands;
    private TestInputTopic<String, MaintenanceCommand> maintenanceCommands;
    private TestOutputTopic<String, ChargerCommand> claimed;
    private TestOutputTopic<String, SiteEvent> siteEvents;
    private TestOutputTopic<String, ChargerEvent> chargerEvents;
    private TestOutputTopic<String, EnergyAssetReading> readings;
    private TestOutputTopic<String, MaintenanceEvent> maintenanceEvents;
    private TestOutputTopic<String, CommandResult> results;
    private TestOutputTopic<String, ChargerCall> calls;
    private KeyValueStore<String, String> identities;
    private KeyValueStore<String, SiteAggregate> sites;
    private KeyValueStore<String, ChargerView> chargers;
    private KeyValueStore<String, MaintenanceView> maintenances;
    private KeyValueStore<String, MaintenanceEvent> maintenanceRecordings;
    private final String site = Ids.SITE.next();

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(RegistryTopology.build(), props, WALL_CLOCK);
        siteCommands = input(Topics.SITE_COMMANDS);
        registrations = input(Topics.CHARGER_REGISTRATIONS);
        chargerCommands = input(Topics.CHARGER_COMMANDS);
        maintenanceCommands = input(Topics.MAINTENANCE_COMMANDS);
        claimed = output(Topics.CHARGER_COMMANDS);
        siteEvents = output(Topics.SITE_EVENTS);
        chargerEvents = output(Topics.CHARGER_EVENTS);
        readings = output(Topics.ENERGY_ASSET_READINGS);
        maintenanceEvents = output(Topics.MAINTENANCE_EVENTS);
        results = output(Topics.COMMAND_RESULTS);
        calls = output(Topics.CHARGER_CALLS);
        identities = driver.getKeyValueStore(RegistryTopology.IDENTITIES);
        sites = driver.getKeyValueStore(RegistryTopology.SITES);
        chargers = driver.getKeyValueStore(RegistryTopology.CHARGERS);
        maintenances = driver.getKeyValueStore(RegistryTopology.MAINTENANCES);
        maintenanceRecordings = driver.getKeyValueStore(RegistryTopology.MAINTENANCE_RECORDINGS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void namesEveryNodeAndStore() {
        TopologyDescription description = RegistryTopology.build().describe();

        assertThat(description.subtopologies()).extracting(sub -> sub.nodes().stream()
                        .map(TopologyDescription.Node::name).sorted().toList())
                .containsExactlyInAnyOrder(
                        List.of("charger-identity-claim", "charger-registrations", "claim-results",
                                "claimed-charger-commands"),
                        List.of("charger-calls", "charger-commands", "charger-events", "command-results",
                                "energy-asset-readings", "maintenance-commands", "maintenance-events",
                                "registry-decider", "site-commands", "site-events"),
                        List.of("access-commands", "access-decider", "access-events", "access-results", "api-keys",
                                "organisations"));
        assertThat(description.subtopologies()).flatExtracting(TopologyDescription.Subtopology::nodes)
                .filteredOn(TopologyDescription.Processor.class::isInstance)
                .extracting(node -> node.name(), node -> ((TopologyDescription.Processor) node).stores())
                .containsExactlyInAnyOrder(tuple("charger-identity-claim", Set.of("charger-identities")),
                        tuple("registry-decider", Set.of("site-aggregates", "charger-aggregates",
                                "energy-asset-additions", "maintenance-aggregates", "maintenance-recordings",
                                "charger-call-requests")),
                        tuple("access-decider", Set.of("access-organisations", "access-api-keys")));
        assertThat(description.globalStores()).singleElement().satisfies(global -> {
            assertThat(global.source().name()).isEqualTo("known-api-keys");
            assertThat(global.processor().name()).isEqualTo("known-api-keys-update");
            assertThat(global.processor().stores()).containsExactly("access-known-api-keys");
        });
    }

    @Nested
    class Sites {

        @Test
        void createsASiteWithFullEventMetadata() {
            SiteCommand create = create(ORG, "key-1");

            send(create);

            KeyValue<String, SiteEvent> event = siteEvents.readKeyValue();
            assertThat(event.key).isEqualTo(site);
            assertThat(event.value.getPayload()).isEqualTo(new SiteCreated(DEPOT));
            assertThat(Ids.EVENT.matches(event.value.getEventId())).isTrue();
            assertThat(event.value.getOrganisationId()).isEqualTo(ORG);
            assertThat(event.value.getSiteId()).isEqualTo(site);
            assertThat(event.value.getVersion()).isEqualTo(1);
            assertThat(event.value.getOccurredAt()).isEqualTo(create.getIssuedAt());
            assertThat(event.value.getRecordedAt()).isEqualTo(WALL_CLOCK);
            assertThat(event.value.getSchemaVersion()).isEqualTo(1);
            assertThat(event.value.getCommandId()).isEqualTo(create.getCommandId());
            assertThat(siteEvents.isEmpty()).isTrue();

            KeyValue<String, CommandResult> result = results.readKeyValue();
            assertThat(result.key).isEqualTo(create.getCommandId());
            assertThat(result.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(result.value.getVersion()).isEqualTo(1);
            assertThat(result.value.getAggregateId()).isEqualTo(site);
            assertThat(result.value.getDecidedAt()).isEqualTo(WALL_CLOCK);
            assertThat(result.value.getSite().getDetails()).isEqualTo(DEPOT);
            assertThat(result.value.getSite().getCreatedAt()).isEqualTo(create.getIssuedAt());

            assertThat(sites.get(site).getCurrent()).isEqualTo(result.value.getSite());
        }

        @Test
        void updatesAndDeletesInVersionOrder() {
            send(create(ORG, null));
            SiteCommand update = siteCommand(ORG, site, new UpdateSite(SiteChanges.newBuilder().setMaxPowerKw(200.0)
                    .build()));
            send(update);
            SiteCommand delete = siteCommand(ORG, site, new DeleteSite());
            send(delete);

            assertThat(siteEvents.readValuesToList())
                    .extracting(SiteEvent::getVersion, e -> e.getPayload().getClass())
                    .containsExactly(tuple(1L, SiteCreated.class), tuple(2L, SiteUpdated.class),
                            tuple(3L, SiteDeleted.class));
            Map<String, CommandResult> all = results.readKeyValuesToMap();
            assertThat(all.get(update.getCommandId()).getSite().getDetails().getMaxPowerKw()).isEqualTo(200);
            assertThat(all.get(update.getCommandId()).getVersion()).isEqualTo(2);
            assertThat(all.get(delete.getCommandId()).getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(all.get(delete.getCommandId()).getVersion()).isEqualTo(3);
            assertThat(sites.get(site).getCurrent().getDeletedAt()).isEqualTo(delete.getIssuedAt());
        }

        @Test
        void doesNotFindMissingOrDeletedSites() {
            SiteCommand updateMissing = siteCommand(ORG, site, new UpdateSite(SiteChanges.newBuilder().setName("x")
                    .build()));
            send(updateMissing);

            assertThat(siteEvents.isEmpty()).isTrue();
            assertThat(sites.get(site)).isNull();
            assertResult(updateMissing.getCommandId(), CommandStatus.NOT_FOUND);

            send(create(ORG, null));
            send(siteCommand(ORG, site, new DeleteSite()));
            siteEvents.readValuesToList();
            results.readValuesToList();
            SiteCommand deleteAgain = siteCommand(ORG, site, new DeleteSite());
            send(deleteAgain);

            assertThat(siteEvents.isEmpty()).isTrue();
            assertResult(deleteAgain.getCommandId(), CommandStatus.NOT_FOUND);
        }

        @Test
        void answersARepeatedCreateWithTheFirstResult() {
            send(create(ORG, "key-1"));
            SiteCommand repeat = create(ORG, "key-1");
            send(repeat);

            assertThat(siteEvents.readValuesToList()).hasSize(1);
            CommandResult first = results.readValue();
            KeyValue<String, CommandResult> repeated = results.readKeyValue();
            assertThat(repeated.key).isEqualTo(repeat.getCommandId());
            assertThat(repeated.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(repeated.value.getSite()).isEqualTo(first.getSite());
            assertThat(repeated.value.getVersion()).isEqualTo(1);
        }

        @Test
        void refusesAKeyReusedForADifferentSite() {
            send(create(ORG, "key-1"));
            SiteCommand different = SiteCommand.newBuilder(create(ORG, "key-1"))
                    .setPayload(new CreateSite(SiteDetails.newBuilder(DEPOT).setName("Elsewhere").build())).build();
            send(different);

            assertThat(siteEvents.readValuesToList()).hasSize(1);
            results.readValue();
            assertResult(different.getCommandId(), CommandStatus.CONFLICT);
        }

        @Test
        void doesNotLetAnotherOrganisationSeeOrChangeTheSite() {
            send(create(ORG, null));
            siteEvents.readValuesToList();
            results.readValuesToList();
            SiteAggregate before = sites.get(site);

            SiteCommand foreignUpdate = siteCommand(OTHER_ORG, site, new UpdateSite(SiteChanges.newBuilder()
                    .setName("Mine now").build()));
            SiteCommand foreignDelete = siteCommand(OTHER_ORG, site, new DeleteSite());
            send(foreignUpdate);
            send(foreignDelete);

            assertThat(siteEvents.isEmpty()).isTrue();
            assertResult(foreignUpdate.getCommandId(), CommandStatus.NOT_FOUND);
            assertResult(foreignDelete.getCommandId(), CommandStatus.NOT_FOUND);
            assertThat(sites.get(site)).isEqualTo(before);
        }

        @Test
        void writesReadingsToTheReadingsTopicKeyedBySite() {
            send(create(ORG, null));
            String asset = Ids.ASSET.next();
            send(siteCommand(ORG, site, new AddEnergyAsset(EnergyAsset.newBuilder().setAssetId(asset)
                    .setType(EnergyAssetType.solar).setName("PV").setCapacityKw(50).setCreatedAt(Instant.EPOCH)
                    .setUpdatedAt(Instant.EPOCH).build())));
            siteEvents.readValuesToList();
            results.readValuesToList();
            SiteAggregate before = sites.get(site);
            Instant measuredAt = Instant.parse("2024-06-01T08:59:00Z");
            SiteCommand reading = siteCommand(ORG, site, new RecordEnergyAssetReading(asset, 22.1, measuredAt));

            send(reading);

            KeyValue<String, EnergyAssetReading> written = readings.readKeyValue();
            assertThat(written.key).isEqualTo(site);
            assertThat(written.value.getAssetId()).isEqualTo(asset);
            assertThat(written.value.getOutputKw()).isEqualTo(22.1);
            assertThat(written.value.getMeasuredAt()).isEqualTo(measuredAt);
            assertThat(written.value.getRecordedAt()).isEqualTo(WALL_CLOCK);
            assertThat(written.value.getOrganisationId()).isEqualTo(ORG);
            assertThat(results.readValue().getEnergyAssetReading()).isEqualTo(written.value);
            assertThat(siteEvents.isEmpty()).isTrue();
            assertThat(sites.get(site)).isEqualTo(before);

            send(siteCommand(ORG, site, new RecordEnergyAssetReading(Ids.ASSET.next(), 1.0, measuredAt)));
            assertThat(readings.isEmpty()).isTrue();
            assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.NOT_FOUND);
        }
    }

    @Nested
    class Chargers {

        @Test
        void registersThroughTheIdentityClaimAndDecidesWithTheOrganisation() {
            ChargerCommand register = register(ORG, CP);

            registrations.pipeInput(CP, register);

            assertThat(identities.get(CP)).isEqualTo(ORG);
            KeyValue<String, ChargerCommand> forwarded = claimed.readKeyValue();
            assertThat(forwarded.key).isEqualTo(ORG);
            assertThat(forwarded.value).isEqualTo(register);
            KeyValue<String, ChargerEvent> event = chargerEvents.readKeyValue();
            assertThat(event.key).isEqualTo(CP);
            assertThat(event.value.getVersion()).isEqualTo(1);
            assertThat(event.value.getPayload()).isEqualTo(new ChargerRegistered("Alfen", "Eve", null, List.of()));
            KeyValue<String, CommandResult> result = results.readKeyValue();
            assertThat(result.key).isEqualTo(register.getCommandId());
            assertThat(result.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(result.value.getCharger()).isEqualTo(chargers.get(CP));
            assertThat(results.isEmpty()).isTrue();
        }

        @Test
        void refusesAnIdentityAnotherOrganisationHoldsEvenAfterItsDecommissioning() {
            registrations.pipeInput(CP, register(ORG, CP));
            ChargerCommand foreign = register(OTHER_ORG, CP);
            drain();

            registrations.pipeInput(CP, foreign);

            assertThat(claimed.isEmpty()).isTrue();
            assertThat(chargerEvents.isEmpty()).isTrue();
            KeyValue<String, CommandResult> refused = results.readKeyValue();
            assertThat(refused.key).isEqualTo(foreign.getCommandId());
            assertThat(refused.value.getStatus()).isEqualTo(CommandStatus.CONFLICT);
            assertThat(refused.value.getMessage()).isEqualTo("Charge point id CP-001 is already registered.");
            assertThat(refused.value.getOrganisationId()).isEqualTo(OTHER_ORG);
            assertThat(identities.get(CP)).isEqualTo(ORG);
            assertThat(chargers.get(CP).getOrganisationId()).isEqualTo(ORG);

            chargerCommands.pipeInput(ORG, chargerCommand(ORG, CP, new DecommissionCharger()));
            drain();
            registrations.pipeInput(CP, register(OTHER_ORG, CP));
            assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.CONFLICT);

            registrations.pipeInput(CP, register(ORG, CP));
            assertThat(chargerEvents.readValuesToList()).extracting(ChargerEvent::getVersion)
                    .containsExactly(3L);
            assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        }

        @Test
        void appendsALinkToBothSitesAndTheChargerInOneGo() {
            String otherSite = Ids.SITE.next();
            send(create(ORG, null));
            send(siteCommand(ORG, otherSite, new CreateSite(DEPOT)));
            registrations.pipeInput(CP, register(ORG, CP));
            send(siteCommand(ORG, otherSite, new LinkCharger(CP)));
            drain();
            SiteCommand move = siteCommand(ORG, site, new LinkCharger(CP));

            send(move);

            assertThat(siteEvents.readKeyValuesToList())
                    .extracting(kv -> kv.key, kv -> kv.value.getPayload(), kv -> kv.value.getCommandId())
                    .containsExactly(
                            tuple(otherSite, new SiteChargerUnlinked(CP, UnlinkReason.MOVED), move.getCommandId()),
                            tuple(site, new SiteChargerLinked(CP), move.getCommandId()));
            assertThat(chargerEvents.readKeyValuesToList())
                    .extracting(kv -> kv.key, kv -> kv.value.getPayload(), kv -> kv.value.getCommandId())
                    .containsExactly(tuple(CP, new ChargerLinked(site, otherSite), move.getCommandId()));
            CommandResult result = results.readValue();
            assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(result.getCharger().getSiteId()).isEqualTo(site);
            assertThat(results.isEmpty()).isTrue();
            assertThat(sites.get(site).getCurrent().getChargePointIds()).containsExactly(CP);
            assertThat(sites.get(otherSite).getCurrent().getChargerCount()).isZero();
            assertThat(chargers.get(CP)).isEqualTo(result.getCharger());
        }

        @Test
        void decommissioningUnlinksFromTheSite() {
            send(create(ORG, null));
            registrations.pipeInput(CP, register(ORG, CP));
            send(siteCommand(ORG, site, new LinkCharger(CP)));
            drain();

            chargerCommands.pipeInput(ORG, chargerCommand(ORG, CP, new DecommissionCharger()));

            assertThat(siteEvents.readKeyValue()).satisfies(kv -> {
                assertThat(kv.key).isEqualTo(site);
                assertThat(kv.value.getPayload()).isEqualTo(
                        new SiteChargerUnlinked(CP, UnlinkReason.DECOMMISSIONED));
            });
            assertThat(chargerEvents.readValue().getPayload()).isEqualTo(new ChargerDecommissioned());
            assertThat(sites.get(site).getCurrent().getChargerCount()).isZero();
        }

        @Test
        void registersConnectorsAndReplacesThemOnceEachTimeTheyDiffer() {
            List<ChargerConnector> registered = List.of(new ChargerConnector(1, "Type2", 22.0));
            registrations.pipeInput(CP, chargerCommand(ORG, CP, RegisterCharger.newBuilder()
                    .setVendor("Alfen").setConnectors(registered).build()));
            assertThat(chargerEvents.readValue().getPayload())
                    .isEqualTo(new ChargerRegistered("Alfen", null, null, registered));
            assertThat(results.readValue().getCharger().getConnectors()).isEqualTo(registered);
            drain();
            List<ChargerConnector> changed = List.of(new ChargerConnector(1, "Type2", 11.0),
                    new ChargerConnector(2, "CHAdeMO", 50.0));
            ChargerCommand change = chargerCommand(ORG, CP, new ChangeChargerConnectors(changed));

            chargerCommands.pipeInput(ORG, change);

            KeyValue<String, ChargerEvent> event = chargerEvents.readKeyValue();
            assertThat(event.key).isEqualTo(CP);
            assertThat(event.value.getVersion()).isEqualTo(2);
            assertThat(event.value.getCommandId()).isEqualTo(change.getCommandId());
            assertThat(event.value.getPayload()).isEqualTo(new ChargerConnectorsChanged(changed));
            KeyValue<String, CommandResult> result = results.readKeyValue();
            assertThat(result.key).isEqualTo(change.getCommandId());
            assertThat(result.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(result.value.getVersion()).isEqualTo(2);
            assertThat(result.value.getCharger().getConnectors()).isEqualTo(changed);
            assertThat(chargers.get(CP)).isEqualTo(result.value.getCharger());

            // the same list again, compared with the stored (deserialised) one: accepted, nothing appended
            chargerCommands.pipeInput(ORG, chargerCommand(ORG, CP, new ChangeChargerConnectors(changed)));
            assertThat(chargerEvents.isEmpty()).isTrue();
            assertThat(results.readValue()).satisfies(same -> {
                assertThat(same.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
                assertThat(same.getVersion()).isEqualTo(2);
            });

            chargerCommands.pipeInput(OTHER_ORG, chargerCommand(OTHER_ORG, CP, new ChangeChargerConnectors(List.of())));
            assertThat(chargerEvents.isEmpty()).isTrue();
            assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.NOT_FOUND);
            assertThat(chargers.get(CP).getConnectors()).isEqualTo(changed);
        }

        @Test
        void writesACallKeyedByChargerOnceEvenWhenTheRequestIsRepeated() {
            registrations.pipeInput(CP, chargerCommand(ORG, CP, RegisterCharger.newBuilder().build()));
            drain();
            RequestChargerCall reset = new RequestChargerCall("call_01J0000000000000000000000C", "Reset",
                    "{\"type\":\"Hard\"}", WALL_CLOCK.plusSeconds(30));

            chargerCommands.pipeInput(ORG, chargerCommand(ORG, CP, reset));

            KeyValue<String, ChargerCall> call = calls.readKeyValue();
            assertThat(call.key).isEqualTo(CP);
            assertThat(call.value.getCallId()).isEqualTo(reset.getCallId());
            assertThat(call.value.getPayload()).isEqualTo(reset.getPayload());
            assertThat(results.readValue().getChargerCall()).isEqualTo(call.value);

            chargerCommands.pipeInput(ORG, chargerCommand(ORG, CP, reset));
            assertThat(calls.isEmpty()).isTrue();
            assertThat(results.readValue().getChargerCall()).isEqualTo(call.value);

            chargerCommands.pipeInput(OTHER_ORG, chargerCommand(OTHER_ORG, CP, reset));
            assertThat(calls.isEmpty()).isTrue();
            assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.NOT_FOUND);
        }
    }

    @Nested
    class Maintenance {

        static final String MNT = "mnt_01J0000000000000000000000A";
        static final Instant SCHEDULED = Instant.parse("2024-07-20T09:00:00Z");
        static final Instant COMPLETED = Instant.parse("2024-07-20T11:30:00Z");
        static final RecordMaintenance QUARTERLY = RecordMaintenance.newBuilder().setType(MaintenanceType.scheduled)
                .setDescription("Quarterly inspection and connector cleaning").setScheduledAt(SCHEDULED)
                .setTechnician("J. Smith").build();

        @BeforeEach
        void registerTheCharger() {
            registrations.pipeInput(CP, register(ORG, CP));
            drain();
        }

        @Test
        void recordsAndUpdatesAgainstTheOrganisationsCharger() {
            MaintenanceCommand record = maintenanceCommand(ORG, CP, QUARTERLY);

            send(record);

            KeyValue<String, MaintenanceEvent> recorded = maintenanceEvents.readKeyValue();
            assertThat(recorded.key).isEqualTo(MNT);
            assertThat(Ids.EVENT.matches(recorded.value.getEventId())).isTrue();
            assertThat(recorded.value.getOrganisationId()).isEqualTo(ORG);
            assertThat(recorded.value.getChargePointId()).isEqualTo(CP);
            assertThat(recorded.value.getVersion()).isEqualTo(1);
            assertThat(recorded.value.getOccurredAt()).isEqualTo(record.getIssuedAt());
            assertThat(recorded.value.getRecordedAt()).isEqualTo(WALL_CLOCK);
            assertThat(recorded.value.getCommandId()).isEqualTo(record.getCommandId());
            assertThat(recorded.value.getPayload()).isEqualTo(new MaintenanceRecorded(MaintenanceType.scheduled,
                    "Quarterly inspection and connector cleaning", SCHEDULED, null, "J. Smith", null));
            KeyValue<String, CommandResult> result = results.readKeyValue();
            assertThat(result.key).isEqualTo(record.getCommandId());
            assertThat(result.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(result.value.getAggregateId()).isEqualTo(MNT);
            assertThat(result.value.getVersion()).isEqualTo(1);
            assertThat(result.value.getMaintenance()).isEqualTo(maintenances.get(MNT));
            assertThat(maintenanceRecordings.get(MNT)).isEqualTo(recorded.value);
            assertThat(chargerEvents.isEmpty()).isTrue();
            assertThat(siteEvents.isEmpty()).isTrue();

            MaintenanceCommand complete = maintenanceCommand(ORG, CP, UpdateMaintenance.newBuilder()
                    .setCompletedAt(COMPLETED).build());
            send(complete);

            KeyValue<String, MaintenanceEvent> updated = maintenanceEvents.readKeyValue();
            assertThat(updated.key).isEqualTo(MNT);
            assertThat(updated.value.getVersion()).isEqualTo(2);
            assertThat(updated.value.getPayload())
                    .isEqualTo(MaintenanceUpdated.newBuilder().setCompletedAt(COMPLETED).build());
            CommandResult completed = results.readValue();
            assertThat(completed.getVersion()).isEqualTo(2);
            assertThat(completed.getMaintenance().getCompletedAt()).isEqualTo(COMPLETED);
            assertThat(maintenances.get(MNT)).isEqualTo(completed.getMaintenance());
            assertThat(maintenanceRecordings.get(MNT)).isEqualTo(recorded.value);
        }

        @Test
        void refusesWithoutWritingAnything() {
            MaintenanceCommand foreign = maintenanceCommand(OTHER_ORG, CP, QUARTERLY);
            send(foreign);
            assertResult(foreign.getCommandId(), CommandStatus.NOT_FOUND);

            send(maintenanceCommand(ORG, CP, QUARTERLY));
            drain();
            MaintenanceView before = maintenances.get(MNT);
            MaintenanceCommand backwards = maintenanceCommand(ORG, CP, UpdateMaintenance.newBuilder()
                    .setCompletedAt(SCHEDULED.minusSeconds(1)).build());
            send(backwards);

            CommandResult refused = results.readValue();
            assertThat(refused.getStatus()).isEqualTo(CommandStatus.REJECTED);
            assertThat(refused.getMessage())
                    .isEqualTo("completed_at must not be before scheduled_at (2024-07-20T09:00:00Z).");
            assertThat(maintenanceEvents.isEmpty()).isTrue();
            assertThat(maintenances.get(MNT)).isEqualTo(before);
        }

        @Test
        void doesNotFindTheMaintenanceOfADecommissionedCharger() {
            send(maintenanceCommand(ORG, CP, QUARTERLY));
            chargerCommands.pipeInput(ORG, chargerCommand(ORG, CP, new DecommissionCharger()));
            drain();
            MaintenanceCommand complete = maintenanceCommand(ORG, CP, UpdateMaintenance.newBuilder()
                    .setCompletedAt(COMPLETED).build());

            send(complete);

            assertThat(maintenanceEvents.isEmpty()).isTrue();
            KeyValue<String, CommandResult> result = results.readKeyValue();
            assertThat(result.key).isEqualTo(complete.getCommandId());
            assertThat(result.value.getStatus()).isEqualTo(CommandStatus.NOT_FOUND);
            assertThat(result.value.getMessage()).isEqualTo("Charger CP-001 does not exist.");
        }

        private void send(MaintenanceCommand command) {
            maintenanceCommands.pipeInput(command.getOrganisationId(), command);
        }

        private MaintenanceCommand maintenanceCommand(String org, String chargePointId, Object payload) {
            return MaintenanceCommand.newBuilder().setCommandId(Ids.COMMAND.next()).setOrganisationId(org)
                    .setChargePointId(chargePointId).setMaintenanceId(MNT).setIssuedAt(nextIssuedAt())
                    .setPayload(payload).build();
        }
    }

    @Test
    void answersAnUndecidableCommandAndKeepsDeciding() {
        send(create(ORG, null));
        drain();
        // A link to a charger the charger store lacks: the decision cannot fold the site's deletion.
        SiteAggregate corrupt = sites.get(site);
        SiteView linked = SiteView.newBuilder(corrupt.getCurrent()).setChargePointIds(List.of("CP-GHOST"))
                .setChargerCount(1).build();
        sites.put(site, SiteAggregate.newBuilder(corrupt).setCurrent(linked).build());
        SiteCommand delete = siteCommand(ORG, site, new DeleteSite());

        send(delete);

        assertThat(siteEvents.isEmpty()).isTrue();
        assertThat(chargerEvents.isEmpty()).isTrue();
        CommandResult refused = results.readValue();
        assertThat(refused.getCommandId()).isEqualTo(delete.getCommandId());
        assertThat(refused.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(refused.getMessage()).isEqualTo("The command could not be decided.");
        assertThat(sites.get(site).getCurrent()).isEqualTo(linked);

        String next = Ids.SITE.next();
        send(siteCommand(ORG, next, new CreateSite(DEPOT)));
        assertThat(results.readValue().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
    }

    @Test
    void ignoresTombstones() {
        siteCommands.pipeInput(ORG, null);
        chargerCommands.pipeInput(ORG, null);
        registrations.pipeInput(CP, null);
        maintenanceCommands.pipeInput(ORG, null);

        assertThat(siteEvents.isEmpty()).isTrue();
        assertThat(maintenanceEvents.isEmpty()).isTrue();
        assertThat(claimed.isEmpty()).isTrue();
        assertThat(results.isEmpty()).isTrue();
        assertThat(identities.get(CP)).isNull();
    }

    private void assertResult(String commandId, CommandStatus status) {
        KeyValue<String, CommandResult> result = results.readKeyValue();
        assertThat(result.key).isEqualTo(commandId);
        assertThat(result.value.getStatus()).isEqualTo(status);
        if (status != CommandStatus.ACCEPTED) {
            assertThat(result.value.getSite()).isNull();
        }
    }

    private void drain() {
        claimed.readValuesToList();
        siteEvents.readValuesToList();
        chargerEvents.readValuesToList();
        maintenanceEvents.readValuesToList();
        results.readValuesToList();
    }

    /** Site commands are keyed by organisation: one task decides an organisation's whole registry. */
    private void send(SiteCommand command) {
        siteCommands.pipeInput(command.getOrganisationId(), command);
    }

    private SiteCommand create(String org, String idempotencyKey) {
        return SiteCommand.newBuilder(siteCommand(org, site, new CreateSite(DEPOT))).setIdempotencyKey(idempotencyKey)
                .build();
    }

    private SiteCommand siteCommand(String org, String siteId, Object payload) {
        return SiteCommand.newBuilder().setCommandId(Ids.COMMAND.next()).setOrganisationId(org).setSiteId(siteId)
                .setIssuedAt(nextIssuedAt()).setPayload(payload).build();
    }

    private ChargerCommand register(String org, String chargePointId) {
        return chargerCommand(org, chargePointId, new RegisterCharger("Alfen", "Eve", null, List.of()));
    }

    private ChargerCommand chargerCommand(String org, String chargePointId, Object payload) {
        return ChargerCommand.newBuilder().setCommandId(Ids.COMMAND.next()).setOrganisationId(org)
                .setChargePointId(chargePointId).setIssuedAt(nextIssuedAt()).setPayload(payload).build();
    }

    private Instant nextIssuedAt() {
        return Instant.parse("2024-06-01T08:00:00Z").plusSeconds(seconds.incrementAndGet());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
