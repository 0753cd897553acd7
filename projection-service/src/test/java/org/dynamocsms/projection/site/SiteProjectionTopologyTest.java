package org.dynamocsms.projection.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteProjectionTopologyTest {

    private static final String ORG = "org_test";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, SiteView> projection;
    private KeyValueStore<String, SiteView> store;

    @BeforeEach
    void setUp(@TempDir Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "site-projection-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SiteProjectionTopology.build(), props);
        events = driver.createInputTopic(Topics.SITE_EVENTS.name(),
                Topics.SITE_EVENTS.keySerde().serializer(), Topics.SITE_EVENTS.valueSerde().serializer());
        projection = driver.createOutputTopic(Topics.SITE_PROJECTION.name(),
                Topics.SITE_PROJECTION.keySerde().deserializer(), Topics.SITE_PROJECTION.valueSerde().deserializer());
        store = driver.getKeyValueStore(SiteProjectionTopology.STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
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
