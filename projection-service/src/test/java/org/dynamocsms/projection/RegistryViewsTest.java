package org.dynamocsms.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceRecorded;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceUpdated;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryViewsTest {

    private static final String ORG = "org_test";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final List<TopologyTestDriver> drivers = new ArrayList<>();
    private TestInputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, SiteView> projection;
    private KeyValueStore<String, SiteView> store;
    private TestInputTopic<String, ChargerEvent> chargerEvents;
    private TestOutputTopic<String, ChargerView> chargerProjection;
    private KeyValueStore<String, ChargerView> chargerStore;
    private TestInputTopic<String, MaintenanceEvent> maintenanceEvents;
    private TestOutputTopic<String, MaintenanceView> maintenanceProjection;
    private KeyValueStore<String, MaintenanceView> maintenanceStore;
    private Path stateDir;

    @BeforeEach
    void setUp(@TempDir Path stateDir) {
        this.stateDir = stateDir;
        TopologyTestDriver sites = driver(Generation.first(Projection.SITES));
        events = input(sites, Topics.SITE_EVENTS);
        projection = output(sites, Topics.SITE_PROJECTION);
        store = sites.getKeyValueStore(RegistryViews.SITES.store());
        TopologyTestDriver chargers = driver(Generation.first(Projection.CHARGERS));
        chargerEvents = input(chargers, Topics.CHARGER_EVENTS);
        chargerProjection = output(chargers, Topics.CHARGER_PROJECTION);
        chargerStore = chargers.getKeyValueStore(RegistryViews.CHARGERS.store());
        TopologyTestDriver maintenance = driver(Generation.first(Projection.MAINTENANCE));
        maintenanceEvents = input(maintenance, Topics.MAINTENANCE_EVENTS);
        maintenanceProjection = output(maintenance, Topics.MAINTENANCE_PROJECTION);
        maintenanceStore = maintenance.getKeyValueStore(RegistryViews.MAINTENANCE.store());
    }

    @AfterEach
    void tearDown() {
        drivers.forEach(TopologyTestDriver::close);
    }

    /** Each view runs as its own application; a later generation writes its own copy of the view topic only. */
    @Test
    void generationTwoWritesItsOwnCopyOfTheViewTopic() {
        Map<Projection, ViewProjection<?, ?>> views = Map.of(Projection.SITES, RegistryViews.SITES,
                Projection.CHARGERS, RegistryViews.CHARGERS, Projection.MAINTENANCE, RegistryViews.MAINTENANCE);
        views.forEach((projection, view) -> assertThat(sinks(new Generation(projection, 2)))
                .containsExactly(view.views().name() + ".g2"));
        views.forEach((projection, view) -> assertThat(sinks(Generation.first(projection)))
                .containsExactly(view.views().name()));

        TopologyTestDriver sites = driver(new Generation(Projection.SITES, 2));
        String site = Ids.SITE.next();
        input(sites, Topics.SITE_EVENTS).pipeInput(site, created(site, "Depot North", 150.0));
        assertThat(output(sites, Topics.SITE_PROJECTION.named("csms.projection.sites.g2")).readValue().getSiteId())
                .isEqualTo(site);
    }

    private TopologyTestDriver driver(Generation generation) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, generation.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(generation.applicationId()).toString());
        TopologyTestDriver driver = new TopologyTestDriver(ProjectionTopologies.build(generation, () -> true), props);
        drivers.add(driver);
        return driver;
    }

    /** The topics the generation's topology writes (its stores' changelogs aside). */
    private static List<String> sinks(Generation generation) {
        return ProjectionTopologies.build(generation, () -> true).describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Sink)
                .map(node -> ((TopologyDescription.Sink) node).topic()).toList();
    }

    private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Test
    void createdUpdatedDeletedGiveTheSiteAtEachVersion() {
        String site = Ids.SITE.next();

        send(created(site, "Depot North", 150.0));
        SiteView v1 = projection.readValue();
        assertThat(v1.getSiteId()).isEqualTo(site);
        assertThat(v1.getOrganisationId()).isEqualTo(ORG);
        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v1.getDetails().getName()).isEqualTo("Depot North");
        assertThat(v1.getDetails().getMaxPowerKw()).isEqualTo(150.0);
        assertThat(v1.getCreatedAt()).isEqualTo(T0);
        assertThat(v1.getChargerCount()).isZero();
        assertThat(v1.getDeletedAt()).isNull();

        send(updated(site, 2, SiteChanges.newBuilder().setMaxPowerKw(300.0).build()));
        SiteView v2 = projection.readValue();
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getDetails().getName()).isEqualTo("Depot North");
        assertThat(v2.getDetails().getMaxPowerKw()).isEqualTo(300.0);
        assertThat(v2.getCreatedAt()).isEqualTo(T0);
        assertThat(v2.getUpdatedAt()).isEqualTo(T0.plusSeconds(1));

        send(deleted(site, 3));
        var record = projection.readKeyValue();
        assertThat(record.key).isEqualTo(site);
        assertThat(record.value.getVersion()).isEqualTo(3);
        assertThat(record.value.getDeletedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(record.value.getDetails().getMaxPowerKw()).isEqualTo(300.0);
        assertThat(store.get(site)).isEqualTo(record.value);
        assertThat(projection.isEmpty()).isTrue();
    }

    @Test
    void aRedeliveredEventLeavesTheViewUnchanged() {
        String site = Ids.SITE.next();
        SiteEvent create = created(site, "Depot North", 150.0);
        SiteEvent rename = updated(site, 2, SiteChanges.newBuilder().setName("Depot South").build());
        send(create);
        send(rename);
        SiteView current = store.get(site);

        send(create);
        send(rename);
        // an older update arriving late must not roll the view back either
        send(updated(site, 2, SiteChanges.newBuilder().setName("Stale").build()));

        assertThat(store.get(site)).isEqualTo(current);
        assertThat(projection.readValuesToList()).allSatisfy(view -> assertThat(view.getVersion()).isLessThanOrEqualTo(2))
                .last().isEqualTo(current);
        assertThat(current.getDetails().getName()).isEqualTo("Depot South");
    }

    @Test
    void sitesAreProjectedIndependently() {
        String a = Ids.SITE.next();
        String b = Ids.SITE.next();
        send(created(a, "Alpha", 50.0));
        send(created(b, "Bravo", 75.0));
        send(updated(a, 2, SiteChanges.newBuilder().setName("Alpha 2").build()));
        send(deleted(b, 2));

        assertThat(store.get(a).getDetails().getName()).isEqualTo("Alpha 2");
        assertThat(store.get(a).getDeletedAt()).isNull();
        assertThat(store.get(b).getDetails().getName()).isEqualTo("Bravo");
        assertThat(store.get(b).getDeletedAt()).isNotNull();
        assertThat(projection.readKeyValuesToMap()).containsOnlyKeys(a, b)
                .hasEntrySatisfying(a, v -> assertThat(v.getVersion()).isEqualTo(2))
                .hasEntrySatisfying(b, v -> assertThat(v.getVersion()).isEqualTo(2));
    }

    @Test
    void anEventForASiteNeverCreatedPublishesNothing() {
        String site = Ids.SITE.next();
        send(updated(site, 2, SiteChanges.newBuilder().setName("Ghost").build()));

        assertThat(projection.isEmpty()).isTrue();
        assertThat(store.get(site)).isNull();

        send(created(site, "Real", 10.0));
        assertThat(projection.readValue().getDetails().getName()).isEqualTo("Real");
    }

    @Test
    void registeredLinkedUnlinkedDecommissionedGiveTheChargerAtEachVersion() {
        send(Records.registered("CP-1"));
        ChargerView v1 = chargerProjection.readValue();
        assertThat(v1.getChargePointId()).isEqualTo("CP-1");
        assertThat(v1.getOrganisationId()).isEqualTo(Records.ORG);
        assertThat(v1.getVendor()).isEqualTo("ABB");
        assertThat(v1.getRegisteredAt()).isEqualTo(Records.at(1));
        assertThat(v1.getSiteId()).isNull();
        assertThat(v1.getVersion()).isEqualTo(1);

        send(Records.linked("CP-1", 2, "site_A", null));
        ChargerView v2 = chargerProjection.readValue();
        assertThat(v2.getSiteId()).isEqualTo("site_A");
        assertThat(v2.getLinkedAt()).isEqualTo(Records.at(2));

        send(Records.linked("CP-1", 3, "site_B", "site_A"));
        assertThat(chargerProjection.readValue().getSiteId()).isEqualTo("site_B");

        send(Records.unlinked("CP-1", 4, "site_B", UnlinkReason.UNLINKED));
        ChargerView v4 = chargerProjection.readValue();
        assertThat(v4.getSiteId()).isNull();
        assertThat(v4.getLinkedAt()).isNull();

        send(Records.decommissioned("CP-1", 5));
        var record = chargerProjection.readKeyValue();
        assertThat(record.key).isEqualTo("CP-1");
        assertThat(record.value.getDecommissionedAt()).isEqualTo(Records.at(5));
        assertThat(record.value.getVersion()).isEqualTo(5);
        assertThat(chargerStore.get("CP-1")).isEqualTo(record.value);
        assertThat(chargerProjection.isEmpty()).isTrue();
    }

    @Test
    void aRedeliveredChargerEventCannotUndoALaterOne() {
        ChargerEvent link = Records.linked("CP-1", 2, "site_A", null);
        send(Records.registered("CP-1"));
        send(link);
        send(Records.unlinked("CP-1", 3, "site_A", UnlinkReason.UNLINKED));
        ChargerView current = chargerStore.get("CP-1");

        send(link);

        assertThat(chargerStore.get("CP-1")).isEqualTo(current);
        assertThat(current.getSiteId()).isNull();
        assertThat(chargerProjection.readValuesToList()).last().isEqualTo(current);
    }

    @Test
    void anEventForAChargerNeverRegisteredPublishesNothing() {
        send(Records.linked("CP-9", 2, "site_A", null));

        assertThat(chargerProjection.isEmpty()).isTrue();
        assertThat(chargerStore.get("CP-9")).isNull();

        send(Records.registered("CP-9"));
        assertThat(chargerProjection.readValue().getVersion()).isEqualTo(1);
    }

    @Test
    void sitesAndChargersAreProjectedSideBySide() {
        String site = Ids.SITE.next();
        send(created(site, "Depot", 50.0));
        send(Records.registered("CP-1"));

        assertThat(projection.readKeyValuesToMap()).containsOnlyKeys(site);
        assertThat(chargerProjection.readKeyValuesToMap()).containsOnlyKeys("CP-1");
    }

    @Test
    void recordedAndUpdatedGiveTheMaintenanceEventAtEachVersion() {
        String mnt = Ids.MAINTENANCE.next();
        Instant scheduled = Instant.parse("2025-03-10T09:00:00Z");

        send(maintenanceRecorded(mnt, "CP-1", scheduled));
        var v1 = maintenanceProjection.readKeyValue();
        assertThat(v1.key).isEqualTo(mnt);
        assertThat(v1.value.getMaintenanceId()).isEqualTo(mnt);
        assertThat(v1.value.getOrganisationId()).isEqualTo(ORG);
        assertThat(v1.value.getChargePointId()).isEqualTo("CP-1");
        assertThat(v1.value.getType()).isEqualTo(MaintenanceType.scheduled);
        assertThat(v1.value.getScheduledAt()).isEqualTo(scheduled);
        assertThat(v1.value.getCompletedAt()).isNull();
        assertThat(v1.value.getTechnician()).isEqualTo("J. Smith");
        assertThat(v1.value.getCreatedAt()).isEqualTo(T0);
        assertThat(v1.value.getVersion()).isEqualTo(1);

        Instant completed = Instant.parse("2025-03-10T11:30:00Z");
        send(maintenanceEvent(mnt, "CP-1", 2, MaintenanceUpdated.newBuilder().setCompletedAt(completed)
                .setNotes("Seal replaced").build()));
        MaintenanceView v2 = maintenanceProjection.readValue();
        assertThat(v2.getCompletedAt()).isEqualTo(completed);
        assertThat(v2.getNotes()).isEqualTo("Seal replaced");
        assertThat(v2.getTechnician()).isEqualTo("J. Smith");
        assertThat(v2.getCreatedAt()).isEqualTo(T0);
        assertThat(v2.getUpdatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(maintenanceStore.get(mnt)).isEqualTo(v2);
        assertThat(maintenanceProjection.isEmpty()).isTrue();
        assertThat(projection.isEmpty()).isTrue();
        assertThat(chargerProjection.isEmpty()).isTrue();
    }

    @Test
    void aRedeliveredMaintenanceEventCannotUndoALaterOne() {
        String mnt = Ids.MAINTENANCE.next();
        MaintenanceEvent record = maintenanceRecorded(mnt, "CP-1", T0);
        MaintenanceEvent notes = maintenanceEvent(mnt, "CP-1", 2, MaintenanceUpdated.newBuilder().setNotes("first")
                .build());
        send(record);
        send(notes);
        send(maintenanceEvent(mnt, "CP-1", 3, MaintenanceUpdated.newBuilder().setNotes("second").build()));
        MaintenanceView current = maintenanceStore.get(mnt);

        send(record);
        send(notes);

        assertThat(maintenanceStore.get(mnt)).isEqualTo(current);
        assertThat(current.getNotes()).isEqualTo("second");
        assertThat(current.getVersion()).isEqualTo(3);
        assertThat(maintenanceProjection.readValuesToList()).last().isEqualTo(current);
    }

    @Test
    void anUpdateOfAMaintenanceEventNeverRecordedPublishesNothing() {
        String mnt = Ids.MAINTENANCE.next();
        send(maintenanceEvent(mnt, "CP-1", 2, MaintenanceUpdated.newBuilder().setNotes("ghost").build()));

        assertThat(maintenanceProjection.isEmpty()).isTrue();
        assertThat(maintenanceStore.get(mnt)).isNull();

        send(maintenanceRecorded(mnt, "CP-1", T0));
        assertThat(maintenanceProjection.readValue().getVersion()).isEqualTo(1);
    }

    private void send(MaintenanceEvent event) {
        maintenanceEvents.pipeInput(event.getMaintenanceId(), event);
    }

    private static MaintenanceEvent maintenanceRecorded(String mnt, String chargePointId, Instant scheduledAt) {
        return maintenanceEvent(mnt, chargePointId, 1, MaintenanceRecorded.newBuilder()
                .setType(MaintenanceType.scheduled).setDescription("Quarterly inspection and connector cleaning")
                .setScheduledAt(scheduledAt).setTechnician("J. Smith").build());
    }

    /** Version n occurs n - 1 seconds after T0, like the site events here. */
    private static MaintenanceEvent maintenanceEvent(String mnt, String chargePointId, long version, Object payload) {
        Instant at = T0.plusSeconds(version - 1);
        return MaintenanceEvent.newBuilder().setEventId(Ids.EVENT.next()).setOrganisationId(ORG)
                .setChargePointId(chargePointId).setMaintenanceId(mnt).setVersion(version).setOccurredAt(at)
                .setRecordedAt(at).setCommandId(Ids.COMMAND.next()).setPayload(payload).build();
    }

    private void send(ChargerEvent event) {
        chargerEvents.pipeInput(event.getChargePointId(), event);
    }

    private void send(SiteEvent event) {
        events.pipeInput(event.getSiteId(), event);
    }

    private static SiteEvent created(String site, String name, double maxPowerKw) {
        SiteDetails details = SiteDetails.newBuilder().setName(name).setMaxPowerKw(maxPowerKw).setAddress(null)
                .setLat(null).setLng(null).build();
        return event(site, 1, SiteCreated.newBuilder().setDetails(details).build());
    }

    private static SiteEvent updated(String site, long version, SiteChanges changes) {
        return event(site, version, SiteUpdated.newBuilder().setChanges(changes).build());
    }

    private static SiteEvent deleted(String site, long version) {
        return event(site, version, SiteDeleted.newBuilder().build());
    }

    private static SiteEvent event(String site, long version, Object payload) {
        Instant at = T0.plusSeconds(version - 1);
        return SiteEvent.newBuilder()
                .setEventId(Ids.EVENT.next())
                .setOrganisationId(ORG)
                .setSiteId(site)
                .setVersion(version)
                .setOccurredAt(at)
                .setRecordedAt(at)
                .setCommandId(Ids.COMMAND.next())
                .setPayload(payload)
                .build();
    }
}
