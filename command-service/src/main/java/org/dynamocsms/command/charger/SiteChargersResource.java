package org.dynamocsms.command.charger;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.command.ApiDocs;
import org.dynamocsms.command.CommandBus;
import org.dynamocsms.command.site.SiteCommands;
import org.dynamocsms.command.site.SitesResource;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.site.LinkCharger;
import org.dynamocsms.schemas.site.UnlinkCharger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Links and unlinks a site's chargers. A charger belongs to at most one site: linking it to another site moves it,
 * in one decision over both sites and the charger.
 */
@Path(SitesResource.PATH + "/{site_id}/chargers/{charge_point_id}")
@Tag(name = "Sites")
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key has only the `read` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class SiteChargersResource {

    private static final String CHARGE_POINT_ID = "The OCPP identity of the charger.";
    private static final String LINK_EXAMPLE = """
            {
              "site_id": "site_01HZ4K8XVPQR3TY5N6M",
              "charge_point_id": "CP-001",
              "linked_at": "2024-06-01T10:15:00Z"
            }""";

    @Inject
    SiteCommands commands;

    @POST
    @Path("/link")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link a charger to a site", description = "Associates a charger with a site so it "
            + "participates in site-level power management and reporting. A charger linked to another site moves "
            + "to this one; linking it again to the same site changes nothing and answers the same `linked_at`.")
    @APIResponse(responseCode = "200", description = "The charger is linked to the site.",
            headers = @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteChargerLinkJson.class),
                    examples = @ExampleObject(name = "CP-001", value = LINK_EXAMPLE)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such site, or no such charger, in your organisation.")
    public Response link(
            @Parameter(description = "The site to link the charger to.") @PathParam("site_id") String siteId,
            @Parameter(description = CHARGE_POINT_ID) @PathParam("charge_point_id") String chargePointId) {
        CommandResult result = commands.decide(siteId, new LinkCharger(ChargersResource.existing(chargePointId)));
        return Response.ok(SiteChargerLinkJson.of(result.getCharger()))
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    @DELETE
    @Operation(summary = "Unlink a charger from a site", description = "The charger stays in your fleet. Returns "
            + "204 No Content on success.")
    @APIResponse(responseCode = "204", description = "The charger is unlinked.",
            headers = @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such site or charger in your organisation, or the charger is not linked to this site.")
    public Response unlink(
            @Parameter(description = "The site to unlink the charger from.") @PathParam("site_id") String siteId,
            @Parameter(description = CHARGE_POINT_ID) @PathParam("charge_point_id") String chargePointId) {
        CommandResult result = commands.decide(siteId, new UnlinkCharger(ChargersResource.existing(chargePointId)));
        return Response.noContent().header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }
}
