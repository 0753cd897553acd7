package org.dynamocsms.query.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator endpoints that rebuild a read store from the event history and show how far the rebuild got. */
@Path("/admin/replays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Replays", description = "Operator only: rebuild read stores from the event history alone.")
public class ReplaysResource {

    private static final String PATH = "/admin/replays/";

    @Inject
    Caller caller;

    @Inject
    SiteReplays replays;

    @POST
    @Path("/sites")
    @Operation(summary = "Rebuild the site read store",
            description = "Drops and rebuilds the sites and their energy assets from the site events alone. Reads "
                    + "keep answering from the old rows until the rebuilt ones replace them in one transaction. One "
                    + "replay at a time; follow its progress at the Location.")
    @APIResponse(responseCode = "202", description = "The replay started.",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/admin/replays/{replay_id}"),
            content = @Content(schema = @Schema(implementation = SiteReplay.Json.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the operator scope.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A replay is already running.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replaySites() {
        caller.requireOperator();
        SiteReplay replay = replays.start();
        return Response.accepted(replay.json()).header(HttpHeaders.LOCATION, PATH + replay.id()).build();
    }

    @GET
    @Path("/{replay_id}")
    @Operation(summary = "Get a replay", description = "Status and progress of a replay started since the service "
            + "started.")
    @APIResponse(responseCode = "200", description = "The replay.",
            content = @Content(schema = @Schema(implementation = SiteReplay.Json.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the operator scope.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such replay.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SiteReplay.Json replay(
            @Parameter(description = "The replay's identifier, from the Location of its start.")
            @PathParam("replay_id") String replayId) {
        caller.requireOperator();
        return replays.find(replayId).map(SiteReplay::json)
                .orElseThrow(() -> ProblemException.notFound("Replay " + replayId));
    }
}
