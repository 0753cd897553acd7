package org.dynamocsms.projection.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCallResult;
import org.dynamocsms.schemas.call.ChargerCallStatus;
import org.dynamocsms.schemas.call.ChargerChargingProfiles;
import org.dynamocsms.schemas.call.InstalledChargingProfile;

/**
 * The charging profiles a charger holds, folded from its calls' results: only a call the charger answered
 * {@code {"status": "Accepted"}} changes them. A SetChargingProfile installs its profile on its connector, replacing
 * (OCPP 1.6 3.13, 5.16.1) the profile of the same chargingProfileId, and the one of the same stackLevel and purpose on
 * that connector; a ClearChargingProfile removes the profile of its id, or else every profile matching all the
 * criteria it gives (connectorId, chargingProfilePurpose, stackLevel), all of them if it gives none.
 */
public final class ChargingProfiles {

    static final String SET = "SetChargingProfile";
    static final String CLEAR = "ClearChargingProfile";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<InstalledChargingProfile> ORDER =
            Comparator.comparingInt(InstalledChargingProfile::getConnectorId)
                    .thenComparing(InstalledChargingProfile::getPurpose)
                    .thenComparingInt(InstalledChargingProfile::getStackLevel)
                    .thenComparingInt(InstalledChargingProfile::getChargingProfileId);

    private ChargingProfiles() {
    }

    /**
     * The profiles after {@code result}: {@code current} itself (null for a charger that never had any) when it
     * changes nothing, else the next version. A payload the gateway let through is valid against its OCPP 1.6
     * schema, so one that does not parse changes nothing either.
     */
    public static ChargerChargingProfiles apply(ChargerChargingProfiles current, ChargerCallResult result) {
        ChargerCall call = result.getCall();
        Optional<JsonNode> payload = parse(call.getPayload());
        if (!accepted(result) || payload.isEmpty()) {
            return current;
        }
        List<InstalledChargingProfile> before = current == null ? List.of() : current.getProfiles();
        List<InstalledChargingProfile> after = switch (call.getAction()) {
            case SET -> installed(payload.get(), result).map(profile -> install(before, profile)).orElse(before);
            case CLEAR -> remaining(before, payload.get());
            default -> before;
        };
        if (after.equals(before)) {
            return current;
        }
        return ChargerChargingProfiles.newBuilder().setChargePointId(call.getChargePointId())
                .setOrganisationId(call.getOrganisationId()).setProfiles(after)
                .setVersion(current == null ? 1 : current.getVersion() + 1).build();
    }

    private static boolean accepted(ChargerCallResult result) {
        return result.getStatus() == ChargerCallStatus.ANSWERED
                && parse(result.getAnswer()).map(answer -> answer.path("status").asText()).orElse("")
                .equals("Accepted");
    }

    private static List<InstalledChargingProfile> install(List<InstalledChargingProfile> before,
                                                          InstalledChargingProfile profile) {
        List<InstalledChargingProfile> after = new ArrayList<>(before);
        after.removeIf(installed -> installed.getChargingProfileId() == profile.getChargingProfileId()
                || (installed.getConnectorId() == profile.getConnectorId()
                && installed.getStackLevel() == profile.getStackLevel()
                && installed.getPurpose().equals(profile.getPurpose())));
        after.add(profile);
        after.sort(ORDER);
        return after;
    }

    private static List<InstalledChargingProfile> remaining(List<InstalledChargingProfile> before, JsonNode clear) {
        Predicate<InstalledChargingProfile> cleared;
        if (clear.hasNonNull("id")) {
            cleared = profile -> profile.getChargingProfileId() == clear.get("id").asInt();
        } else {
            cleared = profile -> (!clear.hasNonNull("connectorId")
                    || profile.getConnectorId() == clear.get("connectorId").asInt())
                    && (!clear.hasNonNull("chargingProfilePurpose")
                    || profile.getPurpose().equals(clear.get("chargingProfilePurpose").asText()))
                    && (!clear.hasNonNull("stackLevel") || profile.getStackLevel() == clear.get("stackLevel").asInt());
        }
        return before.stream().filter(cleared.negate()).toList();
    }

    /** The profile a SetChargingProfile installs; empty if its payload lacks what identifies it. */
    private static Optional<InstalledChargingProfile> installed(JsonNode set, ChargerCallResult result) {
        JsonNode profile = set.path("csChargingProfiles");
        for (String field : List.of("chargingProfileId", "stackLevel", "chargingProfilePurpose",
                "chargingProfileKind")) {
            if (!profile.hasNonNull(field)) {
                return Optional.empty();
            }
        }
        if (!set.hasNonNull("connectorId")) {
            return Optional.empty();
        }
        return Optional.of(InstalledChargingProfile.newBuilder().setConnectorId(set.get("connectorId").asInt())
                .setChargingProfileId(profile.get("chargingProfileId").asInt())
                .setStackLevel(profile.get("stackLevel").asInt())
                .setPurpose(profile.get("chargingProfilePurpose").asText())
                .setKind(profile.get("chargingProfileKind").asText())
                .setTransactionId(profile.hasNonNull("transactionId") ? profile.get("transactionId").asInt() : null)
                .setProfile(profile.toString()).setCallId(result.getCall().getCallId())
                .setInstalledAt(result.getOccurredAt()).build());
    }

    private static Optional<JsonNode> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
