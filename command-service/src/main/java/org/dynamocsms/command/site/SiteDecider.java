package org.dynamocsms.command.site;

import static org.dynamocsms.command.DecisionDraft.about;

import java.time.Instant;
import java.util.function.Supplier;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.DecisionDraft;
import org.dynamocsms.command.RegistryView;
import org.dynamocsms.command.asset.EnergyAssetDecider;
import org.dynamocsms.command.charger.ChargerDecider;
import org.dynamocsms.schemas.asset.AddEnergyAsset;
import org.dynamocsms.schemas.asset.RecordEnergyAssetReading;
import org.dynamocsms.schemas.asset.RemoveEnergyAsset;
import org.dynamocsms.schemas.asset.UpdateEnergyAsset;
import org.dynamocsms.schemas.charger.ChargerLinked;
import org.dynamocsms.schemas.charger.ChargerUnlinked;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.UnlinkReason;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.CreateSite;
import org.dynamocsms.schemas.site.DeleteSite;
import org.dynamocsms.schemas.site.LinkCharger;
import org.dynamocsms.schemas.site.SiteAggregate;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteChargerLinked;
import org.dynamocsms.schemas.site.SiteChargerUnlinked;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.site.UnlinkCharger;
import org.dynamocsms.schemas.site.UpdateSite;

/**
 * Decides a site command (its details, linked chargers and energy assets) against the organisation's registry:
 * which events to append to which sites and chargers, and the answer. Pure: the same registry, command, time and
 * event ids always give the same decision.
 */
public final class SiteDecider {

    public static final String KEY_REUSED = "Idempotency-Key was already used with a different request";
    static final String ALREADY_EXISTS = "A site with this id already exists.";
    static final String LAT_LNG_PAIR = "lat and lng must be set together";

    private SiteDecider() {
    }

    /**
     * @param now      when the decision is made (the events' recorded_at and the result's decided_at)
     * @param eventIds a new event id on every call
     */
    public static Decision decide(RegistryView registry, SiteCommand command, Instant now,
                                  Supplier<String> eventIds) {
        DecisionDraft draft = DecisionDraft.of(registry, command, now, eventIds);
        Object payload = command.getPayload();
        if (payload instanceof CreateSite create) {
            return create(draft, command, create.getDetails());
        }
        SiteAggregate state = draft.site(command.getSiteId());
        SiteView site = state == null ? null : state.getCurrent();
        if (!isLiveIn(command.getOrganisationId(), site)) {
            return draft.refuse(CommandStatus.NOT_FOUND, siteNotFound(command.getSiteId()), 0);
        }
        if (payload instanceof UpdateSite update) {
            return update(draft, site, update.getChanges());
        }
        if (payload instanceof DeleteSite) {
            return delete(draft, site);
        }
        if (payload instanceof LinkCharger link) {
            return link(draft, site, link.getChargePointId());
        }
        if (payload instanceof UnlinkCharger unlink) {
            return unlink(draft, site, unlink.getChargePointId());
        }
        if (payload instanceof AddEnergyAsset add) {
            return EnergyAssetDecider.add(draft, command, site, add.getAsset());
        }
        if (payload instanceof UpdateEnergyAsset update) {
            return EnergyAssetDecider.update(draft, site, update);
        }
        if (payload instanceof RemoveEnergyAsset remove) {
            return EnergyAssetDecider.remove(draft, site, remove.getAssetId());
        }
        if (payload instanceof RecordEnergyAssetReading reading) {
            return EnergyAssetDecider.record(draft, site, reading);
        }
        throw new IllegalArgumentException("Unknown site command payload " + payload);
    }

    /** A refusal that changes nothing, for a command whose decision failed unexpectedly. */
    public static Decision undecidable(SiteCommand command, Instant now) {
        return DecisionDraft.of(null, command, now, null).refuse(CommandStatus.REJECTED, Decision.UNDECIDABLE, 0);
    }

    public static String siteNotFound(String siteId) {
        return "Site " + siteId + " does not exist.";
    }

    static String notLinked(String chargePointId, String siteId) {
        return "Charger " + chargePointId + " is not linked to site " + siteId + ".";
    }

