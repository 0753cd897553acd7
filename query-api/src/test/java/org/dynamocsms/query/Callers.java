package org.dynamocsms.query;

import org.dynamocsms.platform.auth.Caller;

/** Callers for resource tests, as the bearer filter would have authenticated them. */
public final class Callers {

    private Callers() {
    }

    public static Caller of(String organisationId) {
        return new Caller() {
            @Override
            public String organisationId() {
                return organisationId;
            }
        };
    }
}
