package org.dynamocsms.command.charger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dynamocsms.command.ApiDocs;
import org.dynamocsms.command.CommandBus;
import org.dynamocsms.command.RequestFields;
import org.dynamocsms.command.charger.ChargerRequests.Registration;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.charger.ChargerJson;
import org.dynamocsms.platform.consistency.ConsistencyToken;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.schemas.Ids;
import org.dynamocsms.schemas.charger.ChargePointIds;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerPasswords;
import org.dynamocsms.schemas.charger.ConnectorTypes;
import org.dynamocsms.schemas.charger.DecommissionCharger;
import org.dynamocsms.schemas.common.CommandResult;
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
 * The charger registry's writes. Not part of the sites API contract: chargers enter the fleet here before they can
 * be linked to sites. A registration first claims the charge point id across all organisations, then is decided
 * with the rest of the organisation's registry.
 */
@Path(ChargersResource.PATH)
@Tag(name = "Chargers", description = ChargersResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN, description = "The API key has only the `read` scope.")
@APIResponse(responseCode = "504", ref = CsmsApi.TIMED_OUT)
public class ChargersResource {

    static final String PATH = "/api/v1/cpo/chargers";

    static final String ABOUT = "The charger registry (an extension of this API, not part of the sites API "
            + "contract): chargers enter your fleet by registration under their OCPP identity, and can then be "
            + "linked to sites.";
    private static final String CHARGE_POINT_ID = "The OCPP identity of the charger: " + ChargePointIds.RULE
            + ". Unique across all organisations.";
    private static final String TOKEN = "`<charge_point_id>@<version>`: send it back on a read to see this write.";
    private static final String REGISTER_EXAMPLE = """
            {
              "charge_point_id": "CP-001",
              "vendor": "Alfen",
              "model": "Eve Single Pro",
              "password": "s3cret-Basic-Auth-pw",
              "connectors": [
                {"connector_id": 1, "type": "Type2", "max_power_kw": 22},
                {"connector_id": 2, "type": "CCS2", "max_power_kw": 50}
              ]
            }""";
    private static final String CHANGE_EXAMPLE = """
            {
              "connectors": [
                {"connector_id": 1, "type": "Type2", "max_power_kw": 11},
                {"connector_id": 2, "type": "CCS2", "max_power_kw": 150}
              ]
            }""";
    private static final String CONNECTORS = "The charger's connectors, each with `connector_id` (a charger's n "
            + "connectors are numbered 1 to n, each once, as OCPP numbers them), `type` (one of "
            + ConnectorTypes.LISTED + ", spelled exactly so) and optionally "
            + "`max_power_kw` (its rated power: greater than 0, at most 1,000,000, as every kW field). At most "
            + ChargerRequests.MAX_CONNECTORS + ".";
    private static final String CHARGER_EXAMPLE = """
            {
              "charge_point_id": "CP-001",
              "vendor": "Alfen",
              "model": "Eve Single Pro",
              "site_id": null,
              "linked_at": null,
              "registered_at": "2024-06-01T10:00:00Z",
              "password_set": true,
              "connectors": [
                {"connector_id": 1, "type": "Type2", "max_power_kw": 22},
                {"connector_id": 2, "type": "CCS2", "max_power_kw": 50}
              ]
            }""";

    @Inject
    Caller caller;

