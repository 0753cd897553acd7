package org.dynamocsms.command.maintenance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
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
import org.dynamocsms.command.IdempotencyKeys;
import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.charger.ChargersResource;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.maintenance.MaintenanceCommand;
import org.dynamocsms.schemas.maintenance.RecordMaintenance;
import org.dynamocsms.schemas.maintenance.UpdateMaintenance;
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
 * A charger's maintenance events: each request becomes a maintenance command, keyed by organisation id, decided by
 * the registry processor with the organisation's chargers.
 */
@Path(MaintenanceResource.PATH)
// The fleet dashboard API's tag; query-api, which serves the rest of that API, describes it.
@Tag(name = "Fleet")
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key has only the `read` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class MaintenanceResource {

    static final String PATH = "/api/v1/cpo/chargers/{charge_point_id}/maintenance";

    private static final String CHARGE_POINT_ID = "The OCPP identity of the charger.";
    private static final String EVENT_ID = "The maintenance event's `event_id`.";
    private static final String WINDOW = "Downtime inside a maintenance event's window, from `scheduled_at` to "
            + "`completed_at`, is excused in the charger's uptime (and reported as maintenance minutes); until "
            + "`completed_at` is set the window lasts until the charger is up again after scheduled_at, at most 7 "
            + "days.";
    private static final String TYPE = "Maintenance type. Accepted values: scheduled, reactive, inspection.";
    private static final String DESCRIPTION = "Description of the work to be carried out or completed.";
    private static final String SCHEDULED_AT = "ISO 8601 date/time the maintenance is planned for: the start of its "
            + "window.";
    private static final String COMPLETED_AT = "ISO 8601 date/time the maintenance was completed: the end of its "
            + "window. Omit if not yet done. Not before `scheduled_at`, not in the future.";
    private static final String TECHNICIAN = "Name or identifier of the assigned technician.";
    private static final String NOTES = "Additional notes or findings.";
    private static final String TOKEN = "`<event_id>@<version>`: send it back on a read to see this write.";
    private static final String NOT_FOUND = "No such charger in your fleet (never registered, or decommissioned).";
    private static final String CREATE_EXAMPLE = """
            {
              "type": "scheduled",
              "description": "Quarterly inspection and connector cleaning",
              "scheduled_at": "2024-07-20T09:00:00Z",
              "technician": "J. Smith"
            }""";
    private static final String EVENT_EXAMPLE = """
            {
              "event_id": "mnt_01J1B2C3D4E5F6G7H8J9K0MNPQ",
              "charge_point_id": "CP-001",
              "type": "scheduled",
              "description": "Quarterly inspection and connector cleaning",
              "scheduled_at": "2024-07-20T09:00:00Z",
              "completed_at": null,
              "technician": "J. Smith",
              "notes": null,
              "created_at": "2024-06-15T16:30:00Z"
            }""";
    private static final String UPDATE_EXAMPLE = """
            {
              "completed_at": "2024-07-20T11:30:00Z",
              "notes": "Replaced the seal of connector 2."
            }""";

    @Inject
    Caller caller;

    @Inject
    CommandBus bus;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a maintenance event", description = "Log a planned or completed maintenance event "
            + "against a charger. " + WINDOW + " With an `Idempotency-Key`, a repeated request returns the first "
            + "result and records nothing.")
    @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeys.HEADER, description = IdempotencyKeys.DOC,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"type", "scheduled_at"}, properties = {
                    @SchemaProperty(name = "type", type = SchemaType.STRING,
                            enumeration = {"scheduled", "reactive", "inspection"}, description = TYPE),
                    @SchemaProperty(name = "description", type = SchemaType.STRING, minLength = 1,
                            maxLength = MaintenanceRequests.DESCRIPTION_MAX_LENGTH, description = DESCRIPTION),
                    @SchemaProperty(name = "scheduled_at", type = SchemaType.STRING, format = "date-time",
                            description = SCHEDULED_AT),
                    @SchemaProperty(name = "completed_at", type = SchemaType.STRING, format = "date-time",
                            description = COMPLETED_AT),
                    @SchemaProperty(name = "technician", type = SchemaType.STRING, minLength = 1,
                            maxLength = MaintenanceRequests.TECHNICIAN_MAX_LENGTH, description = TECHNICIAN),
                    @SchemaProperty(name = "notes", type = SchemaType.STRING,
                            maxLength = MaintenanceRequests.NOTES_MAX_LENGTH, description = NOTES)}),
            examples = @ExampleObject(name = "Quarterly inspection", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The recorded maintenance event.",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The maintenance event's path (to update it).",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ConsistencyToken.HEADER, description = TOKEN,
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = IdempotencyKeys.REPLAYED, description = "`true` if an earlier request with the "
                            + "same Idempotency-Key recorded the event.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MaintenanceJson.class),
                    examples = @ExampleObject(name = "Quarterly inspection", value = EVENT_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = ApiDocs.INVALID_BODY + " An unknown `type` is answered with the allowed values; also an "
                    + "invalid Idempotency-Key.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = NOT_FOUND)
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT,
            description = "The Idempotency-Key was already used with a different request.")
    public Response record(@Parameter(description = CHARGE_POINT_ID) @PathParam("charge_point_id") String chargePointId,
                           byte[] body, @Context HttpHeaders headers) throws JsonProcessingException {
        String organisationId = caller.organisationId();
        // Read raw: a @HeaderParam turns an empty header into null, and an empty key must be refused, not ignored.
        String key = IdempotencyKeys.validate(headers.getHeaderString(IdempotencyKeys.HEADER));
        RecordMaintenance record = MaintenanceRequests.record(RequestFields.parse(body), Instant.now());
        String maintenanceId = key == null ? Ids.MAINTENANCE.next()
                : IdempotencyKeys.aggregateId(Ids.MAINTENANCE, organisationId, key);
        MaintenanceCommand command = command(organisationId, ChargersResource.existing(chargePointId),
                maintenanceId, record);
        CommandResult result = decide(command);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .entity(MaintenanceJson.of(result.getMaintenance()))
                .header(HttpHeaders.LOCATION, path(chargePointId, maintenanceId))
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result));
        IdempotencyKeys.markReplayed(response, result.getMaintenance().getCreatedAt(), command.getIssuedAt());
        return response.build();
    }

    @PATCH
    @Path("/{event_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a maintenance event", description = "Not part of the fleet dashboard API "
            + "contract. Records the completion of a maintenance event, and its notes: only the fields you include "
            + "are updated (`completed_at` may be corrected later; no field can be cleared). `type` and "
            + "`scheduled_at` cannot change. " + WINDOW)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, minProperties = 1, properties = {
                    @SchemaProperty(name = "description", type = SchemaType.STRING, minLength = 1,
                            maxLength = MaintenanceRequests.DESCRIPTION_MAX_LENGTH, description = DESCRIPTION),
                    @SchemaProperty(name = "completed_at", type = SchemaType.STRING, format = "date-time",
                            description = COMPLETED_AT),
                    @SchemaProperty(name = "technician", type = SchemaType.STRING, minLength = 1,
                            maxLength = MaintenanceRequests.TECHNICIAN_MAX_LENGTH, description = TECHNICIAN),
                    @SchemaProperty(name = "notes", type = SchemaType.STRING,
                            maxLength = MaintenanceRequests.NOTES_MAX_LENGTH, description = NOTES)}),
            examples = @ExampleObject(name = "Completed", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The maintenance event after the update.",
            headers = @Header(name = ConsistencyToken.HEADER, description = TOKEN,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MaintenanceJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = ApiDocs.INVALID_BODY + " Also no field, a null one, or `type` or `scheduled_at`.")
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = NOT_FOUND + " Or no such maintenance event of this charger.")
    @APIResponse(responseCode = "422", ref = CsmsApi.UNPROCESSABLE,
            description = "`completed_at` is before the event's `scheduled_at`.")
    public Response update(@Parameter(description = CHARGE_POINT_ID) @PathParam("charge_point_id") String chargePointId,
                           @Parameter(description = EVENT_ID) @PathParam("event_id") String eventId, byte[] body)
            throws JsonProcessingException {
        String organisationId = caller.organisationId();
        ChargersResource.existing(chargePointId);
        if (!Ids.MAINTENANCE.matches(eventId)) {
            throw CommandBus.notFound(MaintenanceDecider.maintenanceNotFound(eventId));
        }
        UpdateMaintenance update = MaintenanceRequests.update(RequestFields.parse(body), Instant.now());
        CommandResult result = decide(command(organisationId, chargePointId, eventId, update));
        return Response.ok(MaintenanceJson.of(result.getMaintenance()))
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    private CommandResult decide(MaintenanceCommand command) {
        return CommandBus.accepted(bus.send(Topics.MAINTENANCE_COMMANDS, command.getOrganisationId(),
                command.getCommandId(), command));
    }

    private static String path(String chargePointId, String maintenanceId) {
        return PATH.replace("{charge_point_id}", chargePointId) + "/" + maintenanceId;
    }

    private static MaintenanceCommand command(String organisationId, String chargePointId, String maintenanceId,
                                              Object payload) {
        return MaintenanceCommand.newBuilder()
                .setCommandId(Ids.COMMAND.next())
                .setOrganisationId(organisationId)
                .setChargePointId(chargePointId)
                .setMaintenanceId(maintenanceId)
                // Millisecond precision, as the command topic stores it.
                .setIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPayload(payload)
                .build();
    }
}
