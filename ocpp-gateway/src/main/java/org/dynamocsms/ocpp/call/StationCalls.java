package org.dynamocsms.ocpp.call;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dynamocsms.ocpp.action.RunningTransactions;
import org.dynamocsms.ocpp.action.TransactionIds;

/**
 * The central system's calls, written in OCPP 1.6's words, as an OCPP 2.0.1 station takes them, so that an
 * operator's calls and site load management reach both versions alike. A connector id is the EVSE's id (as the
 * gateway records a station's EVSEs), and the EVSE's connector is its connector 1 where 2.0.1 asks for one.
 * <ul>
 *   <li>SetChargingProfile: the profile for the EVSE, ChargePointMaxProfile as ChargingStationMaxProfile, its
 *       schedule with the profile's id; a TxProfile names the station's own id of the transaction the call names
 *       (else of the transaction running on the EVSE).</li>
 *   <li>ClearChargingProfile, GetCompositeSchedule: the same criteria with the EVSE.</li>
 *   <li>RemoteStartTransaction: RequestStartTransaction with the idTag as a Central id token and a remoteStartId
 *       from the call's id ({@link TransactionIds#of}); RemoteStopTransaction: RequestStopTransaction.</li>
 *   <li>ChangeAvailability: its type as operationalStatus, of the EVSE (connector 0: of the station).</li>
 *   <li>Reset: Hard as Immediate, Soft as OnIdle.</li>
 *   <li>UnlockConnector: the EVSE's connector 1.</li>
 *   <li>TriggerMessage: DiagnosticsStatusNotification as LogStatusNotification, of the EVSE (a StatusNotification
 *       of its connector 1).</li>
 *   <li>GetVariables, SetVariables, RequestStopTransaction: 2.0.1's own calls, sent as they are.</li>
 * </ul>
 * GetConfiguration and ChangeConfiguration have no counterpart (2.0.1's device model has no configuration keys), and a
 * call naming a transaction the gateway does not know running on the station cannot be written: both are
 * {@link NotSent} with NotSupported.
 */
final class StationCalls {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, String> PURPOSES = Map.of("ChargePointMaxProfile", "ChargingStationMaxProfile",
            "TxDefaultProfile", "TxDefaultProfile", "TxProfile", "TxProfile");

    /** A call as sent to the station. */
    record Call(String action, ObjectNode payload) {
    }

    private final RunningTransactions running;

    StationCalls(RunningTransactions running) {
        this.running = running;
    }

    /** {@code action} with {@code payload} (valid for its schema), to station {@code stationId}, call {@code callId}. */
    Call translate(String action, ObjectNode payload, String stationId, String callId) throws NotSent {
        ObjectNode out = JSON.objectNode();
        String sent = action;
        switch (action) {
            case "SetChargingProfile" -> {
                int evseId = payload.get("connectorId").intValue();
                out.put("evseId", evseId);
                out.set("chargingProfile", profile(payload.get("csChargingProfiles"), stationId, evseId));
            }
            case "ClearChargingProfile" -> {
                copy(payload, "id", out, "chargingProfileId");
                ObjectNode criteria = JSON.objectNode();
                copy(payload, "connectorId", criteria, "evseId");
                if (payload.has("chargingProfilePurpose")) {
                    criteria.put("chargingProfilePurpose", PURPOSES.get(payload.get("chargingProfilePurpose").asText()));
                }
                copy(payload, "stackLevel", criteria, "stackLevel");
                if (!criteria.isEmpty()) {
                    out.set("chargingProfileCriteria", criteria);
                }
            }
            case "GetCompositeSchedule" -> {
                copy(payload, "duration", out, "duration");
                copy(payload, "chargingRateUnit", out, "chargingRateUnit");
                copy(payload, "connectorId", out, "evseId");
            }
            case "RemoteStartTransaction" -> {
                copy(payload, "connectorId", out, "evseId");
                out.put("remoteStartId", TransactionIds.of(callId));
                out.putObject("idToken").put("idToken", payload.get("idTag").asText()).put("type", "Central");
                if (payload.has("chargingProfile")) {
                    out.set("chargingProfile", profile(payload.get("chargingProfile"), stationId, null));
                }
                sent = "RequestStartTransaction";
            }
            case "RemoteStopTransaction" -> {
                out.put("transactionId", ocppId(stationId, payload.get("transactionId").intValue()));
                sent = "RequestStopTransaction";
            }
            case "ChangeAvailability" -> {
                out.put("operationalStatus", payload.get("type").asText());
                int connectorId = payload.get("connectorId").intValue();
                if (connectorId > 0) {
                    out.putObject("evse").put("id", connectorId);
                }
            }
            case "Reset" -> out.put("type", payload.get("type").asText().equals("Hard") ? "Immediate" : "OnIdle");
            case "UnlockConnector" -> out.put("evseId", payload.get("connectorId").intValue()).put("connectorId", 1);
            case "TriggerMessage" -> {
                String message = payload.get("requestedMessage").asText();
                out.put("requestedMessage",
                        message.equals("DiagnosticsStatusNotification") ? "LogStatusNotification" : message);
                int connectorId = payload.path("connectorId").asInt();
                if (connectorId > 0) {
                    ObjectNode evse = out.putObject("evse").put("id", connectorId);
                    if (message.equals("StatusNotification")) {
                        evse.put("connectorId", 1);
                    }
                }
            }
            case "GetVariables", "SetVariables", "RequestStopTransaction" -> out = payload;
            default -> throw new NotSent("NotSupported", action + " has no OCPP 2.0.1 counterpart "
                    + "(a 2.0.1 station is configured with GetVariables and SetVariables)");
        }
        return new Call(sent, out);
    }

