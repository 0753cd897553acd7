package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.ORG;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.renamed;
import static org.dynamocsms.query.site.Sites.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteViewStoreTest {

    private static final String SITE = "site_1";
    private static final SiteEvent CREATED = created(SITE, "King Street Depot");
    private static final SiteEvent RENAMED = renamed(SITE, 2, "Queen Street Depot");

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
        List<SiteView> refused = store.upsert(List.of(view(CREATED), poison, view(created("site_2", "Depot 2"))));

        assertThat(refused).containsExactly(poison);
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
                        rs.getObject("lng", Double.class), instant(rs, "created_at"), instant(rs, "updated_at"),
                        instant(rs, "deleted_at"), rs.getLong("version"), rs.getInt("charger_count"));
            }
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
