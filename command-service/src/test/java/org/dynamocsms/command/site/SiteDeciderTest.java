package org.dynamocsms.command.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RegistryFixture.DEPOT;
import static org.dynamocsms.command.RegistryFixture.ORG;
import static org.dynamocsms.command.RegistryFixture.OTHER_ORG;
import static org.dynamocsms.command.RegistryFixture.T0;

import java.util.List;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.RegistryFixture;
import org.dynamocsms.schemas.asset.AddEnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerLinked;
import org.dynamocsms.schemas.charger.ChargerUnlinked;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.DecommissionCharger;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.LinkCharger;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteChargerLinked;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.UnlinkCharger;
import org.dynamocsms.schemas.site.UpdateSite;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SiteDeciderTest {

    static final String SITE = "site_01J0000000000000000000000A";
    static final String OTHER_SITE = "site_01J0000000000000000000000B";
    static final String CP = "CP-001";

    private final RegistryFixture registry = new RegistryFixture();

    @Nested
    class Create {

        @Test
        void createsANewSiteAtVersionOne() {
            SiteCommand command = create(ORG, DEPOT, "key-1");

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).singleElement().satisfies(event -> {
                assertThat(event.getPayload()).isEqualTo(new SiteCreated(DEPOT));
                assertThat(event.getEventId()).isEqualTo("evt_1");
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
                assertThat(event.getSiteId()).isEqualTo(SITE);
                assertThat(event.getVersion()).isEqualTo(1);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getRecordedAt()).isEqualTo(RegistryFixture.decidedAt(command.getIssuedAt()));
                assertThat(event.getSchemaVersion()).isEqualTo(1);
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
            });
            assertThat(decision.chargerEvents()).isEmpty();
            assertThat(decision.readings()).isEmpty();
            SiteAggregate state = decision.sites().get(SITE);
            SiteView site = state.getCurrent();
            assertThat(site.getSiteId()).isEqualTo(SITE);
            assertThat(site.getOrganisationId()).isEqualTo(ORG);
            assertThat(site.getDetails()).isEqualTo(DEPOT);
            assertThat(site.getCreatedAt()).isEqualTo(command.getIssuedAt());
            assertThat(site.getVersion()).isEqualTo(1);
            assertThat(site.getChargerCount()).isZero();
            assertThat(state.getAsCreated()).isEqualTo(site);
            assertThat(state.getIdempotencyKey()).isEqualTo("key-1");
            assertAccepted(decision.result(), command, SITE, 1);
            assertThat(decision.result().getSite()).isEqualTo(site);
            assertThat(decision.result().getDecidedAt()).isEqualTo(RegistryFixture.decidedAt(command.getIssuedAt()));
        }

        @Test
        void answersARepeatedRequestWithTheFirstResultAndChangesNothing() {
            SiteView first = created("key-1");
            SiteCommand repeat = create(ORG, DEPOT, "key-1");

            Decision decision = registry.decide(repeat);

            assertUnchanged(decision);
            assertAccepted(decision.result(), repeat, SITE, 1);
            assertThat(decision.result().getSite()).isEqualTo(first);
        }

        @Test
        void answersTheFirstResultEvenAfterTheSiteChanged() {
            SiteView first = created("key-1");
            registry.given(update(ORG, changes().setMaxPowerKw(200.0)));
            registry.given(delete(ORG));
            SiteCommand repeat = create(ORG, DEPOT, "key-1");

            Decision decision = registry.decide(repeat);

            assertUnchanged(decision);
            assertAccepted(decision.result(), repeat, SITE, 1);
            assertThat(decision.result().getSite()).isEqualTo(first);
            assertThat(decision.result().getSite().getDetails().getMaxPowerKw()).isEqualTo(150);
        }

        @Test
        void refusesAKeyReusedWithADifferentRequest() {
            created("key-1");
            SiteDetails other = SiteDetails.newBuilder(DEPOT).setMaxPowerKw(151).build();

            assertRefused(registry.decide(create(ORG, other, "key-1")), CommandStatus.CONFLICT,
                    SiteDecider.KEY_REUSED);
        }

        @Test
        void refusesToCreateASiteThatExists() {
            created("key-1");

            assertRefused(registry.decide(create(ORG, DEPOT, null)), CommandStatus.CONFLICT,
                    SiteDecider.ALREADY_EXISTS);
            assertRefused(registry.decide(create(ORG, DEPOT, "key-2")), CommandStatus.CONFLICT,
                    SiteDecider.ALREADY_EXISTS);
            assertThat(registry.decide(create(ORG, DEPOT, null)).result().getVersion()).isEqualTo(1);
        }

        @Test
        void neverReplaysToAnotherOrganisation() {
            created("key-1");

            assertRefused(registry.decide(create(OTHER_ORG, DEPOT, "key-1")), CommandStatus.CONFLICT,
                    SiteDecider.ALREADY_EXISTS);
        }
    }

    @Nested
    class Update {

        @Test
        void appliesTheChangesAsTheNextVersion() {
            created("key-1");
            SiteChanges changes = changes().setMaxPowerKw(200.0).setName("Depot 2").build();
            SiteCommand command = update(ORG, SiteChanges.newBuilder(changes));

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).singleElement().satisfies(event -> {
                assertThat(event.getPayload()).isEqualTo(new SiteUpdated(changes));
                assertThat(event.getVersion()).isEqualTo(2);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
            });
            SiteAggregate state = decision.sites().get(SITE);
            SiteView site = state.getCurrent();
            assertThat(site.getDetails()).isEqualTo(SiteDetails.newBuilder(DEPOT).setMaxPowerKw(200)
                    .setName("Depot 2").build());
            assertThat(site.getVersion()).isEqualTo(2);
            assertThat(site.getUpdatedAt()).isEqualTo(command.getIssuedAt());
            assertThat(state.getAsCreated().getDetails()).isEqualTo(DEPOT);
            assertThat(state.getIdempotencyKey()).isEqualTo("key-1");
            assertAccepted(decision.result(), command, SITE, 2);
            assertThat(decision.result().getSite()).isEqualTo(site);
        }

        @Test
        void acceptsAChangeToNothingWithoutAnEvent() {
            SiteView site = created(null);
            SiteCommand command = update(ORG, changes().setMaxPowerKw(150.0).setName("King Street Depot"));

            Decision decision = registry.decide(command);

            assertUnchanged(decision);
            assertAccepted(decision.result(), command, SITE, 1);
            assertThat(decision.result().getSite()).isEqualTo(site);
        }

        @Test
        void rejectsLeavingOnlyOneCoordinate() {
            registry.given(create(ORG, SiteDetails.newBuilder().setName("Yard").setMaxPowerKw(50).build(), null));

            Decision decision = registry.decide(update(ORG, changes().setLat(10.0)));

            assertRefused(decision, CommandStatus.REJECTED, SiteDecider.LAT_LNG_PAIR);
            assertThat(decision.result().getVersion()).isEqualTo(1);
            assertThat(registry.decide(update(ORG, changes().setLat(10.0).setLng(20.0))).siteEvents()).hasSize(1);
        }

        @Test
        void doesNotFindASiteThatNeverExisted() {
            assertNotFound(update(ORG, changes().setName("x")));
        }

        @Test
        void doesNotFindADeletedSite() {
            created(null);
            registry.given(delete(ORG));

            assertNotFound(update(ORG, changes().setName("x")));
        }

        @Test
        void doesNotFindAnotherOrganisationsSiteExactlyLikeAMissingOne() {
            SiteCommand command = update(OTHER_ORG, changes().setName("x"));
            CommandResult missing = registry.decide(command).result();
            created(null);

            assertNotFound(command);
            assertThat(registry.decide(command).result()).isEqualTo(missing);
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesAsTheNextVersion() {
            created(null);
            registry.given(update(ORG, changes().setName("Depot 2")));
            SiteCommand command = delete(ORG);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).singleElement().satisfies(event -> {
                assertThat(event.getPayload()).isEqualTo(new SiteDeleted());
                assertThat(event.getVersion()).isEqualTo(3);
            });
            SiteView site = decision.sites().get(SITE).getCurrent();
            assertThat(site.getDeletedAt()).isEqualTo(command.getIssuedAt());
            assertThat(site.getVersion()).isEqualTo(3);
            assertAccepted(decision.result(), command, SITE, 3);
            assertThat(decision.result().getSite()).isEqualTo(site);
        }

        @Test
        void unlinksItsChargersWhichStayInTheFleetAndDropsItsAssets() {
            created(null);
            registered(CP);
            registered("CP-002");
            registry.given(link(SITE, CP));
            registry.given(link(SITE, "CP-002"));
            registry.given(registry.site(ORG, SITE, new AddEnergyAsset(EnergyAsset.newBuilder()
                    .setAssetId("asset_01J0000000000000000000000A").setType(EnergyAssetType.solar).setName("PV")
                    .setCapacityKw(50).setCreatedAt(T0).setUpdatedAt(T0).build())));
            SiteCommand command = delete(ORG);

            Decision decision = registry.decide(command);

            assertThat(decision.chargerEvents())
                    .extracting(ChargerEvent::getChargePointId, ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(CP, 3L, new ChargerUnlinked(SITE, UnlinkReason.SITE_DELETED)),
                            tuple("CP-002", 3L, new ChargerUnlinked(SITE, UnlinkReason.SITE_DELETED)));
            assertThat(decision.siteEvents()).extracting(SiteEvent::getPayload).containsExactly(new SiteDeleted());
            SiteView site = decision.sites().get(SITE).getCurrent();
            assertThat(site.getChargePointIds()).isEmpty();
            assertThat(site.getChargerCount()).isZero();
            assertThat(site.getEnergyAssets()).isEmpty();
            assertThat(decision.chargers().values()).allSatisfy(charger -> {
                assertThat(charger.getSiteId()).isNull();
                assertThat(charger.getLinkedAt()).isNull();
                assertThat(charger.getDecommissionedAt()).isNull();
            });
            assertAccepted(decision.result(), command, SITE, 5);
        }

        @Test
        void doesNotFindMissingDeletedOrForeignSites() {
            assertNotFound(delete(ORG));
            created(null);
            assertNotFound(delete(OTHER_ORG));
            registry.given(delete(ORG));
            assertNotFound(delete(ORG));
        }
    }

    @Nested
    class Link {

        @Test
        void linksTheChargerInOneDecisionOnTheSiteAndTheCharger() {
            created(null);
            registered(CP);
            SiteCommand command = link(SITE, CP);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).singleElement().satisfies(event -> {
                assertThat(event.getSiteId()).isEqualTo(SITE);
                assertThat(event.getVersion()).isEqualTo(2);
                assertThat(event.getPayload()).isEqualTo(new SiteChargerLinked(CP));
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
            });
            assertThat(decision.chargerEvents()).singleElement().satisfies(event -> {
                assertThat(event.getChargePointId()).isEqualTo(CP);
                assertThat(event.getVersion()).isEqualTo(2);
                assertThat(event.getPayload()).isEqualTo(new ChargerLinked(SITE, null));
                assertThat(event.getOrganisationId()).isEqualTo(ORG);
                assertThat(event.getOccurredAt()).isEqualTo(command.getIssuedAt());
                assertThat(event.getCommandId()).isEqualTo(command.getCommandId());
            });
            SiteView site = decision.sites().get(SITE).getCurrent();
            assertThat(site.getChargePointIds()).containsExactly(CP);
            assertThat(site.getChargerCount()).isEqualTo(1);
            ChargerView charger = decision.chargers().get(CP);
            assertThat(charger.getSiteId()).isEqualTo(SITE);
            assertThat(charger.getLinkedAt()).isEqualTo(command.getIssuedAt());
            assertAccepted(decision.result(), command, SITE, 2);
            assertThat(decision.result().getSite()).isEqualTo(site);
            assertThat(decision.result().getCharger()).isEqualTo(charger);
        }

        @Test
        void movesAChargerLinkedToAnotherSiteAndRecordsTheSiteItLeft() {
            created(null);
            registry.given(registry.site(ORG, OTHER_SITE, new CreateSite(DEPOT)));
            registered(CP);
            registry.given(link(OTHER_SITE, CP));
            SiteCommand command = link(SITE, CP);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents())
                    .extracting(SiteEvent::getSiteId, SiteEvent::getVersion, SiteEvent::getPayload)
                    .containsExactly(tuple(OTHER_SITE, 3L, new SiteChargerUnlinked(CP, UnlinkReason.MOVED)),
                            tuple(SITE, 2L, new SiteChargerLinked(CP)));
            assertThat(decision.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(3L, new ChargerLinked(SITE, OTHER_SITE)));
            assertThat(decision.sites().get(OTHER_SITE).getCurrent().getChargerCount()).isZero();
            assertThat(decision.sites().get(SITE).getCurrent().getChargePointIds()).containsExactly(CP);
            assertThat(decision.chargers().get(CP).getSiteId()).isEqualTo(SITE);
            assertAccepted(decision.result(), command, SITE, 2);
        }

        @Test
        void linkingAgainToTheSameSiteChangesNothingAndAnswersTheSameLinkedAt() {
            created(null);
            registered(CP);
            ChargerView linked = registry.given(link(SITE, CP)).result().getCharger();
            SiteCommand again = link(SITE, CP);

            Decision decision = registry.decide(again);

            assertUnchanged(decision);
            assertAccepted(decision.result(), again, SITE, 2);
            assertThat(decision.result().getCharger()).isEqualTo(linked);
            assertThat(decision.result().getCharger().getLinkedAt()).isEqualTo(linked.getLinkedAt());
        }

        @Test
        void doesNotFindAChargerThatIsMissingForeignOrDecommissioned() {
            created(null);
            SiteCommand missing = link(SITE, CP);
            CommandResult missingResult = registry.decide(missing).result();
            assertChargerNotFound(registry.decide(missing), CP);
            assertThat(missingResult.getVersion()).isEqualTo(1);

            registry.given(registry.charger(OTHER_ORG, CP, new RegisterCharger()));
            assertThat(registry.decide(missing).result()).isEqualTo(missingResult);

            registered("CP-002");
            registry.given(registry.charger(ORG, "CP-002", new DecommissionCharger()));
            assertChargerNotFound(registry.decide(link(SITE, "CP-002")), "CP-002");
        }

        @Test
        void doesNotLinkThroughAnotherOrganisationsSite() {
            registry.given(registry.site(OTHER_ORG, SITE, new CreateSite(DEPOT)));
            registered(CP);

            assertNotFound(link(SITE, CP));
        }
    }

    @Nested
    class Unlink {

        @Test
        void unlinksFromTheSiteAndTheChargerWhichStaysInTheFleet() {
            created(null);
            registered(CP);
            registry.given(link(SITE, CP));
            SiteCommand command = unlink(SITE, CP);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).extracting(SiteEvent::getVersion, SiteEvent::getPayload)
                    .containsExactly(tuple(3L, new SiteChargerUnlinked(CP, UnlinkReason.UNLINKED)));
            assertThat(decision.chargerEvents()).extracting(ChargerEvent::getVersion, ChargerEvent::getPayload)
                    .containsExactly(tuple(3L, new ChargerUnlinked(SITE, UnlinkReason.UNLINKED)));
            assertThat(decision.sites().get(SITE).getCurrent().getChargerCount()).isZero();
            ChargerView charger = decision.chargers().get(CP);
            assertThat(charger.getSiteId()).isNull();
            assertThat(charger.getLinkedAt()).isNull();
            assertThat(charger.getDecommissionedAt()).isNull();
            assertAccepted(decision.result(), command, SITE, 3);
        }

        @Test
        void doesNotFindAChargerThatIsNotLinkedToThisSite() {
            created(null);
            registry.given(registry.site(ORG, OTHER_SITE, new CreateSite(DEPOT)));
            registered(CP);

            assertRefused(registry.decide(unlink(SITE, CP)), CommandStatus.NOT_FOUND,
                    "Charger CP-001 is not linked to site " + SITE + ".");
            registry.given(link(OTHER_SITE, CP));
            assertRefused(registry.decide(unlink(SITE, CP)), CommandStatus.NOT_FOUND,
                    "Charger CP-001 is not linked to site " + SITE + ".");
        }

        @Test
        void doesNotFindAChargerThatIsMissingForeignOrDecommissioned() {
            created(null);
            assertChargerNotFound(registry.decide(unlink(SITE, CP)), CP);
            registry.given(registry.charger(OTHER_ORG, CP, new RegisterCharger()));
            assertChargerNotFound(registry.decide(unlink(SITE, CP)), CP);
            registered("CP-002");
            registry.given(link(SITE, "CP-002"));
            registry.given(registry.charger(ORG, "CP-002", new DecommissionCharger()));
            assertChargerNotFound(registry.decide(unlink(SITE, "CP-002")), "CP-002");
        }

        @Test
        void doesNotFindADeletedSite() {
            created(null);
            registered(CP);
            registry.given(link(SITE, CP));
            registry.given(delete(ORG));

            assertNotFound(unlink(SITE, CP));
        }
    }

    @Test
    void refusesAnUndecidableCommandWithoutChangingAnything() {
        SiteCommand command = delete(ORG);

        Decision decision = SiteDecider.undecidable(command, T0);

        assertRefused(decision, CommandStatus.REJECTED, Decision.UNDECIDABLE);
        assertThat(decision.result().getAggregateId()).isEqualTo(SITE);
        assertThat(decision.result().getCommandId()).isEqualTo(command.getCommandId());
    }

    @Test
    void failsOnAPayloadItDoesNotKnow() {
        created(null);
        SiteCommand command = SiteCommand.newBuilder(delete(ORG)).setPayload(DEPOT).build();

        assertThatThrownBy(() -> registry.decide(command)).isInstanceOf(IllegalArgumentException.class);
    }

    private SiteView created(String idempotencyKey) {
        return registry.given(create(ORG, DEPOT, idempotencyKey)).result().getSite();
    }

    private void registered(String chargePointId) {
        registry.given(registry.charger(ORG, chargePointId, new RegisterCharger("Alfen", "Eve", null, List.of())));
    }

    private SiteCommand create(String org, SiteDetails details, String idempotencyKey) {
        return registry.siteCommand(org, SITE, new CreateSite(details)).setIdempotencyKey(idempotencyKey).build();
    }

    private SiteCommand update(String org, SiteChanges.Builder changes) {
        return registry.site(org, SITE, new UpdateSite(changes.build()));
    }

    private SiteCommand delete(String org) {
        return registry.site(org, SITE, new DeleteSite());
    }

    private SiteCommand link(String siteId, String chargePointId) {
        return registry.site(ORG, siteId, new LinkCharger(chargePointId));
    }

    private SiteCommand unlink(String siteId, String chargePointId) {
        return registry.site(ORG, siteId, new UnlinkCharger(chargePointId));
    }

    private static SiteChanges.Builder changes() {
        return SiteChanges.newBuilder();
    }

    static void assertAccepted(CommandResult result, Object command, String aggregateId, long version) {
        String commandId = command instanceof SiteCommand site ? site.getCommandId()
                : ((ChargerCommand) command).getCommandId();
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getCommandId()).isEqualTo(commandId);
        assertThat(result.getAggregateId()).isEqualTo(aggregateId);
        assertThat(result.getVersion()).isEqualTo(version);
        assertThat(result.getMessage()).isNull();
    }

    static void assertUnchanged(Decision decision) {
        assertThat(decision.siteEvents()).isEmpty();
        assertThat(decision.chargerEvents()).isEmpty();
        assertThat(decision.readings()).isEmpty();
        assertThat(decision.sites()).isEmpty();
        assertThat(decision.chargers()).isEmpty();
        assertThat(decision.assetAdditions()).isEmpty();
    }

    static void assertRefused(Decision decision, CommandStatus status, String message) {
        assertUnchanged(decision);
        assertThat(decision.result().getStatus()).isEqualTo(status);
        assertThat(decision.result().getMessage()).isEqualTo(message);
        assertThat(decision.result().getSite()).isNull();
        assertThat(decision.result().getCharger()).isNull();
        assertThat(decision.result().getEnergyAsset()).isNull();
        assertThat(decision.result().getEnergyAssetReading()).isNull();
    }

    private void assertNotFound(SiteCommand command) {
        Decision decision = registry.decide(command);
        assertRefused(decision, CommandStatus.NOT_FOUND, "Site " + SITE + " does not exist.");
        assertThat(decision.result().getVersion()).isZero();
        assertThat(decision.result().getOrganisationId()).isEqualTo(command.getOrganisationId());
    }

    private static void assertChargerNotFound(Decision decision, String chargePointId) {
        assertRefused(decision, CommandStatus.NOT_FOUND, "Charger " + chargePointId + " does not exist.");
    }

}
