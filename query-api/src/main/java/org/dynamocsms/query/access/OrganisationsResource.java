package org.dynamocsms.query.access;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.auth.ApiKeyJson;
import org.dynamocsms.platform.auth.OrganisationJson;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' reads of organisations and their API keys, from the in-memory key directory every service keeps. */
@Path("/admin/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CsmsApi.ORGANISATIONS_TAG, description = CsmsApi.ORGANISATIONS_ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key lacks the `operator` scope.")
public class OrganisationsResource {

    private static final String ORGANISATION_ID = "The organisation's id.";
    private static final String NO_ORGANISATION = "No such organisation.";

    @Inject
    ApiKeyDirectory directory;

    @GET
    @Operation(summary = "List organisations", description = "Every organisation, oldest first: those created "
            + "here and those that only have keys (the first key's, keys made before organisations).")
    @APIResponse(responseCode = "200", description = "The organisations.", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = OrganisationJson.class)))
    public List<OrganisationJson> list() {
        return directory.organisations().stream().map(OrganisationJson::of).toList();
    }

    @GET
    @Path("/{organisation_id}")
    @Operation(summary = "Get an organisation")
    @APIResponse(responseCode = "200", description = "The organisation.",
            content = @Content(schema = @Schema(implementation = OrganisationJson.class)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = NO_ORGANISATION)
    public OrganisationJson get(@Parameter(description = ORGANISATION_ID) @PathParam("organisation_id")
                                String organisationId) {
        return directory.organisation(organisationId).map(OrganisationJson::of)
                .orElseThrow(() -> ProblemException.notFound("Organisation " + organisationId));
    }

    @GET
    @Path("/{organisation_id}/api-keys")
    @Operation(summary = "List an organisation's API keys", description = "Live and revoked, oldest first; never "
            + "a secret or its hash.")
    @APIResponse(responseCode = "200", description = "The keys.", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = ApiKeyJson.class)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = NO_ORGANISATION)
    public List<ApiKeyJson> keys(@Parameter(description = ORGANISATION_ID) @PathParam("organisation_id")
                                 String organisationId) {
        get(organisationId);
        return directory.keys(organisationId).stream().map(ApiKeyJson::of).toList();
    }

    @GET
    @Path("/{organisation_id}/api-keys/{key_id}")
    @Operation(summary = "Get an API key", description = "Never its secret or its hash.")
    @APIResponse(responseCode = "200", description = "The key.",
            content = @Content(schema = @Schema(implementation = ApiKeyJson.class)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such organisation, or no such key "
            + "in it.")
    public ApiKeyJson key(@Parameter(description = ORGANISATION_ID) @PathParam("organisation_id")
                          String organisationId,
                          @Parameter(description = "The key's id.") @PathParam("key_id") String keyId) {
        return directory.key(organisationId, keyId).map(ApiKeyJson::of)
                .orElseThrow(() -> ProblemException.notFound("API key " + keyId + " of organisation "
                        + organisationId));
    }
}
