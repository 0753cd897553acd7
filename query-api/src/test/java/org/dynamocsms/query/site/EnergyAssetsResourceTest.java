package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.ORG;
import static org.dynamocsms.query.site.Sites.asset;
import static org.dynamocsms.query.site.Sites.assetAdded;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.view;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.dynamocsms.platform.asset.EnergyAssetJson;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/sites/{id}/energy-assets against the real database, without HTTP (the standalone tests that). */
class EnergyAssetsResourceTest {

    private static final EnergyAsset ROOF = asset("asset_roof", "Rooftop PV Array", 50);

    private SiteViewStore sites;
    private EnergyAssetStore assets;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        sites = new SiteViewStore(TestDatabase.clean());
        assets = new EnergyAssetStore(TestDatabase.dataSource());
        sites.upsert(List.of(view(created("site_1", "One"), assetAdded("site_1", 2, ROOF)),
                view(created("site_gone", "Gone"), deleted("site_gone", 2))));
    }

    @Test
    void listsTheSitesAssetsUnderEnergyAssets() throws Exception {
        Response response = resource(ORG).list("site_1", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo(
                new EnergyAssetList(List.of(EnergyAssetJson.of("site_1", ROOF))));
        String json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(response.getEntity());
        assertThat(json).startsWith("{\"energy_assets\":[{\"asset_id\":\"asset_roof\",\"site_id\":\"site_1\","
                + "\"type\":\"solar\",\"name\":\"Rooftop PV Array\",\"capacity_kw\":50,");
    }

    @Test
    void anotherOrganisationsOrADeletedSiteAnswersExactlyLikeAMissingOne() throws SQLException {
        Problem missing = problem(resource(ORG).list("site_missing", null));
        Problem foreign = problem(resource("org_B").list("site_1", null));
        Problem deleted = problem(resource(ORG).list("site_gone", null));

        assertThat(List.of(missing.status(), foreign.status(), deleted.status())).containsOnly(404);
        assertThat(foreign.title()).isEqualTo(missing.title()).isEqualTo(deleted.title());
        assertThat(foreign.detail()).isEqualTo("Site site_1 does not exist.");
    }

    @Test
    void waitsForASiteConsistencyToken() throws SQLException {
        Response reached = resource(ORG).list("site_1", "site_1@2");
        Response notYet = resource(ORG).list("site_1", "site_1@3");

        assertThat(reached.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
        assertThat(notYet.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
    }

    private EnergyAssetsResource resource(String organisationId) {
        EnergyAssetsResource resource = new EnergyAssetsResource();
        resource.caller = Callers.of(organisationId);
        resource.assets = assets;
        resource.sites = sites;
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50), (anyOrganisation, anyResource) -> Map.of());
        return resource;
    }

    private static Problem problem(Response response) {
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }
}
