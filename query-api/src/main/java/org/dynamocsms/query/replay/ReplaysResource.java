package org.dynamocsms.query.replay;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.schemas.replay.Projection;
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

/** Operator endpoints that rebuild a projection from the event history beside the live one, and switch to it. */
@Path("/admin/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Replays", description = "Operator only: rebuild projections from the event history, blue/green.")
public class ReplaysResource {

    static final String ALL = "all";
    private static final String PATH = "/admin/replays/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECTION_DOC = "sites, chargers, maintenance, live-states, charger-history, "
            + "charger-calls, or "
            + "all (every one of them: the answer is then an array).";

    @Inject
    ReplayCoordinator replays;

    @POST
    @Path("/{projection}")
    @Operation(summary = "Rebuild a projection", description = "Starts a new generation of the projection: its Kafka "
            + "Streams application folds the source topics from the beginning into new output topics and read tables "
            + "beside the live ones, which keep answering. Once it has caught up with the head, readers switch to it "
            + "in one transaction and the old generation is dropped; with `compare`, it waits instead, with a "
            + "comparison against the live generation, for `POST …/switch` or `DELETE`. A record the read store "
            + "refuses makes it wait too. Follow it at the Location.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, properties = @SchemaProperty(name = "compare",
                    type = SchemaType.BOOLEAN, defaultValue = "false", description = "Wait once caught up, with a "
                    + "comparison, for an operator's switch.")),
            examples = @ExampleObject(name = "Compare before switching", value = "{\"compare\": true}")))
    @APIResponse(responseCode = "202", description = "Started: the replay (for `all`, an array of the five).",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/admin/replays/{projection}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "The body is not JSON, or `compare` is not a boolean.")
    @APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such projection (the problem names the valid ones).")
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT,
            description = "A replay of the projection (for `all`: of any) is building or caught up.")
    public Response start(@Parameter(description = PROJECTION_DOC) @PathParam("projection") String projection,
                          String body) throws SQLException {
        List<Projection> projections = projections(projection);
        boolean compare = compare(body);
        List<Replay> started = replays.start(projections, compare);
        return Response.accepted(one(projection, started)).header(HttpHeaders.LOCATION, PATH + projection).build();
    }

    @GET
    @Path("/{projection}")
    @Operation(summary = "Get a projection's latest replay", description = "Whatever its status; for `all`, an array "
            + "of the latest of each projection that has one.")
    @APIResponse(responseCode = "200", description = "The replay.",
            content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such projection, or it was never replayed.")
    public Object latest(@Parameter(description = PROJECTION_DOC) @PathParam("projection") String projection)
            throws SQLException {
        List<Replay> latest = new ArrayList<>();
        for (Projection each : projections(projection)) {
            replays.latest(each).ifPresent(latest::add);
        }
        if (!ALL.equals(projection) && latest.isEmpty()) {
            throw ProblemException.notFound("A replay of " + projection);
        }
        return one(projection, latest);
    }

    @GET
    @Operation(summary = "List replays", description = "Every replay, newest first.")
    @APIResponse(responseCode = "200", description = "The replays.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Replay.class)))
    @APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN)
    public List<Replay> all() throws SQLException {
        return replays.all();
    }

    @DELETE
    @Path("/{projection}")
    @Operation(summary = "Cancel a replay", description = "Cancels the projection's replay building or caught up: "
            + "readers stay on the live generation, and the one it was building is dropped (topics, groups, tables) "
            + "once projection-service and the read store have stopped it.")
    @APIResponse(responseCode = "200", description = "The cancelled replay (for `all`, an array).",
            content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such projection, or no replay of it is building or caught up.")
    public Object cancel(@Parameter(description = PROJECTION_DOC) @PathParam("projection") String projection)
            throws SQLException {
        return actOnOpen(projection, replays::cancel);
    }

    @POST
    @Path("/{projection}/switch")
    @Operation(summary = "Switch readers to a caught-up replay", description = "Readers read the rebuilt generation "
            + "from now on (one transaction); the old one is dropped once stopped.")
    @APIResponse(responseCode = "200", description = "The completed replay (for `all`, an array).",
            content = @Content(schema = @Schema(implementation = Replay.class)))
    @APIResponse(responseCode = "403", ref = CsmsApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = CsmsApi.NOT_FOUND,
            description = "No such projection, or no replay of it is building or caught up.")
    @APIResponse(responseCode = "409", ref = CsmsApi.CONFLICT, description = "The replay is still building.")
    public Object switchReaders(@Parameter(description = PROJECTION_DOC) @PathParam("projection") String projection)
            throws SQLException {
        return actOnOpen(projection, replays::switchNow);
    }

    /** A step on the open replay (building or caught up) of each projection {@code projection} names; 404 if none. */
    private Object actOnOpen(String projection, Step step) throws SQLException {
        List<Replay> acted = new ArrayList<>();
        for (Projection each : projections(projection)) {
            step.on(each).ifPresent(acted::add);
        }
        if (acted.isEmpty()) {
            throw ProblemException.notFound("A replay of " + projection + " building or caught up");
        }
        return one(projection, acted);
    }

    @FunctionalInterface
    private interface Step {
        Optional<Replay> on(Projection projection) throws SQLException;
    }

    /** The projections {@code id} names; 404 naming the valid ones if none. */
    static List<Projection> projections(String id) {
        if (ALL.equals(id)) {
            return List.of(Projection.values());
        }
        Optional<Projection> projection = Projection.byId(id);
        if (projection.isEmpty()) {
            throw new ProblemException(404, "Not found", "The projections are "
                    + String.join(", ", Arrays.stream(Projection.values()).map(Projection::id).toList()) + " (or "
                    + ALL + "); projection " + id + " does not exist.");
        }
        return List.of(projection.get());
    }

    /** The body's {@code compare}: absent (or no body) is false. */
    static boolean compare(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "Malformed JSON", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object such as {\"compare\": true}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            String field = fields.next().getKey();
            if (!field.equals("compare")) {
                throw ProblemException.invalid(field, "is not a field of a replay request (only compare is)");
            }
        }
        JsonNode compare = json.get("compare");
        if (compare == null || compare.isNull()) {
            return false;
        }
        if (!compare.isBoolean()) {
            throw ProblemException.invalid("compare", "must be true or false");
        }
        return compare.booleanValue();
    }

    private static Object one(String projection, List<Replay> replays) {
        return ALL.equals(projection) ? replays : replays.get(0);
    }
}
