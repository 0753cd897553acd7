package org.dynamocsms.command.asset;

import static org.dynamocsms.command.DecisionDraft.about;

import java.util.Optional;

import org.dynamocsms.command.Decision;
import org.dynamocsms.command.DecisionDraft;
import org.dynamocsms.command.site.SiteDecider;
import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetAdded;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.EnergyAssetUpdated;
import org.dynamocsms.schemas.asset.EnergyAssets;
import org.dynamocsms.schemas.asset.RecordEnergyAssetReading;
import org.dynamocsms.schemas.asset.UpdateEnergyAsset;
import org.dynamocsms.schemas.common.CommandStatus;
import org.dynamocsms.schemas.site.SiteCommand;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/**
 * Decides the site commands about energy assets, for {@link SiteDecider}, once it has found the site live in the
 * command's organisation. An asset is only ever found through its own site.
 */
public final class EnergyAssetDecider {

    private EnergyAssetDecider() {
    }

    /**
     * Adds {@code requested} to the site. Under an Idempotency-Key the asset id is derived from the key, so a
     * repeat finds the first addition and gets its answer again, if it asked for the same asset on the same site.
     */
    public static Decision add(DecisionDraft draft, SiteCommand command, SiteView site, EnergyAsset requested) {
        EnergyAsset asset = EnergyAsset.newBuilder(requested)
                .setCreatedAt(draft.issuedAt()).setUpdatedAt(draft.issuedAt()).build();
        String assetId = asset.getAssetId();
        SiteEvent first = command.getIdempotencyKey() == null ? null : draft.assetAddition(assetId);
        if (first != null) {
            EnergyAsset added = ((EnergyAssetAdded) first.getPayload()).getAsset();
            boolean same = first.getSiteId().equals(site.getSiteId()) && EnergyAsset.newBuilder(asset)
                    .setCreatedAt(added.getCreatedAt()).setUpdatedAt(added.getUpdatedAt()).build().equals(added);
            return same
                    ? draft.accept(about(site).setEnergyAsset(added))
                    : draft.refuse(CommandStatus.CONFLICT, SiteDecider.KEY_REUSED, site.getVersion());
        }
        if (SiteViews.energyAsset(site, assetId).isPresent()) {
            return draft.refuse(CommandStatus.CONFLICT, alreadyExists(assetId), site.getVersion());
        }
        SiteView after = draft.appendSite(site.getSiteId(), new EnergyAssetAdded(asset));
        if (command.getIdempotencyKey() != null) {
            draft.rememberAssetAddition(assetId);
        }
        return draft.accept(about(after).setEnergyAsset(asset));
    }

    /** Changes the fields the update names; an update that changes nothing appends nothing. */
    public static Decision update(DecisionDraft draft, SiteView site, UpdateEnergyAsset update) {
        Optional<EnergyAsset> asset = SiteViews.energyAsset(site, update.getAssetId());
        if (asset.isEmpty()) {
            return notFound(draft, site, update.getAssetId());
        }
        if (EnergyAssets.changesNothing(asset.get(), update.getChanges())) {
            return draft.accept(about(site).setEnergyAsset(asset.get()));
        }
        SiteView after = draft.appendSite(site.getSiteId(),
                new EnergyAssetUpdated(update.getAssetId(), update.getChanges()));
        return draft.accept(about(after).setEnergyAsset(SiteViews.energyAsset(after, update.getAssetId()).get()));
    }

    public static Decision remove(DecisionDraft draft, SiteView site, String assetId) {
        if (SiteViews.energyAsset(site, assetId).isEmpty()) {
            return notFound(draft, site, assetId);
        }
        return draft.accept(about(draft.appendSite(site.getSiteId(), new EnergyAssetRemoved(assetId))));
    }

    /** Writes the reading of one of the site's assets; the site itself does not change. */
    public static Decision record(DecisionDraft draft, SiteView site, RecordEnergyAssetReading reading) {
        Optional<EnergyAsset> asset = SiteViews.energyAsset(site, reading.getAssetId());
        if (asset.isEmpty()) {
            return notFound(draft, site, reading.getAssetId());
        }
        if (reading.getOutputKw() < 0 && asset.get().getType() != EnergyAssetType.battery) {
            return draft.refuse(CommandStatus.REJECTED, negativeOutput(asset.get().getType()), site.getVersion());
        }
        return draft.accept(about(site).setEnergyAssetReading(draft.recordReading(site.getSiteId(),
                reading.getAssetId(), reading.getOutputKw(), reading.getMeasuredAt())));
    }

    public static String assetNotFound(String assetId) {
        return "Energy asset " + assetId + " does not exist.";
    }

    static String alreadyExists(String assetId) {
        return "Energy asset " + assetId + " already exists on this site.";
    }

    static String negativeOutput(EnergyAssetType type) {
        return "output_kw must not be negative for a " + type + " asset; only a battery (while charging) reports "
                + "negative output.";
    }

    private static Decision notFound(DecisionDraft draft, SiteView site, String assetId) {
        return draft.refuse(CommandStatus.NOT_FOUND, assetNotFound(assetId), site.getVersion());
    }
}
