package org.dynamocsms.query.charger;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.ReadYourWrites;
import org.dynamocsms.query.analytics.AnalyticsDefinitions;
import org.dynamocsms.query.charger.ChargerDiagnosticsJson;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.dynamocsms.query.fleet.FleetAnalyticsStore;
import org.dynamocsms.query.fleet.FleetResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The charger registry's reads, within the caller's organisation: anything else answers as if it did not exist. */
@Path("/api/v1/cpo/chargers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ChargersResource.TAG, description = ChargersResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class ChargersResource {

    public static final String TAG = "Chargers";
    public static final String ABOUT = "The charger registry (ours, not in the sites API contract): chargers enter "
            + "your fleet by registration under their OCPP identity, and can then be linked to a site.";
    private static final String TOKEN_DESCRIPTION = "A write's Consistency-Token (<charge_point_id>@<version>; an "
            + "id may itself contain '@'): the read waits (up to 2 s) until it reflects that write.";
    private static final String CHARGER_EXAMPLE = """
            {"charge_point_id": "CP-001", "vendor": "Alfen", "model": "Eve Single Pro-line",
             "site_id": "site_01HZ4K8XVPQR3TY5N6M", "linked_at": "2024-06-01T10:15:00Z",
             "registered_at": "2024-06-01T10:00:00Z", "password_set": true,
             "connectors": [{"connector_id": 1, "type": "Type2", "max_power_kw": 22}]}""";

    @Inject
    Caller caller;

    @Inject
    ChargerStore chargers;

    @Inject
    ReadYourWrites readYourWrites;

    @Inject
    ChargerStateStore states;

    @Inject
    FleetAnalyticsStore analytics;

    Clock clock = Clock.systemUTC();

    private static final String DIAGNOSTICS_EXAMPLE = """
            {"charge_point_id": "CP-001", "firmware_version": "3.5.0", "uptime_30d_percent": 98.7,
             "utilisation_30d_percent": 62.1, "error_count_30d": 2,
             "last_error": {"error_code": "WeakSignal", "timestamp": "2024-05-28T08:14:00Z"},
             "last_heartbeat": "2024-06-15T16:00:00Z", "ocpp_version": "1.6",
             "connectors": [{"connector_id": 1, "status": "Available", "total_sessions": 312,
             "total_energy_kwh": 4820.4}]}""";

    @GET
    @Path("/{charge_point_id}")
    @Operation(summary = "Get a charger", description = "A charger of your fleet: its registration (with its "
            + "connectors' types and rated power) and the site it is linked to. The OCPP password is never shown, "
            + "only whether one is set.")
    @APIResponse(responseCode = "200", description = "The charger.",
            headers = @Header(name = ConsistencyToken.STATUS_HEADER,
                    description = ConsistencyToken.STATUS_DESCRIPTION),
            content = @Content(schema = @Schema(implementation = ChargerJson.class),
                    examples = @ExampleObject(name = "charger", value = CHARGER_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = "Consistency-Token is invalid.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND_YET,
            description = "No such charger in your fleet (or it was decommissioned).")
    public Response get(
            @Parameter(description = "The OCPP identity of the charger.", example = "CP-001")
            @PathParam("charge_point_id") String chargePointId,
            @Parameter(in = ParameterIn.HEADER, description = TOKEN_DESCRIPTION)
            @HeaderParam(ConsistencyToken.HEADER) String token) throws SQLException {
        String organisationId = caller.organisationId();
        String status = readYourWrites.await(token, organisationId, Resources.charger(chargePointId),
                id -> chargers.version(organisationId, id));
        Response response = chargers.findRegistered(organisationId, chargePointId)
                .map(charger -> Response.ok(charger).build())
                .orElseGet(() -> ProblemException.notFound("Charger " + chargePointId).toResponse());
        return ReadYourWrites.answer(response, status);
    }

    @GET
    @Path("/{charge_point_id}/diagnostics")
    @Tag(name = FleetResource.TAG)
    @Operation(summary = "Get charger diagnostics", description = "Returns a diagnostic summary for a single charger "
            + "including recent error patterns and health indicators. Live: firmware version (latest "
            + "BootNotification), last heartbeat (receive time of the latest Heartbeat or BootNotification), OCPP "
            + "version (of the latest connection) and each connector's status, sessions started and energy "
            + "delivered (kWh, from the meter readings of its transactions); connector 0 (the charge point as a "
            + "whole) is not listed. Over the 30 days before now, as GET /api/v1/cpo/fleet/uptime and "
            + "/utilisation compute them: uptime_30d_percent and utilisation_30d_percent. " + AnalyticsDefinitions.UP
            + " " + AnalyticsDefinitions.MAINTENANCE + " " + AnalyticsDefinitions.UPTIME + " "
            + AnalyticsDefinitions.UTILISATION + " error_count_30d counts the errors that began in the 30 days "
            + "before now, last_error is the newest error of all (its code and when it began), null if none. "
            + AnalyticsDefinitions.ERRORS + " " + AnalyticsDefinitions.CLOCK + " " + AnalyticsDefinitions.LATE)
    @APIResponse(responseCode = "200", description = "The charger's diagnostics.",
            content = @Content(schema = @Schema(implementation = ChargerDiagnosticsJson.class),
                    examples = @ExampleObject(name = "diagnostics", value = DIAGNOSTICS_EXAMPLE)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such charger in your fleet (or it was decommissioned).")
    public Response diagnostics(
            @Parameter(description = "The OCPP identity of the charger.", example = "CP-001")
            @PathParam("charge_point_id") String chargePointId) throws SQLException {
        String organisationId = caller.organisationId();
        Optional<ChargerDiagnosticsJson> live = states.diagnostics(organisationId, chargePointId);
        if (live.isEmpty()) {
            return ProblemException.notFound("Charger " + chargePointId).toResponse();
        }
        FleetAnalyticsStore.ThirtyDays days = analytics.thirtyDays(organisationId, chargePointId, clock.instant());
        return Response.ok(live.get().withThirtyDays(days.uptimePercent(), days.utilisationPercent(),
                days.errorCount(), days.lastError())).build();
    }
}