    @Inject
    CommandBus bus;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a charger", description = "Not part of the sites API contract. Adds a charger "
            + "to your fleet under its OCPP identity, which no other organisation may then register. The OCPP "
            + "password is stored only as a salted hash. After a decommissioning, your organisation (only yours) "
            + "may register the same identity again.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "charge_point_id", properties = {
                    @SchemaProperty(name = "charge_point_id", type = SchemaType.STRING, minLength = 1,
                            maxLength = ChargePointIds.MAX_LENGTH, description = CHARGE_POINT_ID),
                    @SchemaProperty(name = "vendor", type = SchemaType.STRING, minLength = 1,
                            maxLength = ChargerRequests.VENDOR_MAX_LENGTH,
                            description = "Charge point vendor (OCPP 2.0.1's CiString50; 1.6's is CiString20)."),
                    @SchemaProperty(name = "model", type = SchemaType.STRING, minLength = 1,
                            maxLength = ChargerRequests.MODEL_MAX_LENGTH,
                            description = "Charge point model (OCPP CiString20)."),
                    @SchemaProperty(name = "password", type = SchemaType.STRING,
                            minLength = ChargerPasswords.MIN_LENGTH, maxLength = ChargerPasswords.MAX_LENGTH,
                            description = "The charger's OCPP Basic-auth password: " + ChargerPasswords.RULE
                                    + ". Stored hashed, never shown."),
                    @SchemaProperty(name = "connectors", type = SchemaType.ARRAY,
                            maxItems = ChargerRequests.MAX_CONNECTORS, description = CONNECTORS,
                            implementation = ChargerJson.Connector.class)}),
            examples = @ExampleObject(name = "CP-001", value = REGISTER_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The registered charger.",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The charger's path.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = ConsistencyToken.HEADER, description = TOKEN,
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChargerJson.class),
                    examples = @ExampleObject(name = "CP-001", value = CHARGER_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = ApiDocs.INVALID_BODY)
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT,
            description = "The charge point id is already registered (by any organisation).")
    public Response register(byte[] body) throws JsonProcessingException {
        String organisationId = caller.organisationId();
        Registration registration = ChargerRequests.registration(RequestFields.parse(body));
        String chargePointId = registration.chargePointId();
        ChargerCommand command = command(organisationId, chargePointId, registration.register());
        // Keyed by identity: the claim that no other organisation holds it comes first.
        CommandResult result = CommandBus.accepted(
                bus.send(Topics.CHARGER_REGISTRATIONS, chargePointId, command.getCommandId(), command));
        return Response.status(Response.Status.CREATED)
                .entity(ChargerJson.of(result.getCharger()))
                .header(HttpHeaders.LOCATION, PATH + "/" + chargePointId)
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result))
                .build();
    }

    @PATCH
    @Path("/{charge_point_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a charger's connectors", description = "Not part of the sites API contract. "
            + "Replaces the charger's connectors with the list given (`[]` clears it). A list equal to the current "
            + "one changes nothing and records no event.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "connectors", properties =
                    @SchemaProperty(name = "connectors", type = SchemaType.ARRAY,
                            maxItems = ChargerRequests.MAX_CONNECTORS, description = CONNECTORS,
                            implementation = ChargerJson.Connector.class)),
            examples = @ExampleObject(name = "Two connectors", value = CHANGE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The charger after the change.",
            headers = @Header(name = ConsistencyToken.HEADER, description = TOKEN,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChargerJson.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = ApiDocs.INVALID_BODY)
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such charger in your fleet.")
    public Response change(@Parameter(description = "The OCPP identity of the charger.")
                           @PathParam("charge_point_id") String chargePointId, byte[] body)
            throws JsonProcessingException {
        String organisationId = caller.organisationId();
        existing(chargePointId);
        ChargerCommand command = command(organisationId, chargePointId,
                ChargerRequests.change(RequestFields.parse(body)));
        CommandResult result = CommandBus.accepted(
                bus.send(Topics.CHARGER_COMMANDS, organisationId, command.getCommandId(), command));
        return Response.ok(ChargerJson.of(result.getCharger()))
                .header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    @DELETE
    @Path("/{charge_point_id}")
    @Operation(summary = "Decommission a charger", description = "Not part of the sites API contract. Removes the "
            + "charger from your fleet, unlinking it from its site. Returns 204 No Content on success.")
    @APIResponse(responseCode = "204", description = "The charger is decommissioned.",
            headers = @Header(name = ConsistencyToken.HEADER, description = TOKEN,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND, description = "No such charger in your fleet.")
    public Response decommission(@Parameter(description = "The OCPP identity of the charger.")
                                 @PathParam("charge_point_id") String chargePointId) {
        String organisationId = caller.organisationId();
        ChargerCommand command = command(organisationId, existing(chargePointId), new DecommissionCharger());
        CommandResult result = CommandBus.accepted(
                bus.send(Topics.CHARGER_COMMANDS, organisationId, command.getCommandId(), command));
        return Response.noContent().header(ConsistencyToken.HEADER, CommandBus.consistencyToken(result)).build();
    }

    /** {@code chargePointId}, if it can name a charger at all; else the 404 of a missing charger. */
    public static String existing(String chargePointId) {
        if (!ChargePointIds.isValid(chargePointId)) {
            throw CommandBus.notFound(ChargerDecider.chargerNotFound(chargePointId));
        }
        return chargePointId;
    }

    private static ChargerCommand command(String organisationId, String chargePointId, Object payload) {
        return ChargerCommand.newBuilder()
                .setCommandId(Ids.COMMAND.next())
                .setOrganisationId(organisationId)
                .setChargePointId(chargePointId)
                // Millisecond precision, as the command topic stores it.
                .setIssuedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setPayload(payload)
                .build();
    }
}
