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

/** The energy assets of a site, always within the caller's organisation. */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SitesResource.TAG, description = SitesResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class EnergyAssetsResource {

    private static final String LIST_EXAMPLE = """
            {"energy_assets": [{"asset_id": "asset_9XM3T", "site_id": "site_01HZ4K8XVPQR3TY5N6M",
             "type": "solar", "name": "Rooftop PV Array", "capacity_kw": 50,
             "metadata": {"install_date": "2023-03-15", "manufacturer": "SunPower"},
             "created_at": "2024-06-01T11:00:00Z", "updated_at": "2024-06-01T11:00:00Z"}]}""";

    @Inject
    Caller caller;

    @Inject
    EnergyAssetStore assets;

    @Inject
    SiteViewStore sites;

    @Inject
    ReadYourWrites readYourWrites;

    @GET
    @Path("/{site_id}/energy-assets")
    @Operation(summary = "List energy assets")
    @APIResponse(responseCode = "200", description = "The site's energy assets, in the order they were added.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = EnergyAssetList.class),
                    examples = @ExampleObject(name = "energy assets", value = LIST_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = "Consistency-Token is invalid.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND_YET,
            description = "No such site in your organisation (or it was deleted).")
    public Response list(
            @Parameter(description = "The site to list assets for.", example = "site_01HZ4K8XVPQR3TY5N6M")
            @PathParam("site_id") String siteId,
            @Parameter(in = ParameterIn.HEADER, description = SitesResource.TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        String organisationId = caller.organisationId();
        String status = readYourWrites.await(token, organisationId, Resources.site(siteId),
                id -> sites.version(organisationId, id));
        Response response = assets.ofLiveSite(organisationId, siteId)
                .map(found -> Response.ok(new EnergyAssetList(found)).build())
                .orElseGet(() -> ProblemException.notFound("Site " + siteId).toResponse());
        return ReadYourWrites.answer(response, status);
    }
}
