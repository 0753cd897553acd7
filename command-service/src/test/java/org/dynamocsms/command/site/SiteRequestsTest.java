package org.dynamocsms.command.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteDetails;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;

class SiteRequestsTest {

    private static final String CONTRACT_EXAMPLE = """
            {"name": "King Street Depot", "address": "14 King Street, Manchester, M2 6AQ",
             "max_power_kw": 150, "lat": 53.4808, "lng": -2.2426}""";

    @Nested
    class Create {

        @Test
        void readsTheContractExample() throws Exception {
            SiteDetails details = create(CONTRACT_EXAMPLE);

            assertThat(details).isEqualTo(SiteDetails.newBuilder().setName("King Street Depot")
                    .setAddress("14 King Street, Manchester, M2 6AQ").setMaxPowerKw(150).setLat(53.4808)
                    .setLng(-2.2426).build());
        }

        @Test
        void needsOnlyNameAndMaxPower() throws Exception {
            SiteDetails details = create("{\"name\": \"Depot\", \"max_power_kw\": 22.5}");

            assertThat(details.getName()).isEqualTo("Depot");
            assertThat(details.getMaxPowerKw()).isEqualTo(22.5);
            assertThat(details.getAddress()).isNull();
            assertThat(details.getLat()).isNull();
            assertThat(details.getLng()).isNull();
        }

        @Test
        void treatsNullOptionalFieldsAsLeftOut() throws Exception {
            SiteDetails details = create("{\"name\": \"Depot\", \"max_power_kw\": 1, \"address\": null, "
                    + "\"lat\": null, \"lng\": null}");

            assertThat(details.getAddress()).isNull();
            assertThat(details.getLat()).isNull();
        }

        @Test
        void acceptsTheBoundaries() throws Exception {
            SiteDetails details = create("{\"name\": \"" + "n".repeat(200) + "\", \"address\": \"" + "a".repeat(500)
                    + "\", \"max_power_kw\": 1000000, \"lat\": -90, \"lng\": 180}");

            assertThat(details.getMaxPowerKw()).isEqualTo(1_000_000);
            assertThat(details.getLat()).isEqualTo(-90);
            assertThat(details.getLng()).isEqualTo(180);
        }

        @Test
        void countsCharactersNotUtf16Units() throws Exception {
            String emoji = "\uD83D\uDD0C"; // one code point, two chars
            assertThat(create("{\"name\": \"" + emoji.repeat(200) + "\", \"max_power_kw\": 1}").getName())
                    .hasSize(400);
        }

        @Test
        void requiresNameAndMaxPower() {
            assertInvalid(() -> create("{}"))
                    .containsExactly(tuple("name", "is required"), tuple("max_power_kw", "is required"));
        }

