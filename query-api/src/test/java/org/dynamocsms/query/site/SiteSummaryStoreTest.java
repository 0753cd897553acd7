package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.asset;
import static org.dynamocsms.query.site.Sites.assetAdded;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.renamed;
import static org.dynamocsms.query.site.Sites.view;
import static org.dynamocsms.query.site.Summaries.ORG;
import static org.dynamocsms.query.site.Summaries.allocation;
import static org.dynamocsms.query.site.Summaries.output;
import static org.dynamocsms.query.site.Summaries.summary;
import static org.dynamocsms.query.site.Summaries.withLoad;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.site.SiteSummaryJson.Allocation;
import org.dynamocsms.query.site.SiteSummaryJson.Chargers;
import org.dynamocsms.query.site.SiteSummaryJson.EnergyAssetOutput;
import org.dynamocsms.schemas.site.SiteSummary;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteSummaryStoreTest {

    private static final String SITE = "site_1";
    /** King Street Depot with a roof array and a battery, in that order. */
    private static final SiteView SITE_WITH_ASSETS = view(created(SITE, "King Street Depot"),
            assetAdded(SITE, 2, asset("asset_roof", "Rooftop PV Array", 50)),
            assetAdded(SITE, 3, asset("asset_battery", "Battery", 100)));
    private static final Chargers COUNTS = new Chargers(8, 7, 5, 2, 1);

    private DataSource dataSource;
    private SiteSummaryStore store;
    private SiteViewStore sites;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new SiteSummaryStore(dataSource);
        sites = new SiteViewStore(dataSource);
    }

    @Test
    void storesTheFiguresInColumnsAndTheAssetsAsJson() throws Exception {
        assertThat(store.write(List.of(summary(SITE, 4, 87.4, output("asset_roof", 22.1),
                output("asset_battery", null))), List.of())).isEmpty();

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM site_summary WHERE site_id = ?")) {
            select.setString(1, SITE);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString("organisation_id"), rs.getString("name"), rs.getDouble("max_power_kw"),
                        rs.getDouble("current_power_kw"), rs.getInt("chargers_total"), rs.getInt("chargers_online"),
                        rs.getInt("chargers_charging"), rs.getInt("chargers_available"), rs.getInt("chargers_faulted"),
                        rs.getInt("active_sessions"), rs.getLong("version")))
                        .containsExactly(ORG, "Summary of site_1", 150.0, 87.4, 8, 7, 5, 2, 1, 5, 4L);
                JsonNode assets = new ObjectMapper().readTree(rs.getString("energy_assets"));
                assertThat(assets).hasSize(2);
                assertThat(assets.get(0).get("asset_id").asText()).isEqualTo("asset_roof");
                assertThat(assets.get(0).get("current_output_kw").asDouble()).isEqualTo(22.1);
                assertThat(assets.get(0).get("measured_at").asText()).isEqualTo("2024-06-01T12:00:00Z");
                assertThat(assets.get(1).get("current_output_kw").isNull()).isTrue();
            }
        }
    }

    @Test
    void answersTheSiteWithItsFiguresAndItsAssetsInTheSiteOrder() throws SQLException {
        sites.upsert(List.of(SITE_WITH_ASSETS));
        store.write(List.of(summary(SITE, 4, 87.4, output("asset_battery", 40.0), output("asset_roof", 22.1))),
                List.of());

        assertThat(store.find(ORG, SITE)).contains(new SiteSummaryJson(SITE, "King Street Depot", 150.0, 87.4,
                COUNTS, 5, List.of(new EnergyAssetOutput("asset_roof", "solar", "Rooftop PV Array", 50.0, 22.1),
                        new EnergyAssetOutput("asset_battery", "solar", "Battery", 100.0, 40.0)), null, List.of()));
    }

    @Test
    void storesTheLoadFiguresInAColumnAndAsJson() throws Exception {
        store.write(List.of(withLoad(summary(SITE, 4, 14.2), 12.5, allocation("CP-001", 11, 10.2, null),
                allocation("CP-002", 4, 4, "offline"))), List.of());

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT headroom_kw, allocations FROM site_summary WHERE site_id = ?")) {
            select.setString(1, SITE);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble("headroom_kw")).isEqualTo(12.5);
                assertThat(new ObjectMapper().readTree(rs.getString("allocations"))).isEqualTo(new ObjectMapper()
                        .readTree("""
                                [{"charge_point_id": "CP-001", "allocated_kw": 11, "drawn_kw": 10.2, "reserved": null},
                                 {"charge_point_id": "CP-002", "allocated_kw": 4, "drawn_kw": 4,
                                  "reserved": "offline"}]"""));
            }
        }
    }

    @Test
    void answersTheHeadroomAndTheChargersSharesOfTheLatestAllocationInItsOrder() throws SQLException {
        sites.upsert(List.of(SITE_WITH_ASSETS));
        store.write(List.of(withLoad(summary(SITE, 4, 17.7), 0.0, allocation("CP-002", 7.4, 9.1, "above_limit"),
                allocation("CP-001", 11, 8.6, null), allocation("CP-003", 0, 0, "profile_rejected"))), List.of());

        assertThat(store.find(ORG, SITE)).hasValueSatisfying(summary -> {
            assertThat(summary.headroomKw()).isEqualTo(0.0);
            assertThat(summary.allocations()).containsExactly(new Allocation("CP-002", 7.4, 9.1, "above_limit"),
                    new Allocation("CP-001", 11.0, 8.6, null), new Allocation("CP-003", 0.0, 0.0, "profile_rejected"));
            assertThat(summary.energyAssets()).hasSize(2);
        });
    }

    @Test
    void aSummaryBeforeTheFirstAllocationHasNoHeadroomAndNoShares() throws SQLException {
        sites.upsert(List.of(SITE_WITH_ASSETS));
        store.write(List.of(withLoad(summary(SITE, 4, 0), 30.0, allocation("CP-001", 11, 0, null))), List.of());
        store.write(List.of(summary(SITE, 5, 0)), List.of());

        assertThat(store.find(ORG, SITE)).hasValueSatisfying(summary -> {
            assertThat(summary.headroomKw()).isNull();
            assertThat(summary.allocations()).isEmpty();
        });
    }

    @Test
    void aSiteWhoseFiguresHaveNotArrivedHasZeroCountsAndNoOutput() throws SQLException {
        sites.upsert(List.of(SITE_WITH_ASSETS));

        assertThat(store.find(ORG, SITE)).contains(new SiteSummaryJson(SITE, "King Street Depot", 150.0, 0.0,
                Chargers.NONE, 0, List.of(new EnergyAssetOutput("asset_roof", "solar", "Rooftop PV Array", 50.0, null),
                        new EnergyAssetOutput("asset_battery", "solar", "Battery", 100.0, null)), null, List.of()));
    }

    @Test
    void aSiteWithoutAssetsHasAnEmptyList() throws SQLException {
        sites.upsert(List.of(view(created(SITE, "Bare"))));
        store.write(List.of(summary(SITE, 1, 0)), List.of());

        assertThat(store.find(ORG, SITE)).hasValueSatisfying(summary -> {
            assertThat(summary.energyAssets()).isEmpty();
            assertThat(summary.chargers()).isEqualTo(COUNTS);
        });
    }

    @Test
    void theSiteAndItsAssetsComeFromTheSiteStoreAndOnlyOutputsFromTheSummary() throws SQLException {
        // the site was renamed and got a new asset after the summary was computed; the summary knows a stray asset
        sites.upsert(List.of(view(created(SITE, "Old name"), assetAdded(SITE, 2, asset("asset_roof", "Roof", 50)),
                renamed(SITE, 3, "New name"), assetAdded(SITE, 4, asset("asset_new", "New", 10)))));
        store.write(List.of(summary(SITE, 9, 12, output("asset_roof", 5.5), output("asset_gone", 1.0))), List.of());

        Optional<SiteSummaryJson> found = store.find(ORG, SITE);

        assertThat(found).hasValueSatisfying(summary -> {
            assertThat(summary.name()).isEqualTo("New name");
            assertThat(summary.energyAssets()).containsExactly(
                    new EnergyAssetOutput("asset_roof", "solar", "Roof", 50.0, 5.5),
                    new EnergyAssetOutput("asset_new", "solar", "New", 10.0, null));
        });
    }

    @Test
    void aMissingDeletedOrOtherOrganisationsSiteHasNoSummary() throws SQLException {
        sites.upsert(List.of(view(created("site_deleted", "Gone"), deleted("site_deleted", 2)), SITE_WITH_ASSETS));
        store.write(List.of(summary("site_deleted", 3, 10), summary(SITE, 3, 10)), List.of());

        assertThat(store.find(ORG, "site_missing")).isEmpty();
        assertThat(store.find(ORG, "site_deleted")).isEmpty();
        assertThat(store.find("org_B", SITE)).isEmpty();
        assertThat(store.find(ORG, SITE)).isPresent();
    }

    @Test
    void anOlderOrDuplicateVersionNeverOverwritesANewerOne() throws SQLException {
        sites.upsert(List.of(SITE_WITH_ASSETS));
        store.write(List.of(summary(SITE, 5, 50)), List.of());
        store.write(List.of(summary(SITE, 4, 40)), List.of());
        store.write(List.of(summary(SITE, 5, 55)), List.of());
        // and within one write the highest version wins whatever the order
        store.write(List.of(summary(SITE, 7, 70), summary(SITE, 6, 60)), List.of());

        assertThat(store.find(ORG, SITE)).hasValueSatisfying(s -> assertThat(s.currentPowerKw()).isEqualTo(70.0));
    }

    @Test
    void aTombstoneDeletesTheSummaryAndLeavesTheOthers() throws SQLException {
        sites.upsert(List.of(SITE_WITH_ASSETS, view(created("site_2", "Two"))));
        store.write(List.of(summary(SITE, 5, 50), summary("site_2", 1, 10)), List.of());

        store.write(List.of(summary("site_3", 1, 30)), List.of(SITE, "site_unknown"));

        assertThat(summaryVersion(SITE)).isNull();
        assertThat(summaryVersion("site_2")).isEqualTo(1L);
        assertThat(summaryVersion("site_3")).isEqualTo(1L);
        // the site itself is still live (its deletion reaches the site store on its own): it answers without figures
        assertThat(store.find(ORG, SITE)).hasValueSatisfying(s -> assertThat(s.chargers()).isEqualTo(Chargers.NONE));
    }

    @Test
    void aSummaryTheDatabaseRefusesIsLeftOutAndTheRestIsWritten() throws SQLException {
        SiteSummary poison = SiteSummary.newBuilder(summary("site_bad", 1, 10)).setName("nul \u0000").build();

        assertThat(store.write(List.of(summary(SITE, 1, 10), poison), List.of("site_2")))
                .extracting(Refused::value).containsExactly(poison);

        assertThat(summaryVersion(SITE)).isEqualTo(1L);
        assertThat(summaryVersion("site_bad")).isNull();
    }

    private Long summaryVersion(String siteId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT version FROM site_summary WHERE site_id = ?")) {
            select.setString(1, siteId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
