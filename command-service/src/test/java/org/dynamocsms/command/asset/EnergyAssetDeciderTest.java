package org.dynamocsms.command.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.command.RegistryFixture.DEPOT;
import static org.dynamocsms.command.RegistryFixture.ORG;
import static org.dynamocsms.command.RegistryFixture.OTHER_ORG;

import java.time.Instant;
import java.util.Map;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.RegistryFixture;
import org.dynamocsms.command.site.SiteDecider;
import org.dynamocsms.schemas.asset.AddEnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetAdded;
import org.dynamocsms.schemas.asset.EnergyAssetChanges;
import org.dynamocsms.schemas.asset.EnergyAssetReading;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.EnergyAssetUpdated;
import org.dynamocsms.schemas.asset.RecordEnergyAssetReading;
import org.dynamocsms.schemas.asset.RemoveEnergyAsset;
import org.dynamocsms.schemas.asset.UpdateEnergyAsset;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Energy asset commands are site commands: decided through {@link SiteDecider}, against the asset's site. */
class EnergyAssetDeciderTest {

    static final String SITE = "site_01J0000000000000000000000A";
    static final String OTHER_SITE = "site_01J0000000000000000000000B";
    static final String ASSET = "asset_01J0000000000000000000000A";
    static final String OTHER_ASSET = "asset_01J0000000000000000000000B";
    static final Map<String, String> METADATA = Map.of("manufacturer", "SunPower", "install_date", "2023-03-15");

    private final RegistryFixture registry = new RegistryFixture();

    @BeforeEach
    void twoSites() {
        registry.given(registry.site(ORG, SITE, new CreateSite(DEPOT)));
        registry.given(registry.site(ORG, OTHER_SITE, new CreateSite(DEPOT)));
    }

    @Nested
    class Add {

        @Test
        void addsTheAssetAsTheSitesNextVersionAtTheTimeOfTheRequest() {
            SiteCommand command = add(SITE, null, solar(ASSET, 50));

            Decision decision = registry.decide(command);

            EnergyAsset expected = EnergyAsset.newBuilder(solar(ASSET, 50)).setCreatedAt(command.getIssuedAt())
                    .setUpdatedAt(command.getIssuedAt()).build();
            assertThat(decision.siteEvents()).extracting(SiteEvent::getVersion, SiteEvent::getPayload)
                    .containsExactly(tuple(2L, new EnergyAssetAdded(expected)));
            SiteView site = decision.sites().get(SITE).getCurrent();
            assertThat(site.getEnergyAssets()).containsExactly(expected);
            assertAccepted(decision.result(), command, 2);
            assertThat(decision.result().getEnergyAsset()).isEqualTo(expected);
            assertThat(decision.result().getSite()).isEqualTo(site);
            // Without an Idempotency-Key there is no repeat to answer, so nothing to remember.
            assertThat(decision.assetAdditions()).isEmpty();
        }

        @Test
        void refusesAnAssetIdTheSiteAlreadyHas() {
            registry.given(add(SITE, null, solar(ASSET, 50)));

            Decision decision = registry.decide(add(SITE, null, solar(ASSET, 60)));

            assertRefused(decision, CommandStatus.CONFLICT, "Energy asset " + ASSET + " already exists on this site.");
            assertThat(decision.result().getVersion()).isEqualTo(2);
        }

        @Test
        void answersARepeatedRequestWithTheFirstAssetAndChangesNothing() {
            SiteCommand first = add(SITE, "key-1", solar(ASSET, 50));
            Decision added = registry.given(first);
            assertThat(added.assetAdditions()).containsOnlyKeys(ASSET);
            registry.given(registry.site(ORG, SITE, new UpdateEnergyAsset(ASSET,
                    EnergyAssetChanges.newBuilder().setName("Renamed").build())));
            SiteCommand repeat = add(SITE, "key-1", solar(ASSET, 50));

            Decision decision = registry.decide(repeat);

            assertUnchanged(decision);
            assertAccepted(decision.result(), repeat, 3);
            assertThat(decision.result().getEnergyAsset()).isEqualTo(added.result().getEnergyAsset());
            assertThat(decision.result().getEnergyAsset().getCreatedAt()).isEqualTo(first.getIssuedAt());
        }

        @Test
        void refusesAKeyReusedWithADifferentAssetOrOnAnotherSite() {
            registry.given(add(SITE, "key-1", solar(ASSET, 50)));

            assertRefused(registry.decide(add(SITE, "key-1", solar(ASSET, 51))), CommandStatus.CONFLICT,
                    SiteDecider.KEY_REUSED);
            assertRefused(registry.decide(add(OTHER_SITE, "key-1", solar(ASSET, 50))), CommandStatus.CONFLICT,
                    SiteDecider.KEY_REUSED);
        }

