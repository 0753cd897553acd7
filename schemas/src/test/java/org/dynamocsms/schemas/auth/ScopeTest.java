package org.dynamocsms.schemas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void eachScopeImpliesTheOnesBeforeIt() {
        assertThat(Scope.READ.allows(Scope.READ)).isTrue();
        assertThat(Scope.READ.allows(Scope.WRITE)).isFalse();
        assertThat(Scope.READ.allows(Scope.OPERATOR)).isFalse();
        assertThat(Scope.WRITE.allows(Scope.READ)).isTrue();
        assertThat(Scope.WRITE.allows(Scope.WRITE)).isTrue();
        assertThat(Scope.WRITE.allows(Scope.OPERATOR)).isFalse();
        assertThat(Scope.OPERATOR.allows(Scope.READ)).isTrue();
        assertThat(Scope.OPERATOR.allows(Scope.WRITE)).isTrue();
        assertThat(Scope.OPERATOR.allows(Scope.OPERATOR)).isTrue();
    }

    @Test
    void aKeyMayDoWhatItsWidestScopeAllows() {
        assertThat(Scope.granted(List.of("read"))).contains(Scope.READ);
        assertThat(Scope.granted(List.of("read", "operator", "write"))).contains(Scope.OPERATOR);
        assertThat(Scope.granted(List.of("write", "unknown"))).contains(Scope.WRITE);
    }

    @Test
    void aKeyWithoutScopesKeepsWhatItCouldDoBeforeScopes() {
        assertThat(Scope.granted(List.of())).contains(Scope.WRITE);
    }

    @Test
    void aKeyNamingNoKnownScopeMayDoNothing() {
        assertThat(Scope.granted(List.of("admin", "READ"))).isEmpty();
    }

    @Test
    void namesAreTheLowerCaseOnesOfTheApi() {
        assertThat(Scope.NAMES).containsExactly("read", "write", "operator");
        assertThat(Scope.of("write")).contains(Scope.WRITE);
        assertThat(Scope.of("Write")).isEmpty();
        assertThat(ApiKeys.OPERATOR_SCOPE).isEqualTo("operator");
    }

    @Test
    void aKeyMadeBeforeIdsGetsAStableIdFromItsHash() {
        ApiKey legacy = ApiKeys.record("csk_legacy", "org_default", "old", List.of(), Instant.EPOCH);
        legacy.setKeyId("");
        assertThat(ApiKeys.keyId(legacy)).isEqualTo("key_" + ApiKeys.hash("csk_legacy").substring(0, 16))
                .isEqualTo(ApiKeys.keyId(ApiKey.newBuilder(legacy).build()));
    }

    @Test
    void aNewKeyHasItsOwnId() {
        ApiKey key = ApiKeys.record("csk_new", "org_default", "new", List.of("read"), Instant.EPOCH);
        assertThat(ApiKeys.keyId(key)).isEqualTo(key.getKeyId()).startsWith("key_").hasSize(30);
    }
}
