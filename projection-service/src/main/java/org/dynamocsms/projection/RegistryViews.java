package org.dynamocsms.projection;

import org.dynamocsms.schemas.charger.ChargerEvent;
import org.dynamocsms.schemas.charger.ChargerRegistered;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.charger.ChargerViews;
import org.dynamocsms.schemas.maintenance.MaintenanceEvent;
import org.dynamocsms.schemas.maintenance.MaintenanceRecorded;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.maintenance.MaintenanceViews;
import org.dynamocsms.schemas.site.SiteCreated;
import org.dynamocsms.schemas.site.SiteEvent;
import org.dynamocsms.schemas.site.SiteView;
import org.dynamocsms.schemas.site.SiteViews;
import org.dynamocsms.schemas.topics.Topics;

/**
 * The registry's views: sites, chargers and the chargers' maintenance events, each folded from its events onto its
 * compacted projection topic by an application of its own.
 */
public final class RegistryViews {

    public static final ViewProjection<SiteEvent, SiteView> SITES = new ViewProjection<>("site",
            Topics.SITE_EVENTS, Topics.SITE_PROJECTION, "site-views", SiteViews::apply,
            event -> event.getPayload() instanceof SiteCreated);

    public static final ViewProjection<ChargerEvent, ChargerView> CHARGERS = new ViewProjection<>("charger",
            Topics.CHARGER_EVENTS, Topics.CHARGER_PROJECTION, "charger-views", ChargerViews::apply,
            event -> event.getPayload() instanceof ChargerRegistered);

    public static final ViewProjection<MaintenanceEvent, MaintenanceView> MAINTENANCE = new ViewProjection<>(
            "maintenance", Topics.MAINTENANCE_EVENTS, Topics.MAINTENANCE_PROJECTION, "maintenance-views",
            MaintenanceViews::apply, event -> event.getPayload() instanceof MaintenanceRecorded);

    private RegistryViews() {
    }
}
