package org.dynamocsms.command.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.CommandBus;
import org.dynamocsms.command.RequestFields;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.auth.ApiKeyJson;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.auth.OrganisationJson;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.auth.AccessCommand;
import org.dynamocsms.schemas.auth.ApiKey;
import org.dynamocsms.schemas.auth.ApiKeys;
import org.dynamocsms.schemas.auth.CreateOrganisation;
import org.dynamocsms.schemas.auth.IssueApiKey;
import org.dynamocsms.schemas.auth.RevokeApiKey;
import org.dynamocsms.schemas.auth.RotateApiKey;
import org.dynamocsms.schemas.topics.Topics;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

/**
 * Operators' writes about organisations and their API keys: each becomes an access command, and the answer comes
 * once this instance's key directory holds what was decided (so the new key works here at once). A new secret is
 * made here, sent on as its hash only, and shown once, in the answer.
 */
@Path(OrganisationsResource.PATH)
@Tag(name = CsmsApi.ORGANISATIONS_TAG, description = CsmsApi.ORGANISATIONS_ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key lacks the `operator` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class OrganisationsResource {

    public static final String PATH = "/admin/organisations";
    static final String ORGANISATION_ID = "The organisation's id.";
    static final String KEY_ID = "The key's id.";
    private static final String NAME = "What the organisation is called.";
    private static final String KEY_NAME = "What the key is for.";
    private static final String SCOPES = "One or more of `read` (GETs), `write` (also the other methods of `/api/`) "
            + "and `operator` (also `/admin/`, across organisations); the widest counts.";

    @Inject
    Caller caller;

    @Inject
    CommandBus bus;

    @Inject
    ApiKeyDirectory directory;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organisation", description = "Creates an organisation without keys; issue "
            + "its keys with `POST /admin/organisations/{organisation_id}/api-keys`.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "name", properties =
                    @SchemaProperty(name = "name", type = SchemaType.STRING,
                            maxLength = AccessRequests.NAME_MAX_LENGTH, description = NAME)),
            examples = @ExampleObject(name = "Acme", value = "{\"name\": \"Acme Charging\"}")))
    @APIResponse(responseCode = "201", description = "The organisation.",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The organisation's path.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrganisationJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "Malformed JSON or an invalid field (named in `errors`).")
    public Response create(byte[] body) throws JsonProcessingException {
        String name = AccessRequests.organisationName(RequestFields.parse(body));
        String organisationId = Ids.ORGANISATION.next();
        decide(organisationId, new CreateOrganisation(name));
        await(() -> directory.organisation(organisationId).isPresent());
        return Response.status(Response.Status.CREATED)
                .entity(OrganisationJson.of(directory.organisation(organisationId).orElseThrow()))
                .header(HttpHeaders.LOCATION, PATH + "/" + organisationId).build();
    }

    @POST
    @Path("/{organisation_id}/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key", description = "Makes a key for the organisation. The answer holds "
            + "its secret, `key`, once: only its SHA-256 is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"name", "scopes"}, properties = {
                    @SchemaProperty(name = "name", type = SchemaType.STRING,
                            maxLength = AccessRequests.NAME_MAX_LENGTH, description = KEY_NAME),
                    @SchemaProperty(name = "scopes", type = SchemaType.ARRAY, minItems = 1, uniqueItems = true,
                            description = SCOPES,
                            implementation = String.class)}),
            examples = @ExampleObject(name = "A read-only key", value = "{\"name\": \"dashboard\", "
                    + "\"scopes\": [\"read\"]}")))
    @APIResponse(responseCode = "201", description = "The key, with its secret `key` (shown only here).",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The key's path.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiKeyJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "Malformed JSON or an invalid field (named in `errors`).")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such organisation.")
    public Response issue(@Parameter(description = ORGANISATION_ID) @PathParam("organisation_id")
                          String organisationId, byte[] body) throws JsonProcessingException {
        AccessRequests.NewKey request = AccessRequests.newKey(RequestFields.parse(body));
        String secret = ApiKeys.generate();
        String keyId = Ids.API_KEY.next();
        decide(organisationId, new IssueApiKey(keyId, request.name(), request.scopes(), ApiKeys.hash(secret)));
        await(() -> directory.find(secret).isPresent());
        return Response.status(Response.Status.CREATED)
                .entity(ApiKeyJson.withSecret(directory.find(secret).orElseThrow(), secret))
                .header(HttpHeaders.LOCATION, PATH + "/" + organisationId + "/api-keys/" + keyId).build();
    }

    @POST
    @Path("/{organisation_id}/api-keys/{key_id}/rotation")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate an API key", description = "Makes a new secret for the key (same id, name and "
            + "scopes) and revokes its old secret at once.")
    @APIResponse(responseCode = "201", description = "The key, with its new secret `key` (shown only here).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiKeyJson.class)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such organisation, or no such key "
            + "in it.")
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT, description = "The key is revoked.")
    public Response rotate(@Parameter(description = ORGANISATION_ID) @PathParam("organisation_id")
                           String organisationId,
                           @Parameter(description = KEY_ID) @PathParam("key_id") String keyId) {
        Optional<String> oldHash = directory.key(organisationId, keyId).map(ApiKey::getKeyHash);
        String secret = ApiKeys.generate();
        decide(organisationId, new RotateApiKey(keyId, ApiKeys.hash(secret)));
        await(() -> directory.find(secret).isPresent() && oldHash.flatMap(directory::byHash)
                .map(old -> old.getRevokedAt() != null).orElse(true));
        return Response.status(Response.Status.CREATED)
                .entity(ApiKeyJson.withSecret(directory.find(secret).orElseThrow(), secret)).build();
    }

    @DELETE
    @Path("/{organisation_id}/api-keys/{key_id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke an API key", description = "Every instance refuses the key within a second. "
            + "Revoking a revoked key changes nothing and answers the same.")
    @APIResponse(responseCode = "200", description = "The revoked key.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiKeyJson.class)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such organisation, or no such key "
            + "in it.")
    public Response revoke(@Parameter(description = ORGANISATION_ID) @PathParam("organisation_id")
                           String organisationId,
                           @Parameter(description = KEY_ID) @PathParam("key_id") String keyId) {
        decide(organisationId, new RevokeApiKey(keyId));
        await(() -> directory.key(organisationId, keyId).map(key -> key.getRevokedAt() != null).orElse(false));
        return Response.ok(ApiKeyJson.of(directory.key(organisationId, keyId).orElseThrow())).build();
    }

    private void decide(String organisationId, Object payload) {
        AccessCommand command = AccessCommand.newBuilder()
                .setCommandId(Ids.COMMAND.next())
                .setOrganisationId(organisationId)
                .setActorKeyId(caller.keyId())
                .setActorOrganisationId(caller.organisationId())
                .setIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPayload(payload)
                .build();
        CommandBus.accepted(bus.send(Topics.ACCESS_COMMANDS, organisationId, command.getCommandId(), command));
    }

    /** Waits until this instance's directory holds the decided change; 504 if it does not arrive in time. */
    private void await(BooleanSupplier arrived) {
        if (!directory.awaitUntil(arrived)) {
            throw new ProblemException(504, "Gateway Timeout", "The change was made but has not reached this "
                    + "instance in time; read it back before relying on it.");
        }
    }
}
