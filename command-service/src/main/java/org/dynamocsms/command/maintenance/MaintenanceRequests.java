package org.dynamocsms.command.maintenance;

import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL;
import static org.dynamocsms.command.RequestFields.Presence.OPTIONAL_NOT_NULL;
import static org.dynamocsms.command.RequestFields.Presence.REQUIRED;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.RequestFields.Presence;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.RecordMaintenance;
import org.dynamocsms.schemas.maintenance.UpdateMaintenance;

/** The shape of the maintenance request bodies, checked before any command. */
public final class MaintenanceRequests {

    static final String TYPE = "type";
    static final String DESCRIPTION = "description";
    static final String SCHEDULED_AT = "scheduled_at";
    static final String COMPLETED_AT = "completed_at";
    static final String TECHNICIAN = "technician";
    static final String NOTES = "notes";
    static final List<String> FIELDS = List.of(TYPE, DESCRIPTION, SCHEDULED_AT, COMPLETED_AT, TECHNICIAN, NOTES);
    static final List<String> UPDATE_FIELDS = List.of(DESCRIPTION, COMPLETED_AT, TECHNICIAN, NOTES);

    static final List<String> TYPES = Arrays.stream(MaintenanceType.values()).map(Enum::name).toList();
    static final int DESCRIPTION_MAX_LENGTH = 500;
    static final int TECHNICIAN_MAX_LENGTH = 200;
    static final int NOTES_MAX_LENGTH = 4000;
    /** Clocks drift; a completion further ahead than this is a clock or time-zone mistake, not a fact. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private MaintenanceRequests() {
    }

    /**
     * The maintenance event of a {@code POST .../maintenance} body, or a 400 naming every invalid field: type and
     * scheduled_at required, completed_at (if given) neither before scheduled_at nor in the future.
     */
    public static RecordMaintenance record(JsonNode body, Instant now) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        String type = fields.oneOf(TYPE, REQUIRED, TYPES);
        String description = fields.text(DESCRIPTION, OPTIONAL, DESCRIPTION_MAX_LENGTH, false);
        Instant scheduledAt = fields.instant(SCHEDULED_AT, REQUIRED);
        Instant completedAt = completedAt(fields, OPTIONAL, now);
        if (scheduledAt != null && completedAt != null && completedAt.isBefore(scheduledAt)) {
            fields.reject(COMPLETED_AT, "must not be before scheduled_at");
        }
        String technician = fields.text(TECHNICIAN, OPTIONAL, TECHNICIAN_MAX_LENGTH, false);
        String notes = fields.text(NOTES, OPTIONAL, NOTES_MAX_LENGTH, true);
        fields.throwIfInvalid();
        return RecordMaintenance.newBuilder()
                .setType(MaintenanceType.valueOf(type))
                .setDescription(description)
                .setScheduledAt(scheduledAt)
                .setCompletedAt(completedAt)
                .setTechnician(technician)
                .setNotes(notes)
                .build();
    }

    /**
     * The update of a {@code PATCH .../maintenance/{event_id}} body: only the fields present change, none may be
     * null, at least one must be given. type and scheduled_at cannot change: they say what the window is. Whether
     * completed_at falls before the stored scheduled_at is for the decider to say.
     */
    public static UpdateMaintenance update(JsonNode body, Instant now) {
        RequestFields fields = RequestFields.of(body, FIELDS);
        if (fields.isEmpty()) {
            throw new ProblemException(400, "Invalid request",
                    "Send at least one of the fields " + String.join(", ", UPDATE_FIELDS) + ".");
        }
        for (String fixed : List.of(TYPE, SCHEDULED_AT)) {
            if (body.has(fixed)) {
                fields.reject(fixed, "cannot be changed; record a new maintenance event instead");
            }
        }
        String description = fields.text(DESCRIPTION, OPTIONAL_NOT_NULL, DESCRIPTION_MAX_LENGTH, false);
        Instant completedAt = completedAt(fields, OPTIONAL_NOT_NULL, now);
        String technician = fields.text(TECHNICIAN, OPTIONAL_NOT_NULL, TECHNICIAN_MAX_LENGTH, false);
        String notes = fields.text(NOTES, OPTIONAL_NOT_NULL, NOTES_MAX_LENGTH, true);
        fields.throwIfInvalid();
        return new UpdateMaintenance(description, completedAt, technician, notes);
    }

    private static Instant completedAt(RequestFields fields, Presence presence, Instant now) {
        Instant completedAt = fields.instant(COMPLETED_AT, presence);
        if (completedAt != null && completedAt.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            return fields.reject(COMPLETED_AT, "must not be more than " + MAX_CLOCK_AHEAD.toMinutes()
                    + " minutes in the future");
        }
        return completedAt;
    }
}
