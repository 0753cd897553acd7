package org.dynamocsms.command.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetChanges;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.RecordEnergyAssetReading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyAssetRequestsTest {

    static final String ASSET = "asset_01J0000000000000000000000A";
    static final String CONTRACT_EXAMPLE = """
            {"type": "solar", "name": "Rooftop PV Array", "capacity_kw": 50,
             "metadata": {"manufacturer": "SunPower", "install_date": "2023-03-15"}}""";

    @Nested
    class Create {

        @Test
        void readsTheContractExample() throws Exception {
            EnergyAsset asset = create(CONTRACT_EXAMPLE);

            assertThat(asset.getAssetId()).isEqualTo(ASSET);
            assertThat(asset.getType()).isEqualTo(EnergyAssetType.solar);
            assertThat(asset.getName()).isEqualTo("Rooftop PV Array");
            assertThat(asset.getCapacityKw()).isEqualTo(50);
            assertThat(asset.getMetadata()).isEqualTo(Map.of("manufacturer", "SunPower",
                    "install_date", "2023-03-15"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"solar", "battery", "wind", "generator"})
        void acceptsEveryTypeOfTheContract(String type) throws Exception {
            assertThat(create("{\"type\": \"" + type + "\", \"name\": \"A\", \"capacity_kw\": 1}").getType().name())
                    .isEqualTo(type);
        }

        @Test
        void leavesMetadataEmptyWhenNotGiven() throws Exception {
            assertThat(create("{\"type\": \"wind\", \"name\": \"A\", \"capacity_kw\": 0.5}").getMetadata()).isEmpty();
            assertThat(create("{\"type\": \"wind\", \"name\": \"A\", \"capacity_kw\": 1, \"metadata\": null}")
                    .getMetadata()).isEmpty();
        }

        @Test
        void requiresTypeNameAndCapacity() {
            assertInvalid(() -> create("{}")).containsExactly(tuple("type", "is required"),
                    tuple("name", "is required"), tuple("capacity_kw", "is required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"nuclear\"", "\"Solar\"", "\"unknown\"", "\"\"", "3", "[\"solar\"]"})
        void answersAnUnknownTypeWithTheAllowedValues(String type) {
            assertInvalid(() -> create("{\"type\": " + type + ", \"name\": \"A\", \"capacity_kw\": 1}"))
                    .containsExactly(tuple("type", "must be one of solar, battery, wind, generator"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "1000000.1", "\"50\"", "1e400"})
        void rejectsACapacityThatIsNotAPositiveSaneNumber(String capacity) {
            assertInvalid(() -> create("{\"type\": \"solar\", \"name\": \"A\", \"capacity_kw\": " + capacity + "}"))
                    .singleElement().extracting(t -> t.toList().get(0)).isEqualTo("capacity_kw");
        }

        @Test
        void rejectsABlankOrTooLongName() {
            assertInvalid(() -> create("{\"type\": \"solar\", \"name\": \" \", \"capacity_kw\": 1}"))
                    .containsExactly(tuple("name", "must not be blank"));
            assertInvalid(() -> create("{\"type\": \"solar\", \"name\": \"" + "n".repeat(201)
                    + "\", \"capacity_kw\": 1}"))
                    .containsExactly(tuple("name", "must be at most 200 characters"));
        }

        @Test
        void acceptsMetadataAtItsLimits() throws Exception {
            String entries = IntStream.range(0, 50).mapToObj(i -> "\"" + "k".repeat(62) + String.format("%02d", i)
                    + "\": \"" + "v".repeat(512) + "\"").collect(Collectors.joining(", "));

            assertThat(create(withMetadata("{" + entries + "}")).getMetadata()).hasSize(50);
        }

        @Test
        void rejectsMetadataOverItsLimits() {
            String tooMany = IntStream.range(0, 51).mapToObj(i -> "\"k" + i + "\": \"v\"")
                    .collect(Collectors.joining(", ", "{", "}"));
            assertInvalid(() -> create(withMetadata(tooMany)))
                    .containsExactly(tuple("metadata", "must have at most 50 entries"));
            assertInvalid(() -> create(withMetadata("{\"" + "k".repeat(65) + "\": \"v\", \"\": \"v\"}")))
                    .containsExactly(tuple("metadata", "keys must be 1 to 64 characters"));
            assertInvalid(() -> create(withMetadata("{\"serial\": \"" + "v".repeat(513) + "\"}")))
                    .containsExactly(tuple("metadata", "value of \"serial\" must be at most 512 characters"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"SunPower\"", "7"})
        void rejectsMetadataThatIsNotAnObject(String metadata) {
            assertInvalid(() -> create(withMetadata(metadata)))
                    .containsExactly(tuple("metadata", "must be an object of strings"));
        }

        @Test
        void rejectsMetadataValuesThatAreNotStrings() {
            assertInvalid(() -> create(withMetadata("{\"panels\": 120, \"ok\": \"yes\", \"tags\": [\"a\"], "
                    + "\"none\": null}")))
                    .containsExactly(tuple("metadata", "value of \"panels\" must be a string"),
                            tuple("metadata", "value of \"tags\" must be a string"),
                            tuple("metadata", "value of \"none\" must be a string"));
        }

        @Test
        void rejectsTextThatCannotBeStored() {
            assertInvalid(() -> create("{\"type\": \"solar\", \"name\": \"PV\\u0000\", \"capacity_kw\": 1}"))
                    .containsExactly(tuple("name", "must not contain U+0000 (NUL)"));
            assertInvalid(() -> create(withMetadata("{\"make\": \"Sun\\u0000Power\", \"model\": \"\\ud83d\"}")))
                    .containsExactly(tuple("metadata", "value of \"make\" must not contain U+0000 (NUL)"),
                            tuple("metadata", "value of \"model\" must not contain the unpaired surrogate U+D83D"));
            assertInvalid(() -> create(withMetadata("{\"ma\\u0000ke\": \"SunPower\"}")))
                    .containsExactly(tuple("metadata", "keys must not contain U+0000 (NUL)"));
            assertInvalid(() -> create(withMetadata("{\"\\udc00\": \"SunPower\"}")))
                    .containsExactly(tuple("metadata", "keys must not contain the unpaired surrogate U+DC00"));
        }

        @Test
        void acceptsEmojiInTextAndMetadata() throws Exception {
            EnergyAsset asset = create(withMetadata("{\"\\ud83d\\udd0c\": \"\\ud83d\\udd0c\"}"));
            assertThat(asset.getMetadata()).containsEntry("\uD83D\uDD0C", "\uD83D\uDD0C");
        }

        @Test
        void rejectsUnknownFields() {
            assertInvalid(() -> create("{\"type\": \"solar\", \"name\": \"A\", \"capacity_kw\": 1, "
                    + "\"asset_id\": \"asset_x\", \"site_id\": \"site_x\"}"))
                    .containsExactly(tuple("asset_id", "is not a known field"),
                            tuple("site_id", "is not a known field"));
        }

        private static String withMetadata(String metadata) {
            return "{\"type\": \"solar\", \"name\": \"A\", \"capacity_kw\": 1, \"metadata\": " + metadata + "}";
        }

        private static EnergyAsset create(String body) throws JsonProcessingException {
            return EnergyAssetRequests.create(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)), ASSET);
        }
    }

    @Nested
    class Changes {

        @Test
        void readsTheContractExample() throws Exception {
            assertThat(changes("{\"capacity_kw\": 60}"))
                    .isEqualTo(EnergyAssetChanges.newBuilder().setCapacityKw(60.0).build());
        }

        @Test
        void readsEveryField() throws Exception {
            assertThat(changes(CONTRACT_EXAMPLE)).isEqualTo(EnergyAssetChanges.newBuilder()
                    .setType(EnergyAssetType.solar).setName("Rooftop PV Array").setCapacityKw(50.0)
                    .setMetadata(Map.of("manufacturer", "SunPower", "install_date", "2023-03-15")).build());
            assertThat(changes("{\"metadata\": {}}").getMetadata()).isEmpty();
        }

        @Test
        void needsAtLeastOneField() {
            assertThatThrownBy(() -> changes("{}"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo(
                                "Send at least one of the fields type, name, capacity_kw, metadata.");
                    });
        }

        @Test
        void rejectsExplicitNulls() {
            assertInvalid(() -> changes("{\"type\": null, \"name\": null, \"capacity_kw\": null, \"metadata\": null}"))
                    .containsExactly(tuple("type", "must not be null"), tuple("name", "must not be null"),
                            tuple("capacity_kw", "must not be null"), tuple("metadata", "must not be null"));
        }

        @Test
        void appliesTheCreateRulesToEachField() {
            assertInvalid(() -> changes("{\"type\": \"coal\", \"name\": \"\", \"capacity_kw\": -1, "
                    + "\"metadata\": {\"a\": 1}, \"colour\": \"red\"}"))
                    .containsExactly(tuple("colour", "is not a known field"),
                            tuple("type", "must be one of solar, battery, wind, generator"),
                            tuple("name", "must not be blank"), tuple("capacity_kw", "must be greater than 0"),
                            tuple("metadata", "value of \"a\" must be a string"));
        }

        private static EnergyAssetChanges changes(String body) throws JsonProcessingException {
            return EnergyAssetRequests.changes(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Nested
    class Reading {

        static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

        @Test
        void readsOutputAndMeasurementTime() throws Exception {
            assertThat(reading("{\"output_kw\": 22.1, \"measured_at\": \"2024-06-01T11:59:30Z\"}"))
                    .isEqualTo(new RecordEnergyAssetReading(ASSET, 22.1, Instant.parse("2024-06-01T11:59:30Z")));
        }

        @Test
        void acceptsAnyOffsetAndANegativeOutput() throws Exception {
            RecordEnergyAssetReading reading = reading("{\"output_kw\": -12, \"measured_at\": "
                    + "\"2024-06-01T13:04:00+01:00\"}");

            assertThat(reading.getOutputKw()).isEqualTo(-12);
            assertThat(reading.getMeasuredAt()).isEqualTo(Instant.parse("2024-06-01T12:04:00Z"));
        }

        @Test
        void requiresBothFields() {
            assertInvalid(() -> reading("{}")).containsExactly(tuple("output_kw", "is required"),
                    tuple("measured_at", "is required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2024-06-01T12:00:00\"", "\"2024-06-01\"", "\"yesterday\"", "1717243200",
                "\"2024-06-01T25:00:00Z\""})
        void rejectsATimeThatIsNotAnIsoInstantWithOffset(String measuredAt) {
            assertInvalid(() -> reading("{\"output_kw\": 1, \"measured_at\": " + measuredAt + "}"))
                    .containsExactly(tuple("measured_at",
                            "must be an ISO 8601 date-time with offset, e.g. 2024-06-01T10:15:00Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z",
                "-5000-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z", "0001-01-01T00:30:00+01:00"})
        void rejectsATimeOutsideTheYears0001To9999(String measuredAt) {
            assertInvalid(() -> reading("{\"output_kw\": 1, \"measured_at\": \"" + measuredAt + "\"}"))
                    .containsExactly(tuple("measured_at", "must be in the years 0001 to 9999"));
        }

        @Test
        void acceptsTheFirstMomentOfYear0001() throws Exception {
            assertThat(reading("{\"output_kw\": 1, \"measured_at\": \"0001-01-01T00:00:00Z\"}").getMeasuredAt())
                    .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        }

        @Test
        void allowsFiveMinutesOfClockDriftButNoMore() throws Exception {
            assertThat(reading("{\"output_kw\": 1, \"measured_at\": \"2024-06-01T12:05:00Z\"}")).isNotNull();
            assertInvalid(() -> reading("{\"output_kw\": 1, \"measured_at\": \"2024-06-01T12:05:00.001Z\"}"))
                    .containsExactly(tuple("measured_at", "must not be more than 5 minutes in the future"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"22\"", "null", "true", "1e400", "1000000.5"})
        void rejectsAnOutputThatIsNotASaneNumber(String output) {
            assertInvalid(() -> reading("{\"output_kw\": " + output + ", \"measured_at\": \"2024-06-01T12:00:00Z\"}"))
                    .singleElement().extracting(t -> t.toList().get(0)).isEqualTo("output_kw");
        }

        @Test
        void rejectsUnknownFields() {
            assertInvalid(() -> reading("{\"output_kw\": 1, \"measured_at\": \"2024-06-01T12:00:00Z\", "
                    + "\"asset_id\": \"x\"}"))
                    .containsExactly(tuple("asset_id", "is not a known field"));
        }

        private static RecordEnergyAssetReading reading(String body) throws JsonProcessingException {
            return EnergyAssetRequests.reading(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)), ASSET, NOW);
        }
    }
}
