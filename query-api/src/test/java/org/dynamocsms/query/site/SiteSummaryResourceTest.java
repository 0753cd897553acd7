package org.dynamocsms.query.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.query.site.Sites.asset;
import static org.dynamocsms.query.site.Sites.assetAdded;
import static org.dynamocsms.query.site.Sites.created;
import static org.dynamocsms.query.site.Sites.deleted;
import static org.dynamocsms.query.site.Sites.view;
import static org.dynamocsms.query.site.Summaries.ORG;
import static org.dynamocsms.query.site.Summaries.allocation;
import static org.dynamocsms.query.site.Summaries.output;
import static org.dynamocsms.query.site.Summaries.summary;
import static org.dynamocsms.query.site.Summaries.withLoad;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.query.Callers;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.TestDatabase;
import org.dynamocsms.query.site.SiteViewStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/sites/{id}/summary against the real database, without HTTP (the standalone tests that). */
class SiteSummaryResourceTest {

    private static final String SITE = "site_01HZ4K8XVPQR3TY5N6M";

    private SiteViewStore sites;
    private SiteSummaryStore summaries;

    @BeforeEach
    void cleanDatabase() throws SQLException {
        sites = new SiteViewStore(TestDatabase.clean());
        summaries = new SiteSummaryStore(TestDatabase.dataSource());
        sites.upsert(List.of(view(created(SITE, "King Street Depot"),
                        assetAdded(SITE, 2, asset("asset_9XM3T", "Rooftop PV Array", 50))),
                view(created("site_gone", "Gone"), deleted("site_gone", 2))));
    }

    @Test
    void answersExactlyTheContractsShapeAndThenTheLoadFigures() throws Exception {
        summaries.write(List.of(summary(SITE, 5, 87.4, output("asset_9XM3T", 22.1))), List.of());

        Response response = resource(ORG).get(SITE, null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(new ObjectMapper().writeValueAsString(response.getEntity())).isEqualTo("""
                {"site_id":"site_01HZ4K8XVPQR3TY5N6M","name":"King Street Depot","max_power_kw":150,\
                "current_power_kw":87.4,"chargers":{"total":8,"online":7,"charging":5,"available":2,"faulted":1},\
                "active_sessions":5,"energy_assets":[{"asset_id":"asset_9XM3T","type":"solar",\
                "name":"Rooftop PV Array","capacity_kw":50,"current_output_kw":22.1}],\
                "headroom_kw":null,"allocations":[]}""");
    }

    @Test
    void showsTheHeadroomAndEachChargersAllocatedAndDrawnPowerAfterTheContractsFields() throws Exception {
        summaries.write(List.of(withLoad(summary(SITE, 5, 87.4, output("asset_9XM3T", 22.1)), 62.5,
                allocation("CP-001", 22, 21.4, null), allocation("CP-002", 7.3, 7.3, "offline"))), List.of());

        Response response = resource(ORG).get(SITE, null);

        assertThat(new ObjectMapper().writeValueAsString(response.getEntity())).isEqualTo("""
                {"site_id":"site_01HZ4K8XVPQR3TY5N6M","name":"King Street Depot","max_power_kw":150,\
                "current_power_kw":87.4,"chargers":{"total":8,"online":7,"charging":5,"available":2,"faulted":1},\
                "active_sessions":5,"energy_assets":[{"asset_id":"asset_9XM3T","type":"solar",\
                "name":"Rooftop PV Array","capacity_kw":50,"current_output_kw":22.1}],"headroom_kw":62.5,\
                "allocations":[{"charge_point_id":"CP-001","allocated_kw":22,"drawn_kw":21.4,"reserved":null},\
                {"charge_point_id":"CP-002","allocated_kw":7.3,"drawn_kw":7.3,"reserved":"offline"}]}""");
    }

    @Test
    void beforeTheFirstFiguresTheCountsAndPowerAreZeroAndTheOutputsNull() throws Exception {
        Response response = resource(ORG).get(SITE, null);

        assertThat(new ObjectMapper().writeValueAsString(response.getEntity())).isEqualTo("""
                {"site_id":"site_01HZ4K8XVPQR3TY5N6M","name":"King Street Depot","max_power_kw":150,\
                "current_power_kw":0,"chargers":{"total":0,"online":0,"charging":0,"available":0,"faulted":0},\
                "active_sessions":0,"energy_assets":[{"asset_id":"asset_9XM3T","type":"solar",\
                "name":"Rooftop PV Array","capacity_kw":50,"current_output_kw":null}],"headroom_kw":null,\
                "allocations":[]}""");
    }

    @Test
    void anotherOrganisationsOrADeletedSiteAnswersExactlyLikeAMissingOne() throws SQLException {
        summaries.write(List.of(summary(SITE, 5, 87.4), summary("site_gone", 5, 1)), List.of());

        Problem missing = problem(resource(ORG).get("site_missing", null));
        Problem foreign = problem(resource("org_B").get(SITE, null));
        Problem deleted = problem(resource(ORG).get("site_gone", null));

        assertThat(List.of(missing.status(), foreign.status(), deleted.status())).containsOnly(404);
        assertThat(foreign.title()).isEqualTo(missing.title()).isEqualTo(deleted.title());
        assertThat(foreign.detail()).isEqualTo("Site " + SITE + " does not exist.");
    }

    @Test
    void waitsForASiteConsistencyToken() throws SQLException {
        Response reached = resource(ORG).get(SITE, SITE + "@2");
        Response notYet = resource(ORG).get(SITE, SITE + "@3");

        assertThat(reached.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.REACHED);
        assertThat(notYet.getHeaderString(ConsistencyToken.STATUS_HEADER)).isEqualTo(ReadYourWrites.TIMED_OUT);
        assertThat(notYet.getStatus()).isEqualTo(200);
    }

    private SiteSummaryResource resource(String organisationId) {
        SiteSummaryResource resource = new SiteSummaryResource();
        resource.caller = Callers.of(organisationId);
        resource.summaries = summaries;
        resource.sites = sites;
        resource.readYourWrites = new ReadYourWrites(Duration.ofMillis(50), (anyOrganisation, anyResource) -> Map.of());
        return resource;
    }

    private static Problem problem(Response response) {
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }
}
