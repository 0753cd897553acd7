package org.dynamocsms.command.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.dynamocsms.command.site.SiteDecider.Decision;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.UpdateSite;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SiteDeciderTest {

    static final String ORG = "org_A";
    static final String OTHER_ORG = "org_B";
    static final String SITE = "site_01J0000000000000000000000A";
    static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");
    static final SiteDetails DEPOT = SiteDetails.newBuilder().setName("King Street Depot")
            .setAddress("14 King Street, Manchester, M2 6AQ").setMaxPowerKw(150).setLat(53.4808).setLng(-2.2426)
            .build();

    private final AtomicInteger commandIds = new AtomicInteger();
    private final AtomicInteger eventIdCounter = new AtomicInteger();
    private final Supplier<String> eventIds = () -> "evt_" + eventIdCounter.incrementAndGet();

    @Nested
    class Create {

        @Test
        void createsANewSiteAtVersionOne() {
            SiteCommand command = create(ORG, DEPOT, "key-1", T0);

            Decision decision = SiteDecider.decide(null, command, T0.plusMillis(7), eventIds);

            assertThat(decision.events()).singleElement().satisfies(event -> {
                assertThat(event.getPayload()).isEqualTo(new SiteCreated(DEPOT));
                assertThat(event.getEventId()).isEqualTo("evt_1");
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
                assertThat(event.getSiteId()).isEqualTo(SITE);
                assertThat(event.getVersion()).isEqualTo(1);
                assertThat(event.getOccurredAt()).isEqualTo(T0);
                assertThat(event.getRecordedAt()).isEqualTo(T0.plusMillis(7));
                assertThat(event.getSchemaVersion()).isEqualTo(1);
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
            });
            SiteView site = decision.state().getCurrent();
            assertThat(site.getSiteId()).isEqualTo(SITE);
            assertThat(site.getOrganisationId()).isEqualTo(ORG);
            assertThat(site.getDetails()).isEqualTo(DEPOT);
            assertThat(site.getCreatedAt()).isEqualTo(T0);
            assertThat(site.getVersion()).isEqualTo(1);
            assertThat(site.getChargerCount()).isZero();
            assertThat(decision.state().getAsCreated()).isEqualTo(site);
            assertThat(decision.state().getIdempotencyKey()).isEqualTo("key-1");
            assertAccepted(decision.result(), command, 1, site);
            assertThat(decision.result().getDecidedAt()).isEqualTo(T0.plusMillis(7));
        }

        @Test
        void answersARepeatedRequestWithTheFirstResultAndChangesNothing() {
            SiteAggregate state = created("key-1");
            SiteCommand repeat = create(ORG, DEPOT, "key-1", T0.plusSeconds(3));

            Decision decision = SiteDecider.decide(state, repeat, T0.plusSeconds(3), eventIds);

            assertThat(decision.events()).isEmpty();
            assertThat(decision.state()).isEqualTo(state);
            assertAccepted(decision.result(), repeat, 1, state.getAsCreated());
        }

        @Test
        void answersTheFirstResultEvenAfterTheSiteChanged() {
            SiteAggregate state = then(then(created("key-1"), update(ORG, changes().setMaxPowerKw(200.0))),
                    delete(ORG));
            SiteCommand repeat = create(ORG, DEPOT, "key-1", T0.plusSeconds(9));

            Decision decision = SiteDecider.decide(state, repeat, T0.plusSeconds(9), eventIds);

            assertThat(decision.events()).isEmpty();
            assertAccepted(decision.result(), repeat, 1, state.getAsCreated());
            assertThat(decision.result().getSite().getDetails().getMaxPowerKw()).isEqualTo(150);
        }

        @Test
        void refusesAKeyReusedWithADifferentRequest() {
            SiteDetails other = SiteDetails.newBuilder(DEPOT).setMaxPowerKw(151).build();

            Decision decision = SiteDecider.decide(created("key-1"), create(ORG, other, "key-1", T0), T0, eventIds);

            assertRefused(decision, CommandStatus.CONFLICT, SiteDecider.KEY_REUSED);
        }

        @Test
        void refusesToCreateASiteThatExists() {
            assertRefused(SiteDecider.decide(created(null), create(ORG, DEPOT, null, T0), T0, eventIds),
                    CommandStatus.CONFLICT, SiteDecider.ALREADY_EXISTS);
            assertRefused(SiteDecider.decide(created("key-1"), create(ORG, DEPOT, "key-2", T0), T0, eventIds),
                    CommandStatus.CONFLICT, SiteDecider.ALREADY_EXISTS);
            assertRefused(SiteDecider.decide(created("key-1"), create(ORG, DEPOT, null, T0), T0, eventIds),
                    CommandStatus.CONFLICT, SiteDecider.ALREADY_EXISTS);
        }

        @Test
        void neverReplaysToAnotherOrganisation() {
            Decision decision = SiteDecider.decide(created("key-1"), create(OTHER_ORG, DEPOT, "key-1", T0), T0,
                    eventIds);

            assertRefused(decision, CommandStatus.CONFLICT, SiteDecider.ALREADY_EXISTS);
            assertThat(decision.result().getSite()).isNull();
        }
    }

    @Nested
    class Update {

        @Test
        void appliesTheChangesAsTheNextVersion() {
            SiteChanges changes = changes().setMaxPowerKw(200.0).setName("Depot 2").build();
            SiteCommand command = update(ORG, SiteChanges.newBuilder(changes));

            Decision decision = SiteDecider.decide(created("key-1"), command, T0.plusSeconds(60), eventIds);

            assertThat(decision.events()).singleElement().satisfies(event -> {
                assertThat(event.getPayload()).isEqualTo(new SiteUpdated(changes));
                assertThat(event.getVersion()).isEqualTo(2);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
            });
            SiteView site = decision.state().getCurrent();
            assertThat(site.getDetails()).isEqualTo(SiteDetails.newBuilder(DEPOT).setMaxPowerKw(200).setName("Depot 2")
                    .build());
            assertThat(site.getVersion()).isEqualTo(2);
            assertThat(site.getCreatedAt()).isEqualTo(T0);
            assertThat(site.getUpdatedAt()).isEqualTo(command.getIssuedAt());
            assertThat(decision.state().getAsCreated().getDetails()).isEqualTo(DEPOT);
            assertThat(decision.state().getIdempotencyKey()).isEqualTo("key-1");
            assertAccepted(decision.result(), command, 2, site);
        }

        @Test
        void acceptsAChangeToNothingWithoutAnEvent() {
            SiteAggregate state = created(null);
            SiteCommand command = update(ORG, changes().setMaxPowerKw(150.0).setName("King Street Depot"));

            Decision decision = SiteDecider.decide(state, command, T0, eventIds);

            assertThat(decision.events()).isEmpty();
            assertThat(decision.state()).isEqualTo(state);
            assertAccepted(decision.result(), command, 1, state.getCurrent());
        }

        @Test
        void rejectsLeavingOnlyOneCoordinate() {
            SiteAggregate withoutCoordinates = then(null, create(ORG,
                    SiteDetails.newBuilder().setName("Yard").setMaxPowerKw(50).build(), null, T0));

            Decision decision = SiteDecider.decide(withoutCoordinates, update(ORG, changes().setLat(10.0)), T0,
                    eventIds);

            assertRefused(decision, CommandStatus.REJECTED, SiteDecider.LAT_LNG_PAIR);
            assertThat(decision.result().getVersion()).isEqualTo(1);
            assertThat(SiteDecider.decide(withoutCoordinates, update(ORG, changes().setLat(10.0).setLng(20.0)), T0,
                    eventIds).events()).hasSize(1);
            assertThat(SiteDecider.decide(created(null), update(ORG, changes().setLat(10.0)), T0, eventIds)
                    .events()).hasSize(1);
        }

        @Test
        void doesNotFindASiteThatNeverExisted() {
            assertNotFound(null, update(ORG, changes().setName("x")));
        }

        @Test
        void doesNotFindADeletedSite() {
            assertNotFound(then(created(null), delete(ORG)), update(ORG, changes().setName("x")));
        }

        @Test
        void doesNotFindAnotherOrganisationsSiteExactlyLikeAMissingOne() {
            SiteCommand command = update(OTHER_ORG, changes().setName("x"));

            assertNotFound(created(null), command);
            assertThat(SiteDecider.decide(created(null), command, T0, eventIds).result())
                    .isEqualTo(SiteDecider.decide(null, command, T0, eventIds).result());
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesAsTheNextVersion() {
            SiteAggregate state = then(created(null), update(ORG, changes().setName("Depot 2")));
            SiteCommand command = delete(ORG);

            Decision decision = SiteDecider.decide(state, command, T0.plusSeconds(99), eventIds);

            assertThat(decision.events()).singleElement().satisfies(event -> {
                assertThat(event.getPayload()).isEqualTo(new SiteDeleted());
                assertThat(event.getVersion()).isEqualTo(3);
                assertThat(event.getRecordedAt()).isEqualTo(T0.plusSeconds(99));
            });
            SiteView site = decision.state().getCurrent();
            assertThat(site.getDeletedAt()).isEqualTo(command.getIssuedAt());
            assertThat(site.getVersion()).isEqualTo(3);
            assertAccepted(decision.result(), command, 3, site);
        }

        @Test
        void doesNotFindMissingDeletedOrForeignSites() {
            assertNotFound(null, delete(ORG));
            assertNotFound(then(created(null), delete(ORG)), delete(ORG));
            assertNotFound(created(null), delete(OTHER_ORG));
        }
    }

    @Test
    void refusesAnUndecidableCommandWithoutChangingAnything() {
        SiteAggregate state = created(null);
        SiteCommand command = delete(ORG);

        Decision decision = SiteDecider.undecidable(state, command, T0);

        assertRefused(decision, CommandStatus.REJECTED, SiteDecider.UNDECIDABLE);
        assertThat(decision.state()).isEqualTo(state);
    }

    @Test
    void failsOnAPayloadItDoesNotKnow() {
        SiteCommand command = SiteCommand.newBuilder(delete(ORG)).setPayload(DEPOT).build();

        assertThatThrownBy(() -> SiteDecider.decide(created(null), command, T0, eventIds))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private SiteAggregate created(String idempotencyKey) {
        return then(null, create(ORG, DEPOT, idempotencyKey, T0));
    }

    private SiteAggregate then(SiteAggregate state, SiteCommand command) {
        Decision decision = SiteDecider.decide(state, command, command.getIssuedAt(), eventIds);
        assertThat(decision.events()).hasSize(1);
        return decision.state();
    }

    private SiteCommand create(String org, SiteDetails details, String idempotencyKey, Instant issuedAt) {
        return command(org, new CreateSite(details), issuedAt).setIdempotencyKey(idempotencyKey).build();
    }

    private SiteCommand update(String org, SiteChanges.Builder changes) {
        return command(org, new UpdateSite(changes.build()), T0.plusSeconds(commandIds.get() + 1)).build();
    }

    private SiteCommand delete(String org) {
        return command(org, new DeleteSite(), T0.plusSeconds(commandIds.get() + 1)).build();
    }

    private SiteCommand.Builder command(String org, Object payload, Instant issuedAt) {
        return SiteCommand.newBuilder().setCommandId("cmd_" + commandIds.incrementAndGet()).setOrganisationId(org)
                .setSiteId(SITE).setIssuedAt(issuedAt).setPayload(payload);
    }

    private static SiteChanges.Builder changes() {
        return SiteChanges.newBuilder();
    }

    private static void assertAccepted(CommandResult result, SiteCommand command, long version, SiteView site) {
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getCommandId()).isEqualTo(command.getCommandId());
        assertThat(result.getOrganisationId()).isEqualTo(command.getOrganisationId());
        assertThat(result.getAggregateId()).isEqualTo(SITE);
        assertThat(result.getVersion()).isEqualTo(version);
        assertThat(result.getSite()).isEqualTo(site);
        assertThat(result.getMessage()).isNull();
    }

    private static void assertRefused(Decision decision, CommandStatus status, String message) {
        assertThat(decision.events()).isEmpty();
        assertThat(decision.result().getStatus()).isEqualTo(status);
        assertThat(decision.result().getMessage()).isEqualTo(message);
        assertThat(decision.result().getSite()).isNull();
    }

    private void assertNotFound(SiteAggregate state, SiteCommand command) {
        Decision decision = SiteDecider.decide(state, command, T0, eventIds);
        assertRefused(decision, CommandStatus.NOT_FOUND, SiteDecider.NOT_FOUND);
        assertThat(decision.state()).isEqualTo(state);
        assertThat(decision.result().getVersion()).isZero();
    }
}
