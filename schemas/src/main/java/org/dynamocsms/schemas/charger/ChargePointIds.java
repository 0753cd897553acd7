package org.dynamocsms.schemas.charger;

import java.util.regex.Pattern;

/**
 * The rule for a charger's OCPP identity: 1 to 48 characters from OCPP's identifierString set, without ':' (it
 * would break the HTTP Basic user name) and not "." or ".." (they would break the WebSocket URL path). The API and
 * the OCPP gateway check identities with this one rule.
 */
public final class ChargePointIds {

    public static final int MAX_LENGTH = 48;
    public static final String RULE = "1 to " + MAX_LENGTH + " characters: letters, digits and * - _ = + @ . (not "
            + "\".\" or \"..\")";
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9*\\-_=+@.]{1," + MAX_LENGTH + "}");

    private ChargePointIds() {
    }

    public static boolean isValid(String id) {
        return id != null && IDENTITY.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }
}
