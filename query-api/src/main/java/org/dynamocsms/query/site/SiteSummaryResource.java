package org.dynamocsms.query.site;

import java.sql.SQLException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.site.SiteViewStore;
import org.dynamocsms.query.site.SitesResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live summary of a site, always within the caller's organisation. */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SitesResource.TAG, description = SitesResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class SiteSummaryResource {

    private static final String SUMMARY_EXAMPLE = """
            {"site_id": "site_01HZ4K8XVPQR3TY5N6M", "name": "King Street Depot", "max_power_kw": 150,
             "current_power_kw": 87.4,
             "chargers": {"total": 8, "online": 7, "charging": 5, "available": 2, "faulted": 1},
             "active_sessions": 5, "energy_assets": [{"asset_id": "asset_9XM3T", "type": "solar",
             "name": "Rooftop PV Array", "capacity_kw": 50, "current_output_kw": 22.1}], "headroom_kw": 62.5,
             "allocations": [{"charge_point_id": "CP-001", "allocated_kw": 22, "drawn_kw": 21.4, "reserved": null}]}""";

    @Inject
    Caller caller;

    @Inject
    SiteSummaryStore summaries;

    @Inject
    SiteViewStore sites;

    @Inject
    ReadYourWrites readYourWrites;

    @GET
    @Path("/{site_id}/summary")
    @Operation(summary = "Get site summary", description = "Returns a live overview of the site, including charger "
            + "statuses and current power draw. A charger's status rolls up from its connectors, first match wins: "
            + "offline (no open OCPP connection), faulted (connector 0 reports Faulted), charging (a connector is "
            + "Charging, SuspendedEV or SuspendedEVSE), faulted (a connector reports Faulted), available (a "
            + "connector is Available), else online. `online` counts every charger that is not offline. Until the "
            + "site's first figures arrive, the counts and power are 0 and the outputs null. Beyond the contract, "
            + "`headroom_kw` and `allocations` show site load management's latest allocation.")
    @APIResponse(responseCode = "200", description = "The site's summary.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = SiteSummaryJson.class),
                    examples = @ExampleObject(name = "summary", value = SUMMARY_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = "Consistency-Token is invalid.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND_YET,
            description = "No such site in your organisation (or it was deleted).")
    public Response get(
            @Parameter(description = "The unique identifier of the site.", example = "site_01HZ4K8XVPQR3TY5N6M")
            @PathParam("site_id") String siteId,
            @Parameter(in = ParameterIn.HEADER, description = SitesResource.TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        String organisationId = caller.organisationId();
        String status = readYourWrites.await(token, organisationId, Resources.site(siteId),
                id -> sites.version(organisationId, id));
        Response response = summaries.find(organisationId, siteId)
                .map(summary -> Response.ok(summary).build())
                .orElseGet(() -> ProblemException.notFound("Site " + siteId).toResponse());
        return ReadYourWrites.answer(response, status);
    }
}
