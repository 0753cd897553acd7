package org.dynamocsms.query.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.dynamocsms.platform.json.PlainNumberSerializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/fleet/summary}, field for field as the contract shows it. */
@JsonPropertyOrder({"total_chargers", "online", "offline", "charging", "available", "faulted", "active_sessions",
        "total_energy_today_kwh"})
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "FleetSummary", description = "Aggregate totals across your entire fleet: charger counts, online "
        + "status, and active session numbers.")
public record FleetSummaryJson(
        @JsonProperty("total_chargers")
        @Schema(description = "Total chargers registered in your fleet.", examples = "124")
        int totalChargers,
        @Schema(description = "Chargers with an active OCPP connection.", examples = "119")
        int online,
        @Schema(description = "Chargers that have lost connectivity.", examples = "5")
        int offline,
        @Schema(description = "Chargers with an active session.", examples = "43")
        int charging,
        @Schema(description = "Chargers ready to accept a new session.", examples = "76")
        int available,
        @Schema(description = "Chargers reporting a fault or error status.", examples = "3")
        int faulted,
        @JsonProperty("active_sessions")
        @Schema(description = "Total number of sessions currently in progress.", examples = "43")
        int activeSessions,
        @JsonProperty("total_energy_today_kwh")
        @JsonSerialize(using = PlainNumberSerializer.class)
        @Schema(description = "Energy delivered across the fleet since midnight UTC today.", examples = "1842.6")
        Double totalEnergyTodayKwh) {
}
