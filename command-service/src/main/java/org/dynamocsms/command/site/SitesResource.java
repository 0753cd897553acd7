package org.dynamocsms.command.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.ApiDocs;
import org.dynamocsms.command.CommandBus;
import org.dynamocsms.command.IdempotencyKeys;
import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.site.SiteJson;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.UpdateSite;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The sites API's writes: each request becomes a site command, and the answer is the registry's decision on it. */
@Path(SitesResource.PATH)
@Tag(name = "Sites", description = SitesResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key has only the `read` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class SitesResource {

    public static final String PATH = "/api/v1/sites";

    static final String ABOUT = "The sites API lets you model your physical infrastructure. Each site represents a "
            + "location — a car park, depot, or forecourt — with a defined power capacity.";
    private static final String NAME = "Display name for the site (e.g. “King Street Depot”).";
    private static final String ADDRESS = "Full street address of the site.";
    private static final String MAX_POWER = "Maximum available grid power in kilowatts. Smart charging uses this "
            + "value as the ceiling for load balancing.";
    private static final String NEW_MAX_POWER = "Updated power ceiling. Smart charging rebalances automatically "
            + "when this changes.";
    private static final String LAT = "Latitude in decimal degrees.";
    private static final String LNG = "Longitude in decimal degrees.";
    private static final String SITE_ID = "The unique identifier of the site.";
    private static final String CREATE_EXAMPLE = """
            {
              "name": "King Street Depot",
              "address": "14 King Street, Manchester, M2 6AQ",
              "max_power_kw": 150,
              "lat": 53.4808,
              "lng": -2.2426
            }""";
    private static final String SITE_EXAMPLE = """
            {
              "site_id": "site_01HZ4K8XVPQR3TY5N6M",
              "name": "King Street Depot",
              "address": "14 King Street, Manchester, M2 6AQ",
              "max_power_kw": 150,
              "lat": 53.4808,
              "lng": -2.2426,
              "created_at": "2024-06-01T09:00:00Z",
              "charger_count": 0
            }""";

    @Inject
    Caller caller;

    @Inject
    SiteCommands commands;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a site", description = "Creates a site in your organisation. With an "
            + "`Idempotency-Key`, a repeated request returns the first result and creates nothing.")
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DOC,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"name", "max_power_kw"}, properties = {
                    @SchemaProperty(name = "name", type = SchemaType.STRING, maxLength = SiteRequests.NAME_MAX_LENGTH,
                            description = NAME),
                    @SchemaProperty(name = "address", type = SchemaType.STRING,
                            maxLength = SiteRequests.ADDRESS_MAX_LENGTH,
                            description = ADDRESS),
                    @SchemaProperty(name = "max_power_kw", type = SchemaType.NUMBER, minimum = "0",
                            exclusiveMinimum = true, maximum = SiteRequests.MAX_POWER_KW_LIMIT_TEXT,
                            description = MAX_POWER),
                    @SchemaProperty(name = "lat", type = SchemaType.NUMBER, minimum = SiteRequests.LAT_MIN_TEXT,
                            maximum = SiteRequests.LAT_MAX_TEXT,
                            description = LAT),
                    @SchemaProperty(name = "lng", type = SchemaType.NUMBER, minimum = SiteRequests.LNG_MIN_TEXT,
                            maximum = SiteRequests.LNG_MAX_TEXT,
                            description = LNG)}),
            examples = @ExampleObject(name = "King Street Depot", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The created site.",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The site's path.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = IdempotencyKeys.REPLAYED, description = "`true` if an earlier request with the same "
                            + "Idempotency-Key created the site.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteJson.class),
                    examples = @ExampleObject(name = "King Street Depot", value = SITE_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "Malformed JSON, an invalid field (named in `errors`), a body over 64 KiB or an invalid "
                    + "Idempotency-Key.")
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT,
            description = "The Idempotency-Key was already used with a different request.")
    public Response create(byte[] body, @Context HttpHeaders headers) throws JsonProcessingException {
        String organisationId = caller.organisationId();
        // Read raw: a @HeaderParam turns an empty header into null, and an empty key must be refused, not ignored.
        String key = IdempotencyKeys.validate(headers.getHeaderString(IdempotencyKeys.HEADER));
        CreateSite create = new CreateSite(SiteRequests.create(RequestFields.parse(body)));
        String siteId = key == null ? Ids.SITE.next() : IdempotencyKeys.aggregateId(Ids.SITE, organisationId, key);
        SiteCommand command = commands.command(siteId, key, create);
        CommandResult result = commands.decide(command);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .entity(SiteJson.of(result.getSite()))
                .header(HttpHeaders.LOCATION, PATH + "/" + siteId)
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result));
        IdempotencyKeys.markReplayed(response, result.getSite().getCreatedAt(), command.getIssuedAt());
        return response.build();
    }

    @PATCH
    @Path("/{site_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a site",
            description = "All fields are optional. Only the fields you include will be updated.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, minProperties = 1, properties = {
                    @SchemaProperty(name = "name", type = SchemaType.STRING, maxLength = SiteRequests.NAME_MAX_LENGTH,
                            description = NAME),
                    @SchemaProperty(name = "address", type = SchemaType.STRING,
                            maxLength = SiteRequests.ADDRESS_MAX_LENGTH,
                            description = ADDRESS),
                    @SchemaProperty(name = "max_power_kw", type = SchemaType.NUMBER, minimum = "0",
                            exclusiveMinimum = true, maximum = SiteRequests.MAX_POWER_KW_LIMIT_TEXT,
                            description = NEW_MAX_POWER),
                    @SchemaProperty(name = "lat", type = SchemaType.NUMBER, minimum = SiteRequests.LAT_MIN_TEXT,
                            maximum = SiteRequests.LAT_MAX_TEXT,
                            description = LAT),
                    @SchemaProperty(name = "lng", type = SchemaType.NUMBER, minimum = SiteRequests.LNG_MIN_TEXT,
                            maximum = SiteRequests.LNG_MAX_TEXT,
                            description = LNG)}),
            examples = @ExampleObject(name = "New power ceiling", value = "{\"max_power_kw\": 200}")))
    @APIResponse(responseCode = "200", description = "The updated site.",
            headers = @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "Malformed JSON, no field, a null or an invalid field (named in `errors`), or a body over "
                    + "64 KiB.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such site in your organisation.")
    @APIResponse(responseCode = "422", ref = CsmsApi.UNPROCESSABLE,
            description = "The site would have only one of lat and lng.")
    public Response update(@Parameter(description = SITE_ID) @PathParam("site_id") String siteId, byte[] body)
            throws JsonProcessingException {
        UpdateSite update = new UpdateSite(SiteRequests.changes(RequestFields.parse(body)));
        CommandResult result = commands.decide(siteId, update);
        return Response.ok(SiteJson.of(result.getSite()))
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    @DELETE
    @Path("/{site_id}")
    @Operation(summary = "Delete a site", description = "Deleting a site does not delete the chargers linked to it. "
            + "Chargers are unlinked and remain in your fleet. Returns 204 No Content on success.")
    @APIResponse(responseCode = "204", description = "The site is deleted.",
            headers = @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such site in your organisation.")
    public Response delete(@Parameter(description = SITE_ID) @PathParam("site_id") String siteId) {
        CommandResult result = commands.decide(siteId, new DeleteSite());
        return Response.noContent().header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }
}
