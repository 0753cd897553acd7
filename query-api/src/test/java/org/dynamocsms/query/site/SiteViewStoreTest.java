package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.dynamocsms.query.site.Sites.ORG;
import static org.dynamocsms.query.site.Sites.T0;
import static org.dynamocsms.query.site.Sites.asset;
import static org.dynamocsms.query.site.Sites.assetAdded;
import static org.dynamocsms.query.site.Sites.assetRemoved;
import static org.dynamocsms.query.site.Sites.assetResized;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.renamed;
import static org.dynamocsms.query.site.Sites.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.platform.site.SiteJson;
import org.dynamocsms.query.Refused;
import org.dynamocsms.query.Jdbc;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteViewStoreTest {

    private static final String SITE = "site_1";
    private static final SiteEvent CREATED = created(SITE, "King Street Depot");
    private static final SiteEvent RENAMED = renamed(SITE, 2, "Queen Street Depot");
    private static final EnergyAsset BATTERY = asset("asset_b", "Battery", 100);
    private static final EnergyAsset ROOF = asset("asset_a", "Rooftop PV Array", 50);
    private static final SiteView WITH_ASSETS =
            view(CREATED, assetAdded(SITE, 2, BATTERY), assetAdded(SITE, 3, ROOF));

    private DataSource dataSource;
    private SiteViewStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new SiteViewStore(dataSource);
    }

    @Test
    void writesEveryColumnOfANewSite() throws SQLException {
        SiteView site = SiteView.newBuilder(view(CREATED)).setChargerCount(3).build();

        assertThat(store.upsert(List.of(site))).isEmpty();

        assertThat(row(SITE)).isEqualTo(new Row(ORG, "King Street Depot", "14 King Street, Manchester, M2 6AQ",
                150.0, 53.4808, -2.2426, site.getCreatedAt(), site.getUpdatedAt(), null, 1, 3));
    }

    @Test
    void readsALiveSiteAsTheApiShowsItWithItsVersion() throws SQLException {
        store.upsert(List.of(view(CREATED)));

        assertThat(store.read(ORG, SITE)).isEqualTo(new SiteViewStore.Read(SiteJson.of(view(CREATED)), 1L, null));
        assertThat(store.read(ORG, SITE).current()).isTrue();
    }

    @Test
    void aReadIsNotCurrentUntilTheStoreHasTheOrganisationsRecentWrite() throws SQLException {
        store.upsert(List.of(view(CREATED)));
        recentWrite(ORG, SITE, 2);

        SiteViewStore.Read before = store.read(ORG, SITE);
        assertThat(before.written()).isEqualTo(2);
        assertThat(before.current()).isFalse();

        store.upsert(List.of(view(CREATED, RENAMED)));
        SiteViewStore.Read after = store.read(ORG, SITE);
        assertThat(after.current()).isTrue();
        assertThat(after.site().name()).isEqualTo("Queen Street Depot");
    }

    @Test
    void aSiteNotYetInTheStoreIsNotCurrentWhileItsCreationIsARecentWrite() throws SQLException {
        recentWrite(ORG, SITE, 1);

        assertThat(store.read(ORG, SITE)).isEqualTo(new SiteViewStore.Read(null, null, 1L));
        assertThat(store.read(ORG, SITE).current()).isFalse();
        assertThat(store.read(ORG, "site_never").current()).isTrue();
    }

    @Test
    void aDeletedSiteIsReadAsNoneButWithItsVersion() throws SQLException {
        store.upsert(List.of(view(CREATED, deleted(SITE, 2))));

        assertThat(store.read(ORG, SITE)).isEqualTo(new SiteViewStore.Read(null, 2L, null));
    }

    @Test
    void neverReadsAnotherOrganisationsSiteOrWrites() throws SQLException {
        store.upsert(List.of(view(CREATED)));
        recentWrite("org_B", SITE, 5);

        assertThat(store.read("org_B", SITE)).isEqualTo(new SiteViewStore.Read(null, null, 5L));
        assertThat(store.read(ORG, SITE).written()).isNull();
    }

    @Test
    void keepsNullOptionalDetails() throws SQLException {
        SiteDetails bare = SiteDetails.newBuilder().setName("Bare").setMaxPowerKw(22.5).build();
        store.upsert(List.of(SiteView.newBuilder(view(CREATED)).setDetails(bare).build()));

        assertThat(row(SITE)).extracting(Row::address, Row::maxPowerKw, Row::lat, Row::lng)
                .containsExactly(null, 22.5, null, null);
    }

    @Test
    void aNewerVersionReplacesTheRow() throws SQLException {
        store.upsert(List.of(view(CREATED)));
        store.upsert(List.of(view(CREATED, RENAMED)));

        assertThat(row(SITE)).extracting(Row::name, Row::version).containsExactly("Queen Street Depot", 2L);
    }

    @Test
    void anOlderVersionChangesNothing() throws SQLException {
        store.upsert(List.of(view(CREATED, RENAMED)));
        store.upsert(List.of(view(CREATED)));

        assertThat(row(SITE)).extracting(Row::name, Row::version).containsExactly("Queen Street Depot", 2L);
    }

    @Test
    void aDuplicateChangesNothing() throws SQLException {
        SiteView renamed = view(CREATED, RENAMED);
        store.upsert(List.of(renamed));
        Row before = row(SITE);
        // same version, different content: proves the duplicate is not written at all
        store.upsert(List.of(SiteView.newBuilder(renamed).setChargerCount(9).build()));

        assertThat(row(SITE)).isEqualTo(before);
    }

    @Test
    void aDeletedSiteIsKeptWithItsVersionAndAnOlderRecordCannotReviveIt() throws SQLException {
        SiteView deletedSite = view(CREATED, RENAMED, deleted(SITE, 3));
        store.upsert(List.of(deletedSite));
        store.upsert(List.of(view(CREATED, RENAMED)));

        assertThat(row(SITE)).extracting(Row::deletedAt, Row::version, Row::name)
                .containsExactly(deletedSite.getDeletedAt(), 3L, "Queen Street Depot");
    }

    @Test
    void withinOneBatchTheHighestVersionWinsWhateverTheOrder() throws SQLException {
        store.upsert(List.of(view(CREATED, RENAMED), view(CREATED), view(created("site_2", "Depot 2"))));

        assertThat(row(SITE)).extracting(Row::name, Row::version).containsExactly("Queen Street Depot", 2L);
        assertThat(row("site_2")).extracting(Row::version).isEqualTo(1L);
    }

    @Test
    void aRowTheDatabaseRefusesIsLeftOutAndTheRestOfTheBatchIsWritten() throws SQLException {
        SiteView poison = view(created("site_bad", "nul \u0000 in name"));
        List<Refused<SiteView>> refused =
                store.upsert(List.of(view(CREATED), poison, view(created("site_2", "Depot 2"))));

        assertThat(refused).extracting(Refused::value).containsExactly(poison);
        assertThat(refused).extracting(Refused::reason).singleElement().asString().contains("0x00");
        assertThat(row(SITE)).isNotNull();
        assertThat(row("site_2")).isNotNull();
        assertThat(row("site_bad")).isNull();
    }

    @Test
    void versionIsScopedToTheOrganisationAndKnowsDeletedSites() throws SQLException {
        assertThat(store.version(ORG, SITE)).isEmpty();
        store.upsert(List.of(view(CREATED, deleted(SITE, 2))));

        assertThat(store.version(ORG, SITE)).isEqualTo(OptionalLong.of(2));
        assertThat(store.version("org_B", SITE)).isEmpty();
    }

    @Test
    void writesTheEnergyAssetsOfASiteInTheSiteOrder() throws SQLException {
        store.upsert(List.of(WITH_ASSETS));

        assertThat(assets(SITE)).containsExactly(
                new AssetRow("asset_b", ORG, "solar", "Battery", 100.0,
                        Map.of("manufacturer", "SunPower", "install_date", "2023-03-15"), T0, T0, 0),
                new AssetRow("asset_a", ORG, "solar", "Rooftop PV Array", 50.0,
                        Map.of("manufacturer", "SunPower", "install_date", "2023-03-15"), T0, T0, 1));
    }

    @Test
    void aNewerVersionReplacesTheEnergyAssets() throws SQLException {
        store.upsert(List.of(WITH_ASSETS));
        SiteView changed = view(CREATED, assetAdded(SITE, 2, BATTERY), assetAdded(SITE, 3, ROOF),
                assetResized(SITE, 4, "asset_b", 120), assetRemoved(SITE, 5, "asset_a"),
                assetAdded(SITE, 6, asset("asset_c", "Generator", 30)));

        store.upsert(List.of(changed));

        assertThat(assets(SITE)).extracting(AssetRow::assetId, AssetRow::capacityKw, AssetRow::position)
                .containsExactly(tuple("asset_b", 120.0, 0), tuple("asset_c", 30.0, 1));
        assertThat(assets(SITE).get(0).updatedAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void anOlderOrDuplicateVersionLeavesTheEnergyAssetsAlone() throws SQLException {
        store.upsert(List.of(WITH_ASSETS));
        List<AssetRow> before = assets(SITE);

        store.upsert(List.of(view(CREATED, assetAdded(SITE, 2, BATTERY))));
        // same version, different assets: proves the duplicate is not written at all
        store.upsert(List.of(SiteView.newBuilder(WITH_ASSETS).setEnergyAssets(List.of()).build()));

        assertThat(assets(SITE)).isEqualTo(before);
    }

    @Test
    void aDeletedSiteHasNoEnergyAssets() throws SQLException {
        store.upsert(List.of(WITH_ASSETS, view(created("site_2", "Depot 2"), assetAdded("site_2", 2, asset(
                "asset_z", "Wind", 10)))));

        store.upsert(List.of(view(CREATED, assetAdded(SITE, 2, BATTERY), assetAdded(SITE, 3, ROOF),
                deleted(SITE, 4))));

        assertThat(assets(SITE)).isEmpty();
        assertThat(assets("site_2")).extracting(AssetRow::assetId).containsExactly("asset_z");
    }

    @Test
    void aSiteWithAnEnergyAssetTheDatabaseRefusesIsLeftOutWhole() throws SQLException {
        EnergyAsset poisonAsset = EnergyAsset.newBuilder(BATTERY).setAssetId("asset_bad")
                .setMetadata(Map.of("note", "nul \u0000 in metadata")).build();
        SiteView poison = view(created("site_bad", "Bad"), assetAdded("site_bad", 2, poisonAsset));

        List<Refused<SiteView>> refused = store.upsert(List.of(WITH_ASSETS, poison));

        assertThat(refused).extracting(Refused::value).containsExactly(poison);
        assertThat(row("site_bad")).isNull();
        assertThat(assets("site_bad")).isEmpty();
        assertThat(assets(SITE)).hasSize(2);
    }

    @Test
    void knowsWhichUpsertsAppliedWhateverTheDriverDoesWithBatches() throws SQLException {
        SiteViewStore rewriting =
                new SiteViewStore(TestDatabase.withProperties(Map.of("reWriteBatchedInserts", "true")));

        assertThat(rewriting.upsert(List.of(WITH_ASSETS, view(created("site_2", "Depot 2"))))).isEmpty();

        assertThat(row(SITE)).isNotNull();
        assertThat(row("site_2")).isNotNull();
        assertThat(assets(SITE)).hasSize(2);
    }

    record AssetRow(String assetId, String organisationId, String type, String name, double capacityKw,
                    Map<String, String> metadata, Instant createdAt, Instant updatedAt, int position) {
    }

    private List<AssetRow> assets(String siteId) throws SQLException {
        List<AssetRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM energy_asset WHERE site_id = ? ORDER BY position")) {
            select.setString(1, siteId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AssetRow(rs.getString("asset_id"), rs.getString("organisation_id"),
                            rs.getString("type"), rs.getString("name"), rs.getDouble("capacity_kw"),
                            metadata(rs.getString("metadata")), Jdbc.instant(rs, "created_at"),
                            Jdbc.instant(rs, "updated_at"), rs.getInt("position")));
                }
            }
        }
        return rows;
    }

    private static Map<String, String> metadata(String json) {
        try {
            return new ObjectMapper().readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Row(String organisationId, String name, String address, double maxPowerKw, Double lat, Double lng,
               Instant createdAt, Instant updatedAt, Instant deletedAt, long version, int chargerCount) {
    }

    private Row row(String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM site WHERE site_id = ?")) {
            select.setString(1, siteId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(rs.getString("organisation_id"), rs.getString("name"), rs.getString("address"),
                        rs.getDouble("max_power_kw"), rs.getObject("lat", Double.class),
                        rs.getObject("lng", Double.class), Jdbc.instant(rs, "created_at"),
                        Jdbc.instant(rs, "updated_at"), Jdbc.instant(rs, "deleted_at"), rs.getLong("version"),
                        rs.getInt("charger_count"));
            }
        }
    }

    private void recentWrite(String organisationId, String siteId, long version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO recent_write (organisation_id, "
                     + "resource, aggregate_id, version, written_at) VALUES (?, ?, ?, ?, now())")) {
            insert.setString(1, organisationId);
            insert.setString(2, "sites/" + siteId);
            insert.setString(3, siteId);
            insert.setLong(4, version);
            insert.executeUpdate();
        }
    }
}
