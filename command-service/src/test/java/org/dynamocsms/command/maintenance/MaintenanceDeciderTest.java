package org.dynamocsms.command.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.command.RegistryFixture.ORG;
import static org.dynamocsms.command.RegistryFixture.OTHER_ORG;
import static org.dynamocsms.command.RegistryFixture.T0;

import java.time.Instant;
import java.util.List;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.RegistryFixture;
import org.dynamocsms.schemas.charger.DecommissionCharger;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceRecorded;
import org.dynamocsms.schemas.maintenance.MaintenanceType;
import org.dynamocsms.schemas.maintenance.MaintenanceUpdated;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.maintenance.RecordMaintenance;
import org.dynamocsms.schemas.maintenance.UpdateMaintenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MaintenanceDeciderTest {

    static final String CP = "CP-001";
    static final String OTHER_CP = "CP-002";
    static final String MNT = "mnt_01J0000000000000000000000A";
    static final Instant SCHEDULED = Instant.parse("2024-07-20T09:00:00Z");
    static final Instant COMPLETED = Instant.parse("2024-07-20T11:30:00Z");
    /** The contract's example: planned, not yet done. */
    static final RecordMaintenance QUARTERLY = RecordMaintenance.newBuilder().setType(MaintenanceType.scheduled)
            .setDescription("Quarterly inspection and connector cleaning").setScheduledAt(SCHEDULED)
            .setTechnician("J. Smith").build();

    private final RegistryFixture registry = new RegistryFixture();

    @BeforeEach
    void registerChargers() {
        registry.given(registry.charger(ORG, CP, new RegisterCharger("Alfen", "Eve", null, List.of())));
        registry.given(registry.charger(ORG, OTHER_CP, new RegisterCharger("ABB", "Terra", null, List.of())));
    }

    @Nested
    class Record {

        @Test
        void recordsTheEventAtVersionOneWithFullMetadata() {
            MaintenanceCommand command = record(ORG, CP, QUARTERLY);

            Decision decision = registry.decide(command);

            // evt_1 and evt_2 registered the two chargers
            assertThat(decision.maintenanceEvents()).singleElement().satisfies(event -> {
                assertThat(event.getEventId()).isEqualTo("evt_3");
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
                assertThat(event.getChargePointId()).isEqualTo(CP);
                assertThat(event.getMaintenanceId()).isEqualTo(MNT);
                assertThat(event.getVersion()).isEqualTo(1);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getRecordedAt()).isEqualTo(RegistryFixture.decidedAt(command.getIssuedAt()));
                assertThat(event.getSchemaVersion()).isEqualTo(1);
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
                assertThat(event.getPayload()).isEqualTo(new MaintenanceRecorded(MaintenanceType.scheduled,
                        "Quarterly inspection and connector cleaning", SCHEDULED, null, "J. Smith", null));
            });
            assertThat(decision.siteEvents()).isEmpty();
            assertThat(decision.chargerEvents()).isEmpty();
            assertThat(decision.chargers()).isEmpty();
            MaintenanceView view = decision.maintenances().get(MNT);
            assertThat(view.getChargePointId()).isEqualTo(CP);
            assertThat(view.getType()).isEqualTo(MaintenanceType.scheduled);
            assertThat(view.getScheduledAt()).isEqualTo(SCHEDULED);
            assertThat(view.getCompletedAt()).isNull();
            assertThat(view.getCreatedAt()).isEqualTo(command.getIssuedAt());
            assertThat(decision.maintenanceRecordings().get(MNT)).isEqualTo(decision.maintenanceEvents().get(0));
            assertAccepted(decision.result(), command, 1);
            assertThat(decision.result().getMaintenance()).isEqualTo(view);
        }

        @Test
        void recordsAnEventCompletedAlreadyAndOneThatClosesAsItOpens() {
            Decision done = registry.decide(record(ORG, CP, RecordMaintenance.newBuilder(QUARTERLY)
                    .setType(MaintenanceType.reactive).setCompletedAt(COMPLETED).setNotes("Seal replaced").build()));
            assertThat(done.result().getMaintenance().getCompletedAt()).isEqualTo(COMPLETED);
            assertThat(done.result().getMaintenance().getType()).isEqualTo(MaintenanceType.reactive);
            assertThat(done.result().getMaintenance().getNotes()).isEqualTo("Seal replaced");

            Decision empty = registry.decide(record(ORG, CP, RecordMaintenance.newBuilder(QUARTERLY)
                    .setCompletedAt(SCHEDULED).build()));
            assertThat(empty.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        }

        @Test
        void doesNotFindAChargerThatIsMissingForeignOrDecommissioned() {
            assertRefused(registry.decide(record(ORG, "CP-404", QUARTERLY)), CommandStatus.NOT_FOUND,
                    "Charger CP-404 does not exist.", 0);
            assertRefused(registry.decide(record(OTHER_ORG, CP, QUARTERLY)), CommandStatus.NOT_FOUND,
                    "Charger CP-001 does not exist.", 0);

            registry.given(registry.charger(ORG, CP, new DecommissionCharger()));
            assertRefused(registry.decide(record(ORG, CP, QUARTERLY)), CommandStatus.NOT_FOUND,
                    "Charger CP-001 does not exist.", 0);

            // registered again: its maintenance can be recorded again
            registry.given(registry.charger(ORG, CP, new RegisterCharger("Alfen", "Eve", null, List.of())));
            assertThat(registry.decide(record(ORG, CP, QUARTERLY)).result().getStatus())
                    .isEqualTo(CommandStatus.ACCEPTED);
        }

        @Test
        void answersARepeatedRequestWithTheFirstResultEvenAfterAnUpdate() {
            MaintenanceCommand first = record(ORG, CP, QUARTERLY);
            MaintenanceView recorded = registry.given(first).result().getMaintenance();
            registry.given(update(ORG, CP, UpdateMaintenance.newBuilder().setCompletedAt(COMPLETED).build()));

            Decision repeat = registry.decide(record(ORG, CP, QUARTERLY));

            assertThat(repeat.maintenanceEvents()).isEmpty();
            assertThat(repeat.maintenances()).isEmpty();
            assertThat(repeat.maintenanceRecordings()).isEmpty();
            assertThat(repeat.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(repeat.result().getMaintenance()).isEqualTo(recorded);
            assertThat(repeat.result().getVersion()).isEqualTo(1);
            // created at the first command's issue time, not the repeat's: the resource marks it replayed
            assertThat(repeat.result().getMaintenance().getCreatedAt()).isEqualTo(first.getIssuedAt());
        }

        @Test
        void refusesAnIdempotencyKeyReusedForADifferentRequest() {
            registry.given(record(ORG, CP, QUARTERLY));

            assertRefused(registry.decide(record(ORG, CP, RecordMaintenance.newBuilder(QUARTERLY)
                            .setDescription("Something else").build())), CommandStatus.CONFLICT,
                    "Idempotency-Key was already used with a different request", 0);
            assertRefused(registry.decide(record(ORG, OTHER_CP, QUARTERLY)), CommandStatus.CONFLICT,
                    "Idempotency-Key was already used with a different request", 0);
        }

        @Test
        void refusesAWindowThatClosesBeforeItOpens() {
            // the request layer refuses this already; the decider does not rely on it
            RecordMaintenance backwards = RecordMaintenance.newBuilder(QUARTERLY)
                    .setCompletedAt(SCHEDULED.minusMillis(1)).build();

            assertRefused(registry.decide(record(ORG, CP, backwards)), CommandStatus.REJECTED,
                    "completed_at must not be before scheduled_at (2024-07-20T09:00:00Z).", 0);
        }
    }

    @Nested
    class Update {

        @BeforeEach
        void recordQuarterly() {
            registry.given(record(ORG, CP, QUARTERLY));
        }

        @Test
        void recordsTheCompletionAndNotes() {
            MaintenanceCommand command = update(ORG, CP, UpdateMaintenance.newBuilder().setCompletedAt(COMPLETED)
                    .setNotes("Replaced the seal of connector 2.").build());

            Decision decision = registry.decide(command);

            assertThat(decision.maintenanceEvents()).singleElement().satisfies(event -> {
                assertThat(event.getVersion()).isEqualTo(2);
                assertThat(event.getMaintenanceId()).isEqualTo(MNT);
                assertThat(event.getChargePointId()).isEqualTo(CP);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
                assertThat(event.getPayload()).isEqualTo(MaintenanceUpdated.newBuilder().setCompletedAt(COMPLETED)
                        .setNotes("Replaced the seal of connector 2.").build());
            });
            assertThat(decision.maintenanceRecordings()).isEmpty();
            MaintenanceView view = decision.maintenances().get(MNT);
            assertThat(view.getCompletedAt()).isEqualTo(COMPLETED);
            assertThat(view.getNotes()).isEqualTo("Replaced the seal of connector 2.");
            assertThat(view.getDescription()).isEqualTo("Quarterly inspection and connector cleaning");
            assertThat(view.getTechnician()).isEqualTo("J. Smith");
            assertThat(view.getUpdatedAt()).isEqualTo(command.getIssuedAt());
            assertAccepted(decision.result(), command, 2);
            assertThat(decision.result().getMaintenance()).isEqualTo(view);
        }

        @Test
        void appendsOnlyTheFieldsThatChange() {
            Decision decision = registry.decide(update(ORG, CP, new UpdateMaintenance(
                    "Quarterly inspection and connector cleaning", COMPLETED, "J. Smith", null)));

            assertThat(decision.maintenanceEvents()).extracting(MaintenanceEvent::getPayload)
                    .containsExactly(MaintenanceUpdated.newBuilder().setCompletedAt(COMPLETED).build());
        }

        @Test
        void anUpdateThatChangesNothingAppendsNothing() {
            MaintenanceView before = registry.maintenances.get(MNT);

            Decision decision = registry.decide(update(ORG, CP, UpdateMaintenance.newBuilder()
                    .setTechnician("J. Smith").build()));

            assertThat(decision.maintenanceEvents()).isEmpty();
            assertThat(decision.maintenances()).isEmpty();
            assertThat(decision.result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
            assertThat(decision.result().getVersion()).isEqualTo(1);
            assertThat(decision.result().getMaintenance()).isEqualTo(before);
        }

        @Test
        void correctsAnEarlierCompletion() {
            registry.given(update(ORG, CP, UpdateMaintenance.newBuilder().setCompletedAt(COMPLETED).build()));
            Instant corrected = COMPLETED.plusSeconds(900); // 11:30 + 15 min = 11:45

            Decision decision = registry.decide(update(ORG, CP, UpdateMaintenance.newBuilder()
                    .setCompletedAt(corrected).build()));

            assertThat(decision.result().getMaintenance().getCompletedAt())
                    .isEqualTo(Instant.parse("2024-07-20T11:45:00Z"));
            assertThat(decision.result().getVersion()).isEqualTo(3);
        }

        @Test
        void refusesACompletionBeforeTheStoredScheduleAndAcceptsOneAtIt() {
            registry.given(update(ORG, CP, UpdateMaintenance.newBuilder().setNotes("n").build()));

            assertRefused(registry.decide(update(ORG, CP, UpdateMaintenance.newBuilder()
                            .setCompletedAt(Instant.parse("2024-07-20T08:59:59.999Z")).setNotes("m").build())),
                    CommandStatus.REJECTED, "completed_at must not be before scheduled_at (2024-07-20T09:00:00Z).", 2);
            assertThat(registry.decide(update(ORG, CP, UpdateMaintenance.newBuilder().setCompletedAt(SCHEDULED)
                    .build())).result().getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        }

        @Test
        void doesNotFindAMissingEventOrOneOfAnotherCharger() {
            assertRefused(registry.decide(registry.maintenance(ORG, CP, "mnt_01J0000000000000000000000B",
                            new UpdateMaintenance())), CommandStatus.NOT_FOUND,
                    "Maintenance event mnt_01J0000000000000000000000B does not exist.", 0);
            assertRefused(registry.decide(update(ORG, OTHER_CP, UpdateMaintenance.newBuilder().setNotes("x").build())),
                    CommandStatus.NOT_FOUND, "Maintenance event " + MNT + " does not exist.", 0);
        }

        @Test
        void doesNotFindTheEventsOfAnotherOrganisation() {
            registry.given(registry.charger(OTHER_ORG, "CP-B", new RegisterCharger(null, null, null, List.of())));

            assertRefused(registry.decide(update(OTHER_ORG, CP, UpdateMaintenance.newBuilder().setNotes("x")
                    .build())), CommandStatus.NOT_FOUND, "Charger CP-001 does not exist.", 0);
            assertRefused(registry.decide(update(OTHER_ORG, "CP-B", UpdateMaintenance.newBuilder().setNotes("x")
                    .build())), CommandStatus.NOT_FOUND, "Maintenance event " + MNT + " does not exist.", 0);
        }

        @Test
        void doesNotFindTheEventsOfADecommissionedCharger() {
            registry.given(registry.charger(ORG, CP, new DecommissionCharger()));

            assertRefused(registry.decide(update(ORG, CP, UpdateMaintenance.newBuilder().setCompletedAt(COMPLETED)
                    .build())), CommandStatus.NOT_FOUND, "Charger CP-001 does not exist.", 0);
        }
    }

    @Test
    void refusesAnUndecidableCommandWithoutChangingAnything() {
        MaintenanceCommand command = record(ORG, CP, QUARTERLY);

        Decision decision = MaintenanceDecider.undecidable(command, T0);

        assertRefused(decision, CommandStatus.REJECTED, Decision.UNDECIDABLE, 0);
        assertThat(decision.result().getAggregateId()).isEqualTo(MNT);
    }

    @Test
    void failsOnAPayloadItDoesNotKnow() {
        MaintenanceCommand command = MaintenanceCommand.newBuilder(record(ORG, CP, QUARTERLY))
                .setPayload(new DecommissionCharger()).build();

        assertThatThrownBy(() -> registry.decide(command)).isInstanceOf(IllegalArgumentException.class);
    }

    private MaintenanceCommand record(String org, String chargePointId, RecordMaintenance record) {
        return registry.maintenance(org, chargePointId, MNT, record);
    }

    private MaintenanceCommand update(String org, String chargePointId, UpdateMaintenance update) {
        return registry.maintenance(org, chargePointId, MNT, update);
    }

    private static void assertAccepted(CommandResult result, MaintenanceCommand command, long version) {
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getCommandId()).isEqualTo(command.getCommandId());
        assertThat(result.getOrganisationId()).isEqualTo(command.getOrganisationId());
        assertThat(result.getAggregateId()).isEqualTo(MNT);
        assertThat(result.getVersion()).isEqualTo(version);
        assertThat(result.getMessage()).isNull();
    }

    private static void assertRefused(Decision decision, CommandStatus status, String message, long version) {
        assertThat(decision.maintenanceEvents()).isEmpty();
        assertThat(decision.maintenances()).isEmpty();
        assertThat(decision.maintenanceRecordings()).isEmpty();
        assertThat(decision.chargerEvents()).isEmpty();
        assertThat(decision.result().getStatus()).isEqualTo(status);
        assertThat(decision.result().getMessage()).isEqualTo(message);
        assertThat(decision.result().getVersion()).isEqualTo(version);
        assertThat(decision.result().getMaintenance()).isNull();
    }
}
