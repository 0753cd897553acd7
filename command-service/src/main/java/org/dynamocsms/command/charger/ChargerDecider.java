package org.dynamocsms.command.charger;

import static org.dynamocsms.command.DecisionDraft.about;

import java.time.Instant;
import java.util.function.Supplier;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.DecisionDraft;
import org.dynamocsms.command.RegistryView;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.RequestChargerCall;
import org.dynamocsms.schemas.charger.ChangeChargerConnectors;
import org.dynamocsms.schemas.charger.ChargerCommand;
import org.dynamocsms.schemas.charger.ChargerConnectorsChanged;
import org.dynamocsms.schemas.charger.ChargerDecommissioned;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.charger.DecommissionCharger;
import org.dynamocsms.schemas.charger.RegisterCharger;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;

/**
 * Decides a charger command (register, change connectors, decommission, request a call) against the organisation's
 * registry. Pure:
 * the same registry, command, time and event ids always give the same decision.
 */
public final class ChargerDecider {

    private ChargerDecider() {
    }

    /**
     * @param now      when the decision is made (the events' recorded_at and the result's decided_at)
     * @param eventIds a new event id on every call
     */
    public static Decision decide(RegistryView registry, ChargerCommand command, Instant now,
                                  Supplier<String> eventIds) {
        DecisionDraft draft = DecisionDraft.of(registry, command, now, eventIds);
        String chargePointId = command.getChargePointId();
        ChargerView charger = draft.charger(chargePointId);
        Object payload = command.getPayload();
        if (payload instanceof RegisterCharger register) {
            // After a decommissioning the organisation may register the identity again; its version continues.
            if (charger != null && (ChargerViews.isRegistered(charger)
                    || !charger.getOrganisationId().equals(command.getOrganisationId()))) {
                return draft.refuse(CommandStatus.CONFLICT, alreadyRegistered(chargePointId), 0);
            }
            return draft.accept(about(draft.appendCharger(chargePointId, new ChargerRegistered(
                    register.getVendor(), register.getModel(), register.getPasswordHash(),
                    register.getConnectors()))));
        }
        if (payload instanceof ChangeChargerConnectors change) {
            if (!isRegisteredIn(command.getOrganisationId(), charger)) {
                return draft.refuse(CommandStatus.NOT_FOUND, chargerNotFound(chargePointId), 0);
            }
            if (charger.getConnectors().equals(change.getConnectors())) {
                // Nothing changes: no event (an event is a fact that something changed), the current version stays.
                return draft.accept(about(charger));
            }
            return draft.accept(about(draft.appendCharger(chargePointId,
                    new ChargerConnectorsChanged(change.getConnectors()))));
        }
        if (payload instanceof DecommissionCharger) {
            if (!isRegisteredIn(command.getOrganisationId(), charger)) {
                return draft.refuse(CommandStatus.NOT_FOUND, chargerNotFound(chargePointId), 0);
            }
            if (charger.getSiteId() != null) {
                draft.appendSite(charger.getSiteId(),
                        new SiteChargerUnlinked(chargePointId, UnlinkReason.DECOMMISSIONED));
            }
            return draft.accept(about(draft.appendCharger(chargePointId, new ChargerDecommissioned())));
        }
        if (payload instanceof RequestChargerCall request) {
            if (!isRegisteredIn(command.getOrganisationId(), charger)) {
                return draft.refuse(CommandStatus.NOT_FOUND, chargerNotFound(chargePointId), 0);
            }
            // a repeated request (same Idempotency-Key, so same call id) is answered with the call it made
            ChargerCall requested = draft.chargerCall(request.getCallId());
            return draft.accept(about(requested != null ? requested : draft.requestCall(chargePointId, request)));
        }
        throw new IllegalArgumentException("Unknown charger command payload " + payload);
    }

    /** A refusal that changes nothing, for a command whose decision failed unexpectedly. */
    public static Decision undecidable(ChargerCommand command, Instant now) {
        return DecisionDraft.of(null, command, now, null).refuse(CommandStatus.REJECTED, Decision.UNDECIDABLE, 0);
    }

    /** The answer to a registration of an identity another organisation holds. */
    public static CommandResult identityTaken(ChargerCommand command, Instant now) {
        return DecisionDraft.of(null, command, now, null)
                .refuse(CommandStatus.CONFLICT, alreadyRegistered(command.getChargePointId()), 0).result();
    }

    public static String chargerNotFound(String chargePointId) {
        return "Charger " + chargePointId + " does not exist.";
    }

    static String alreadyRegistered(String chargePointId) {
        return "Charge point id " + chargePointId + " is already registered.";
    }

    /**
     * True if {@code charger} is in {@code organisationId}'s fleet. Another organisation's charger, or a
     * decommissioned one, is to link, unlink and decommission exactly like one that never existed.
     */
    public static boolean isRegisteredIn(String organisationId, ChargerView charger) {
        return ChargerViews.isRegistered(charger) && charger.getOrganisationId().equals(organisationId);
    }
}
