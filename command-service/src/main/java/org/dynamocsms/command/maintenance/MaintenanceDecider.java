package org.dynamocsms.command.maintenance;

import static org.dynamocsms.command.DecisionDraft.about;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.DecisionDraft;
import org.dynamocsms.command.RegistryView;
import org.dynamocsms.command.charger.ChargerDecider;
import org.dynamocsms.command.site.SiteDecider;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceRecorded;
import org.dynamocsms.schemas.maintenance.MaintenanceUpdated;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.maintenance.MaintenanceViews;
import org.dynamocsms.schemas.maintenance.RecordMaintenance;
import org.dynamocsms.schemas.maintenance.UpdateMaintenance;

/**
 * Decides a maintenance command (record, update) against the organisation's registry. A maintenance event belongs
 * to one charger of the organisation; while that charger is not in the fleet (never registered, another
 * organisation's, decommissioned) its maintenance is not found, like the charger itself. Pure: the same registry,
 * command, time and event ids always give the same decision.
 */
public final class MaintenanceDecider {

    private MaintenanceDecider() {
    }

    /**
     * @param now      when the decision is made (the events' recorded_at and the result's decided_at)
     * @param eventIds a new event id on every call
     */
    public static Decision decide(RegistryView registry, MaintenanceCommand command, Instant now,
                                  Supplier<String> eventIds) {
        DecisionDraft draft = DecisionDraft.of(registry, command, now, eventIds);
        String chargePointId = command.getChargePointId();
        if (!ChargerDecider.isRegisteredIn(command.getOrganisationId(), draft.charger(chargePointId))) {
            return draft.refuse(CommandStatus.NOT_FOUND, ChargerDecider.chargerNotFound(chargePointId), 0);
        }
        Object payload = command.getPayload();
        if (payload instanceof RecordMaintenance record) {
            return record(draft, command, record);
        }
        if (payload instanceof UpdateMaintenance update) {
            return update(draft, command, update);
        }
        throw new IllegalArgumentException("Unknown maintenance command payload " + payload);
    }

    /** A refusal that changes nothing, for a command whose decision failed unexpectedly. */
    public static Decision undecidable(MaintenanceCommand command, Instant now) {
        return DecisionDraft.of(null, command, now, null).refuse(CommandStatus.REJECTED, Decision.UNDECIDABLE, 0);
    }

    public static String maintenanceNotFound(String maintenanceId) {
        return "Maintenance event " + maintenanceId + " does not exist.";
    }

    static String completedBeforeScheduled(Instant scheduledAt) {
        return "completed_at must not be before scheduled_at (" + scheduledAt + ").";
    }

    /**
     * Records a new maintenance event. Its id is a new ULID, or derived from an Idempotency-Key: an id that exists
     * already is a repeated request, answered with the first result if it asks for the same as the first did.
     */
    private static Decision record(DecisionDraft draft, MaintenanceCommand command, RecordMaintenance record) {
        String maintenanceId = command.getMaintenanceId();
        MaintenanceRecorded recorded = new MaintenanceRecorded(record.getType(), record.getDescription(),
                record.getScheduledAt(), record.getCompletedAt(), record.getTechnician(), record.getNotes());
        MaintenanceEvent first = draft.maintenanceRecording(maintenanceId);
        if (first != null) {
            boolean same = first.getOrganisationId().equals(command.getOrganisationId())
                    && first.getChargePointId().equals(command.getChargePointId())
                    && first.getPayload().equals(recorded);
            return same
                    ? draft.accept(about(MaintenanceViews.apply(null, first)))
                    : draft.refuse(CommandStatus.CONFLICT, SiteDecider.KEY_REUSED, 0);
        }
        if (endsBeforeItStarts(record.getScheduledAt(), record.getCompletedAt())) {
            return draft.refuse(CommandStatus.REJECTED, completedBeforeScheduled(record.getScheduledAt()), 0);
        }
        return draft.accept(about(draft.appendMaintenance(maintenanceId, command.getChargePointId(), recorded)));
    }

    /** Changes the fields the update gives; the event names only those that differ, and no change is no event. */
    private static Decision update(DecisionDraft draft, MaintenanceCommand command, UpdateMaintenance update) {
        String maintenanceId = command.getMaintenanceId();
        MaintenanceView maintenance = draft.maintenance(maintenanceId);
        if (maintenance == null || !maintenance.getOrganisationId().equals(command.getOrganisationId())
                || !maintenance.getChargePointId().equals(command.getChargePointId())) {
            return draft.refuse(CommandStatus.NOT_FOUND, maintenanceNotFound(maintenanceId), 0);
        }
        if (endsBeforeItStarts(maintenance.getScheduledAt(), update.getCompletedAt())) {
            return draft.refuse(CommandStatus.REJECTED, completedBeforeScheduled(maintenance.getScheduledAt()),
                    maintenance.getVersion());
        }
        MaintenanceUpdated changes = new MaintenanceUpdated(
                changed(maintenance.getDescription(), update.getDescription()),
                changed(maintenance.getCompletedAt(), update.getCompletedAt()),
                changed(maintenance.getTechnician(), update.getTechnician()),
                changed(maintenance.getNotes(), update.getNotes()));
        if (changes.equals(new MaintenanceUpdated())) {
            // Nothing changes: no event (an event is a fact that something changed), the current version stays.
            return draft.accept(about(maintenance));
        }
        return draft.accept(about(draft.appendMaintenance(maintenanceId, command.getChargePointId(), changes)));
    }

    /** True if the window would close before it opens; closing as it opens is allowed (an empty window). */
    private static boolean endsBeforeItStarts(Instant scheduledAt, Instant completedAt) {
        return completedAt != null && completedAt.isBefore(scheduledAt);
    }

    /** {@code requested} if it is given and differs from {@code current}; null (unchanged) otherwise. */
    private static <T> T changed(T current, T requested) {
        return requested == null || Objects.equals(current, requested) ? null : requested;
    }
}
