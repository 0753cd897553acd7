package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dynamocsms.query.site.Sites.asset;
import static org.dynamocsms.query.site.Sites.assetAdded;
import static org.dynamocsms.query.site.Sites.assetRemoved;
import static org.dynamocsms.query.site.Sites.assetResized;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.renamed;
import static org.dynamocsms.query.site.Sites.view;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.dynamocsms.query.Refused;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database half of a replay: fold the history, then swap the whole table in one transaction. */
class SiteStoreRebuildTest {

    private static final List<SiteEvent> HISTORY = List.of(
            created("site_1", "One"), created("site_2", "Two"), renamed("site_1", 2, "One renamed"),
            created("site_3", "Three"), deleted("site_2", 2), renamed("site_1", 3, "One again"));
    /** Energy assets added, changed and removed, and a site deleted with its assets. */
    private static final List<SiteEvent> ASSET_HISTORY = List.of(
            created("site_1", "One"), created("site_2", "Two"),
            assetAdded("site_1", 2, asset("asset_1a", "Roof", 50)),
            assetAdded("site_2", 2, asset("asset_2a", "Wind", 10)),
            assetAdded("site_1", 3, asset("asset_1b", "Battery", 100)), assetResized("site_1", 4, "asset_1a", 60),
            assetAdded("site_1", 5, asset("asset_1c", "Generator", 30)), assetRemoved("site_1", 6, "asset_1b"),
            deleted("site_2", 3));

    private DataSource dataSource;
    private SiteViewStore store;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        dataSource = TestDatabase.clean();
        store = new SiteViewStore(dataSource);
    }

    @Test
    void rebuildsTheSameRowsAsTheLiveIngestionFromTheEventsAlone() throws Exception {
        // the live path: one upsert per projection record, in event order
        for (int i = 1; i <= HISTORY.size(); i++) {
            store.upsert(List.of(latest(HISTORY.subList(0, i)).get(HISTORY.get(i - 1).getSiteId())));
        }
        Map<String, String> live = table();

        SiteHistory history = fold(HISTORY);
        assertThat(store.replaceAll(history::sites)).isEmpty();

        assertThat(history.events()).isEqualTo(HISTORY.size());
        assertThat(table()).isEqualTo(live).containsOnlyKeys("site_1", "site_2", "site_3");
        assertThat(table().get("site_1")).isEqualTo("One again v3 live");
        assertThat(table().get("site_2")).isEqualTo("Two v2 deleted");
    }

    @Test
    void rebuildsTheEnergyAssetsAsTheLiveIngestionWroteThem() throws Exception {
        for (int i = 1; i <= ASSET_HISTORY.size(); i++) {
            store.upsert(List.of(latest(ASSET_HISTORY.subList(0, i)).get(ASSET_HISTORY.get(i - 1).getSiteId())));
        }
        Map<String, String> live = assetTable();

        store.replaceAll(fold(ASSET_HISTORY)::sites);

        assertThat(assetTable()).isEqualTo(live)
                .containsExactly(Map.entry("asset_1a", "site_1 #0 Roof 60.0"),
                        Map.entry("asset_1c", "site_1 #1 Generator 30.0"));
    }

    @Test
    void dropsEnergyAssetsTheHistoryDoesNotHave() throws Exception {
        store.upsert(List.of(
                view(created("site_stray", "Stray"), assetAdded("site_stray", 2, asset("asset_x", "X", 1))),
                view(created("site_1", "One"), assetAdded("site_1", 2, asset("asset_y", "Y", 1)))));

        store.replaceAll(fold(ASSET_HISTORY)::sites);

        assertThat(assetTable()).containsOnlyKeys("asset_1a", "asset_1c");
    }

    @Test
    void dropsRowsTheHistoryDoesNotHaveAndRepairsRowsItDisagreesWith() throws Exception {
        store.upsert(List.of(view(created("site_stray", "Stray")),
                SiteView.newBuilder(view(created("site_1", "Corrupt"))).setVersion(3).build()));

        store.replaceAll(fold(HISTORY)::sites);

        assertThat(table()).containsOnlyKeys("site_1", "site_2", "site_3");
        assertThat(table().get("site_1")).isEqualTo("One again v3 live");
    }

    @Test
    void readersSeeTheOldRowsUntilTheRebuildCommits() throws Exception {
        store.upsert(List.of(view(created("site_old", "Old"))));

        store.replaceAll(() -> {
            // runs inside the rebuild's transaction, with the table locked against writers
            assertThat(CompletableFuture.supplyAsync(this::tableUnchecked).get(5, TimeUnit.SECONDS))
                    .containsOnlyKeys("site_old");
            return fold(HISTORY).sites();
        });

        assertThat(table()).containsOnlyKeys("site_1", "site_2", "site_3");
    }

    @Test
    void liveIngestionWaitsForTheRebuildAndThenOnlyNewerVersionsLand() throws Exception {
        SiteHistory history = fold(HISTORY);
        CompletableFuture<?>[] writers = new CompletableFuture<?>[2];

        store.replaceAll(() -> {
            // an older record re-delivered and a newer one, arriving while the rebuild holds the lock
            writers[0] = upsertAsync(view(created("site_1", "One")));
            writers[1] = upsertAsync(view(created("site_3", "Three"), renamed("site_3", 2, "Three renamed")));
            Thread.sleep(300);
            assertThat(writers).noneMatch(CompletableFuture::isDone);
            return history.sites();
        });
        CompletableFuture.allOf(writers).get(5, TimeUnit.SECONDS);

        assertThat(table().get("site_1")).isEqualTo("One again v3 live");
        assertThat(table().get("site_3")).isEqualTo("Three renamed v2 live");
    }

    @Test
    void aFailedRebuildLeavesTheStoreAsItWas() throws Exception {
        store.upsert(List.of(view(created("site_old", "Old"))));

        assertThatThrownBy(() -> store.replaceAll(() -> {
            throw new IllegalStateException("Kafka went away");
        })).hasMessage("Kafka went away");

        assertThat(table()).containsOnlyKeys("site_old");
    }

    @Test
    void anEventForAnUnknownSiteFailsTheFold() {
        assertThatThrownBy(() -> fold(List.of(renamed("site_9", 2, "Nine"))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static SiteHistory fold(List<SiteEvent> events) {
        SiteHistory history = new SiteHistory();
        events.forEach(history::apply);
        return history;
    }

    private static Map<String, SiteView> latest(List<SiteEvent> events) {
        Map<String, SiteView> sites = new LinkedHashMap<>();
        fold(events).sites().forEach(site -> sites.put(site.getSiteId(), site));
        return sites;
    }

    private CompletableFuture<List<Refused<SiteView>>> upsertAsync(SiteView view) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.upsert(List.of(view));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** site id -> "name vN live|deleted", in site id order. */
    private Map<String, String> table() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT site_id, name, version, deleted_at FROM site ORDER BY site_id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + " v" + rs.getLong(3)
                        + (rs.getObject(4) == null ? " live" : " deleted"));
            }
        }
        return rows;
    }

    /** asset id -> "site #position name capacity", in site and position order. */
    private Map<String, String> assetTable() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT asset_id, site_id, position, name, capacity_kw FROM energy_asset "
                             + "ORDER BY site_id, position")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + " #" + rs.getInt(3) + " " + rs.getString(4) + " "
                        + rs.getDouble(5));
            }
        }
        return rows;
    }

    private Map<String, String> tableUnchecked() {
        try {
            return table();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
