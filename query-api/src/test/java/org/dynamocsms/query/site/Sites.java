package org.dynamocsms.query.site;

import java.time.Instant;
import java.util.Map;

import org.dynamocsms.schemas.asset.EnergyAsset;
import org.dynamocsms.schemas.asset.EnergyAssetAdded;
import org.dynamocsms.schemas.asset.EnergyAssetChanges;
import org.dynamocsms.schemas.asset.EnergyAssetRemoved;
import org.dynamocsms.schemas.asset.EnergyAssetType;
import org.dynamocsms.schemas.asset.EnergyAssetUpdated;
import org.dynamocsms.schemas.site.SiteChanges;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteDeleted;
import org.dynamocsms.schemas.site.SiteDetails;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteUpdated;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;

/** Site events and views for tests. */
public final class Sites {

    public static final String ORG = "org_A";
    public static final Instant T0 = Instant.parse("2024-06-01T09:00:00Z");

    private Sites() {
    }

    static SiteDetails details(String name) {
        return SiteDetails.newBuilder().setName(name).setAddress("14 King Street, Manchester, M2 6AQ")
                .setMaxPowerKw(150).setLat(53.4808).setLng(-2.2426).build();
    }

    public static SiteEvent created(String siteId, String name) {
        return event(siteId, 1, SiteCreated.newBuilder().setDetails(details(name)).build());
    }

    public static SiteEvent renamed(String siteId, long version, String name) {
        return event(siteId, version, SiteUpdated.newBuilder()
                .setChanges(SiteChanges.newBuilder().setName(name).build()).build());
    }

    public static SiteEvent deleted(String siteId, long version) {
        return event(siteId, version, SiteDeleted.newBuilder().build());
    }

    /** A solar asset with some metadata, added at T0. */
    public static EnergyAsset asset(String assetId, String name, double capacityKw) {
        return EnergyAsset.newBuilder().setAssetId(assetId).setType(EnergyAssetType.solar).setName(name)
                .setCapacityKw(capacityKw).setMetadata(Map.of("manufacturer", "SunPower", "install_date", "2023-03-15"))
                .setCreatedAt(T0).setUpdatedAt(T0).build();
    }

    public static SiteEvent assetAdded(String siteId, long version, EnergyAsset asset) {
        return event(siteId, version, EnergyAssetAdded.newBuilder().setAsset(asset).build());
    }

    public static SiteEvent assetResized(String siteId, long version, String assetId, double capacityKw) {
        return event(siteId, version, EnergyAssetUpdated.newBuilder().setAssetId(assetId)
                .setChanges(EnergyAssetChanges.newBuilder().setCapacityKw(capacityKw).build()).build());
    }

    public static SiteEvent assetRemoved(String siteId, long version, String assetId) {
        return event(siteId, version, EnergyAssetRemoved.newBuilder().setAssetId(assetId).build());
    }

    /** The view after {@code events}, folded as everywhere else. */
    public static SiteView view(SiteEvent... events) {
        SiteView view = null;
        for (SiteEvent event : events) {
            view = SiteViews.apply(view, event);
        }
        return view;
    }

    private static SiteEvent event(String siteId, long version, Object payload) {
        Instant at = T0.plusSeconds(version);
        return SiteEvent.newBuilder().setEventId("evt_" + siteId + "_" + version).setOrganisationId(ORG)
                .setSiteId(siteId).setVersion(version).setOccurredAt(at).setRecordedAt(at).setPayload(payload)
                .build();
    }
}
