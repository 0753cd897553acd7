package org.dynamocsms.command.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.charger.ChargerRequests.Registration;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChargerRequestsTest {

    static final String PASSWORD = "s3cret-Basic-Auth-pw";
    static final String ID_RULE = "must be 1 to 48 characters: letters, digits and * - _ = + @ . (not \".\" or \"..\")";

    @Test
    void readsAFullRegistrationAndHashesThePassword() throws Exception {
        Registration registration = registration("{\"charge_point_id\": \"CP-001\", \"vendor\": \"Alfen\", "
                + "\"model\": \"Eve Single Pro\", \"password\": \"" + PASSWORD + "\"}");

        assertThat(registration.chargePointId()).isEqualTo("CP-001");
        assertThat(registration.register().getVendor()).isEqualTo("Alfen");
        assertThat(registration.register().getModel()).isEqualTo("Eve Single Pro");
        String hash = registration.register().getPasswordHash();
        assertThat(hash).doesNotContain(PASSWORD).startsWith("pbkdf2-sha256$");
        assertThat(ChargerPasswords.matches(PASSWORD, hash)).isTrue();
        assertThat(registration.register().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void needsOnlyTheIdentity() throws Exception {
        Registration registration = registration("{\"charge_point_id\": \"a@b.c+d=e*f_g\", \"vendor\": null}");

        assertThat(registration.chargePointId()).isEqualTo("a@b.c+d=e*f_g");
        assertThat(registration.register().getVendor()).isNull();
        assertThat(registration.register().getModel()).isNull();
        assertThat(registration.register().getPasswordHash()).isNull();
    }

    @Test
    void acceptsTheBoundaries() throws Exception {
        Registration registration = registration("{\"charge_point_id\": \"" + "C".repeat(48) + "\", \"vendor\": \""
                + "v".repeat(20) + "\", \"model\": \"m\", \"password\": \"" + "p".repeat(40) + "\"}");

        assertThat(registration.chargePointId()).hasSize(48);
        assertThat(registration.register().getVendor()).hasSize(20);
    }

    @Test
    void requiresTheIdentity() {
        assertInvalid(() -> registration("{}")).containsExactly(tuple("charge_point_id", "is required"));
        assertInvalid(() -> registration("{\"charge_point_id\": null}"))
                .containsExactly(tuple("charge_point_id", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "CP 001", "CP/001", "CP:001", "CP?1", "CP#1", "%41", ".", "..", "caf\u00e9",
            "0123456789012345678901234567890123456789012345678"})
    void rejectsAnIdentityThatBreaksTheOcppRules(String id) {
        assertInvalid(() -> registration("{\"charge_point_id\": \"" + id + "\"}"))
                .containsExactly(tuple("charge_point_id", ID_RULE));
    }

    @Test
    void rejectsAnIdentityThatIsNotAString() {
        assertInvalid(() -> registration("{\"charge_point_id\": 1}"))
                .containsExactly(tuple("charge_point_id", "must be a string"));
    }

    @Test
    void rejectsVendorAndModelLongerThanOcppAllowsOrBlank() {
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP-1\", \"vendor\": \"" + "v".repeat(21)
                + "\", \"model\": \"  \"}"))
                .containsExactly(tuple("vendor", "must be at most 20 characters"),
                        tuple("model", "must not be blank"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "0123456789abcde", "0123456789012345678901234567890123456789x",
            "tab\\tin it 1234567", "caf\u00e9-caf\u00e9-caf\u00e9-caf\u00e9"})
    void rejectsAPasswordOutsideOcppsRuleWithoutEchoingIt(String password) {
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP-1\", \"password\": \"" + password + "\"}"))
                .containsExactly(tuple("password", "must be 16 to 40 printable ASCII characters"));
    }

    @Test
    void rejectsAVendorOrModelThatCannotBeStored() {
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP-1\", \"vendor\": \"Acme\\u0000\", "
                + "\"model\": \"X\\ud800\"}"))
                .containsExactly(tuple("vendor", "must not contain U+0000 (NUL)"),
                        tuple("model", "must not contain the unpaired surrogate U+D800"));
    }

    @Test
    void rejectsUnknownFieldsAndReportsEveryProblemAtOnce() {
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP 1\", \"password_hash\": \"x\", "
                + "\"password\": 7}"))
                .containsExactly(tuple("password_hash", "is not a known field"),
                        tuple("charge_point_id", ID_RULE),
                        tuple("password", "must be a string"));
    }

    private static Registration registration(String body) throws JsonProcessingException {
        return ChargerRequests.registration(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)));
    }
}