        @Test
        void requiresNameAndMaxPowerNotToBeNull() {
            assertInvalid(() -> create("{\"name\": null, \"max_power_kw\": null}"))
                    .containsExactly(tuple("name", "is required"), tuple("max_power_kw", "is required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\"", "\"   \"", "\"\\t\\n\""})
        void rejectsABlankName(String name) {
            assertInvalid(() -> create("{\"name\": " + name + ", \"max_power_kw\": 150}"))
                    .containsExactly(tuple("name", "must not be blank"));
        }

        @Test
        void rejectsTextThatCannotBeStored() {
            assertInvalid(() -> create("{\"name\": \"a\\u0000b\", \"address\": \"a\\ud800\", \"max_power_kw\": 1}"))
                    .containsExactly(tuple("name", "must not contain U+0000 (NUL)"),
                            tuple("address", "must not contain the unpaired surrogate U+D800"));
            assertInvalid(() -> create("{\"name\": \"\\udc00 depot\", \"max_power_kw\": 1}"))
                    .containsExactly(tuple("name", "must not contain the unpaired surrogate U+DC00"));
        }

        @Test
        void rejectsTooLongTexts() {
            assertInvalid(() -> create("{\"name\": \"" + "n".repeat(201) + "\", \"address\": \"" + "a".repeat(501)
                    + "\", \"max_power_kw\": 150}"))
                    .containsExactly(tuple("name", "must be at most 200 characters"),
                            tuple("address", "must be at most 500 characters"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "-0.001", "0.0"})
        void rejectsAMaxPowerThatIsNotPositive(String power) {
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": " + power + "}"))
                    .containsExactly(tuple("max_power_kw", "must be greater than 0"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1000000.5", "1e12", "99999999999999999999999999"})
        void rejectsAnAbsurdMaxPower(String power) {
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": " + power + "}"))
                    .containsExactly(tuple("max_power_kw", "must be at most 1000000"));
        }

        @Test
        void rejectsANumberTooLargeForADouble() {
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": 1e400}"))
                    .containsExactly(tuple("max_power_kw", "must be a finite number"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "lat | 90.0001 | -2 | lat | must be between -90 and 90",
                "lat | -90.5 | -2 | lat | must be between -90 and 90",
                "lng | 180.1 | 53 | lng | must be between -180 and 180",
                "lng | -181 | 53 | lng | must be between -180 and 180"})
        void rejectsCoordinatesOutOfRange(String field, String value, String other, String errorField,
                                          String detail) {
            String otherField = field.equals("lat") ? "lng" : "lat";
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": 1, \"" + field + "\": " + value
                    + ", \"" + otherField + "\": " + other + "}"))
                    .containsExactly(tuple(errorField, detail));
        }

        @Test
        void needsBothCoordinatesOrNeither() {
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": 1, \"lat\": 53}"))
                    .containsExactly(tuple("lng", "is required when lat is given"));
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": 1, \"lng\": 2, \"lat\": null}"))
                    .containsExactly(tuple("lat", "is required when lng is given"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"abc\"", "\"150\"", "true", "[150]", "{\"kw\": 150}"})
        void rejectsAMaxPowerThatIsNotANumber(String power) {
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": " + power + "}"))
                    .containsExactly(tuple("max_power_kw", "must be a number"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "true", "[\"Depot\"]", "{\"text\": \"Depot\"}"})
        void rejectsANameThatIsNotAString(String name) {
            assertInvalid(() -> create("{\"name\": " + name + ", \"max_power_kw\": 1}"))
                    .containsExactly(tuple("name", "must be a string"));
        }

        @Test
        void rejectsUnknownFields() {
            assertInvalid(() -> create("{\"name\": \"Depot\", \"max_power_kw\": 1, \"site_id\": \"site_x\", "
                    + "\"maxPowerKw\": 3}"))
                    .containsExactly(tuple("site_id", "is not a known field"),
                            tuple("maxPowerKw", "is not a known field"));
        }

        @Test
        void reportsEveryInvalidFieldAtOnce() {
            assertInvalid(() -> create("{\"name\": \" \", \"address\": 7, \"max_power_kw\": \"abc\", "
                    + "\"lat\": 91, \"lng\": true, \"colour\": \"red\"}"))
                    .containsExactly(tuple("colour", "is not a known field"),
                            tuple("name", "must not be blank"),
                            tuple("address", "must be a string"),
                            tuple("max_power_kw", "must be a number"),
                            tuple("lat", "must be between -90 and 90"),
                            tuple("lng", "must be a number"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"site\"", "42", "null", "", "   "})
        void needsAJsonObject(String body) {
            assertThatThrownBy(() -> create(body))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo("The request body must be a JSON object.");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{\"name\": }", "{\"name\": \"a\",}", "{'name': 'a'}",
                "{\"name\": \"a\"} {}", "{\"name\": \"a\", \"name\": \"b\", \"max_power_kw\": 1}",
                "{\"name\": \"a\", \"max_power_kw\": NaN}"})
        void rejectsMalformedJson(String body) {
            assertThatThrownBy(() -> create(body)).isInstanceOf(JsonProcessingException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ff", "c3", "c080", "eda080", "f4908080"}) // not UTF-8, cut short, overlong, a surrogate, beyond U+10FFFF
        void rejectsABodyThatIsNotUtf8(String hex) {
            byte[] start = "{\"name\": \"a".getBytes(StandardCharsets.UTF_8);
            byte[] bad = HexFormat.of().parseHex(hex);
            byte[] end = "\", \"max_power_kw\": 1}".getBytes(StandardCharsets.UTF_8);
            ByteBuffer body = ByteBuffer.allocate(start.length + bad.length + end.length).put(start).put(bad).put(end);

            assertThatThrownBy(() -> SiteRequests.create(RequestFields.parse(body.array())))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.problem().title()).isEqualTo("Malformed JSON");
                        assertThat(e.getMessage()).isEqualTo("The request body is not valid UTF-8.");
                    });
        }

        @Test
        void rejectsAnOversizedBody() {
            String body = "{\"name\": \"Depot\", \"max_power_kw\": 1, \"address\": \""
                    + "a".repeat(RequestFields.MAX_BODY_CHARS) + "\"}";
            assertThatThrownBy(() -> create(body))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("at most 65536 characters");
                    });
        }

        private SiteDetails create(String body) throws JsonProcessingException {
            return SiteRequests.create(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class Changes {

        @Test
        void readsTheContractExample() throws Exception {
            SiteChanges changes = changes("{\"max_power_kw\": 200}");

            assertThat(changes).isEqualTo(SiteChanges.newBuilder().setMaxPowerKw(200.0).build());
        }

        @Test
        void readsEveryField() throws Exception {
            SiteChanges changes = changes(CONTRACT_EXAMPLE);

            assertThat(changes).isEqualTo(SiteChanges.newBuilder().setName("King Street Depot")
                    .setAddress("14 King Street, Manchester, M2 6AQ").setMaxPowerKw(150.0).setLat(53.4808)
                    .setLng(-2.2426).build());
        }

        @Test
        void allowsOneCoordinateAlone() throws Exception {
            assertThat(changes("{\"lat\": 10}").getLat()).isEqualTo(10);
        }

        @Test
        void needsAtLeastOneField() {
            assertThatThrownBy(() -> changes("{}"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("at least one", "max_power_kw");
                    });
        }

        @Test
        void rejectsExplicitNulls() {
            assertInvalid(() -> changes("{\"name\": null, \"address\": null, \"max_power_kw\": null, "
                    + "\"lat\": null, \"lng\": null}"))
                    .containsExactly(tuple("name", "must not be null"), tuple("address", "must not be null"),
                            tuple("max_power_kw", "must not be null"), tuple("lat", "must not be null"),
                            tuple("lng", "must not be null"));
        }

        @Test
        void rejectsTextThatCannotBeStored() {
            assertInvalid(() -> changes("{\"name\": \"Depot\\u0000\", \"address\": \"\\udfff\"}"))
                    .containsExactly(tuple("name", "must not contain U+0000 (NUL)"),
                            tuple("address", "must not contain the unpaired surrogate U+DFFF"));
        }

        @Test
        void appliesTheCreateRulesToEachField() {
            assertInvalid(() -> changes("{\"name\": \"\", \"address\": \"" + "a".repeat(501) + "\", "
                    + "\"max_power_kw\": -5, \"lat\": \"north\", \"lng\": 200}"))
                    .containsExactly(tuple("name", "must not be blank"),
                            tuple("address", "must be at most 500 characters"),
                            tuple("max_power_kw", "must be greater than 0"),
                            tuple("lat", "must be a number"),
                            tuple("lng", "must be between -180 and 180"));
        }

        @Test
        void rejectsUnknownFields() {
            assertInvalid(() -> changes("{\"created_at\": \"2024-06-01T09:00:00Z\"}"))
                    .containsExactly(tuple("created_at", "is not a known field"));
        }

        @Test
        void needsAJsonObject() {
            assertThatThrownBy(() -> changes("[{\"name\": \"x\"}]"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }

        private SiteChanges changes(String body) throws JsonProcessingException {
            return SiteRequests.changes(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
