package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.ORG;
import static org.dynamocsms.query.site.Sites.T0;
import static org.dynamocsms.query.site.Sites.asset;
import static org.dynamocsms.query.site.Sites.assetAdded;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.view;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.dynamocsms.platform.asset.EnergyAssetJson;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnergyAssetStoreTest {

    private static final EnergyAsset ROOF = asset("asset_roof", "Rooftop PV Array", 50);
    private static final EnergyAsset BATTERY = EnergyAsset.newBuilder(asset("asset_battery", "Battery", 100))
            .setType(EnergyAssetType.battery).setMetadata(Map.of()).build();

    private EnergyAssetStore store;
    private SiteViewStore sites;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        store = new EnergyAssetStore(TestDatabase.clean());
        sites = new SiteViewStore(TestDatabase.dataSource());
    }

    @Test
    void listsTheAssetsOfASiteInTheOrderTheyWereAddedAsTheWritesShowThem() throws SQLException {
        sites.upsert(List.of(view(created("site_1", "One"), assetAdded("site_1", 2, ROOF),
                assetAdded("site_1", 3, BATTERY)), view(created("site_2", "Two"), assetAdded("site_2", 2,
                asset("asset_other", "Other", 1)))));

        assertThat(store.ofLiveSite(ORG, "site_1")).contains(List.of(
                EnergyAssetJson.of("site_1", ROOF), EnergyAssetJson.of("site_1", BATTERY)));
        assertThat(store.ofLiveSite(ORG, "site_1").orElseThrow().get(0).metadata())
                .containsExactly(Map.entry("install_date", "2023-03-15"), Map.entry("manufacturer", "SunPower"));
        assertThat(store.ofLiveSite(ORG, "site_1").orElseThrow().get(0).createdAt()).isEqualTo(T0);
    }

    @Test
    void aLiveSiteWithoutAssetsHasAnEmptyList() throws SQLException {
        sites.upsert(List.of(view(created("site_1", "One"))));

        assertThat(store.ofLiveSite(ORG, "site_1")).contains(List.of());
    }

    @Test
    void aMissingDeletedOrOtherOrganisationsSiteHasNoList() throws SQLException {
        sites.upsert(List.of(view(created("site_1", "One"), assetAdded("site_1", 2, ROOF)),
                view(created("site_2", "Two"), assetAdded("site_2", 2, BATTERY), deleted("site_2", 3))));

        assertThat(store.ofLiveSite(ORG, "site_missing")).isEmpty();
        assertThat(store.ofLiveSite(ORG, "site_2")).isEmpty();
        assertThat(store.ofLiveSite("org_B", "site_1")).isEmpty();
    }
}
