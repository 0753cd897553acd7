package org.dynamocsms.command.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.UpdateSite;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteAggregateTopologyTest {

    static final String ORG = "org_A";
    static final String OTHER_ORG = "org_B";
    static final Instant WALL_CLOCK = Instant.parse("2024-06-01T09:00:00.250Z");
    static final SiteDetails DEPOT = SiteDetails.newBuilder().setName("King Street Depot")
            .setAddress("14 King Street, Manchester, M2 6AQ").setMaxPowerKw(150).setLat(53.4808).setLng(-2.2426)
            .build();

    @TempDir
    Path stateDir;

    private final AtomicInteger seconds = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SiteCommand> commands;
    private TestOutputTopic<String, SiteEvent> events;
    private TestOutputTopic<String, CommandResult> results;
    private KeyValueStore<String, SiteAggregate> store;
    private final String site = Ids.SITE.next();

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "site-aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(SiteAggregateTopology.build(), props, WALL_CLOCK);
        commands = driver.createInputTopic(Topics.SITE_COMMANDS.name(), Topics.SITE_COMMANDS.keySerde().serializer(),
                Topics.SITE_COMMANDS.valueSerde().serializer());
        events = driver.createOutputTopic(Topics.SITE_EVENTS.name(), Topics.SITE_EVENTS.keySerde().deserializer(),
                Topics.SITE_EVENTS.valueSerde().deserializer());
        results = driver.createOutputTopic(Topics.COMMAND_RESULTS.name(),
                Topics.COMMAND_RESULTS.keySerde().deserializer(), Topics.COMMAND_RESULTS.valueSerde().deserializer());
        store = driver.getKeyValueStore(SiteAggregateTopology.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void namesEveryNode() {
        TopologyDescription description = SiteAggregateTopology.build().describe();

        assertThat(description.subtopologies()).singleElement().satisfies(sub -> assertThat(sub.nodes())
                .extracting(TopologyDescription.Node::name)
                .containsExactlyInAnyOrder("site-commands", "site-decider", "site-events", "command-results"));
        assertThat(description.toString()).contains("stores: [site-aggregates]");
    }

    @Test
    void createsASiteWithFullEventMetadata() {
        SiteCommand create = create(ORG, "key-1");

        send(create);

        KeyValue<String, SiteEvent> event = events.readKeyValue();
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
        assertThat(events.isEmpty()).isTrue();

        KeyValue<String, CommandResult> result = results.readKeyValue();
        assertThat(result.key).isEqualTo(create.getCommandId());
        assertThat(result.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.value.getVersion()).isEqualTo(1);
        assertThat(result.value.getAggregateId()).isEqualTo(site);
        assertThat(result.value.getDecidedAt()).isEqualTo(WALL_CLOCK);
        assertThat(result.value.getSite().getDetails()).isEqualTo(DEPOT);
        assertThat(result.value.getSite().getCreatedAt()).isEqualTo(create.getIssuedAt());

        assertThat(store.get(site).getCurrent()).isEqualTo(result.value.getSite());
    }

    @Test
    void updatesAndDeletesInVersionOrder() {
        send(create(ORG, null));
        SiteCommand update = update(ORG, SiteChanges.newBuilder().setMaxPowerKw(200.0).build());
        send(update);
        SiteCommand delete = delete(ORG);
        send(delete);

        assertThat(events.readValuesToList()).extracting(SiteEvent::getVersion, e -> e.getPayload().getClass())
                .containsExactly(tuple(1L, SiteCreated.class),
                        tuple(2L, SiteUpdated.class),
                        tuple(3L, SiteDeleted.class));
        var all = results.readKeyValuesToMap();
        assertThat(all.get(update.getCommandId()).getSite().getDetails().getMaxPowerKw()).isEqualTo(200);
        assertThat(all.get(update.getCommandId()).getVersion()).isEqualTo(2);
        assertThat(all.get(delete.getCommandId()).getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(all.get(delete.getCommandId()).getVersion()).isEqualTo(3);
        assertThat(store.get(site).getCurrent().getDeletedAt()).isEqualTo(delete.getIssuedAt());
    }

    @Test
    void doesNotFindMissingOrDeletedSites() {
        SiteCommand updateMissing = update(ORG, SiteChanges.newBuilder().setName("x").build());
        send(updateMissing);

        assertThat(events.isEmpty()).isTrue();
        assertThat(store.get(site)).isNull();
        assertResult(updateMissing, CommandStatus.NOT_FOUND);

        send(create(ORG, null));
        send(delete(ORG));
        events.readValuesToList();
        results.readValuesToList();
        SiteCommand deleteAgain = delete(ORG);
        send(deleteAgain);

        assertThat(events.isEmpty()).isTrue();
        assertResult(deleteAgain, CommandStatus.NOT_FOUND);
    }

    @Test
    void answersARepeatedCreateWithTheFirstResult() {
        SiteCommand first = create(ORG, "key-1");
        SiteCommand repeat = create(ORG, "key-1");
        send(first);
        send(repeat);

        assertThat(events.readValuesToList()).hasSize(1);
        CommandResult firstResult = results.readValue();
        KeyValue<String, CommandResult> repeated = results.readKeyValue();
        assertThat(repeated.key).isEqualTo(repeat.getCommandId());
        assertThat(repeated.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(repeated.value.getSite()).isEqualTo(firstResult.getSite());
        assertThat(repeated.value.getVersion()).isEqualTo(1);
    }

    @Test
    void refusesAKeyReusedForADifferentSite() {
        send(create(ORG, "key-1"));
        SiteCommand different = SiteCommand.newBuilder(create(ORG, "key-1"))
                .setPayload(new CreateSite(SiteDetails.newBuilder(DEPOT).setName("Elsewhere").build())).build();
        send(different);

        assertThat(events.readValuesToList()).hasSize(1);
        results.readValue();
        assertResult(different, CommandStatus.CONFLICT);
    }

    @Test
    void doesNotLetAnotherOrganisationSeeOrChangeTheSite() {
        send(create(ORG, null));
        events.readValuesToList();
        results.readValuesToList();
        SiteAggregate before = store.get(site);

        SiteCommand foreignUpdate = update(OTHER_ORG, SiteChanges.newBuilder().setName("Mine now").build());
        SiteCommand foreignDelete = delete(OTHER_ORG);
        send(foreignUpdate);
        send(foreignDelete);

        assertThat(events.isEmpty()).isTrue();
        assertResult(foreignUpdate, CommandStatus.NOT_FOUND);
        assertResult(foreignDelete, CommandStatus.NOT_FOUND);
        assertThat(store.get(site)).isEqualTo(before);
    }

    @Test
    void ignoresTombstones() {
        commands.pipeInput(site, null);

        assertThat(events.isEmpty()).isTrue();
        assertThat(results.isEmpty()).isTrue();
    }

    private void assertResult(SiteCommand command, CommandStatus status) {
        KeyValue<String, CommandResult> result = results.readKeyValue();
        assertThat(result.key).isEqualTo(command.getCommandId());
        assertThat(result.value.getStatus()).isEqualTo(status);
        assertThat(result.value.getOrganisationId()).isEqualTo(command.getOrganisationId());
        if (status != CommandStatus.ACCEPTED) {
            assertThat(result.value.getSite()).isNull();
        }
    }

    private void send(SiteCommand command) {
        commands.pipeInput(command.getSiteId(), command);
    }

    private SiteCommand create(String org, String idempotencyKey) {
        return command(org, new CreateSite(DEPOT)).setIdempotencyKey(idempotencyKey).build();
    }

    private SiteCommand update(String org, SiteChanges changes) {
        return command(org, new UpdateSite(changes)).build();
    }

    private SiteCommand delete(String org) {
        return command(org, new DeleteSite()).build();
    }

    private SiteCommand.Builder command(String org, Object payload) {
        return SiteCommand.newBuilder().setCommandId(Ids.COMMAND.next()).setOrganisationId(org).setSiteId(site)
                .setIssuedAt(Instant.parse("2024-06-01T08:00:00Z").plusSeconds(seconds.incrementAndGet()))
                .setPayload(payload);
    }
}
