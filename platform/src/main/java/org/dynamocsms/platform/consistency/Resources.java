package org.dynamocsms.platform.consistency;

/**
 * How a write and the reads of what it changed name a resource in the read store's {@code recent_write} table
 * (read-your-writes without a token), after the resource's path under /api/v1.
 */
public final class Resources {

    private Resources() {
    }

    /** A site, with its summary and energy assets: they wait for the site aggregate's version. */
    public static String site(String siteId) {
        return "sites/" + siteId;
    }

    /** A charger as registered (its site, connectors, ...). */
    public static String charger(String chargePointId) {
        return "chargers/" + chargePointId;
    }

    /** A charger's maintenance events: each waits for its own maintenance aggregate's version. */
    public static String maintenanceOf(String chargePointId) {
        return "chargers/" + chargePointId + "/maintenance";
    }

    /** A charger's calls: each waits for its own call (version 1, requested). */
    public static String callsOf(String chargePointId) {
        return "chargers/" + chargePointId + "/calls";
    }
}
