package org.dynamocsms.schemas.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetAdded;
import org.dynamocsms.schemas.asset.EnergyAssetChanges;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.EnergyAssetUpdated;
import org.dynamocsms.schemas.charger.UnlinkReason;

import org.junit.jupiter.api.Test;

class SiteViewsTest {

    private static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");
    private static final Instant T1 = Instant.parse("2024-06-02T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-06-03T11:00:00Z");

    private static SiteEvent event(long version, Instant at, Object payload) {
        return SiteEvent.newBuilder().setEventId("evt_" + version).setOrganisationId("org_a").setSiteId("site_1")
                .setVersion(version).setOccurredAt(at).setRecordedAt(at).setPayload(payload).build();
    }

    private final SiteEvent created = event(1, T0,
            new SiteCreated(new SiteDetails("King Street Depot", "14 King Street", 150.0, 53.4808, -2.2426)));

    @Test
    void createdStartsTheSiteAtVersionOne() {
        SiteView site = SiteViews.apply(null, created);
        assertThat(site.getSiteId()).isEqualTo("site_1");
        assertThat(site.getOrganisationId()).isEqualTo("org_a");
        assertThat(site.getDetails().getName()).isEqualTo("King Street Depot");
        assertThat(site.getCreatedAt()).isEqualTo(T0);
        assertThat(site.getVersion()).isEqualTo(1);
        assertThat(site.getChargerCount()).isZero();
        assertThat(SiteViews.isLive(site)).isTrue();
    }

    @Test
    void updatedChangesOnlyTheGivenFields() {
        SiteChanges changes = SiteChanges.newBuilder().setMaxPowerKw(200.0).build();
        SiteView site = SiteViews.apply(SiteViews.apply(null, created), event(2, T1, new SiteUpdated(changes)));
        assertThat(site.getDetails().getMaxPowerKw()).isEqualTo(200.0);
        assertThat(site.getDetails().getName()).isEqualTo("King Street Depot");
        assertThat(site.getDetails().getLat()).isEqualTo(53.4808);
        assertThat(site.getCreatedAt()).isEqualTo(T0);
        assertThat(site.getUpdatedAt()).isEqualTo(T1);
        assertThat(site.getVersion()).isEqualTo(2);
    }

    @Test
    void deletedKeepsTheSiteWithItsDeletionTime() {
        SiteView site = SiteViews.apply(SiteViews.apply(null, created), event(2, T2, new SiteDeleted()));
        assertThat(site.getDeletedAt()).isEqualTo(T2);
        assertThat(site.getVersion()).isEqualTo(2);
        assertThat(SiteViews.isLive(site)).isFalse();
    }

    @Test
    void anEventAlreadyAppliedChangesNothing() {
        SiteView updated = SiteViews.apply(SiteViews.apply(null, created),
                event(2, T1, new SiteUpdated(SiteChanges.newBuilder().setName("Renamed").build())));
        assertThat(SiteViews.apply(updated, created)).isSameAs(updated);
        SiteEvent staleUpdate = event(2, T2, new SiteUpdated(SiteChanges.newBuilder().setName("Stale").build()));
        assertThat(SiteViews.apply(updated, staleUpdate).getDetails().getName()).isEqualTo("Renamed");
    }

    @Test
    void anEventBeforeCreationIsRejected() {
        assertThatThrownBy(() -> SiteViews.apply(null, event(2, T1, new SiteDeleted())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("site_1");
    }

    private static final Instant T3 = Instant.parse("2024-06-04T12:00:00Z");

    private static EnergyAsset solar(String id, Instant at) {
        return EnergyAsset.newBuilder().setAssetId(id).setType(EnergyAssetType.solar).setName("Rooftop PV Array")
                .setCapacityKw(50.0).setMetadata(Map.of("manufacturer", "SunPower")).setCreatedAt(at)
                .setUpdatedAt(at).build();
    }

    @Test
    void linksAndUnlinksKeepTheChargerCountEqualToTheLinkedChargers() {
        SiteView site = SiteViews.apply(null, created);
        site = SiteViews.apply(site, event(2, T1, new SiteChargerLinked("CP-001")));
        site = SiteViews.apply(site, event(3, T1, new SiteChargerLinked("CP-002")));
        site = SiteViews.apply(site, event(4, T1, new SiteChargerLinked("CP-001"))); // already linked
        assertThat(site.getChargePointIds()).containsExactly("CP-001", "CP-002");
        assertThat(site.getChargerCount()).isEqualTo(2);

        site = SiteViews.apply(site, event(5, T2, new SiteChargerUnlinked("CP-001", UnlinkReason.MOVED)));
        assertThat(site.getChargePointIds()).containsExactly("CP-002");
        assertThat(site.getChargerCount()).isEqualTo(1);
        assertThat(site.getVersion()).isEqualTo(5);
    }

    @Test
    void energyAssetsAreAddedUpdatedFieldByFieldAndRemoved() {
        SiteView site = SiteViews.apply(null, created);
        site = SiteViews.apply(site, event(2, T1, new EnergyAssetAdded(solar("asset_1", T1))));
        site = SiteViews.apply(site, event(3, T1, new EnergyAssetAdded(solar("asset_2", T1))));
        site = SiteViews.apply(site, event(4, T2, new EnergyAssetUpdated("asset_1",
                EnergyAssetChanges.newBuilder().setCapacityKw(60.0).build())));

        EnergyAsset updated = SiteViews.energyAsset(site, "asset_1").orElseThrow();
        assertThat(updated.getCapacityKw()).isEqualTo(60.0);
        assertThat(updated.getName()).isEqualTo("Rooftop PV Array");
        assertThat(updated.getMetadata()).containsEntry("manufacturer", "SunPower");
        assertThat(updated.getCreatedAt()).isEqualTo(T1);
        assertThat(updated.getUpdatedAt()).isEqualTo(T2);
        assertThat(SiteViews.energyAsset(site, "asset_2").orElseThrow().getCapacityKw()).isEqualTo(50.0);

        site = SiteViews.apply(site, event(5, T3, new EnergyAssetRemoved("asset_1")));
        assertThat(site.getEnergyAssets()).extracting(EnergyAsset::getAssetId).containsExactly("asset_2");
        assertThat(SiteViews.energyAsset(site, "asset_1")).isEmpty();
    }

    @Test
    void deletingTheSiteLeavesItNoChargersAndNoEnergyAssets() {
        SiteView site = SiteViews.apply(null, created);
        site = SiteViews.apply(site, event(2, T1, new SiteChargerLinked("CP-001")));
        site = SiteViews.apply(site, event(3, T1, new EnergyAssetAdded(solar("asset_1", T1))));
        site = SiteViews.apply(site, event(4, T2, new SiteDeleted()));
        assertThat(site.getChargePointIds()).isEmpty();
        assertThat(site.getChargerCount()).isZero();
        assertThat(site.getEnergyAssets()).isEmpty();
    }
}
