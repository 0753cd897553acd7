package org.dynamocsms.schemas.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetAdded;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.asset.EnergyAssetUpdated;
import org.dynamocsms.schemas.asset.EnergyAssets;

/**
 * What site events mean: folds one event onto the site it applies to. The aggregate processor, the site
 * projection and the read-store replay all use this one fold, so they cannot disagree.
 */
public final class SiteViews {

    private SiteViews() {
    }

    /**
     * The site after {@code event}; {@code site} is null before the site's first event. An event at or below the
     * site's version was applied already (a redelivery, or a replay over existing state) and changes nothing.
     */
    public static SiteView apply(SiteView site, SiteEvent event) {
        if (site != null && event.getVersion() <= site.getVersion()) {
            return site;
        }
        Object payload = event.getPayload();
        if (payload instanceof SiteCreated created) {
            return SiteView.newBuilder()
                    .setSiteId(event.getSiteId())
                    .setOrganisationId(event.getOrganisationId())
                    .setDetails(SiteDetails.newBuilder(created.getDetails()).build())
                    .setCreatedAt(event.getOccurredAt())
                    .setUpdatedAt(event.getOccurredAt())
                    .setVersion(event.getVersion())
                    .build();
        }
        if (site == null) {
            throw new IllegalStateException("Event " + event.getEventId() + " applies to unknown site " + event.getSiteId());
        }
        SiteView.Builder next = SiteView.newBuilder(site).setVersion(event.getVersion()).setUpdatedAt(event.getOccurredAt());
        if (payload instanceof SiteUpdated updated) {
            next.setDetails(merge(site.getDetails(), updated.getChanges()));
        } else if (payload instanceof SiteDeleted) {
            // A deleted site keeps no chargers (they stay in the fleet, unlinked) and no energy assets.
            next.setDeletedAt(event.getOccurredAt()).setChargePointIds(List.of()).setEnergyAssets(List.of());
        } else if (payload instanceof SiteChargerLinked linked) {
            List<String> chargers = new ArrayList<>(site.getChargePointIds());
            if (!chargers.contains(linked.getChargePointId())) {
                chargers.add(linked.getChargePointId());
            }
            next.setChargePointIds(chargers);
        } else if (payload instanceof SiteChargerUnlinked unlinked) {
            List<String> chargers = new ArrayList<>(site.getChargePointIds());
            chargers.remove(unlinked.getChargePointId());
            next.setChargePointIds(chargers);
        } else if (payload instanceof EnergyAssetAdded added) {
            List<EnergyAsset> assets = new ArrayList<>(site.getEnergyAssets());
            assets.add(EnergyAsset.newBuilder(added.getAsset()).build());
            next.setEnergyAssets(assets);
        } else if (payload instanceof EnergyAssetUpdated updated) {
            next.setEnergyAssets(site.getEnergyAssets().stream()
                    .map(asset -> asset.getAssetId().equals(updated.getAssetId())
                            ? EnergyAssets.merge(asset, updated.getChanges(), event.getOccurredAt())
                            : asset)
                    .toList());
        } else if (payload instanceof EnergyAssetRemoved removed) {
            next.setEnergyAssets(site.getEnergyAssets().stream()
                    .filter(asset -> !asset.getAssetId().equals(removed.getAssetId()))
                    .toList());
        } else {
            throw new IllegalArgumentException("Unknown site event payload " + payload);
        }
        next.setChargerCount(next.getChargePointIds().size());
        return next.build();
    }

    /** The site's energy asset with this id, if it has one. */
    public static Optional<EnergyAsset> energyAsset(SiteView site, String assetId) {
        return site.getEnergyAssets().stream().filter(asset -> asset.getAssetId().equals(assetId)).findFirst();
    }

    public static SiteDetails merge(SiteDetails details, SiteChanges changes) {
        SiteDetails.Builder merged = SiteDetails.newBuilder(details);
        if (changes.getName() != null) merged.setName(changes.getName());
        if (changes.getAddress() != null) merged.setAddress(changes.getAddress());
        if (changes.getMaxPowerKw() != null) merged.setMaxPowerKw(changes.getMaxPowerKw());
        if (changes.getLat() != null) merged.setLat(changes.getLat());
        if (changes.getLng() != null) merged.setLng(changes.getLng());
        return merged.build();
    }

    public static boolean isLive(SiteView site) {
        return site != null && site.getDeletedAt() == null;
    }
}
