package org.dynamocsms.query.fleet;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.QueryParameters;
import org.dynamocsms.query.analytics.AnalyticsDefinitions;
import org.dynamocsms.query.history.ChargerErrorPage;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ErrorCodes;
import org.dynamocsms.schemas.telemetry.ChargePointErrorCode;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The error episodes of the caller's fleet (its chargers in the registry, not decommissioned). */
@Path("/api/v1/cpo/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = FleetResource.TAG, description = FleetResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class FleetErrorsResource {

    /** What an error episode is and which clock its times are by: the fleet errors and a charger's history. */
    public static final String EPISODES = AnalyticsDefinitions.ERRORS + " `site_id` is the charger's site now. A "
            + "notification that arrives late is put in its place, so an episode may still change or vanish "
            + "afterwards. Newest first (by timestamp, then event_id, so pages neither overlap nor skip); `total` "
            + "counts every episode that matches, `errors` holds at most `limit` of them after the first `offset`.";
    public static final String LIMIT = "Maximum number of error events to return: " + PageRequest.LIMIT_RANGE
            + ".";
    public static final String OFFSET = "Number of matching error events to skip before the first one returned "
            + "(0-based): 0 to 2147483647, default 0.";
    private static final String ERRORS_EXAMPLE = """
            {"errors": [{"event_id": "evt_88XQPMN", "charge_point_id": "CP-007",
             "site_id": "site_01HZ4K8XVPQR3TY5N6M", "error_code": "GroundFailure",
             "info": "Ground fault detected on connector 1", "status": "Faulted",
             "timestamp": "2024-06-15T14:22:00Z", "resolved_at": null}], "total": 1, "limit": 20, "offset": 0}""";

    @Inject
    Caller caller;

    @Inject
    ChargerErrorStore errors;

    @GET
    @Path("/errors")
    @Operation(summary = "Fleet errors", description = "Returns error events across your fleet, ordered by most "
            + "recent first: the episodes of the chargers registered by your organisation and not decommissioned. "
            + EPISODES)
    @APIResponse(responseCode = "200", description = "The episodes that match, and how many match.",
            content = @Content(schema = @Schema(implementation = ChargerErrorPage.class),
                    examples = @ExampleObject(name = "errors", value = ERRORS_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "from, to, error_code, limit or offset is invalid, or from is not before to.")
    public ChargerErrorPage errors(
            @Parameter(description = AnalyticsDefinitions.ERRORS_FROM, example = "2024-06-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = AnalyticsDefinitions.ERRORS_TO, example = "2024-06-30T23:59:59Z")
            @QueryParam("to") String to,
            @Parameter(description = "Filter to a specific charger.", example = "CP-007")
            @QueryParam("charge_point_id") String chargePointId,
            @Parameter(description = "Filter by OCPP 1.6 ChargePointErrorCode (any case), e.g. "
                    + "ConnectorLockFailure. Accepted values: " + ErrorCodes.ACCEPTED + ".",
                    example = "ConnectorLockFailure")
            @QueryParam("error_code") String errorCode,
            @Parameter(description = LIMIT, example = "20")
            @QueryParam("limit") String limit,
            @Parameter(description = OFFSET, example = "0")
            @QueryParam("offset") String offset) throws SQLException {
        List<Problem.FieldError> invalid = new ArrayList<>();
        Period period = Period.parseOpen(from, to, invalid);
        ChargePointErrorCode code = ErrorCodes.parse(errorCode, invalid);
        PageRequest page = PageRequest.parse(limit, offset, invalid);
        QueryParameters.check(invalid);
        return errors.errors(caller.organisationId(), chargePointId, code, period, page);
    }
}
