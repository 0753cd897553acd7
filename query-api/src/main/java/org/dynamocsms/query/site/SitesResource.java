package org.dynamocsms.query.site;

import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.platform.site.SiteJson;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.ReadYourWrites;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The site reads, always within the caller's organisation: anything else answers as if it did not exist. */
@Path("/api/v1/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SitesResource.TAG, description = SitesResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class SitesResource {

    /** The OpenAPI tag of every read under /api/v1/sites. */
    public static final String TAG = "Sites";
    public static final String ABOUT = "The sites API lets you model your physical infrastructure. Each site "
            + "represents a location — a car park, depot, or forecourt — with a defined power capacity.";
    /** The OpenAPI description of a site read's Consistency-Token. */
    public static final String TOKEN_DESCRIPTION = "A write's Consistency-Token (<site_id>@<version>): the read "
            + "waits (up to 2 s) until it reflects that write.";
    private static final String SITE_EXAMPLE = """
            {"site_id": "site_01HZ4K8XVPQR3TY5N6M", "name": "King Street Depot",
             "address": "14 King Street, Manchester, M2 6AQ", "max_power_kw": 150, "lat": 53.4808, "lng": -2.2426,
             "created_at": "2024-06-01T09:00:00Z", "charger_count": 8}""";

    @Inject
    Caller caller;

    @Inject
    SiteRepository sites;

    @Inject
    SiteViewStore store;

    @Inject
    ReadYourWrites readYourWrites;

    @GET
    @Operation(summary = "List sites", description = "Returns all sites in your organisation.")
    @APIResponse(responseCode = "200", description = "A page of sites, oldest first.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = SitePage.class),
                    examples = @ExampleObject(name = "sites", value = "{\"sites\": [" + SITE_EXAMPLE
                            + "], \"total\": 1, \"limit\": 10, \"offset\": 0}")))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "limit, offset or Consistency-Token is invalid.")
    public Response list(
            @Parameter(description = "Maximum number of sites to return. Max " + PageRequest.MAX_LIMIT + ".",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = PageRequest.MIN_LIMIT_TEXT,
                            maximum = PageRequest.MAX_LIMIT_TEXT, defaultValue = PageRequest.DEFAULT_LIMIT_TEXT))
            @QueryParam("limit") String limit,
            @Parameter(description = "Number of sites to skip before the first one returned.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset,
            @Parameter(in = ParameterIn.HEADER, description = TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) {
        String organisationId = caller.organisationId();
        PageRequest page = PageRequest.parse(limit, offset);
        String status = await(organisationId, null, token);
        List<SiteJson> found = sites.page(organisationId, page.limit(), page.offset());
        SitePage answer = new SitePage(found, sites.countLive(organisationId), page.limit(), page.offset());
        return ReadYourWrites.answer(Response.ok(answer).build(), status);
    }

    @GET
    @Path("/{site_id}")
    @Operation(summary = "Get a site")
    @APIResponse(responseCode = "200", description = "The site.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = SiteJson.class),
                    examples = @ExampleObject(name = "site", value = SITE_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = "Consistency-Token is invalid.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND_YET,
            description = "No such site in your organisation (or it was deleted).")
    public Response get(
            @Parameter(description = "The unique identifier of the site.", example = "site_01HZ4K8XVPQR3TY5N6M")
            @PathParam("site_id") String siteId,
            @Parameter(in = ParameterIn.HEADER, description = TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        String organisationId = caller.organisationId();
        // Without a token, the read itself says whether a recent write is still to come: most often not, and then
        // it is the answer (one statement); else it waits like any other read, then reads again.
        SiteViewStore.Read read = token == null ? store.read(organisationId, siteId) : null;
        String status = read != null && read.written() != null ? ReadYourWrites.REACHED : null;
        if (read == null || !read.current()) {
            status = await(organisationId, Resources.site(siteId), token);
            read = store.read(organisationId, siteId);
        }
        Response response = read.site() == null ? ProblemException.notFound("Site " + siteId).toResponse()
                : Response.ok(read.site()).build();
        return ReadYourWrites.answer(response, status);
    }

    /** Waits for the token's write, or without one for the organisation's recent writes of {@code resource}. */
    private String await(String organisationId, String resource, String token) {
        return readYourWrites.await(token, organisationId, resource, siteId -> store.version(organisationId, siteId));
    }
}
