package org.dynamocsms.projection.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a site's changed summary is published. A change of more than its power is published with the commit that
 * made it. A change of power alone (current_power_kw, and what the chargers with an allocation draw) waits until
 * the site's summary was last published at least one interval ago: every meter value of every charger moves a
 * site's power, so publishing each one would send each summary, and ingest it into the read store, several times
 * a second per site, more records than the chargers send. The latest summary is always the one published.
 */
final class SummaryPublications {

    private final long intervalMs;
    /** The sites whose summary was published within the last interval, with when; the oldest first. */
    private final LinkedHashMap<String, Long> recent = new LinkedHashMap<>();
    /** The sites with a change of more than power since their last publication. */
    private final Set<String> urgent = new HashSet<>();
    /** The sites whose latest summary waits, in the order they began to. */
    private final Set<String> waiting = new LinkedHashSet<>();

    SummaryPublications(long intervalMs) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("The interval must not be negative: " + intervalMs + " ms");
        }
        this.intervalMs = intervalMs;
    }

    /** {@code siteId}'s summary changed; {@code powerOnly}: in its power alone. */
    void changed(String siteId, boolean powerOnly) {
        if (!powerOnly) {
            urgent.add(siteId);
        }
    }

    /**
     * Whether {@code siteId}'s latest summary, just written, is to be published at {@code nowMs}; if not, it waits
     * until {@link #due}. A summary published is counted so.
     */
    boolean publishesNow(String siteId, long nowMs) {
        forgetOlderThan(nowMs);
        if (urgent.remove(siteId) || !recent.containsKey(siteId)) {
            published(siteId, nowMs);
            return true;
        }
        waiting.add(siteId);
        return false;
    }

    /** The sites whose waiting summary is to be published at {@code nowMs}, each counted published. */
    List<String> due(long nowMs) {
        forgetOlderThan(nowMs);
        List<String> due = new ArrayList<>();
        for (Iterator<String> sites = waiting.iterator(); sites.hasNext(); ) {
            String siteId = sites.next();
            if (!recent.containsKey(siteId)) {
                sites.remove();
                due.add(siteId);
            }
        }
        due.forEach(siteId -> published(siteId, nowMs));
        return due;
    }

    /** {@code siteId}'s latest summary was published at {@code nowMs}. */
    void published(String siteId, long nowMs) {
        waiting.remove(siteId);
        recent.remove(siteId); // re-entered last, so that the map stays in order of publication
        recent.put(siteId, nowMs);
    }

    private void forgetOlderThan(long nowMs) {
        for (Iterator<Map.Entry<String, Long>> oldest = recent.entrySet().iterator(); oldest.hasNext(); ) {
            if (nowMs - oldest.next().getValue() < intervalMs) {
                return;
            }
            oldest.remove();
        }
    }
}
