package org.dynamocsms.command.charger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.charger.ChargerRequests.Registration;
import org.dynamocsms.schemas.charger.ChangeChargerConnectors;
import org.dynamocsms.schemas.charger.ChargerConnector;
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
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP-1\", \"vendor\": \"" + "v".repeat(51)
                + "\", \"model\": \"  \"}"))
                .containsExactly(tuple("vendor", "must be at most 50 characters"),
                        tuple("model", "must not be blank"));
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP-1\", \"vendor\": \"" + "v".repeat(50)
                + "\", \"model\": \"" + "m".repeat(21) + "\"}"))
                .containsExactly(tuple("model", "must be at most 20 characters"));
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

    @Test
    void readsConnectorsInIdOrder() throws Exception {
        Registration registration = registration("{\"charge_point_id\": \"CP-1\", \"connectors\": ["
                + "{\"connector_id\": 2, \"type\": \"CCS2\", \"max_power_kw\": 150.5},"
                + "{\"connector_id\": 1, \"type\": \"Type2\", \"max_power_kw\": 22},"
                + "{\"connector_id\": 3, \"type\": \"GB/T\"}]}");

        assertThat(registration.register().getConnectors()).containsExactly(new ChargerConnector(1, "Type2", 22.0),
                new ChargerConnector(2, "CCS2", 150.5), new ChargerConnector(3, "GB/T", null));
        assertThat(registration("{\"charge_point_id\": \"CP-1\"}").register().getConnectors()).isEmpty();
        assertThat(registration("{\"charge_point_id\": \"CP-1\", \"connectors\": null}").register()
                .getConnectors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Type1", "Type2", "CCS", "CCS1", "CCS2", "CHAdeMO", "ChaoJi", "GB/T", "NACS"})
    void acceptsEveryTypeOfTheVocabulary(String type) throws Exception {
        assertThat(change("{\"connectors\": [{\"connector_id\": 1, \"type\": \"" + type + "\"}]}")
                .getConnectors()).containsExactly(new ChargerConnector(1, type, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"type2", "TYPE2", "Type 2", "CCS Combo 2", "Chademo", "GBT", "Tesla", "", "Schuko"})
    void refusesATypeOutsideTheVocabularyListingIt(String type) {
        assertInvalid(() -> change("{\"connectors\": [{\"connector_id\": 1, \"type\": \"" + type + "\"}]}"))
                .containsExactly(tuple("connectors[0].type",
                        "must be one of Type1, Type2, CCS, CCS1, CCS2, CHAdeMO, ChaoJi, GB/T, NACS"));
    }

    @Test
    void refusesDuplicateMissingOrUnnumberedConnectorIds() {
        assertInvalid(() -> change("{\"connectors\": [{\"connector_id\": 1, \"type\": \"Type2\"}, "
                + "{\"connector_id\": 1, \"type\": \"CCS\"}]}"))
                .containsExactly(tuple("connectors[1].connector_id", "must be unique: connector 1 is given twice"));
        assertInvalid(() -> change("{\"connectors\": [{\"connector_id\": 2, \"type\": \"Type2\"}]}"))
                .containsExactly(tuple("connectors[0].connector_id",
                        "must be between 1 and 1: a charger's connectors are numbered 1 to their number"));
        assertInvalid(() -> change("{\"connectors\": [{\"connector_id\": 0, \"type\": \"Type2\"}, "
                + "{\"type\": \"Type2\"}, {\"connector_id\": 1.5, \"type\": \"Type2\"}, "
                + "{\"connector_id\": \"1\", \"type\": \"Type2\"}, "
                + "{\"connector_id\": 4294967297, \"type\": \"Type2\"}]}"))
                .containsExactly(tuple("connectors[0].connector_id", "must be between 1 and 64"),
                        tuple("connectors[1].connector_id", "is required"),
                        tuple("connectors[2].connector_id", "must be a whole number"),
                        tuple("connectors[3].connector_id", "must be a whole number"),
                        tuple("connectors[4].connector_id", "must be between 1 and 64"));
    }

    @Test
    void refusesAPowerThatIsNotPositiveOrBeyondTheBoundOfEveryKilowattField() throws Exception {
        assertInvalid(() -> change("{\"connectors\": [{\"connector_id\": 1, \"type\": \"Type2\", "
                + "\"max_power_kw\": 0}, {\"connector_id\": 2, \"type\": \"CCS\", \"max_power_kw\": -7}, "
                + "{\"connector_id\": 3, \"type\": \"CCS\", \"max_power_kw\": 1000000.5}, "
                + "{\"connector_id\": 4, \"type\": \"CCS\", \"max_power_kw\": \"22\"}, "
                + "{\"connector_id\": 5, \"type\": \"CCS\", \"max_power_kw\": 1e999}]}"))
                .containsExactly(tuple("connectors[0].max_power_kw", "must be greater than 0"),
                        tuple("connectors[1].max_power_kw", "must be greater than 0"),
                        tuple("connectors[2].max_power_kw", "must be at most 1000000"),
                        tuple("connectors[3].max_power_kw", "must be a number"),
                        tuple("connectors[4].max_power_kw", "must be a finite number"));
        assertThat(change("{\"connectors\": [{\"connector_id\": 1, \"type\": \"CCS\", "
                + "\"max_power_kw\": 1000000}]}").getConnectors().get(0).getMaxPowerKw()).isEqualTo(1_000_000);
    }

    @Test
    void refusesConnectorsOfTheWrongShape() {
        assertInvalid(() -> change("{\"connectors\": {\"connector_id\": 1}}"))
                .containsExactly(tuple("connectors", "must be an array of objects"));
        assertInvalid(() -> change("{\"connectors\": [1, {\"connector_id\": 1, \"type\": \"CCS\", "
                + "\"status\": \"Available\"}]}"))
                .containsExactly(tuple("connectors[0]", "must be an object"),
                        tuple("connectors[1].status", "is not a known field"));
        StringBuilder many = new StringBuilder("{\"connectors\": [");
        for (int id = 1; id <= 65; id++) {
            many.append(id == 1 ? "" : ",").append("{\"connector_id\": ").append(id).append(", \"type\": \"CCS\"}");
        }
        assertInvalid(() -> change(many + "]}")).containsExactly(tuple("connectors", "must have at most 64 items"));
    }

    @Test
    void aChangeNeedsTheConnectorsAndNothingElse() throws Exception {
        assertInvalid(() -> change("{}")).containsExactly(tuple("connectors", "is required"));
        assertInvalid(() -> change("{\"connectors\": null}")).containsExactly(tuple("connectors", "is required"));
        assertInvalid(() -> change("{\"connectors\": [], \"vendor\": \"ABB\"}"))
                .containsExactly(tuple("vendor", "is not a known field"));
        assertThat(change("{\"connectors\": []}").getConnectors()).isEmpty();
    }

    @Test
    void reportsConnectorProblemsWithTheOtherFieldsOfARegistration() {
        assertInvalid(() -> registration("{\"charge_point_id\": \"CP 1\", \"connectors\": ["
                + "{\"connector_id\": 1, \"type\": \"Type3\"}]}"))
                .containsExactly(tuple("charge_point_id", ID_RULE),
                        tuple("connectors[0].type",
                                "must be one of Type1, Type2, CCS, CCS1, CCS2, CHAdeMO, ChaoJi, GB/T, NACS"));
    }

    private static ChangeChargerConnectors change(String body) throws JsonProcessingException {
        return ChargerRequests.change(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Registration registration(String body) throws JsonProcessingException {
        return ChargerRequests.registration(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)));
    }
}
