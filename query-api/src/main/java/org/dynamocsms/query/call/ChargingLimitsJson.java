package org.dynamocsms.query.call;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/v1/cpo/chargers/{charge_point_id}/charging-limits}. */
@JsonPropertyOrder({"charge_point_id", "profiles", "limits"})
@Schema(name = "ChargingLimits", description = "The charging profiles a charger holds and the limits in force now.")
public record ChargingLimitsJson(
        @JsonProperty("charge_point_id")
        @Schema(description = "The OCPP identity of the charger.", examples = "CP-001")
        String chargePointId,
        @Schema(description = "The profiles the charger accepted and has not had cleared or replaced since, by "
                + "connector_id, purpose and stack_level.")
        List<Profile> profiles,
        @Schema(description = "The limit in force now on each connector that has one, by connector_id.")
        List<Limit> limits) {

    /** The charger's {@code profiles} as read at {@code now}, with its connectors' running transactions. */
    public static ChargingLimitsJson of(String chargePointId, List<ChargingLimits.Profile> profiles,
                                        Map<Integer, OptionalInt> connectors, Instant now) {
        return new ChargingLimitsJson(chargePointId, profiles.stream().map(p -> new Profile(p.connectorId(),
                        p.chargingProfileId(), p.purpose(), p.stackLevel(), p.transactionId(), p.callId(),
                        p.installedAt(), ChargingLimits.active(p, connectors, now), p.profile())).toList(),
                ChargingLimits.limits(profiles, connectors, now).stream().map(l -> new Limit(l.connectorId(),
                        l.limit(), l.unit(), l.purpose(), l.chargingProfileId())).toList());
    }

    @JsonPropertyOrder({"connector_id", "charging_profile_id", "purpose", "stack_level", "transaction_id", "call_id",
            "installed_at", "active", "profile"})
    @Schema(name = "InstalledChargingProfile")
    public record Profile(
            @JsonProperty("connector_id") @Schema(description = "0 is the charge point as a whole.", examples = "1")
            int connectorId,
            @JsonProperty("charging_profile_id") @Schema(examples = "100")
            int chargingProfileId,
            @Schema(description = "ChargePointMaxProfile, TxDefaultProfile or TxProfile.", examples = "TxProfile")
            String purpose,
            @JsonProperty("stack_level") @Schema(examples = "0")
            int stackLevel,
            @JsonProperty("transaction_id") @Schema(nullable = true, description = "The transaction a TxProfile is "
                    + "for, if it names one.", examples = "42")
            Integer transactionId,
            @JsonProperty("call_id") @Schema(description = "The SetChargingProfile call that installed it.",
                    examples = "call_01HZ4K8XVPQR3TY5N6M7W8X9YZ")
            String callId,
            @JsonProperty("installed_at") @Schema(description = "When the charger accepted it.",
                    examples = "2024-06-01T10:00:00.420Z")
            Instant installedAt,
            @Schema(description = "Whether it applies now: within its validFrom and validTo, its schedule has a "
                    + "period in force, and a TxProfile's transaction (any, if it names none) is running on its "
                    + "connector.")
            boolean active,
            @Schema(type = SchemaType.OBJECT, description = "The csChargingProfiles object as sent.")
            JsonNode profile) {
    }

    @JsonPropertyOrder({"connector_id", "limit", "unit", "purpose", "charging_profile_id"})
    @Schema(name = "ChargingLimit")
    public record Limit(
            @JsonProperty("connector_id") @Schema(description = "0: the charge point as a whole (its "
                    + "ChargePointMaxProfile).", examples = "1")
            int connectorId,
            @Schema(description = "The limit of the schedule period in force.", examples = "16.0")
            double limit,
            @Schema(description = "A or W (chargingRateUnit).", examples = "A")
            String unit,
            @Schema(description = "The purpose of the profile the limit comes from.", examples = "TxProfile")
            String purpose,
            @JsonProperty("charging_profile_id") @Schema(examples = "100")
            int chargingProfileId) {
    }
}
