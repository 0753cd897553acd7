package org.dynamocsms.command.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.dynamocsms.schemas.auth.AccessCommand;
import org.dynamocsms.schemas.auth.AccessEvent;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeyIssued;
import org.dynamocsms.schemas.auth.ApiKeyRevoked;
import org.dynamocsms.schemas.auth.ApiKeyRotated;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.CreateOrganisation;
import org.dynamocsms.schemas.auth.IssueApiKey;
import org.dynamocsms.schemas.auth.Organisation;
import org.dynamocsms.schemas.auth.OrganisationCreated;
import org.dynamocsms.schemas.auth.RevokeApiKey;
import org.dynamocsms.schemas.auth.RotateApiKey;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-01-01T09:00:00.250Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, AccessCommand> commands;
    private TestInputTopic<String, ApiKey> keysMadeElsewhere;
    private TestOutputTopic<String, Organisation> organisations;
    private TestOutputTopic<String, ApiKey> keys;
    private TestOutputTopic<String, AccessEvent> events;
    private TestOutputTopic<String, CommandResult> results;
    private int commandIds;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "access-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(RegistryTopology.build(), props, WALL_CLOCK);
        commands = driver.createInputTopic(Topics.ACCESS_COMMANDS.name(),
                Topics.ACCESS_COMMANDS.keySerde().serializer(), Topics.ACCESS_COMMANDS.valueSerde().serializer());
        keysMadeElsewhere = driver.createInputTopic(Topics.API_KEYS.name(), Topics.API_KEYS.keySerde().serializer(),
                Topics.API_KEYS.valueSerde().serializer());
        organisations = output(Topics.ORGANISATIONS);
        keys = output(Topics.API_KEYS);
        events = output(Topics.ACCESS_EVENTS);
        results = output(Topics.COMMAND_RESULTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void createsAnOrganisationIssuesRotatesAndRevokesItsKeyEachWithItsEvent() {
        String create = send("org_acme", new CreateOrganisation("Acme"));
        assertThat(organisations.readKeyValue()).satisfies(org -> {
            assertThat(org.key).isEqualTo("org_acme");
            assertThat(org.value.getName()).isEqualTo("Acme");
            assertThat(org.value.getCreatedBy()).isEqualTo("key_operator");
        });
        assertAccepted(create, "org_acme");
        KeyValue<String, AccessEvent> created = events.readKeyValue();
        assertThat(created.key).isEqualTo("org_acme");
        assertThat(created.value.getEventId()).startsWith("evt_");
        assertThat(AccessEvent.newBuilder(created.value).setEventId("ignored").build())
                .isEqualTo(event(create, "org_acme", new OrganisationCreated("Acme")));

        String issue = send("org_acme", new IssueApiKey("key_ci", "ci", List.of("read"), "hash-1"));
        assertThat(keys.readKeyValue()).satisfies(key -> {
            assertThat(key.key).isEqualTo("hash-1");
            assertThat(key.value.getKeyId()).isEqualTo("key_ci");
            assertThat(key.value.getOrganisationId()).isEqualTo("org_acme");
        });
        assertAccepted(issue, "key_ci");
        assertThat(events.readValue().getPayload()).isEqualTo(new ApiKeyIssued("key_ci", "ci", List.of("read")));

        String rotate = send("org_acme", new RotateApiKey("key_ci", "hash-2"));
        assertThat(keys.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.getRevokedAt() != null)
                .containsExactly(tuple("hash-1", true),
                        tuple("hash-2", false));
        assertAccepted(rotate, "key_ci");
        assertThat(events.readValue().getPayload()).isEqualTo(new ApiKeyRotated("key_ci", "ci", List.of("read")));

        String revoke = send("org_acme", new RevokeApiKey("key_ci"));
        assertThat(keys.readKeyValue()).satisfies(key -> {
            assertThat(key.key).isEqualTo("hash-2");
            assertThat(key.value.getRevokedAt()).isNotNull();
        });
        assertAccepted(revoke, "key_ci");
        assertThat(events.readValue().getPayload()).isEqualTo(new ApiKeyRevoked("key_ci", "ci", List.of("read")));

        String again = send("org_acme", new RevokeApiKey("key_ci"));
        assertAccepted(again, "key_ci");
        assertThat(keys.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aKeyMadeElsewhereBeforeIdsCanBeRevokedByItsDerivedIdAndItsOrganisationExists() {
        ApiKey legacy = ApiKeys.record("csk_legacy", "org_default", "bootstrap", List.of("operator"),
                Instant.EPOCH);
        legacy.setKeyId("");
        keysMadeElsewhere.pipeInput(legacy.getKeyHash(), legacy);
        String id = ApiKeys.keyId(legacy);

        String issue = send("org_default", new IssueApiKey("key_new", "ci", List.of("write"), "hash-new"));
        assertAccepted(issue, "key_new");
        String revoke = send("org_default", new RevokeApiKey(id));
        assertAccepted(revoke, id);

        assertThat(keys.readValuesToList()).extracting(ApiKey::getKeyHash, ApiKey::getKeyId,
                        key -> key.getRevokedAt() != null)
                .containsExactly(tuple("hash-new", "key_new", false),
                        tuple(legacy.getKeyHash(), id, true));
    }

    @Test
    void aRefusalWritesOnlyItsResult() {
        String issue = send("org_none", new IssueApiKey("key_x", "ci", List.of("read"), "hash-x"));

        CommandResult result = results.readValue();
        assertThat(result.getCommandId()).isEqualTo(issue);
        assertThat(result.getStatus()).isEqualTo(CommandStatus.NOT_FOUND);
        assertThat(organisations.isEmpty()).isTrue();
        assertThat(keys.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
    }

    private String send(String organisationId, Object payload) {
        String commandId = "cmd_" + ++commandIds;
        commands.pipeInput(organisationId, AccessCommand.newBuilder().setCommandId(commandId)
                .setOrganisationId(organisationId).setActorKeyId("key_operator")
                .setActorOrganisationId("org_operator").setIssuedAt(WALL_CLOCK).setPayload(payload).build());
        return commandId;
    }

    private void assertAccepted(String commandId, String aggregateId) {
        KeyValue<String, CommandResult> result = results.readKeyValue();
        assertThat(result.key).isEqualTo(commandId);
        assertThat(result.value.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.value.getAggregateId()).isEqualTo(aggregateId);
    }

    private static AccessEvent event(String commandId, String organisationId, Object payload) {
        return AccessEvent.newBuilder().setEventId("ignored").setOrganisationId(organisationId)
                .setActorKeyId("key_operator").setActorOrganisationId("org_operator").setOccurredAt(WALL_CLOCK)
                .setCommandId(commandId).setPayload(payload).build();
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
