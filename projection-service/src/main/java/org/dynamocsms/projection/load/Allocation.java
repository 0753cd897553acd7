package org.dynamocsms.projection.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One allocation of a site: each session's limit in whole watts (0 = paused), in the order of their keys, and what
 * is left of {@code availableW}: {@code headroomW} = availableW − the sum of the limits, never negative.
 */
public record Allocation(double availableW, Map<SessionKey, Double> limitsW, double headroomW) {

    public Allocation {
        limitsW = Collections.unmodifiableMap(new LinkedHashMap<>(limitsW));
    }
}
