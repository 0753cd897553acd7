package org.dynamocsms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.Organisation;
import org.junit.jupiter.api.Test;

class AccessStateTest {

    private final AccessState state = new AccessState();

    @Test
    void anOrganisationExistsOnceCreatedOrOnceItHasAKey() {
        Organisation created = Organisation.newBuilder().setOrganisationId("org_new").setName("New")
                .setCreatedAt(Instant.ofEpochSecond(20)).setCreatedBy("key_op").build();
        state.applyOrganisation("org_new", created);
        put(key("org_default", Instant.ofEpochSecond(10), null, ""));
        put(key("org_default", Instant.ofEpochSecond(5), null, ""));

        assertThat(state.organisations()).extracting(Organisation::getOrganisationId)
                .containsExactly("org_default", "org_new");
        assertThat(state.organisation("org_default")).hasValueSatisfying(org -> {
            assertThat(org.getName()).isEmpty();
            assertThat(org.getCreatedAt()).isEqualTo(Instant.ofEpochSecond(5));
            assertThat(org.getCreatedBy()).isNull();
        });
        assertThat(state.organisation("org_new")).contains(created);
        assertThat(state.organisation("org_none")).isEmpty();
    }

    @Test
    void aRotatedKeyIsShownByItsLiveSecretAndARevokedOneByItsLastRecord() {
        ApiKey old = key("org_a", Instant.ofEpochSecond(1), Instant.ofEpochSecond(2), "key_1");
        ApiKey rotated = key("org_a", Instant.ofEpochSecond(1), null, "key_1");
        ApiKey revokedFirst = key("org_a", Instant.ofEpochSecond(3), Instant.ofEpochSecond(4), "key_2");
        ApiKey revokedLast = key("org_a", Instant.ofEpochSecond(3), Instant.ofEpochSecond(6), "key_2");
        List.of(old, rotated, revokedLast, revokedFirst).forEach(this::put);
        put(key("org_b", Instant.ofEpochSecond(0), null, "key_3"));

        assertThat(state.keys("org_a")).containsExactly(rotated, revokedLast);
        assertThat(state.key("org_a", "key_2")).contains(revokedLast);
        assertThat(state.key("org_b", "key_2")).isEmpty();
    }

    @Test
    void aKeyMadeBeforeIdsIsListedByItsDerivedId() {
        ApiKey legacy = key("org_default", Instant.EPOCH, null, "");
        put(legacy);

        assertThat(state.key("org_default", ApiKeys.keyId(legacy))).contains(legacy);
    }

    @Test
    void aTombstoneForgetsTheRecord() {
        ApiKey key = key("org_a", Instant.EPOCH, null, "key_1");
        put(key);
        state.applyKey(key.getKeyHash(), null);

        assertThat(state.hasNoKeys()).isTrue();
        assertThat(state.organisations()).isEmpty();
    }

    private void put(ApiKey key) {
        state.applyKey(key.getKeyHash(), key);
    }

    private static ApiKey key(String organisationId, Instant createdAt, Instant revokedAt, String keyId) {
        ApiKey key = ApiKeys.record(ApiKeys.generate(), organisationId, "k", List.of("read"), createdAt);
        key.setRevokedAt(revokedAt);
        key.setKeyId(keyId);
        return key;
    }
}
