package org.dynamocsms.platform.openapi;

import jakarta.ws.rs.core.Application;

import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's frame shared by every service: its title, the bearer API key every call needs, and the
 * problem+json answers every resource refers to by name ({@code @APIResponse(responseCode = "404", ref = NOT_FOUND,
 * description = "No such site …")}, the description saying what it means there).
 */
@OpenAPIDefinition(
        info = @Info(title = "Dynamo CSMS API", version = "0.1.0",
                description = "Sites of a charge point operator. Every call needs `Authorization: Bearer <api key>`;"
                        + " the key decides the organisation, and its scope what it may do: `read` (GETs), `write` "
                        + "(also every other method) or `operator` (also `/admin/`, across organisations)."),
        security = @SecurityRequirement(name = CsmsApi.API_KEY),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = CsmsApi.API_KEY,
                        type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "An API key of your organisation."),
                responses = {
                        @APIResponse(name = CsmsApi.BAD_REQUEST, description = "A parameter, header or body is "
                                + "invalid; the problem names each in `errors`.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.UNAUTHORIZED, description = "No valid API key in "
                                + "`Authorization: Bearer <key>`.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.FORBIDDEN, description = "The API key's scope does not "
                                + "allow the request (`read`: GETs; `write`: also the other methods of `/api/`; "
                                + "`operator`: also `/admin/`); the problem names the scope needed.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.NOT_FOUND, description = "No such resource in your "
                                + "organisation.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.NOT_FOUND_YET, description = "No such resource in your "
                                + "organisation (or not yet readable, if a Consistency-Token timed out).",
                                headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                                        description = ConsistencyToken.STATUS_DESCRIPTION),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.CONFLICT, description = "The request conflicts with the "
                                + "current state.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.UNPROCESSABLE, description = "The request is well-formed but "
                                + "breaks a rule of the resource.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = CsmsApi.TIMED_OUT, description = "The write was sent but its decision "
                                + "did not arrive in time; repeat the request (with the same Idempotency-Key).",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class)))}))
public class CsmsApi extends Application {

    public static final String API_KEY = "api_key";

    /** The names of the shared problem answers, under {@code #/components/responses/}. */
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    /** A read's 404 that may carry the Consistency-Token's status. */
    public static final String NOT_FOUND_YET = "NotFoundYet";
    public static final String CONFLICT = "Conflict";
    public static final String UNPROCESSABLE = "UnprocessableContent";
    public static final String TIMED_OUT = "TimedOut";

    /** The tag of the operator endpoints about organisations and keys, whose reads and writes two services serve. */
    public static final String ORGANISATIONS_TAG = "Organisations";
    public static final String ORGANISATIONS_ABOUT = "Operator only: customer organisations and their API keys. "
            + "Every change is recorded on csms.access.events with the id of the key that made it.";
}
