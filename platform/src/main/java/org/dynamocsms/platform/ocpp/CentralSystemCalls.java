package org.dynamocsms.platform.ocpp;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The calls the central system makes to chargers: OCPP 1.6's ({@link PayloadSchemas#CENTRAL_SYSTEM_ACTIONS}), in
 * 1.6's words whatever the charger speaks (the gateway says them in 2.0.1's to a 2.0.1 station), and three of
 * 2.0.1's, which 1.6 has no words for: GetVariables and SetVariables (1.6's configuration keys are not 2.0.1's
 * variables), and RequestStopTransaction, which names a transaction by the station's own id, as diagnostics show it
 * (1.6's RemoteStopTransaction names it by an integer, which reaches a 2.0.1 station only through a gateway that has
 * seen the transaction). Each call's payload is checked against the schema of the version that names it.
 */
public final class CentralSystemCalls {

    /** The calls that only OCPP 2.0.1 stations take. */
    public static final Set<String> OCPP201_ONLY = Set.of("GetVariables", "SetVariables", "RequestStopTransaction");
    /** Every call the central system makes, in name order. */
    public static final Set<String> ACTIONS;

    static {
        Set<String> actions = new TreeSet<>(PayloadSchemas.CENTRAL_SYSTEM_ACTIONS);
        actions.addAll(OCPP201_ONLY);
        ACTIONS = Collections.unmodifiableSet(actions);
    }

    private final PayloadSchemas ocpp16;
    private final PayloadSchemas ocpp201;

    public CentralSystemCalls(PayloadSchemas ocpp16, PayloadSchemas ocpp201) {
        this.ocpp16 = ocpp16;
        this.ocpp201 = ocpp201;
    }

    /** The version whose words {@code action} is in. */
    public static OcppVersion versionOf(String action) {
        return OCPP201_ONLY.contains(action) ? OcppVersion.OCPP201 : OcppVersion.OCPP16;
    }

    /** The schemas of {@code version}. */
    public PayloadSchemas schemas(OcppVersion version) {
        return version == OcppVersion.OCPP16 ? ocpp16 : ocpp201;
    }

    /** Why {@code payload} is not a valid call {@code action} (one of {@link #ACTIONS}), if it is not. */
    public Optional<Violation> check(String action, ObjectNode payload) {
        return schemas(versionOf(action)).check(action, payload);
    }
}
