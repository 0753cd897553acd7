package org.dynamocsms.schemas.call;

/** The versions of a {@link ChargerCallView}: a call is requested, then ends once. */
public final class ChargerCalls {

    public static final long REQUESTED = 1;
    public static final long ENDED = 2;

    private ChargerCalls() {
    }
}
