package org.dynamocsms.query.charger;

import java.sql.SQLException;
import java.time.Clock;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.call.ChargingLimitsJson;
import org.dynamocsms.query.call.ChargingProfilesStore;
import org.dynamocsms.query.fleet.ChargerStateStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The charging profiles one charger of the caller's fleet holds, as its accepted SetChargingProfile and
 * ClearChargingProfile calls left them, and the limit in force now on each of its connectors. A charger that is not
 * in the fleet (unknown, another organisation's, decommissioned) answers 404. Without read-your-writes: the profiles
 * change when a call ends, not when it is requested.
 */
@Path("/api/v1/cpo/chargers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ChargersResource.TAG)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class ChargingLimitsResource {

    private static final String EXAMPLE = """
            {"charge_point_id": "CP-001", "profiles": [
             {"connector_id": 1, "charging_profile_id": 100, "purpose": "TxProfile", "stack_level": 0,
              "transaction_id": 42, "call_id": "call_01HZ4K8XVPQR3TY5N6M7W8X9YZ",
              "installed_at": "2024-06-01T10:00:00.420Z", "active": true,
              "profile": {"chargingProfileId": 100, "transactionId": 42, "stackLevel": 0,
               "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Relative",
               "chargingSchedule": {"chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16.0}]}}}],
             "limits": [{"connector_id": 1, "limit": 16.0, "unit": "A", "purpose": "TxProfile",
              "charging_profile_id": 100}]}""";

    @Inject
    Caller caller;

    @Inject
    ChargerStore chargers;

    @Inject
    ChargingProfilesStore profiles;

    @Inject
    ChargerStateStore states;

    Clock clock = Clock.systemUTC();

    @GET
    @Path("/{charge_point_id}/charging-limits")
    @Operation(summary = "Get a charger's charging limits", description = "Returns the charging profiles the "
            + "charger accepted (SetChargingProfile, less what ClearChargingProfile removed and later profiles "
            + "replaced), whether each applies now, and the limit in force now on each connector by OCPP 1.6's "
            + "composite rule: per purpose the profile in force with the highest stack level; a TxProfile (only "
            + "while its transaction runs on the connector) over a TxDefaultProfile (the connector's, else connector "
            + "0's); capped by the ChargePointMaxProfile when that is lower and in the same unit, and shown as "
            + "connector 0's limit. A Relative schedule is read as starting now (its first period).")
    @APIResponse(responseCode = "200", description = "The charger's profiles and limits.",
            content = @Content(schema = @Schema(implementation = ChargingLimitsJson.class),
                    examples = @ExampleObject(name = "limits", value = EXAMPLE)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such charger in your fleet (or it was decommissioned).")
    public Response get(
            @Parameter(description = "The OCPP identity of the charger.", example = "CP-001")
            @PathParam("charge_point_id") String chargePointId) throws SQLException {
        String organisationId = caller.organisationId();
        if (chargers.findRegistered(organisationId, chargePointId).isEmpty()) {
            return ProblemException.notFound("Charger " + chargePointId).toResponse();
        }
        return Response.ok(ChargingLimitsJson.of(chargePointId, profiles.profiles(organisationId, chargePointId),
                states.transactions(organisationId, chargePointId), clock.instant())).build();
    }
}