        @Test
        void doesNotAddToAMissingDeletedOrForeignSite() {
            assertSiteNotFound(registry.decide(registry.site(OTHER_ORG, SITE, new AddEnergyAsset(solar(ASSET, 5)))));
            registry.given(registry.site(ORG, SITE, new DeleteSite()));
            assertSiteNotFound(registry.decide(add(SITE, null, solar(ASSET, 5))));
            assertSiteNotFound(registry.decide(add("site_01J0000000000000000000000C", null, solar(ASSET, 5))));
        }
    }

    @Nested
    class Update {

        @BeforeEach
        void anAsset() {
            registry.given(add(SITE, null, solar(ASSET, 50)));
        }

        @Test
        void changesOnlyTheFieldsGiven() {
            EnergyAssetChanges changes = EnergyAssetChanges.newBuilder().setCapacityKw(60.0).build();
            SiteCommand command = update(SITE, ASSET, changes);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).extracting(SiteEvent::getVersion, SiteEvent::getPayload)
                    .containsExactly(tuple(3L, new EnergyAssetUpdated(ASSET, changes)));
            EnergyAsset asset = decision.result().getEnergyAsset();
            assertThat(asset.getCapacityKw()).isEqualTo(60);
            assertThat(asset.getName()).isEqualTo("Rooftop PV Array");
            assertThat(asset.getMetadata()).isEqualTo(METADATA);
            assertThat(asset.getUpdatedAt()).isEqualTo(command.getIssuedAt());
            assertThat(asset.getCreatedAt()).isBefore(command.getIssuedAt());
            assertThat(decision.sites().get(SITE).getCurrent().getEnergyAssets()).containsExactly(asset);
            assertAccepted(decision.result(), command, 3);
        }

        @Test
        void acceptsAChangeToNothingWithoutAnEvent() {
            EnergyAsset asset = registry.siteView(SITE).getEnergyAssets().get(0);
            SiteCommand command = update(SITE, ASSET, EnergyAssetChanges.newBuilder().setCapacityKw(50.0)
                    .setMetadata(METADATA).setType(EnergyAssetType.solar).build());

            Decision decision = registry.decide(command);

            assertUnchanged(decision);
            assertAccepted(decision.result(), command, 2);
            assertThat(decision.result().getEnergyAsset()).isEqualTo(asset);
        }