    /**
     * A 1.6 charging profile in 2.0.1's words: a TxProfile for the transaction it names, or (with no name) for the one
     * running on {@code evseId}; none for a RemoteStartTransaction's ({@code evseId} null), whose transaction does not
     * exist yet.
     */
    private ObjectNode profile(JsonNode profile, String stationId, Integer evseId) throws NotSent {
        ObjectNode out = JSON.objectNode();
        out.put("id", profile.get("chargingProfileId").intValue());
        out.put("stackLevel", profile.get("stackLevel").intValue());
        String purpose = PURPOSES.get(profile.get("chargingProfilePurpose").asText());
        out.put("chargingProfilePurpose", purpose);
        copy(profile, "chargingProfileKind", out, "chargingProfileKind");
        copy(profile, "recurrencyKind", out, "recurrencyKind");
        copy(profile, "validFrom", out, "validFrom");
        copy(profile, "validTo", out, "validTo");
        if (purpose.equals("TxProfile") && evseId != null) {
            out.put("transactionId", profile.has("transactionId")
                    ? ocppId(stationId, profile.get("transactionId").intValue())
                    : running.ocppIdOn(stationId, evseId).orElseThrow(() -> new NotSent("NotSupported",
                            "no transaction is known to run on EVSE " + evseId + " of " + stationId)));
        }
        JsonNode schedule = profile.get("chargingSchedule");
        ObjectNode scheduleOut = ((ArrayNode) out.putArray("chargingSchedule")).addObject();
        scheduleOut.put("id", profile.get("chargingProfileId").intValue());
        copy(schedule, "startSchedule", scheduleOut, "startSchedule");
        copy(schedule, "duration", scheduleOut, "duration");
        copy(schedule, "chargingRateUnit", scheduleOut, "chargingRateUnit");
        scheduleOut.set("chargingSchedulePeriod", schedule.get("chargingSchedulePeriod").deepCopy());
        copy(schedule, "minChargingRate", scheduleOut, "minChargingRate");
        return out;
    }

    private String ocppId(String stationId, int transactionId) throws NotSent {
        Optional<String> id = running.ocppId(stationId, transactionId);
        return id.orElseThrow(() -> new NotSent("NotSupported", "transaction " + transactionId
                + " is not known to run on " + stationId + " (this gateway knows a station's transactions from "
                + "its TransactionEvents; RequestStopTransaction takes the station's own id, as diagnostics show it)"));
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field).deepCopy());
        }
    }
}
