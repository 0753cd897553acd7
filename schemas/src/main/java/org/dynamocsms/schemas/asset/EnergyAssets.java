package org.dynamocsms.schemas.asset;

import java.time.Instant;
import java.util.Map;

/** What an energy asset update means; the decider and the fold of site events share it. */
public final class EnergyAssets {

    private EnergyAssets() {
    }

    /** {@code asset} with the non-null fields of {@code changes}; metadata, when present, replaces the old map. */
    public static EnergyAsset merge(EnergyAsset asset, EnergyAssetChanges changes, Instant at) {
        EnergyAsset.Builder merged = EnergyAsset.newBuilder(asset).setUpdatedAt(at);
        if (changes.getType() != null) merged.setType(changes.getType());
        if (changes.getName() != null) merged.setName(changes.getName());
        if (changes.getCapacityKw() != null) merged.setCapacityKw(changes.getCapacityKw());
        if (changes.getMetadata() != null) merged.setMetadata(Map.copyOf(changes.getMetadata()));
        return merged.build();
    }

    /** True if applying {@code changes} to {@code asset} would change nothing but its updated_at. */
    public static boolean changesNothing(EnergyAsset asset, EnergyAssetChanges changes) {
        return merge(asset, changes, asset.getUpdatedAt()).equals(asset);
    }
}