        @Test
        void doesNotFindAnAssetOfAnotherSiteOrOneThatNeverExisted() {
            EnergyAssetChanges changes = EnergyAssetChanges.newBuilder().setName("x").build();

            assertAssetNotFound(registry.decide(update(OTHER_SITE, ASSET, changes)), ASSET);
            assertAssetNotFound(registry.decide(update(SITE, OTHER_ASSET, changes)), OTHER_ASSET);
            assertSiteNotFound(registry.decide(registry.site(OTHER_ORG, SITE, new UpdateEnergyAsset(ASSET,
                    changes))));
        }
    }

    @Nested
    class Remove {

        @Test
        void removesTheAsset() {
            registry.given(add(SITE, null, solar(ASSET, 50)));
            registry.given(add(SITE, null, solar(OTHER_ASSET, 10)));
            SiteCommand command = registry.site(ORG, SITE, new RemoveEnergyAsset(ASSET));

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).extracting(SiteEvent::getVersion, SiteEvent::getPayload)
                    .containsExactly(tuple(4L, new EnergyAssetRemoved(ASSET)));
            assertThat(decision.sites().get(SITE).getCurrent().getEnergyAssets()).extracting(EnergyAsset::getAssetId)
                    .containsExactly(OTHER_ASSET);
            assertAccepted(decision.result(), command, 4);
        }

        @Test
        void doesNotFindAnAssetOfAnotherSiteOrARemovedOne() {
            registry.given(add(SITE, null, solar(ASSET, 50)));

            assertAssetNotFound(registry.decide(registry.site(ORG, OTHER_SITE, new RemoveEnergyAsset(ASSET))), ASSET);
            registry.given(registry.site(ORG, SITE, new RemoveEnergyAsset(ASSET)));
            assertAssetNotFound(registry.decide(registry.site(ORG, SITE, new RemoveEnergyAsset(ASSET))), ASSET);
        }
    }

    @Nested
    class Reading {

        static final Instant MEASURED_AT = Instant.parse("2024-06-01T12:00:00Z");

        @BeforeEach
        void assets() {
            registry.given(add(SITE, null, solar(ASSET, 50)));
            registry.given(add(SITE, null, EnergyAsset.newBuilder(solar(OTHER_ASSET, 100))
                    .setType(EnergyAssetType.battery).build()));
        }

        @Test
        void writesTheReadingWithoutChangingTheSite() {
            SiteCommand command = reading(SITE, ASSET, 22.1);

            Decision decision = registry.decide(command);

            assertThat(decision.siteEvents()).isEmpty();
            assertThat(decision.sites()).isEmpty();
            EnergyAssetReading reading = decision.readings().get(0);
            assertThat(decision.readings()).containsExactly(EnergyAssetReading.newBuilder()
                    .setReadingId(reading.getReadingId()).setOrganisationId(ORG).setSiteId(SITE).setAssetId(ASSET)
                    .setOutputKw(22.1).setMeasuredAt(MEASURED_AT)
                    .setRecordedAt(RegistryFixture.decidedAt(command.getIssuedAt())).setSchemaVersion(1).build());
            assertThat(reading.getReadingId()).startsWith("evt_");
            assertAccepted(decision.result(), command, 3);
            assertThat(decision.result().getEnergyAssetReading()).isEqualTo(reading);
        }

        @Test
        void acceptsANegativeOutputOnlyFromABattery() {
            assertThat(registry.decide(reading(SITE, OTHER_ASSET, -30)).readings()).singleElement()
                    .extracting(EnergyAssetReading::getOutputKw).isEqualTo(-30.0);

            Decision solar = registry.decide(reading(SITE, ASSET, -0.5));

            assertRefused(solar, CommandStatus.REJECTED, "output_kw must not be negative for a solar asset; only a "
                    + "battery (while charging) reports negative output.");
            assertThat(solar.readings()).isEmpty();
        }

        @Test
        void doesNotFindAnAssetOfAnotherSiteOrOrganisation() {
            assertAssetNotFound(registry.decide(reading(OTHER_SITE, ASSET, 1)), ASSET);
            assertSiteNotFound(registry.decide(registry.site(OTHER_ORG, SITE,
                    new RecordEnergyAssetReading(ASSET, 1.0, MEASURED_AT))));
            registry.given(registry.site(ORG, SITE, new DeleteSite()));
            assertSiteNotFound(registry.decide(reading(SITE, ASSET, 1)));
        }

        private SiteCommand reading(String siteId, String assetId, double outputKw) {
            return registry.site(ORG, siteId, new RecordEnergyAssetReading(assetId, outputKw, MEASURED_AT));
        }
    }

    private SiteCommand add(String siteId, String idempotencyKey, EnergyAsset asset) {
        return registry.siteCommand(ORG, siteId, new AddEnergyAsset(asset)).setIdempotencyKey(idempotencyKey).build();
    }

    private SiteCommand update(String siteId, String assetId, EnergyAssetChanges changes) {
        return registry.site(ORG, siteId, new UpdateEnergyAsset(assetId, changes));
    }

    /** An asset as the API puts it in a command: created_at and updated_at are placeholders the decision sets. */
    private static EnergyAsset solar(String assetId, double capacityKw) {
        return EnergyAsset.newBuilder().setAssetId(assetId).setType(EnergyAssetType.solar).setName("Rooftop PV Array")
                .setCapacityKw(capacityKw).setMetadata(METADATA).setCreatedAt(Instant.EPOCH)
                .setUpdatedAt(Instant.EPOCH).build();
    }

    private static void assertAccepted(CommandResult result, SiteCommand command, long version) {
        assertThat(result.getStatus()).isEqualTo(CommandStatus.ACCEPTED);
        assertThat(result.getCommandId()).isEqualTo(command.getCommandId());
        assertThat(result.getAggregateId()).isEqualTo(command.getSiteId());
        assertThat(result.getVersion()).isEqualTo(version);
        assertThat(result.getMessage()).isNull();
    }

    private static void assertUnchanged(Decision decision) {
        assertThat(decision.siteEvents()).isEmpty();
        assertThat(decision.readings()).isEmpty();
        assertThat(decision.sites()).isEmpty();
        assertThat(decision.assetAdditions()).isEmpty();
    }

    private static void assertRefused(Decision decision, CommandStatus status, String message) {
        assertUnchanged(decision);
        assertThat(decision.result().getStatus()).isEqualTo(status);
        assertThat(decision.result().getMessage()).isEqualTo(message);
        assertThat(decision.result().getEnergyAsset()).isNull();
        assertThat(decision.result().getEnergyAssetReading()).isNull();
    }

    private static void assertAssetNotFound(Decision decision, String assetId) {
        assertRefused(decision, CommandStatus.NOT_FOUND, "Energy asset " + assetId + " does not exist.");
    }

    private static void assertSiteNotFound(Decision decision) {
        assertRefused(decision, CommandStatus.NOT_FOUND, SiteDecider.siteNotFound(decision.result().getAggregateId()));
        assertThat(decision.result().getVersion()).isZero();
    }
}
