package org.dynamocsms.query.fleet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.query.PageRequest;
import org.dynamocsms.query.QueryParameters;
import org.dynamocsms.query.site.SiteSummaryStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The live fleet dashboard, within the caller's organisation: its chargers in the registry (not decommissioned),
 * each with the status rolled up from what it reports; one that has not reported yet is offline.
 */
@Path("/api/v1/cpo/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = FleetResource.TAG, description = FleetResource.ABOUT)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class FleetResource {

    public static final String TAG = "Fleet";
    public static final String ABOUT = "The fleet dashboard API gives you a live view of every charger across your "
            + "network. Your fleet is the chargers registered by your organisation and not decommissioned.";
    /** The status rollup, as the site summary counts it. */
    public static final String ROLLUP = "A charger's status rolls up from its connection and connectors, first "
            + "match wins: offline (no open OCPP connection, or never connected), faulted (connector 0 reports "
            + "Faulted), charging (a connector is Charging, SuspendedEV or SuspendedEVSE), faulted (a connector "
            + "reports Faulted), available (a connector is Available), else online.";
    private static final String SUMMARY_EXAMPLE = """
            {"total_chargers": 124, "online": 119, "offline": 5, "charging": 43, "available": 76, "faulted": 3,
             "active_sessions": 43, "total_energy_today_kwh": 1842.6}""";
    private static final String CHARGERS_EXAMPLE = """
            {"chargers": [{"charge_point_id": "CP-007", "site_id": "site_01HZ4K8XVPQR3TY5N6M", "vendor": "ABB",
             "model": "Terra AC", "firmware_version": "3.4.1", "status": "Faulted",
             "last_seen": "2024-06-15T14:22:10Z",
             "connectors": [{"connector_id": 1, "type": null, "status": "Faulted"}]}], "total": 1}""";

    @Inject
    Caller caller;

    @Inject
    ApiKeyDirectory keys;

    @Inject
    ChargerStateStore states;

    @Inject
    FleetSummaries summaries;

    @Inject
    SiteSummaryStore sites;

    Clock clock = Clock.systemUTC();

    /** How often a live stream reads the figures. */
    static final long LIVE_TICK_MILLIS = 1_000;

    @GET
    @Path("/summary")
    @Operation(summary = "Fleet summary", description = "Returns aggregate totals across your entire fleet — charger "
            + "counts, online status, and active session numbers. " + ROLLUP + " `online` counts every charger "
            + "that is not offline, `offline` the rest; `charging`, `available` and `faulted` those with that "
            + "status. `active_sessions` counts transactions started and not stopped. `total_energy_today_kwh` sums "
            + "the energy the chargers' meters show delivered since midnight UTC today (by the chargers' clocks; a "
            + "rise across midnight counts for the new day), in kWh to 3 decimals.")
    @APIResponse(responseCode = "200", description = "The fleet's totals.",
            content = @Content(schema = @Schema(implementation = FleetSummaryJson.class),
                    examples = @ExampleObject(name = "summary", value = SUMMARY_EXAMPLE)))
    public FleetSummaryJson summary() throws SQLException {
        return summaries.summary(caller.organisationId(), today());
    }

    @GET
    @Path("/chargers")
    @Operation(summary = "List fleet chargers", description = "Returns a detailed list of all chargers in your fleet "
            + "with their current status, in charge_point_id order. " + ROLLUP + " The status is shown "
            + "capitalised, as Offline, Faulted, Charging, Available or Online. Vendor and model come from the "
            + "charger's latest BootNotification, else from its registration. A connector's `type` is always null: "
            + "OCPP 1.6 does not report it. Connector 0 (the charge point as a whole) is not listed.")
    @APIResponse(responseCode = "200", description = "The chargers that match, and how many match.",
            content = @Content(schema = @Schema(implementation = FleetChargerPage.class),
                    examples = @ExampleObject(name = "faulted chargers", value = CHARGERS_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST, description = "status or limit is invalid.")
    public FleetChargerPage chargers(
            @Parameter(description = "Filter by charger status. Accepted values: online, offline, charging, "
                    + "available, faulted (any case). online matches every charger that is not offline.",
                    example = "faulted")
            @QueryParam("status") String status,
            @Parameter(description = "Filter to chargers at a specific site.", example = "site_01HZ4K8XVPQR3TY5N6M")
            @QueryParam("site_id") String siteId,
            @Parameter(description = "Maximum number of chargers to return: " + PageRequest.LIMIT_RANGE + ".",
                    example = "50")
            @QueryParam("limit") String limit,
            @Parameter(description = "How many matching chargers to skip, in charge_point_id order: 0 or more, "
                    + "default 0. Page through the whole fleet with offset = 0, limit, 2 × limit, … until offset "
                    + "reaches total.", example = "0")
            @QueryParam("offset") String offset) throws SQLException {
        List<Problem.FieldError> errors = new ArrayList<>();
        FleetStatus parsedStatus = FleetStatus.parse(status, errors);
        PageRequest page = PageRequest.parse(limit, offset, errors);
        QueryParameters.check(errors);
        String organisationId = caller.organisationId();
        ChargerCounts counts = siteId == null ? ChargerCounts.of(summaries.summary(organisationId, today()))
                : sites.counts(organisationId, siteId);
        return new FleetChargerPage(states.list(organisationId, parsedStatus, siteId, page.limit(), page.offset()),
                counts.matching(parsedStatus));
    }

    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fleet, live (ours)", description = "A stream of server-sent events, each the fleet summary "
            + "with the power drawn at the sites (the dashboard's overview). The first comes at once; then one each "
            + "time the figures change, at most every " + LIVE_TICK_MILLIS + " ms, and at least every "
            + "15 s unchanged. The stream ends when its API key is revoked. Read it with any SSE client that can send the Authorization header.")
    @APIResponse(responseCode = "200", description = "The stream; each event's data is one FleetLive.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = FleetLiveJson.class)))
    public Multi<FleetLiveJson> live() {
        String organisationId = caller.organisationId();
        String keyHash = caller.keyHash();
        LiveFigures<FleetLiveJson> figures = new LiveFigures<>();
        // the first tick at once (a start after zero is refused)
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(Duration.ofMillis(LIVE_TICK_MILLIS))
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                // a stream ends once its key is revoked, as every request of the key is then refused
                .select().first(tick -> keys.live(keyHash).isPresent())
                .map(tick -> live(organisationId))
                .filter(live -> figures.send(live, clock.instant()));
    }

    private FleetLiveJson live(String organisationId) {
        try {
            return new FleetLiveJson(summaries.summary(organisationId, today()), sites.currentPowerKw(organisationId));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the live figures of " + organisationId, e);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
