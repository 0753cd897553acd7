package org.dynamocsms.schemas.call;

/** The versions of a {@link ChargerCallView} (a call is requested, then ends once), and who requests calls. */
public final class ChargerCalls {

    public static final long REQUESTED = 1;
    public static final long ENDED = 2;
    /** requested_by of a call an operator asked for through the API. */
    public static final String BY_API = "api";

    private ChargerCalls() {
    }
}
