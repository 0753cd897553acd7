package org.dynamocsms.command;

import java.util.ArrayList;
import java.util.List;

import org.dynamocsms.platform.consistency.Resources;
import org.dynamocsms.schemas.call.ChargerCall;
import org.dynamocsms.schemas.call.ChargerCalls;
import org.dynamocsms.schemas.charger.ChargerView;
import org.dynamocsms.schemas.common.CommandResult;
import org.dynamocsms.schemas.maintenance.MaintenanceView;
import org.dynamocsms.schemas.site.SiteView;

/**
 * A resource an accepted write changed, named as reads name it ({@link Resources}), with the aggregate whose
 * version holds the change: a read of that resource waits until the read store has the aggregate at that version or
 * later.
 */
public record RecentWrite(String organisationId, String resource, String aggregateId, long version) {

    /** What {@code result} changed: the site, the charger (both, for a link), the maintenance event
     * or the call it shows. */
    public static List<RecentWrite> of(CommandResult result) {
        String organisationId = result.getOrganisationId();
        List<RecentWrite> writes = new ArrayList<>(2);
        SiteView site = result.getSite();
        if (site != null) {
            writes.add(new RecentWrite(organisationId, Resources.site(site.getSiteId()), site.getSiteId(),
                    site.getVersion()));
        }
        ChargerView charger = result.getCharger();
        if (charger != null) {
            writes.add(new RecentWrite(organisationId, Resources.charger(charger.getChargePointId()),
                    charger.getChargePointId(), charger.getVersion()));
        }
        MaintenanceView maintenance = result.getMaintenance();
        if (maintenance != null) {
            writes.add(new RecentWrite(organisationId, Resources.maintenanceOf(maintenance.getChargePointId()),
                    maintenance.getMaintenanceId(), maintenance.getVersion()));
        }
        ChargerCall call = result.getChargerCall();
        if (call != null) {
            writes.add(new RecentWrite(organisationId, Resources.callsOf(call.getChargePointId()), call.getCallId(),
                    ChargerCalls.REQUESTED));
        }
        return writes;
    }
}
