package org.dynamocsms.schemas.charger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChargerPasswordsTest {

    private static final String PASSWORD = "s3cret-Passw0rd-16+";

    @Test
    void theHashMatchesOnlyItsPasswordAndNeverContainsIt() {
        String hash = ChargerPasswords.hash(PASSWORD);
        assertThat(hash).startsWith("pbkdf2-sha256$10000$").doesNotContain(PASSWORD);
        assertThat(ChargerPasswords.matches(PASSWORD, hash)).isTrue();
        assertThat(ChargerPasswords.matches(PASSWORD + "x", hash)).isFalse();
        assertThat(ChargerPasswords.matches(null, hash)).isFalse();
    }

    @Test
    void equalPasswordsGetDifferentSalts() {
        assertThat(ChargerPasswords.hash(PASSWORD)).isNotEqualTo(ChargerPasswords.hash(PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "sha256$1$a$b", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$0$AAAA$AAAA",
            "pbkdf2-sha256$1000$not base64!$AAAA", "pbkdf2-sha256$1000$AAAA"})
    void aMalformedStoredHashMatchesNothing(String stored) {
        assertThat(ChargerPasswords.matches(PASSWORD, stored)).isFalse();
    }

    @Test
    void passwordsAre16To40PrintableAsciiCharacters() {
        assertThat(ChargerPasswords.isValid("0123456789abcdef")).isTrue();
        assertThat(ChargerPasswords.isValid("0123456789abcdef0123456789abcdef01234567")).isTrue();
        assertThat(ChargerPasswords.isValid("0123456789abcde")).isFalse();
        assertThat(ChargerPasswords.isValid("0123456789abcdef0123456789abcdef012345678")).isFalse();
        assertThat(ChargerPasswords.isValid("0123456789abcdé€")).isFalse();
        assertThat(ChargerPasswords.isValid("0123456789abcde\n")).isFalse();
        assertThat(ChargerPasswords.isValid(null)).isFalse();
    }
}
