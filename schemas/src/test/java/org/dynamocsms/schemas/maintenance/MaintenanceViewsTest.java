package org.dynamocsms.schemas.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MaintenanceViewsTest {

    private static final String MNT = "mnt_01J0000000000000000000000A";
    private static final Instant T0 = Instant.parse("2024-06-15T16:30:00Z");
    private static final Instant T1 = Instant.parse("2024-07-20T11:45:00Z");
    private static final Instant T2 = Instant.parse("2024-07-21T08:00:00Z");
    private static final Instant SCHEDULED = Instant.parse("2024-07-20T09:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2024-07-20T11:30:00Z");

    private static MaintenanceEvent event(long version, Instant at, Object payload) {
        return MaintenanceEvent.newBuilder().setEventId("evt_" + version).setOrganisationId("org_a")
                .setChargePointId("CP-001").setMaintenanceId(MNT).setVersion(version).setOccurredAt(at)
                .setRecordedAt(at).setPayload(payload).build();
    }

    /** The contract's example: planned, not yet done. */
    private final MaintenanceEvent recorded = event(1, T0, MaintenanceRecorded.newBuilder()
            .setType(MaintenanceType.scheduled).setDescription("Quarterly inspection and connector cleaning")
            .setScheduledAt(SCHEDULED).setTechnician("J. Smith").build());

    @Test
    void recordingStartsTheViewOpenAtVersionOne() {
        MaintenanceView view = MaintenanceViews.apply(null, recorded);
        assertThat(view.getMaintenanceId()).isEqualTo(MNT);
        assertThat(view.getOrganisationId()).isEqualTo("org_a");
        assertThat(view.getChargePointId()).isEqualTo("CP-001");
        assertThat(view.getType()).isEqualTo(MaintenanceType.scheduled);
        assertThat(view.getDescription()).isEqualTo("Quarterly inspection and connector cleaning");
        assertThat(view.getScheduledAt()).isEqualTo(SCHEDULED);
        assertThat(view.getCompletedAt()).isNull();
        assertThat(view.getTechnician()).isEqualTo("J. Smith");
        assertThat(view.getNotes()).isNull();
        assertThat(view.getCreatedAt()).isEqualTo(T0);
        assertThat(view.getUpdatedAt()).isEqualTo(T0);
        assertThat(view.getVersion()).isEqualTo(1);
    }

    @Test
    void anUpdateChangesOnlyTheGivenFields() {
        MaintenanceView view = MaintenanceViews.apply(MaintenanceViews.apply(null, recorded), event(2, T1,
                MaintenanceUpdated.newBuilder().setCompletedAt(COMPLETED).setNotes("Replaced connector 2 seal")
                        .build()));
        assertThat(view.getCompletedAt()).isEqualTo(COMPLETED);
        assertThat(view.getNotes()).isEqualTo("Replaced connector 2 seal");
        assertThat(view.getDescription()).isEqualTo("Quarterly inspection and connector cleaning");
        assertThat(view.getTechnician()).isEqualTo("J. Smith");
        assertThat(view.getScheduledAt()).isEqualTo(SCHEDULED);
        assertThat(view.getCreatedAt()).isEqualTo(T0);
        assertThat(view.getUpdatedAt()).isEqualTo(T1);
        assertThat(view.getVersion()).isEqualTo(2);

        view = MaintenanceViews.apply(view, event(3, T2, MaintenanceUpdated.newBuilder().setTechnician("A. Jones")
                .setDescription("Inspection").setCompletedAt(SCHEDULED).build()));
        assertThat(view.getTechnician()).isEqualTo("A. Jones");
        assertThat(view.getDescription()).isEqualTo("Inspection");
        assertThat(view.getCompletedAt()).isEqualTo(SCHEDULED);
        assertThat(view.getNotes()).isEqualTo("Replaced connector 2 seal");
        assertThat(view.getVersion()).isEqualTo(3);
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        MaintenanceView completed = MaintenanceViews.apply(MaintenanceViews.apply(null, recorded),
                event(2, T1, MaintenanceUpdated.newBuilder().setCompletedAt(COMPLETED).build()));
        assertThat(MaintenanceViews.apply(completed, recorded)).isSameAs(completed);
        MaintenanceEvent stale = event(2, T2, MaintenanceUpdated.newBuilder().setNotes("Stale").build());
        assertThat(MaintenanceViews.apply(completed, stale)).isSameAs(completed);
    }

    @Test
    void anUpdateBeforeTheRecordingIsRejected() {
        assertThatThrownBy(() -> MaintenanceViews.apply(null, event(2, T1, new MaintenanceUpdated())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(MNT);
    }

    @Test
    void anUnknownPayloadIsRejected() {
        MaintenanceView view = MaintenanceViews.apply(null, recorded);
        assertThatThrownBy(() -> MaintenanceViews.apply(view, event(2, T1, "something else")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
