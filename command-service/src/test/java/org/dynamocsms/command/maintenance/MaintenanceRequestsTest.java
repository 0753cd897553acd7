package org.dynamocsms.command.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RequestAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.RecordMaintenance;
import org.dynamocsms.schemas.maintenance.UpdateMaintenance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaintenanceRequestsTest {

    static final Instant NOW = Instant.parse("2024-07-20T12:00:00Z");
    static final String DATE_RULE = "must be an ISO 8601 date-time with offset, e.g. 2024-06-01T10:15:00Z";
    static final String CONTRACT_EXAMPLE = """
            {"type": "scheduled", "description": "Quarterly inspection and connector cleaning",
             "scheduled_at": "2024-07-20T09:00:00Z", "technician": "J. Smith"}""";

    @Nested
    class Record {

        @Test
        void readsTheContractExample() throws Exception {
            assertThat(record(CONTRACT_EXAMPLE)).isEqualTo(RecordMaintenance.newBuilder()
                    .setType(MaintenanceType.scheduled).setDescription("Quarterly inspection and connector cleaning")
                    .setScheduledAt(Instant.parse("2024-07-20T09:00:00Z")).setTechnician("J. Smith").build());
        }

        @Test
        void readsEveryFieldAndAnyOffset() throws Exception {
            RecordMaintenance record = record("""
                    {"type": "reactive", "description": "Connector 2 stuck",
                     "scheduled_at": "2024-07-20T10:00:00+02:00", "completed_at": "2024-07-20T11:30:00Z", "technician": "A. Jones", "notes": ""}""");

            assertThat(record.getType()).isEqualTo(MaintenanceType.reactive);
            assertThat(record.getScheduledAt()).isEqualTo(Instant.parse("2024-07-20T08:00:00Z")); // 10:00+02:00
            assertThat(record.getCompletedAt()).isEqualTo(Instant.parse("2024-07-20T11:30:00Z"));
            assertThat(record.getNotes()).isEmpty();
        }

        @Test
        void leavesOptionalFieldsNullWhenLeftOutOrNull() throws Exception {
            RecordMaintenance record = record("{\"type\": \"inspection\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"completed_at\": null, \"description\": null}");

            assertThat(record.getType()).isEqualTo(MaintenanceType.inspection);
            assertThat(record.getDescription()).isNull();
            assertThat(record.getCompletedAt()).isNull();
            assertThat(record.getTechnician()).isNull();
            assertThat(record.getNotes()).isNull();
        }

        @Test
        void requiresTypeAndScheduledAt() {
            assertInvalid(() -> record("{}")).containsExactly(tuple("type", "is required"),
                    tuple("scheduled_at", "is required"));
            assertInvalid(() -> record("{\"type\": null, \"scheduled_at\": null}"))
                    .containsExactly(tuple("type", "is required"), tuple("scheduled_at", "is required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"planned\"", "\"Scheduled\"", "\"\"", "1", "[\"scheduled\"]"})
        void answersAnUnknownTypeWithTheAllowedValues(String type) {
            assertInvalid(() -> record("{\"type\": " + type + ", \"scheduled_at\": \"2024-07-20T09:00:00Z\"}"))
                    .containsExactly(tuple("type", "must be one of scheduled, reactive, inspection"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2024-07-20T09:00:00\"", "\"2024-07-20\"", "\"soon\"", "1721466000",
                "\"2024-07-20T25:00:00Z\""})
        void rejectsDatesThatAreNotIsoInstantsWithOffset(String date) {
            assertInvalid(() -> record("{\"type\": \"scheduled\", \"scheduled_at\": " + date + "}"))
                    .containsExactly(tuple("scheduled_at", DATE_RULE));
            assertInvalid(() -> record("{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"completed_at\": " + date + "}"))
                    .containsExactly(tuple("completed_at", DATE_RULE));
        }

        @Test
        void rejectsACompletionBeforeTheSchedule() throws Exception {
            assertInvalid(() -> record("{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"completed_at\": \"2024-07-20T08:59:59.999Z\"}"))
                    .containsExactly(tuple("completed_at", "must not be before scheduled_at"));
            // 10:00+01:00 is 09:00Z: a window that closes as it opens
            assertThat(record("{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"completed_at\": \"2024-07-20T10:00:00+01:00\"}").getCompletedAt())
                    .isEqualTo(Instant.parse("2024-07-20T09:00:00Z"));
        }

        @Test
        void allowsACompletionFiveMinutesAheadForClockDriftButNoMore() throws Exception {
            // NOW is 12:00:00Z, so 12:05:00Z is the latest completion
            assertThat(record("{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"completed_at\": \"2024-07-20T12:05:00Z\"}").getCompletedAt()).isNotNull();
            assertInvalid(() -> record("{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"completed_at\": \"2024-07-20T12:05:00.001Z\"}"))
                    .containsExactly(tuple("completed_at", "must not be more than 5 minutes in the future"));
        }

        @Test
        void allowsAScheduleInTheFuture() throws Exception {
            assertThat(record("{\"type\": \"scheduled\", \"scheduled_at\": \"2030-01-01T00:00:00Z\"}")
                    .getScheduledAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        }

        @Test
        void rejectsBlankOrOverLongOrNonStringTexts() {
            assertInvalid(() -> record(withTexts("\" \"", "\" \"", "\" \"")))
                    .containsExactly(tuple("description", "must not be blank"),
                            tuple("technician", "must not be blank"));
            assertInvalid(() -> record(withTexts("\"" + "d".repeat(501) + "\"", "\"" + "t".repeat(201) + "\"",
                    "\"" + "n".repeat(4001) + "\"")))
                    .containsExactly(tuple("description", "must be at most 500 characters"),
                            tuple("technician", "must be at most 200 characters"),
                            tuple("notes", "must be at most 4000 characters"));
            assertInvalid(() -> record(withTexts("7", "true", "[\"n\"]")))
                    .containsExactly(tuple("description", "must be a string"), tuple("technician", "must be a string"),
                            tuple("notes", "must be a string"));
        }

        @Test
        void acceptsTextsAtTheirLimits() throws Exception {
            RecordMaintenance record = record(withTexts("\"" + "d".repeat(500) + "\"", "\"" + "t".repeat(200) + "\"",
                    "\"" + "n".repeat(4000) + "\""));

            assertThat(record.getDescription()).hasSize(500);
            assertThat(record.getTechnician()).hasSize(200);
            assertThat(record.getNotes()).hasSize(4000);
        }

        @Test
        void rejectsUnknownFields() {
            assertInvalid(() -> record("{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", "
                    + "\"event_id\": \"mnt_x\", \"charge_point_id\": \"CP-001\"}"))
                    .containsExactly(tuple("event_id", "is not a known field"),
                            tuple("charge_point_id", "is not a known field"));
        }

        @Test
        void rejectsTextThatCannotBeStored() {
            assertInvalid(() -> record(withTexts("\"a\\u0000\"", "\"\\ud800\"", "\"notes\\u0000\"")))
                    .containsExactly(tuple("description", "must not contain U+0000 (NUL)"),
                            tuple("technician", "must not contain the unpaired surrogate U+D800"),
                            tuple("notes", "must not contain U+0000 (NUL)"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z",
                "-5000-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z"})
        void rejectsTimesOutsideTheYears0001To9999(String at) {
            assertInvalid(() -> record("{\"type\": \"scheduled\", \"scheduled_at\": \"" + at + "\", "
                    + "\"completed_at\": \"" + at + "\"}"))
                    .containsExactly(tuple("scheduled_at", "must be in the years 0001 to 9999"),
                            tuple("completed_at", "must be in the years 0001 to 9999"));
        }

        @Test
        void acceptsTheLastMomentOfYear9999ForASchedule() throws Exception {
            assertThat(record("{\"type\": \"scheduled\", \"scheduled_at\": \"9999-12-31T23:59:59.999Z\"}")
                    .getScheduledAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
        }

        @Test
        void namesEveryInvalidFieldAtOnce() {
            assertInvalid(() -> record("{\"type\": \"planned\", \"scheduled_at\": \"tomorrow\", "
                    + "\"completed_at\": \"2099-01-01T00:00:00Z\", \"colour\": \"red\"}"))
                    .containsExactly(tuple("colour", "is not a known field"),
                            tuple("type", "must be one of scheduled, reactive, inspection"),
                            tuple("scheduled_at", DATE_RULE),
                            tuple("completed_at", "must not be more than 5 minutes in the future"));
        }

        private static String withTexts(String description, String technician, String notes) {
            return "{\"type\": \"scheduled\", \"scheduled_at\": \"2024-07-20T09:00:00Z\", \"description\": "
                    + description + ", \"technician\": " + technician + ", \"notes\": " + notes + "}";
        }

        private static RecordMaintenance record(String body) throws JsonProcessingException {
            return MaintenanceRequests.record(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)), NOW);
        }
    }

    @Nested
    class Update {

        @Test
        void readsTheGivenFieldsOnly() throws Exception {
            assertThat(update("{\"completed_at\": \"2024-07-20T11:30:00Z\", \"notes\": \"Seal replaced\"}"))
                    .isEqualTo(UpdateMaintenance.newBuilder().setCompletedAt(Instant.parse("2024-07-20T11:30:00Z"))
                            .setNotes("Seal replaced").build());
            assertThat(update("{\"description\": \"Inspection\", \"technician\": \"A. Jones\"}"))
                    .isEqualTo(UpdateMaintenance.newBuilder().setDescription("Inspection").setTechnician("A. Jones")
                            .build());
        }

        @Test
        void needsAtLeastOneField() {
            assertThatThrownBy(() -> update("{}"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo(
                                "Send at least one of the fields description, completed_at, technician, notes.");
                    });
        }

        @Test
        void rejectsExplicitNulls() {
            assertInvalid(() -> update("{\"description\": null, \"completed_at\": null, \"technician\": null, "
                    + "\"notes\": null}"))
                    .containsExactly(tuple("description", "must not be null"),
                            tuple("completed_at", "must not be null"), tuple("technician", "must not be null"),
                            tuple("notes", "must not be null"));
        }

        @Test
        void refusesToChangeTheTypeOrTheSchedule() {
            assertInvalid(() -> update("{\"type\": \"reactive\", \"scheduled_at\": \"2024-07-21T09:00:00Z\", "
                    + "\"notes\": \"moved\"}"))
                    .containsExactly(tuple("type", "cannot be changed; record a new maintenance event instead"),
                            tuple("scheduled_at", "cannot be changed; record a new maintenance event instead"));
        }

        @Test
        void appliesTheRecordRulesToEachField() {
            assertInvalid(() -> update("{\"description\": \"\", \"completed_at\": \"2024-07-20\", "
                    + "\"technician\": \"" + "t".repeat(201) + "\", \"notes\": 5, \"colour\": \"red\"}"))
                    .containsExactly(tuple("colour", "is not a known field"), tuple("description", "must not be blank"),
                            tuple("completed_at", DATE_RULE), tuple("technician", "must be at most 200 characters"),
                            tuple("notes", "must be a string"));
            assertInvalid(() -> update("{\"completed_at\": \"2024-07-20T12:05:00.001Z\"}"))
                    .containsExactly(tuple("completed_at", "must not be more than 5 minutes in the future"));
        }

        @Test
        void rejectsTextAndTimesThatCannotBeStored() {
            assertInvalid(() -> update("{\"notes\": \"\\u0000\", \"completed_at\": \"-999999999-01-01T00:00:00Z\"}"))
                    .containsExactly(tuple("completed_at", "must be in the years 0001 to 9999"),
                            tuple("notes", "must not contain U+0000 (NUL)"));
        }

        @Test
        void allowsEmptyNotes() throws Exception {
            assertThat(update("{\"notes\": \"\"}").getNotes()).isEmpty();
        }

        private static UpdateMaintenance update(String body) throws JsonProcessingException {
            return MaintenanceRequests.update(RequestFields.parse(body.getBytes(StandardCharsets.UTF_8)), NOW);
        }
    }
}
