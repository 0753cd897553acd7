package org.dynamocsms.command.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.dynamocsms.schemas.common.CommandStatus;
import org.junit.jupiter.api.Test;

class AccessDeciderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final String ACTOR = "key_operator";

    private final Map<String, Organisation> organisations = new HashMap<>();
    private final Map<String, ApiKey> keys = new HashMap<>();
    private final AccessDecider.Known known = new AccessDecider.Known() {
        @Override
        public Organisation organisation(String organisationId) {
            return organisations.get(organisationId);
        }

        @Override
        public boolean hasKeys(String organisationId) {
            return keys.values().stream().anyMatch(key -> key.getOrganisationId().equals(organisationId));
        }

        @Override
        public ApiKey key(String keyId) {
            return keys.get(keyId);
        }
    };

    @Test
    void createsAnOrganisationWithWhoCreatedIt() {
        AccessDecider.Decision decision = decide("org_new", new CreateOrganisation("Acme"));

        assertThat(decision.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(decision.result().getAggregateId()).isEqualTo("org_new");
        assertThat(decision.organisations()).singleElement().satisfies(org -> {
            assertThat(org.getName()).isEqualTo("Acme");
            assertThat(org.getCreatedAt()).isEqualTo(NOW);
            assertThat(org.getCreatedBy()).isEqualTo(ACTOR);
        });
        assertThat(decision.keys()).isEmpty();
        assertThat(decision.events()).singleElement().satisfies(event -> {
            assertEvent(event, "org_new");
            assertThat(event.getPayload()).isEqualTo(new OrganisationCreated("Acme"));
        });
    }

    @Test
    void anOrganisationIsNotCreatedTwiceNorWithABlankName() {
        organisations.put("org_new", organisation("org_new"));
        keys.put("key_1", key("key_1", "org_legacy", null));

        assertRefused(decide("org_new", new CreateOrganisation("Again")), CommandStatus.CONFLICT, "already exists");
        assertRefused(decide("org_legacy", new CreateOrganisation("Again")), CommandStatus.CONFLICT,
                "already exists");
        assertRefused(decide("org_other", new CreateOrganisation(" ")), CommandStatus.REJECTED, "name");
    }

    @Test
    void issuesAKeyByItsHashWithWhoIssuedIt() {
        organisations.put("org_a", organisation("org_a"));

        AccessDecider.Decision decision = decide("org_a",
                new IssueApiKey("key_new", "ci", List.of("read"), ApiKeys.hash("csk_secret")));

        assertThat(decision.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(decision.result().getAggregateId()).isEqualTo("key_new");
        assertThat(decision.keys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyId()).isEqualTo("key_new");
            assertThat(key.getKeyHash()).isEqualTo(ApiKeys.hash("csk_secret"));
            assertThat(key.getOrganisationId()).isEqualTo("org_a");
            assertThat(key.getScopes()).containsExactly("read");
            assertThat(key.getCreatedAt()).isEqualTo(NOW);
            assertThat(key.getCreatedBy()).isEqualTo(ACTOR);
            assertThat(key.getRevokedAt()).isNull();
        });
        assertThat(decision.events()).singleElement().satisfies(event -> {
            assertEvent(event, "org_a");
            assertThat(event.getPayload()).isEqualTo(new ApiKeyIssued("key_new", "ci", List.of("read")));
        });
    }

    @Test
    void anOrganisationThatOnlyHasKeysExists() {
        keys.put("key_1", key("key_1", "org_default", null));

        assertThat(decide("org_default", new IssueApiKey("key_2", "ci", List.of("write"), "h2")).result()
                .getStatus()).isEqualTo(CommandStatus.ACCEPTED);
    }

    @Test
    void refusesAKeyOfAnUnknownOrganisationABlankNameOrBadScopes() {
        organisations.put("org_a", organisation("org_a"));

        assertRefused(decide("org_none", new IssueApiKey("key_1", "ci", List.of("read"), "h")),
                CommandStatus.NOT_FOUND, "Organisation org_none does not exist.");
        assertRefused(decide("org_a", new IssueApiKey("key_1", "", List.of("read"), "h")),
                CommandStatus.REJECTED, "name");
        assertRefused(decide("org_a", new IssueApiKey("key_1", "ci", List.of(), "h")),
                CommandStatus.REJECTED, "scopes");
        assertRefused(decide("org_a", new IssueApiKey("key_1", "ci", List.of("read", "admin"), "h")),
                CommandStatus.REJECTED, "scopes");
    }

    @Test
    void rotationRevokesTheOldSecretAndKeepsIdNameAndScopes() {
        organisations.put("org_a", organisation("org_a"));
        ApiKey old = key("key_1", "org_a", null);
        keys.put("key_1", old);

        AccessDecider.Decision decision = decide("org_a", new RotateApiKey("key_1", "new-hash"));

        assertThat(decision.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(decision.keys()).hasSize(2);
        assertThat(decision.keys().get(0)).isEqualTo(ApiKey.newBuilder(old).setRevokedAt(NOW).build());
        assertThat(decision.keys().get(1)).isEqualTo(ApiKey.newBuilder(old).setKeyHash("new-hash").build());
        assertThat(decision.events()).singleElement().satisfies(event -> {
            assertEvent(event, "org_a");
            assertThat(event.getPayload()).isEqualTo(new ApiKeyRotated("key_1", "ci", List.of("read")));
        });
    }

    @Test
    void aKeyMadeBeforeIdsKeepsItsDerivedIdWhenRotated() {
        ApiKey legacy = key("", "org_default", null);
        String id = ApiKeys.keyId(legacy);
        keys.put(id, legacy);

        AccessDecider.Decision decision = decide("org_default", new RotateApiKey(id, "new-hash"));

        assertThat(decision.keys()).extracting(ApiKey::getKeyId).containsExactly(id, id);
    }

    @Test
    void revocationRevokesOnceAndIsIdempotent() {
        organisations.put("org_a", organisation("org_a"));
        ApiKey key = key("key_1", "org_a", null);
        keys.put("key_1", key);

        AccessDecider.Decision decision = decide("org_a", new RevokeApiKey("key_1"));

        assertThat(decision.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(decision.keys()).containsExactly(ApiKey.newBuilder(key).setRevokedAt(NOW).build());
        assertThat(decision.events()).singleElement().satisfies(event -> {
            assertEvent(event, "org_a");
            assertThat(event.getPayload()).isEqualTo(new ApiKeyRevoked("key_1", "ci", List.of("read")));
        });

        keys.put("key_1", decision.keys().get(0));
        AccessDecider.Decision again = decide("org_a", new RevokeApiKey("key_1"));
        assertThat(again.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(again.keys()).isEmpty();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aRevokedKeyIsNotRotated() {
        organisations.put("org_a", organisation("org_a"));
        keys.put("key_1", key("key_1", "org_a", NOW));

        assertRefused(decide("org_a", new RotateApiKey("key_1", "h")), CommandStatus.CONFLICT, "revoked");
    }

    @Test
    void anUnknownKeyOrAKeyOfAnotherOrganisationIsNotFound() {
        organisations.put("org_a", organisation("org_a"));
        organisations.put("org_b", organisation("org_b"));
        keys.put("key_b", key("key_b", "org_b", null));

        assertRefused(decide("org_a", new RevokeApiKey("key_none")), CommandStatus.NOT_FOUND,
                "API key key_none does not exist in organisation org_a.");
        assertRefused(decide("org_a", new RevokeApiKey("key_b")), CommandStatus.NOT_FOUND, "key_b");
        assertRefused(decide("org_a", new RotateApiKey("key_b", "h")), CommandStatus.NOT_FOUND, "key_b");
        assertRefused(decide("org_none", new RevokeApiKey("key_b")), CommandStatus.NOT_FOUND, "org_none");
    }

    private AccessDecider.Decision decide(String organisationId, Object payload) {
        AccessCommand command = AccessCommand.newBuilder().setCommandId("cmd_1").setOrganisationId(organisationId)
                .setActorKeyId(ACTOR).setActorOrganisationId("org_operator").setIssuedAt(NOW).setPayload(payload)
                .build();
        return AccessDecider.decide(known, command, NOW, () -> "evt_1");
    }

    private static void assertRefused(AccessDecider.Decision decision, CommandStatus status, String message) {
        assertThat(decision.result().getStatus()).isEqualTo(status);
        assertThat(decision.result().getMessage()).contains(message);
        assertThat(decision.organisations()).isEmpty();
        assertThat(decision.keys()).isEmpty();
        assertThat(decision.events()).isEmpty();
    }

    private static void assertEvent(AccessEvent event, String organisationId) {
        assertThat(event.getEventId()).isEqualTo("evt_1");
        assertThat(event.getOrganisationId()).isEqualTo(organisationId);
        assertThat(event.getActorKeyId()).isEqualTo(ACTOR);
        assertThat(event.getActorOrganisationId()).isEqualTo("org_operator");
        assertThat(event.getOccurredAt()).isEqualTo(NOW);
        assertThat(event.getCommandId()).isEqualTo("cmd_1");
    }

    private static Organisation organisation(String id) {
        return Organisation.newBuilder().setOrganisationId(id).setName(id).setCreatedAt(NOW).build();
    }

    private static ApiKey key(String keyId, String organisationId, Instant revokedAt) {
        return ApiKey.newBuilder().setKeyId(keyId).setKeyHash("hash-" + keyId + "-0123456789abcdef")
                .setOrganisationId(organisationId).setName("ci").setScopes(List.of("read"))
                .setCreatedAt(Instant.EPOCH).setRevokedAt(revokedAt).build();
    }
}
