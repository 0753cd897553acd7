package org.dynamocsms.schemas.fleet;

/** How a {@link FleetSummaryPart} is keyed on its topic, for its writer and its readers alike. */
public final class FleetSummaryParts {

    private FleetSummaryParts() {
    }

    /** {@code organisation_id|part}: organisation ids never contain '|'. */
    public static String key(String organisationId, int part) {
        return organisationId + "|" + part;
    }

    public static String key(FleetSummaryPart part) {
        return key(part.getOrganisationId(), part.getPart());
    }
}
