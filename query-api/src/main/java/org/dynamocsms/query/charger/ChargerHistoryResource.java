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
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.QueryParameters;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.analytics.AnalyticsDefinitions;
import org.dynamocsms.query.charger.ChargerStore;
import org.dynamocsms.query.charger.ChargerErrorHistoryJson;
import org.dynamocsms.query.fleet.FleetErrorsResource;
import org.dynamocsms.query.fleet.FleetResource;
import org.dynamocsms.query.history.ChargerErrorStore;
import org.dynamocsms.query.history.ChargerIntervalStore;
import org.dynamocsms.query.history.ChargerMaintenanceJson;
import org.dynamocsms.query.history.ConnectivityJson;
import org.dynamocsms.query.history.MaintenanceStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The history of one charger of the caller's fleet: its errors, connectivity and maintenance. A charger that is not
 * in the fleet (unknown, another organisation's, decommissioned) answers 404.
 */
@Path("/api/v1/cpo/chargers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = FleetResource.TAG)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
        description = "No such charger in your fleet (or it was decommissioned).")
public class ChargerHistoryResource {

    private static final String CHARGE_POINT_ID = "The OCPP identity of the charger.";
    private static final String HISTORY_EXAMPLE = """
            {"charge_point_id": "CP-001", "errors": [{"event_id": "evt_01J0A5M3N4P5Q6R7S8T9V0W1X2",
             "charge_point_id": "CP-001", "site_id": "site_01HZ4K8XVPQR3TY5N6M", "error_code": "WeakSignal",
             "info": null, "status": "Available", "timestamp": "2024-05-28T08:14:00Z",
             "resolved_at": "2024-05-28T08:20:00Z"}], "total": 1, "limit": 10, "offset": 0}""";
    private static final String CONNECTIVITY_EXAMPLE = """
            {"charge_point_id": "CP-001", "events": [{"type": "disconnected", "timestamp": "2024-06-04T02:10:00Z"},
             {"type": "connected", "timestamp": "2024-06-04T02:12:45Z"}]}""";
    private static final String MAINTENANCE_EXAMPLE = """
            {"charge_point_id": "CP-001", "events": [{"event_id": "mnt_7YBKQ", "type": "scheduled",
             "description": "Quarterly inspection and connector cleaning", "scheduled_at": "2024-06-20T09:00:00Z",
             "completed_at": null, "technician": "J. Smith", "notes": null}]}""";

    @Inject
    Caller caller;

    @Inject
    ChargerStore chargers;

    @Inject
    ChargerErrorStore errors;

    @Inject
    ChargerIntervalStore intervals;

    @Inject
    MaintenanceStore maintenance;

    @Inject
    ReadYourWrites readYourWrites;

    Clock clock = Clock.systemUTC();

    @GET
    @Path("/{charge_point_id}/error-history")
    @Operation(summary = "Charger error history", description = "Returns the full error history for a specific "
            + "charger. " + FleetErrorsResource.EPISODES)
    @APIResponse(responseCode = "200", description = "The charger's episodes, and how many there are.",
            content = @Content(schema = @Schema(implementation = ChargerErrorHistoryJson.class),
                    examples = @ExampleObject(name = "error history", value = HISTORY_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "from, to, limit or offset is invalid, or from is not before to.")
    public Response errorHistory(
            @Parameter(description = CHARGE_POINT_ID, example = "CP-001")
            @PathParam("charge_point_id") String chargePointId,
            @Parameter(description = AnalyticsDefinitions.ERRORS_FROM, example = "2024-06-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = AnalyticsDefinitions.ERRORS_TO, example = "2024-06-30T23:59:59Z")
            @QueryParam("to") String to,
            @Parameter(description = FleetErrorsResource.LIMIT, example = "10")
            @QueryParam("limit") String limit,
            @Parameter(description = FleetErrorsResource.OFFSET, example = "0")
            @QueryParam("offset") String offset) throws SQLException {
        List<Problem.FieldError> invalid = new ArrayList<>();
        Period period = Period.parseOpen(from, to, invalid);
        PageRequest page = PageRequest.parse(limit, offset, invalid);
        QueryParameters.check(invalid);
        String organisationId = caller.organisationId();
        if (!inFleet(organisationId, chargePointId)) {
            return notFound(chargePointId);
        }
        return Response.ok(ChargerErrorHistoryJson.of(chargePointId,
                errors.errors(organisationId, chargePointId, null, period, page))).build();
    }

    @GET
    @Path("/{charge_point_id}/connectivity")
    @Operation(summary = "Charger connectivity timeline", description = "Returns a timeline of connect and "
            + "disconnect events for a charger, oldest first, in [from, to). They come from the charger's history "
            + "of intervals: an event at the start of each interval whose connection differs from the one before "
            + "(a charger's history begins disconnected, at its registration or first message). Times are by the "
            + "gateway's clock: when it received the connection, or when the connection ended; a charger that "
            + "fell silent (its gateway gone) is disconnected as of its last message. Repeated reports of the same "
            + "state are one event.")
    @APIResponse(responseCode = "200", description = "The charger's connects and disconnects.",
            content = @Content(schema = @Schema(implementation = ConnectivityJson.class),
                    examples = @ExampleObject(name = "connectivity", value = CONNECTIVITY_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "from or to is invalid, or from is not before to.")
    public Response connectivity(
            @Parameter(description = CHARGE_POINT_ID, example = "CP-001")
            @PathParam("charge_point_id") String chargePointId,
            @Parameter(description = AnalyticsDefinitions.FROM, example = "2024-06-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = AnalyticsDefinitions.TO, example = "2024-06-15T23:59:59Z")
            @QueryParam("to") String to) throws SQLException {
        List<Problem.FieldError> invalid = new ArrayList<>();
        Period period = Period.parse(from, to, clock.instant(), invalid);
        QueryParameters.check(invalid);
        String organisationId = caller.organisationId();
        if (!inFleet(organisationId, chargePointId)) {
            return notFound(chargePointId);
        }
        return Response.ok(new ConnectivityJson(chargePointId,
                intervals.connectivity(organisationId, chargePointId, period.from(), period.to()))).build();
    }

    @GET
    @Path("/{charge_point_id}/maintenance")
    @Operation(summary = "List maintenance events", description = "Returns all maintenance events recorded for a "
            + "charger, by scheduled_at. With from and/or to, only the events that reach into [from, to): completed "
            + "after from (or not yet) and scheduled before to. Downtime inside an event's window is excused in the "
            + "charger's uptime: " + AnalyticsDefinitions.MAINTENANCE)
    @APIResponse(responseCode = "200", description = "The charger's maintenance events.",
            content = @Content(schema = @Schema(implementation = ChargerMaintenanceJson.class),
                    examples = @ExampleObject(name = "maintenance", value = MAINTENANCE_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "from or to is invalid, or from is not before to.")
    public Response maintenance(
            @Parameter(description = CHARGE_POINT_ID, example = "CP-001")
            @PathParam("charge_point_id") String chargePointId,
            @Parameter(description = AnalyticsDefinitions.MAINTENANCE_FROM, example = "2024-06-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = AnalyticsDefinitions.MAINTENANCE_TO, example = "2024-06-30T23:59:59Z")
            @QueryParam("to") String to,
            @Parameter(in = ParameterIn.HEADER, description = "A maintenance write's Consistency-Token "
                    + "(<event_id>@<version>): the answer then includes that write, waiting briefly if needed.")
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        List<Problem.FieldError> invalid = new ArrayList<>();
        Period period = Period.parseOpen(from, to, invalid);
        QueryParameters.check(invalid);
        String organisationId = caller.organisationId();
        String status = readYourWrites.await(token, organisationId, Resources.maintenanceOf(chargePointId),
                id -> maintenance.version(organisationId, id));
        if (!inFleet(organisationId, chargePointId)) {
            return ReadYourWrites.answer(notFound(chargePointId), status);
        }
        return ReadYourWrites.answer(Response.ok(new ChargerMaintenanceJson(chargePointId,
                maintenance.events(organisationId, chargePointId, period))).build(), status);
    }

    private boolean inFleet(String organisationId, String chargePointId) throws SQLException {
        return chargers.findRegistered(organisationId, chargePointId).isPresent();
    }

    private static Response notFound(String chargePointId) {
        return ProblemException.notFound("Charger " + chargePointId).toResponse();
    }
}
