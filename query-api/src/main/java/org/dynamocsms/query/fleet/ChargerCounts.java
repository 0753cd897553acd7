package org.dynamocsms.query.fleet;

/** How many chargers of a fleet or a site have each rolled-up status, as its figures kept ready count them. */
public record ChargerCounts(int total, int online, int charging, int available, int faulted) {

    public static final ChargerCounts NONE = new ChargerCounts(0, 0, 0, 0, 0);

    public static ChargerCounts of(FleetSummaryJson fleet) {
        return new ChargerCounts(fleet.totalChargers(), fleet.online(), fleet.charging(), fleet.available(),
                fleet.faulted());
    }

    /** How many have {@code status} (null: any; online: any but offline). */
    public int matching(FleetStatus status) {
        if (status == null) {
            return total;
        }
        return switch (status) {
            case ONLINE -> online;
            case OFFLINE -> total - online;
            case CHARGING -> charging;
            case AVAILABLE -> available;
            case FAULTED -> faulted;
        };
    }
}
