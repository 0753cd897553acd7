package org.dynamocsms.schemas.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnergyAssetsTest {

    private static final Instant T0 = Instant.parse("2024-06-01T11:00:00Z");
    private static final Instant T1 = Instant.parse("2024-06-02T11:00:00Z");

    private final EnergyAsset asset = EnergyAsset.newBuilder().setAssetId("asset_1").setType(EnergyAssetType.solar)
            .setName("Rooftop PV Array").setCapacityKw(50.0)
            .setMetadata(Map.of("manufacturer", "SunPower", "install_date", "2023-03-15"))
            .setCreatedAt(T0).setUpdatedAt(T0).build();

    @Test
    void mergeChangesOnlyThePresentFieldsAndMetadataReplacesTheMap() {
        EnergyAsset merged = EnergyAssets.merge(asset, EnergyAssetChanges.newBuilder().setName("PV East")
                .setMetadata(Map.of("manufacturer", "LG")).build(), T1);
        assertThat(merged.getName()).isEqualTo("PV East");
        assertThat(merged.getMetadata()).containsExactly(Map.entry("manufacturer", "LG"));
        assertThat(merged.getCapacityKw()).isEqualTo(50.0);
        assertThat(merged.getType()).isEqualTo(EnergyAssetType.solar);
        assertThat(merged.getCreatedAt()).isEqualTo(T0);
        assertThat(merged.getUpdatedAt()).isEqualTo(T1);
    }

    @Test
    void changesNothingWhenEveryPresentFieldHasItsCurrentValue() {
        assertThat(EnergyAssets.changesNothing(asset, new EnergyAssetChanges())).isTrue();
        assertThat(EnergyAssets.changesNothing(asset,
                EnergyAssetChanges.newBuilder().setCapacityKw(50.0).setType(EnergyAssetType.solar).build())).isTrue();
        assertThat(EnergyAssets.changesNothing(asset,
                EnergyAssetChanges.newBuilder().setCapacityKw(60.0).build())).isFalse();
        assertThat(EnergyAssets.changesNothing(asset,
                EnergyAssetChanges.newBuilder().setMetadata(Map.of()).build())).isFalse();
    }
}
