package org.dynamocsms.command.asset;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.dynamocsms.command.site.SiteCommands;
import org.dynamocsms.command.site.SitesResource;
import org.dynamocsms.platform.asset.EnergyAssetJson;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.asset.AddEnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.RemoveEnergyAsset;
import org.dynamocsms.schemas.asset.UpdateEnergyAsset;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.site.SiteCommand;
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

/** A site's energy assets and their output: each request becomes a site command about the asset's site. */
@Path(SitesResource.PATH + "/{site_id}/energy-assets")
@Tag(name = "Sites")
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key has only the `read` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class EnergyAssetsResource {

    private static final String SITE_OF_ASSET = "The site the asset belongs to.";
    private static final String ASSET_ID = "The unique identifier of the asset.";
    private static final String TYPE = "Asset type. Accepted values: solar, battery, wind, generator.";
    private static final String NAME = "A human-readable label for the asset.";
    private static final String CAPACITY = "Rated capacity of the asset in kilowatts.";
    private static final String METADATA = "Optional key/value pairs for custom asset data (e.g., manufacturer, "
            + "model). At most 50 entries; keys of 1 to 64 characters, string values of at most 512.";
    private static final String NEW_METADATA = "Updated metadata key/value pairs; replaces the whole map.";
    private static final String NOT_FOUND = "No such site in your organisation, or no such asset on the site.";
    private static final String CREATE_EXAMPLE = """
            {
              "type": "solar",
              "name": "Rooftop PV Array",
              "capacity_kw": 50,
              "metadata": {
                "manufacturer": "SunPower",
                "install_date": "2023-03-15"
              }
            }""";
    private static final String ASSET_EXAMPLE = """
            {
              "asset_id": "asset_9XM3T",
              "site_id": "site_01HZ4K8XVPQR3TY5N6M",
              "type": "solar",
              "name": "Rooftop PV Array",
              "capacity_kw": 50,
              "metadata": {
                "install_date": "2023-03-15",
                "manufacturer": "SunPower"
              },
              "created_at": "2024-06-01T11:00:00Z",
              "updated_at": "2024-06-01T11:00:00Z"
            }""";
    private static final String READING_EXAMPLE = """
            {
              "output_kw": 22.1,
              "measured_at": "2024-06-01T12:00:00Z"
            }""";

    @Inject
    Caller caller;

    @Inject
    SiteCommands commands;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an energy asset", description = "Attach a solar panel array, battery storage unit, or "
            + "other energy asset to the site. Assets are factored into smart charging allocation calculations. "
            + "With an `Idempotency-Key`, a repeated request returns the first result and adds nothing.")
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DOC,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"type", "name", "capacity_kw"},
                    properties = {
                            @SchemaProperty(name = "type", type = SchemaType.STRING,
                                    enumeration = {"solar", "battery", "wind", "generator"}, description = TYPE),
                            @SchemaProperty(name = "name", type = SchemaType.STRING,
                                    maxLength = EnergyAssetRequests.NAME_MAX_LENGTH,
                                    description = NAME),
                            @SchemaProperty(name = "capacity_kw", type = SchemaType.NUMBER, minimum = "0",
                                    exclusiveMinimum = true, maximum = EnergyAssetRequests.CAPACITY_KW_LIMIT_TEXT,
                                    description = CAPACITY),
                            @SchemaProperty(name = "metadata", type = SchemaType.OBJECT, maxProperties = 50,
                                    additionalProperties = String.class, description = METADATA)}),
            examples = @ExampleObject(name = "Rooftop PV Array", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The added asset.",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The asset's path.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = IdempotencyKeys.REPLAYED, description = "`true` if an earlier request with the "
                            + "same Idempotency-Key added the asset.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EnergyAssetJson.class),
                    examples = @ExampleObject(name = "Rooftop PV Array", value = ASSET_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = ApiDocs.INVALID_BODY + " An unknown `type` is answered with the allowed values.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such site in your organisation.")
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT,
            description = "The Idempotency-Key was already used with a different request.")
    public Response add(@Parameter(description = "The site to add the asset to.") @PathParam("site_id") String siteId,
                        byte[] body, @Context HttpHeaders headers) throws JsonProcessingException {
        String organisationId = caller.organisationId();
        // Read raw: a @HeaderParam turns an empty header into null, and an empty key must be refused, not ignored.
        String key = IdempotencyKeys.validate(headers.getHeaderString(IdempotencyKeys.HEADER));
        String assetId = key == null ? Ids.ASSET.next() : IdempotencyKeys.aggregateId(Ids.ASSET, organisationId, key);
        EnergyAsset asset = EnergyAssetRequests.create(RequestFields.parse(body), assetId);
        SiteCommand command = commands.command(siteId, key, new AddEnergyAsset(asset));
        CommandResult result = commands.decide(command);
        EnergyAsset added = result.getEnergyAsset();
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .entity(EnergyAssetJson.of(siteId, added))
                .header(HttpHeaders.LOCATION, SitesResource.PATH + "/" + siteId + "/energy-assets/" + assetId)
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result));
        IdempotencyKeys.markReplayed(response, added.getCreatedAt(), command.getIssuedAt());
        return response.build();
    }

    @PUT
    @Path("/{asset_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update an energy asset", description = "Only the fields you include will be updated; "
            + "`metadata`, when included, replaces the whole map. Send at least one field.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, minProperties = 1, properties = {
                    @SchemaProperty(name = "type", type = SchemaType.STRING,
                            enumeration = {"solar", "battery", "wind", "generator"}, description = TYPE),
                    @SchemaProperty(name = "name", type = SchemaType.STRING,
                            maxLength = EnergyAssetRequests.NAME_MAX_LENGTH, description = NAME),
                    @SchemaProperty(name = "capacity_kw", type = SchemaType.NUMBER, minimum = "0",
                            exclusiveMinimum = true, maximum = EnergyAssetRequests.CAPACITY_KW_LIMIT_TEXT,
                            description = CAPACITY),
                    @SchemaProperty(name = "metadata", type = SchemaType.OBJECT, maxProperties = 50,
                            additionalProperties = String.class, description = NEW_METADATA)}),
            examples = @ExampleObject(name = "New capacity", value = "{\"capacity_kw\": 60}")))
    @APIResponse(responseCode = "200", description = "The updated asset.",
            headers = @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EnergyAssetJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = ApiDocs.INVALID_BODY + " Also no field, or a null one.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = NOT_FOUND)
    public Response update(@Parameter(description = SITE_OF_ASSET) @PathParam("site_id") String siteId,
                           @Parameter(description = ASSET_ID) @PathParam("asset_id") String assetId, byte[] body)
            throws JsonProcessingException {
        existing(assetId);
        UpdateEnergyAsset update = new UpdateEnergyAsset(assetId,
                EnergyAssetRequests.changes(RequestFields.parse(body)));
        CommandResult result = commands.decide(siteId, update);
        return Response.ok(EnergyAssetJson.of(siteId, result.getEnergyAsset()))
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    @DELETE
    @Path("/{asset_id}")
    @Operation(summary = "Delete an energy asset", description = "Returns 204 No Content on success.")
    @APIResponse(responseCode = "204", description = "The asset is removed from the site.",
            headers = @Header(name = ConsistencyToken.HEADER, description = ApiDocs.SITE_TOKEN,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = NOT_FOUND)
    public Response remove(@Parameter(description = SITE_OF_ASSET) @PathParam("site_id") String siteId,
                           @Parameter(description = "The unique identifier of the asset to remove.")
                           @PathParam("asset_id") String assetId) {
        existing(assetId);
        CommandResult result = commands.decide(siteId, new RemoveEnergyAsset(assetId));
        return Response.noContent().header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    @POST
    @Path("/{asset_id}/readings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report an energy asset's output", description = "Not part of the sites API contract. "
            + "Records the asset's output at one moment; the latest `measured_at` becomes the asset's "
            + "`current_output_kw` in the site summary. An energy-management system may instead publish the same "
            + "Avro record (`EnergyAssetReading`, keyed by site id) directly to the Kafka topic `"
            + "csms.energy-asset.readings`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"output_kw", "measured_at"},
                    properties = {
                            @SchemaProperty(name = "output_kw", type = SchemaType.NUMBER, description = "Power the "
                                    + "asset delivers, in kW. Only a battery may report a negative value (while "
                                    + "it charges)."),
                            @SchemaProperty(name = "measured_at", type = SchemaType.STRING, format = "date-time",
                                    description = "When the asset measured it: ISO 8601 with offset, at most 5 "
                                            + "minutes in the future.")}),
            examples = @ExampleObject(name = "Midday output", value = READING_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "The reading is recorded; the site summary follows shortly.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EnergyAssetReadingJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = ApiDocs.INVALID_BODY)
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = NOT_FOUND)
    @APIResponse(responseCode = "422", ref = CsmsApi.UNPROCESSABLE,
            description = "A negative output for an asset that is not a battery.")
    public Response record(@Parameter(description = SITE_OF_ASSET) @PathParam("site_id") String siteId,
                           @Parameter(description = ASSET_ID) @PathParam("asset_id") String assetId, byte[] body)
            throws JsonProcessingException {
        existing(assetId);
        CommandResult result = commands.decide(siteId,
                EnergyAssetRequests.reading(RequestFields.parse(body), assetId, Instant.now()));
        return Response.accepted(EnergyAssetReadingJson.of(result.getEnergyAssetReading())).build();
    }

    /** 404 at once if {@code assetId} cannot name an energy asset at all. */
    private static void existing(String assetId) {
        if (!Ids.ASSET.matches(assetId)) {
            throw CommandBus.notFound(EnergyAssetDecider.assetNotFound(assetId));
        }
    }
}
