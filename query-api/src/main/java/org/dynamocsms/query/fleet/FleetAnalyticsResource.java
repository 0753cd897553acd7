package org.dynamocsms.query.fleet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.dynamocsms.platform.auth.Caller;
import org.dynamocsms.platform.openapi.CsmsApi;
import org.dynamocsms.platform.problem.Problem;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.Period;
import org.dynamocsms.query.QueryParameters;
import org.dynamocsms.query.analytics.AnalyticsDefinitions;
import org.dynamocsms.query.fleet.FleetAnalyticsStore.ChargerHistory;
import org.dynamocsms.query.fleet.FleetAnalyticsStore.FleetCharger;
import org.dynamocsms.query.analytics.CumulativeTimeline;
import org.dynamocsms.query.analytics.Granularity;
import org.dynamocsms.query.analytics.Span;
import org.dynamocsms.query.analytics.Uptime;
import org.dynamocsms.query.analytics.Utilisation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Uptime and utilisation of the fleet over any period, to the second, from the chargers' status intervals; within
 * the caller's organisation: its chargers in the registry (not decommissioned), at their current site.
 */
@Path("/api/v1/cpo/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = FleetResource.TAG)
@APIResponse(responseCode = "401", ref = CsmsApi.UNAUTHORIZED)
public class FleetAnalyticsResource {

    /** The most buckets (chargers x buckets) one utilisation answer holds: about 10 MB of JSON. */
    static final int MAX_BUCKETS = 100_000;
    static final Granularity DEFAULT_GRANULARITY = Granularity.DAY;
    private static final String SELECTION = "Every charger of your fleet (registered, not decommissioned), or "
            + "those at site_id (their current site), or charge_point_id alone (none if it is not in your fleet), "
            + "in charge_point_id order.";
    private static final String UPTIME_EXAMPLE = """
            {"period": {"from": "2024-06-01T00:00:00Z", "to": "2024-06-30T23:59:59Z"},
             "chargers": [{"charge_point_id": "CP-001", "site_id": "site_01HZ4K8XVPQR3TY5N6M", "uptime_percent": 98.7,
             "downtime_minutes": 558, "maintenance_minutes": 120}]}""";
    private static final String UTILISATION_EXAMPLE = """
            {"period": {"from": "2024-06-01T00:00:00Z", "to": "2024-06-30T23:59:59Z"}, "granularity": "week",
             "chargers": [{"charge_point_id": "CP-001", "buckets": [
             {"period_start": "2024-06-01T00:00:00Z", "period_end": "2024-06-03T00:00:00Z",
              "utilisation_percent": null},
             {"period_start": "2024-06-03T00:00:00Z", "period_end": "2024-06-10T00:00:00Z",
              "utilisation_percent": 61.2}]}]}""";

    @Inject
    Caller caller;

    @Inject
    FleetAnalyticsStore analytics;

    Clock clock = Clock.systemUTC();

    @GET
    @Path("/uptime")
    @Operation(summary = "Fleet uptime", description = "Returns uptime percentages per charger for a given time "
            + "period. " + SELECTION + " " + AnalyticsDefinitions.UP + " " + AnalyticsDefinitions.MAINTENANCE + " "
            + AnalyticsDefinitions.UPTIME + " " + AnalyticsDefinitions.CLOCK + " " + AnalyticsDefinitions.LATE + " "
            + AnalyticsDefinitions.PERIOD)
    @APIResponse(responseCode = "200", description = "Each charger's uptime over the period.",
            content = @Content(schema = @Schema(implementation = FleetUptimeJson.class),
                    examples = @ExampleObject(name = "uptime", value = UPTIME_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "from or to is invalid, or from is not before to.")
    public FleetUptimeJson uptime(
            @Parameter(description = AnalyticsDefinitions.FROM, example = "2024-06-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = AnalyticsDefinitions.TO, example = "2024-06-30T23:59:59Z")
            @QueryParam("to") String to,
            @Parameter(description = "Filter results to a specific charger.", example = "CP-001")
            @QueryParam("charge_point_id") String chargePointId,
            @Parameter(description = "Filter results to chargers at a specific site.",
                    example = "site_01HZ4K8XVPQR3TY5N6M")
            @QueryParam("site_id") String siteId) throws SQLException {
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = Period.parse(from, to, now, errors);
        QueryParameters.check(errors);
        List<FleetUptimeJson.Charger> chargers = new ArrayList<>();
        for (ChargerHistory history : analytics.uptimeHistories(caller.organisationId(), chargePointId, siteId,
                period.from(), period.to(), now)) {
            Uptime uptime = Uptime.of(history.timeline(), history.maintenance(), period.from(), period.to(), now);
            chargers.add(new FleetUptimeJson.Charger(history.charger().chargePointId(), history.charger().siteId(),
                    uptime.percent(), uptime.downtimeMinutes(), uptime.maintenanceMinutes()));
        }
        return new FleetUptimeJson(period, chargers);
    }

    @GET
    @Path("/utilisation")
    @Operation(summary = "Fleet utilisation", description = "Returns utilisation percentages showing what "
            + "proportion of online time each charger was actively delivering energy, per bucket of the period. "
            + SELECTION + " " + AnalyticsDefinitions.UTILISATION + " " + AnalyticsDefinitions.BUCKETS + " "
            + AnalyticsDefinitions.CLOCK + " " + AnalyticsDefinitions.LATE + " " + AnalyticsDefinitions.PERIOD
            + " granularity defaults to day. An answer holds at most 100000 buckets (chargers x buckets per "
            + "charger); ask for a coarser granularity, a shorter period or fewer chargers beyond that.")
    @APIResponse(responseCode = "200", description = "Each charger's utilisation per bucket.",
            content = @Content(schema = @Schema(implementation = FleetUtilisationJson.class),
                    examples = @ExampleObject(name = "weekly utilisation", value = UTILISATION_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = CsmsApi.BAD_REQUEST,
            description = "from, to or granularity is invalid, from is not before to, or the answer would hold more "
                    + "than 100000 buckets.")
    public FleetUtilisationJson utilisation(
            @Parameter(description = AnalyticsDefinitions.FROM, example = "2024-06-01T00:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = AnalyticsDefinitions.TO, example = "2024-06-30T23:59:59Z")
            @QueryParam("to") String to,
            @Parameter(description = "Filter to a specific charger.", example = "CP-001")
            @QueryParam("charge_point_id") String chargePointId,
            @Parameter(description = "Filter to chargers at a specific site.", example = "site_01HZ4K8XVPQR3TY5N6M")
            @QueryParam("site_id") String siteId,
            @Parameter(description = "Time bucket for results. Accepted values: hour, day, week, month (any "
                    + "case); default day.", example = "week")
            @QueryParam("granularity") String granularity) throws SQLException {
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = Period.parse(from, to, now, errors);
        Granularity parsedGranularity = parseGranularity(granularity, errors);
        QueryParameters.check(errors);
        List<FleetCharger> chargers = analytics.chargers(caller.organisationId(), chargePointId, siteId);
        long perCharger = chargers.isEmpty() ? 0
                : parsedGranularity.count(period.from(), period.to(), MAX_BUCKETS / chargers.size());
        if (perCharger * chargers.size() > MAX_BUCKETS) {
            throw ProblemException.invalid("granularity", "the answer would hold more than " + MAX_BUCKETS
                    + " buckets (chargers x buckets); choose a coarser granularity, a shorter period or fewer "
                    + "chargers");
        }
        List<Span> buckets = parsedGranularity.buckets(period.from(), period.to());
        Map<String, CumulativeTimeline> timelines = analytics.timelines(
                chargers.stream().map(FleetCharger::chargePointId).toList(), period.from(),
                Span.earlier(period.to(), now), now);
        List<FleetUtilisationJson.Charger> answer = new ArrayList<>(chargers.size());
        for (FleetCharger charger : chargers) {
            List<FleetUtilisationJson.Bucket> figures = new ArrayList<>(buckets.size());
            for (Utilisation.Bucket bucket : Utilisation.buckets(timelines.get(charger.chargePointId()), buckets)) {
                figures.add(new FleetUtilisationJson.Bucket(bucket.span().start(), bucket.span().end(),
                        bucket.percent()));
            }
            answer.add(new FleetUtilisationJson.Charger(charger.chargePointId(), figures));
        }
        return new FleetUtilisationJson(period, parsedGranularity.value(), answer);
    }

    /** The {@code granularity} parameter: day if absent; an error naming it if unknown. */
    static Granularity parseGranularity(String granularity, List<Problem.FieldError> errors) {
        if (granularity == null) {
            return DEFAULT_GRANULARITY;
        }
        Granularity parsed = Granularity.of(granularity);
        if (parsed == null) {
            errors.add(new Problem.FieldError("granularity", "must be one of " + Granularity.ACCEPTED));
        }
        return parsed;
    }
}
