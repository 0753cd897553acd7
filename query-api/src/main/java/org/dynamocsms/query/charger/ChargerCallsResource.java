package org.dynamocsms.query.charger;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
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
import org.dynamocsms.platform.call.ChargerCallJson;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.QueryParameters;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.call.CallFilter;
import org.dynamocsms.query.call.ChargerCallPage;
import org.dynamocsms.query.call.ChargerCallStore;
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

/**
 * The calls the central system sent (or is sending) to one charger of the caller's fleet, and how they ended. A
 * charger that is not in the fleet (unknown, another organisation's, decommissioned) answers 404.
 */
@Path("/api/v1/cpo/chargers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ChargersResource.TAG)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class ChargerCallsResource {

    private static final String CHARGE_POINT_ID = "The OCPP identity of the charger.";
    private static final String STATUSES = "A call is pending until the charger answers (answered, whatever its "
            + "answer says, or call_error), stays silent until the call expires (timed_out), its connection ends "
            + "(connection_lost), its answer breaks the action's OCPP 1.6 schema (invalid_answer), or the gateway "
            + "does not send it (not_sent). A call still pending " + ChargerCallJson.EXPIRY_GRACE_SECONDS
            + " s after its expires_at is expired: no gateway held the charger's connection.";
    private static final String TOKEN_DESCRIPTION = "A call request's Consistency-Token (<call_id>@1): the read "
            + "waits (up to 2 s) until it reflects that call.";
    private static final String CALL_EXAMPLE = """
            {"call_id": "call_01HZ4K8XVPQR3TY5N6M7W8X9YZ", "charge_point_id": "CP-001", "action": "Reset",
             "payload": {"type": "Soft"}, "status": "answered", "answer": {"status": "Accepted"}, "error": null,
             "requested_by": "api", "requested_at": "2024-06-01T10:00:00Z", "expires_at": "2024-06-01T10:00:30Z",
             "sent_at": "2024-06-01T10:00:00.050Z", "ended_at": "2024-06-01T10:00:00.420Z"}""";

    @Inject
    Caller caller;

    @Inject
    ChargerStore chargers;

    @Inject
    ChargerCallStore calls;

    @Inject
    ReadYourWrites readYourWrites;

    Clock clock = Clock.systemUTC();

    @GET
    @Path("/{charge_point_id}/calls")
    @Operation(summary = "List a charger's calls", description = "Returns the calls sent to a charger (by an "
            + "operator or by site load management), newest first, each with its outcome. " + STATUSES)
    @APIResponse(responseCode = "200", description = "A page of the charger's calls, and how many match.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = ChargerCallPage.class),
                    examples = @ExampleObject(name = "calls", value = "{\"charge_point_id\": \"CP-001\", "
                            + "\"calls\": [" + CALL_EXAMPLE + "], \"total\": 1, \"limit\": 50, \"offset\": 0}")))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "action, status, limit, offset or Consistency-Token is invalid.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND_YET,
            description = "No such charger in your fleet (or it was decommissioned).")
    public Response list(
            @Parameter(description = CHARGE_POINT_ID, example = "CP-001")
            @PathParam("charge_point_id") String chargePointId,
            @Parameter(description = "Only calls of this OCPP 1.6 action.", example = "SetChargingProfile")
            @QueryParam("action") String action,
            @Parameter(description = "Only calls of this status: " + CallFilter.STATUS_DOC + ".",
                    example = "answered")
            @QueryParam("status") String status,
            @Parameter(description = "Maximum number of calls to return: " + PageRequest.LIMIT_RANGE + ".",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = PageRequest.MIN_LIMIT_TEXT,
                            maximum = PageRequest.MAX_LIMIT_TEXT, defaultValue = PageRequest.DEFAULT_LIMIT_TEXT))
            @QueryParam("limit") String limit,
            @Parameter(description = "Number of matching calls to skip before the first one returned.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset,
            @Parameter(in = ParameterIn.HEADER, description = TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        List<Problem.FieldError> invalid = new ArrayList<>();
        CallFilter filter = CallFilter.parse(action, status, invalid);
        PageRequest page = PageRequest.parse(limit, offset, invalid);
        QueryParameters.check(invalid);
        String organisationId = caller.organisationId();
        String consistency = await(organisationId, chargePointId, token);
        Response response = inFleet(organisationId, chargePointId)
                ? Response.ok(calls.calls(organisationId, chargePointId, filter, clock.instant(), page)).build()
                : notFound("Charger " + chargePointId);
        return ReadYourWrites.answer(response, consistency);
    }

    @GET
    @Path("/{charge_point_id}/calls/{call_id}")
    @Operation(summary = "Get a charger's call", description = "One call sent to a charger, and its outcome. "
            + STATUSES)
    @APIResponse(responseCode = "200", description = "The call.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = ChargerCallJson.class),
                    examples = @ExampleObject(name = "call", value = CALL_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = "Consistency-Token is invalid.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND_YET,
            description = "No such charger in your fleet (or it was decommissioned), or no such call to it.")
    public Response get(
            @Parameter(description = CHARGE_POINT_ID, example = "CP-001")
            @PathParam("charge_point_id") String chargePointId,
            @Parameter(description = "The call's id.", example = "call_01HZ4K8XVPQR3TY5N6M7W8X9YZ")
            @PathParam("call_id") String callId,
            @Parameter(in = ParameterIn.HEADER, description = TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        String organisationId = caller.organisationId();
        String consistency = await(organisationId, chargePointId, token);
        Response response;
        if (!inFleet(organisationId, chargePointId)) {
            response = notFound("Charger " + chargePointId);
        } else {
            response = calls.find(organisationId, chargePointId, callId, clock.instant())
                    .map(call -> Response.ok(call).build())
                    .orElseGet(() -> notFound("Call " + callId));
        }
        return ReadYourWrites.answer(response, consistency);
    }

    /** Waits for the token's call, or without one for the organisation's calls to the charger just requested. */
    private String await(String organisationId, String chargePointId, String token) {
        return readYourWrites.await(token, organisationId, Resources.callsOf(chargePointId),
                id -> calls.version(organisationId, id));
    }

    private boolean inFleet(String organisationId, String chargePointId) throws SQLException {
        return chargers.findRegistered(organisationId, chargePointId).isPresent();
    }

    private static Response notFound(String what) {
        return ProblemException.notFound(what).toResponse();
    }
}
