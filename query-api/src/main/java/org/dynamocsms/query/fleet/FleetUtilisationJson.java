package org.dynamocsms.query.fleet;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.dynamocsms.query.Period;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/fleet/utilisation}, as the contract shows it plus period_end. */
@JsonPropertyOrder({"period", "granularity", "chargers"})
@Schema(name = "FleetUtilisation", description = "Utilisation per charger and bucket over a period.")
public record FleetUtilisationJson(
        Period period,
        @Schema(description = "The buckets' size: hour, day, week or month.", examples = "week")
        String granularity,
        @Schema(description = "The chargers, in charge_point_id order.")
        List<Charger> chargers) {

    /** One charger's buckets. */
    @JsonPropertyOrder({"charge_point_id", "buckets"})
    @Schema(name = "ChargerUtilisation", description = "A charger's utilisation per bucket.")
    public record Charger(
            @JsonProperty("charge_point_id")
            @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
            String chargePointId,
            @Schema(description = "Every bucket of the period, in time order.")
            List<Bucket> buckets) {
    }

    /** One bucket. */
    @JsonPropertyOrder({"period_start", "period_end", "utilisation_percent"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "UtilisationBucket", description = "A bucket, clipped to the period, and its utilisation.")
    public record Bucket(
            @JsonProperty("period_start")
            @Schema(description = "Start of the bucket (of the period, for the first).",
                    examples = "2024-06-03T00:00:00Z")
            Instant periodStart,
            @JsonProperty("period_end")
            @Schema(description = "End of the bucket, excluded (of the period, for the last; beyond the contract).",
                    examples = "2024-06-10T00:00:00Z")
            Instant periodEnd,
            @JsonProperty("utilisation_percent")
            @Schema(description = "Charging time / online time x 100, to 0.1; null when not online.",
                    nullable = true, examples = "61.2")
            Double utilisationPercent) {
    }
}
