package org.dynamocsms.command.call;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.dynamocsms.command.CommandSettings;
import org.dynamocsms.command.IdempotencyKeys;
import org.dynamocsms.command.RecentWrite;
import org.dynamocsms.command.RecentWrites;
import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.charger.ChargersResource;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.call.ChargerCallJson;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.platform.ocpp.CentralSystemCalls;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCalls;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.topics.Topics;
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

/**
 * An operator's call to one charger of the fleet: decided against the registry (the charger must be the
 * organisation's), sent by the gateway holding the charger's connection, and answered with the charger's answer
 * once it comes, or with 202 and the call's status resource if it takes longer than
 * {@code csms.command.call-answer-wait}.
 */
@Path(ChargerCallsResource.PATH)
@Tag(name = "Chargers")
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key has only the `read` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class ChargerCallsResource {

    static final String PATH = "/api/v1/cpo/chargers/{charge_point_id}/calls";
    static final String PREFER = "Prefer";
    static final String RESPOND_ASYNC = "respond-async";

    private static final String ACTION = "The OCPP action the central system initiates: OCPP 1.6's, sent to an "
            + "OCPP 2.0.1 station in 2.0.1's words (RemoteStartTransaction as RequestStartTransaction, a connector as "
            + "an EVSE...; GetConfiguration and ChangeConfiguration have no counterpart), or 2.0.1's GetVariables, "
            + "SetVariables and RequestStopTransaction (the station's own transaction id, as the charger's "
            + "diagnostics show it), which only 2.0.1 stations take.";
    private static final String PAYLOAD = "The CALL's payload, valid against the action's schema (OCPP 1.6's, or "
            + "2.0.1's for GetVariables, SetVariables and RequestStopTransaction); `{}` if left out.";
    private static final String TIMEOUT = "Seconds the call may take: no gateway sends it later, nor waits longer "
            + "for the charger's answer. Default " + ChargerCallRequests.DEFAULT_TIMEOUT_SECONDS + ".";
    private static final String REQUEST_EXAMPLE = """
            {
              "action": "SetChargingProfile",
              "payload": {
                "connectorId": 1,
                "csChargingProfiles": {
                  "chargingProfileId": 7, "stackLevel": 0, "chargingProfilePurpose": "TxDefaultProfile",
                  "chargingProfileKind": "Absolute",
                  "chargingSchedule": {"chargingRateUnit": "W", "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 11000}]}
                }
              },
              "timeout_seconds": 30
            }""";

    @Inject
    Caller caller;

    @Inject
    CommandBus bus;

    @Inject
    ChargerCallResults results;

    @Inject
    CentralSystemCalls calls;

    @Inject
    CommandSettings settings;

    @Inject
    RecentWrites recentWrites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a call to a charger", description = "Not part of the contract. Sends an OCPP "
            + "call the central system initiates to the charger and answers with the charger's answer, or, if it "
            + "has not come within a few seconds (or with `Prefer: respond-async`), with 202 and the call's status "
            + "resource to read later. Every call and how it ended is recorded. With an `Idempotency-Key`, a repeated "
            + "request sends nothing and answers 303 to the first call.")
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DOC,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH))
    @Parameter(in = ParameterIn.HEADER, name = PREFER, description = "`respond-async`: answer 202 at once.",
            schema = @Schema(type = SchemaType.STRING))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "action", properties = {
                    @SchemaProperty(name = "action", type = SchemaType.STRING, description = ACTION, enumeration = {
                            "ChangeAvailability", "ChangeConfiguration", "ClearChargingProfile",
                            "GetCompositeSchedule", "GetConfiguration", "GetVariables", "RemoteStartTransaction",
                            "RemoteStopTransaction", "RequestStopTransaction", "Reset", "SetChargingProfile",
                            "SetVariables", "TriggerMessage", "UnlockConnector"}),
                    @SchemaProperty(name = "payload", type = SchemaType.OBJECT, description = PAYLOAD),
                    @SchemaProperty(name = "timeout_seconds", type = SchemaType.INTEGER, minimum = "1",
                            maximum = "" + ChargerCallRequests.MAX_TIMEOUT_SECONDS, description = TIMEOUT)}),
            examples = @ExampleObject(name = "A charging limit", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The call, ended: answered (the charger's answer in `answer`), "
            + "or not (`error`).", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChargerCallJson.class)))
    @APIResponse(responseCode = "202", description = "The call, still pending: read its `Location` for how it ends.",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The call's status resource.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChargerCallJson.class)))
    @APIResponse(responseCode = "303", description = "An earlier request with the same Idempotency-Key made the "
            + "call: its status resource is in `Location`.")
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = ApiDocs.INVALID_BODY
            + " An unknown action is answered with the allowed ones; a payload that breaks the action's schema names "
            + "what is wrong.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such charger in your fleet (never registered, or decommissioned).")
    public Response send(@Parameter(description = "The OCPP identity of the charger.")
                         @PathParam("charge_point_id") String chargePointId, byte[] body,
                         @Context HttpHeaders headers) throws JsonProcessingException {
        String organisationId = caller.organisationId();
        String key = IdempotencyKeys.validate(headers.getHeaderString(IdempotencyKeys.HEADER));
        ChargersResource.existing(chargePointId);
        String callId = key == null ? Ids.CALL.next() : IdempotencyKeys.aggregateId(Ids.CALL, organisationId, key);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ChargerCommand command = ChargerCommand.newBuilder().setCommandId(Ids.COMMAND.next())
                .setOrganisationId(organisationId).setChargePointId(chargePointId).setIssuedAt(now)
                .setPayload(ChargerCallRequests.request(RequestFields.parse(body), calls, callId, now)).build();
        CompletableFuture<ChargerCallResult> ended = results.expect(callId); // before the call can reach a charger
        try {
            ChargerCall call = CommandBus.accepted(bus.send(Topics.CHARGER_COMMANDS, organisationId,
                    command.getCommandId(), command)).getChargerCall();
            String location = PATH.replace("{charge_point_id}", chargePointId) + "/" + callId;
            String token = new ConsistencyToken(callId, ChargerCalls.REQUESTED).toString();
            if (!command.getCommandId().equals(call.getCommandId())) {
                return Response.seeOther(URI.create(location)).header(IdempotencyKeys.REPLAYED, "true")
                        .header(ConsistencyToken.HEADER, token).build();
            }
            ChargerCallResult result = RESPOND_ASYNC.equals(headers.getHeaderString(PREFER)) ? null
                    : await(ended, call);
            if (result == null) {
                return Response.accepted(ChargerCallJson.of(call, null)).header(HttpHeaders.LOCATION, location)
                        .header(ConsistencyToken.HEADER, token).build();
            }
            // the client saw the call end: its reads wait for the end too
            recentWrites.record(List.of(new RecentWrite(organisationId, Resources.callsOf(chargePointId), callId,
                    ChargerCalls.ENDED)), callId);
            return Response.ok(ChargerCallJson.of(result))
                    .header(ConsistencyToken.HEADER, new ConsistencyToken(callId, ChargerCalls.ENDED).toString())
                    .build();
        } finally {
            results.forget(callId);
        }
    }

    /** The call's result if it ends within the answer wait (and its own time); null if not yet. */
    private ChargerCallResult await(CompletableFuture<ChargerCallResult> ended, ChargerCall call) {
        Duration left = Duration.between(Instant.now(), call.getExpiresAt().plus(ChargerCallJson.EXPIRY_GRACE));
        Duration wait = left.compareTo(settings.callAnswerWait()) < 0 ? left : settings.callAnswerWait();
        try {
            return ended.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service Unavailable", "The service is shutting down; the call stands: "
                    + "read its status resource.");
        }
    }
}