    /** True if {@code site} exists, is not deleted and belongs to {@code organisationId}. */
    static boolean isLiveIn(String organisationId, SiteView site) {
        return SiteViews.isLive(site) && site.getOrganisationId().equals(organisationId);
    }

    private static Decision create(DecisionDraft draft, SiteCommand command, SiteDetails details) {
        SiteAggregate state = draft.site(command.getSiteId());
        if (state == null) {
            return draft.accept(about(draft.appendSite(command.getSiteId(), new SiteCreated(details))));
        }
        SiteView first = state.getAsCreated();
        boolean sameKey = command.getIdempotencyKey() != null
                && command.getIdempotencyKey().equals(state.getIdempotencyKey())
                && command.getOrganisationId().equals(first.getOrganisationId());
        if (sameKey && details.equals(first.getDetails())) {
            // A repeated request: answer the first result again, change nothing.
            return draft.accept(about(first));
        }
        return draft.refuse(CommandStatus.CONFLICT, sameKey ? KEY_REUSED : ALREADY_EXISTS,
                state.getCurrent().getVersion());
    }

    private static Decision update(DecisionDraft draft, SiteView site, SiteChanges changes) {
        SiteDetails merged = SiteViews.merge(site.getDetails(), changes);
        if ((merged.getLat() == null) != (merged.getLng() == null)) {
            return draft.refuse(CommandStatus.REJECTED, LAT_LNG_PAIR, site.getVersion());
        }
        if (merged.equals(site.getDetails())) {
            // Nothing changes: no event (an event is a fact that something changed), the current version stays.
            return draft.accept(about(site));
        }
        return draft.accept(about(draft.appendSite(site.getSiteId(), new SiteUpdated(changes))));
    }

    /** The site's chargers are unlinked (they stay in the fleet); the fold of SiteDeleted drops links and assets. */
    private static Decision delete(DecisionDraft draft, SiteView site) {
        for (String chargePointId : site.getChargePointIds()) {
            draft.appendCharger(chargePointId, new ChargerUnlinked(site.getSiteId(), UnlinkReason.SITE_DELETED));
        }
        return draft.accept(about(draft.appendSite(site.getSiteId(), new SiteDeleted())));
    }

    /** Links the charger, moving it if it is linked elsewhere; linking it again to its own site changes nothing. */
    private static Decision link(DecisionDraft draft, SiteView site, String chargePointId) {
        ChargerView charger = draft.charger(chargePointId);
        if (!ChargerDecider.isRegisteredIn(site.getOrganisationId(), charger)) {
            return draft.refuse(CommandStatus.NOT_FOUND, ChargerDecider.chargerNotFound(chargePointId),
                    site.getVersion());
        }
        String previousSiteId = charger.getSiteId();
        if (site.getSiteId().equals(previousSiteId)) {
            return draft.accept(about(site).setCharger(charger));
        }
        if (previousSiteId != null) {
            draft.appendSite(previousSiteId, new SiteChargerUnlinked(chargePointId, UnlinkReason.MOVED));
        }
        SiteView linked = draft.appendSite(site.getSiteId(), new SiteChargerLinked(chargePointId));
        ChargerView moved = draft.appendCharger(chargePointId, new ChargerLinked(site.getSiteId(), previousSiteId));
        return draft.accept(about(linked).setCharger(moved));
    }

    private static Decision unlink(DecisionDraft draft, SiteView site, String chargePointId) {
        ChargerView charger = draft.charger(chargePointId);
        if (!ChargerDecider.isRegisteredIn(site.getOrganisationId(), charger)) {
            return draft.refuse(CommandStatus.NOT_FOUND, ChargerDecider.chargerNotFound(chargePointId),
                    site.getVersion());
        }
        if (!site.getSiteId().equals(charger.getSiteId())) {
            return draft.refuse(CommandStatus.NOT_FOUND, notLinked(chargePointId, site.getSiteId()),
                    site.getVersion());
        }
        SiteView left = draft.appendSite(site.getSiteId(),
                new SiteChargerUnlinked(chargePointId, UnlinkReason.UNLINKED));
        ChargerView unlinked = draft.appendCharger(chargePointId,
                new ChargerUnlinked(site.getSiteId(), UnlinkReason.UNLINKED));
        return draft.accept(about(left).setCharger(unlinked));
    }
}
