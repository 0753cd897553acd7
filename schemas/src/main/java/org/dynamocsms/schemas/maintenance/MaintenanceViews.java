package org.dynamocsms.schemas.maintenance;

/**
 * What maintenance events mean: folds one event onto the maintenance event it applies to. The registry processor,
 * the maintenance projection and the read store all use this one fold.
 */
public final class MaintenanceViews {

    private MaintenanceViews() {
    }

    /**
     * The maintenance event after {@code event}; {@code maintenance} is null before its first event. An event at or
     * below the view's version was applied already (a redelivery, or a replay over existing state) and changes
     * nothing.
     */
    public static MaintenanceView apply(MaintenanceView maintenance, MaintenanceEvent event) {
        if (maintenance != null && event.getVersion() <= maintenance.getVersion()) {
            return maintenance;
        }
        Object payload = event.getPayload();
        if (payload instanceof MaintenanceRecorded recorded) {
            return MaintenanceView.newBuilder()
                    .setMaintenanceId(event.getMaintenanceId())
                    .setOrganisationId(event.getOrganisationId())
                    .setChargePointId(event.getChargePointId())
                    .setType(recorded.getType())
                    .setDescription(recorded.getDescription())
                    .setScheduledAt(recorded.getScheduledAt())
                    .setCompletedAt(recorded.getCompletedAt())
                    .setTechnician(recorded.getTechnician())
                    .setNotes(recorded.getNotes())
                    .setCreatedAt(event.getOccurredAt())
                    .setUpdatedAt(event.getOccurredAt())
                    .setVersion(event.getVersion())
                    .build();
        }
        if (maintenance == null) {
            throw new IllegalStateException("Event " + event.getEventId() + " applies to unknown maintenance event "
                    + event.getMaintenanceId());
        }
        if (!(payload instanceof MaintenanceUpdated updated)) {
            throw new IllegalArgumentException("Unknown maintenance event payload " + payload);
        }
        return merge(MaintenanceView.newBuilder(maintenance), updated)
                .setVersion(event.getVersion())
                .setUpdatedAt(event.getOccurredAt())
                .build();
    }

    /** Null fields of {@code changes} stay as they are. */
    private static MaintenanceView.Builder merge(MaintenanceView.Builder view, MaintenanceUpdated changes) {
        if (changes.getDescription() != null) view.setDescription(changes.getDescription());
        if (changes.getCompletedAt() != null) view.setCompletedAt(changes.getCompletedAt());
        if (changes.getTechnician() != null) view.setTechnician(changes.getTechnician());
        if (changes.getNotes() != null) view.setNotes(changes.getNotes());
        return view;
    }
}
