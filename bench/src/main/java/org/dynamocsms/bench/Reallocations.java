package org.dynamocsms.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the site load benchmark saw, and the figures it makes of it: when sessions started and stopped (the moment
 * the charger had the CALLRESULT of its StartTransaction or StopTransaction), what the allocator decided
 * ({@code csms.site.allocations}), which SetChargingProfile limits the chargers acknowledged and what they drew.
 * Times are {@link System#nanoTime()}; thread-safe; {@link #evaluate} reads everything recorded so far.
 * <p>
 * A reallocation is complete when the chargers hold the limits of an allocation that reflects the event: for each
 * session of that allocation (but reserved ones, whose chargers are not sent limits) the limit last acknowledged for
 * that transaction is the allocation's. The allocation that reflects a start is the first holding the new
 * transaction; a stop, the first after the last holding it. A later allocation that superseded it before the
 * chargers applied it counts too (so an event followed closely by another completes with the other), but only one
 * already recorded ({@code recorded_at}) at that moment: no coincidence with a future allocation can complete an
 * event. So a limit that did not have to change needs no new profile, and an event that changes no limit completes
 * as soon as its allocation is recorded.
 */
final class Reallocations {

    /** A session's limit in an allocation. */
    record Limit(String chargePointId, int transactionId, long limitW, boolean reserved) {
    }

    /** The figures of {@link #evaluate}. */
    record Result(Latencies reallocations, Latencies allocated, Latencies profileDelays, int events, int unreflected, int incomplete,
                  long profiles, int allocations, int reservedAllocations, double reactingKws, double beyondKws,
                  int beyondEpisodes, List<String> beyondSamples) {
    }

    /** How many episodes above a ceiling beyond the reaction time {@link Result} describes, to find their cause. */
    static final int BEYOND_SAMPLES = 3;

    private record SessionEvent(String chargePointId, int transactionId, boolean started, long at) {
    }

    private record Profile(String key, long limitW, long at) {
    }

    private record Allocation(long recordedAt, Map<String, Long> limits, boolean reserved) {
    }

    private record Draw(String chargePointId, long drawW, long at) {
    }

    private static final class Site {
        final long availableW;
        final List<SessionEvent> events = new ArrayList<>();
        final List<Profile> profiles = new ArrayList<>();
        final List<Allocation> allocations = new ArrayList<>();
        final List<Draw> draws = new ArrayList<>();
        /** Every transaction by the allocations holding it: its first and last index. */
        final Map<String, int[]> held = new HashMap<>();

        Site(long availableW) {
            this.availableW = availableW;
        }
    }

    private final Map<String, Site> sites = new HashMap<>();

    /** @param availableW each site's available power (its ceiling plus generation), by site id */
    Reallocations(Map<String, Long> availableW) {
        availableW.forEach((siteId, watts) -> sites.put(siteId, new Site(watts)));
    }

    synchronized void session(String siteId, String chargePointId, int transactionId, boolean started, long at) {
        site(siteId).events.add(new SessionEvent(chargePointId, transactionId, started, at));
    }

    /** A charger acknowledged a SetChargingProfile giving {@code transactionId} {@code limitW}. */
    synchronized void profile(String siteId, String chargePointId, int transactionId, long limitW, long at) {
        site(siteId).profiles.add(new Profile(key(chargePointId, transactionId), limitW, at));
    }

    /** An allocation of the site, in the order of the topic; {@code recordedAt} converted to nanoTime. */
    synchronized void allocation(String siteId, long recordedAt, List<Limit> limits) {
        Site site = site(siteId);
        Map<String, Long> followed = new HashMap<>();
        boolean reserved = false;
        for (Limit limit : limits) {
            String key = key(limit.chargePointId(), limit.transactionId());
            site.held.merge(key, new int[] {site.allocations.size(), site.allocations.size()},
                    (first, next) -> new int[] {first[0], next[1]});
            if (limit.reserved()) {
                reserved = true;
            } else {
                followed.put(key, limit.limitW());
            }
        }
        site.allocations.add(new Allocation(recordedAt, followed, reserved));
    }

    /** What one charger draws from {@code at} on. */
    synchronized void draw(String siteId, String chargePointId, long drawW, long at) {
        site(siteId).draws.add(new Draw(chargePointId, drawW, at));
    }

    /**
     * The reallocation latency of the events in [{@code from}, {@code to}) and how soon the allocation reflecting
     * each was recorded (0 if before the charger had its CALLRESULT), the profiles acknowledged in that
     * window and how soon after their allocation was recorded, and the energy drawn above each site's available
     * power over [{@code from}, {@code end}], split by whether some event of the site was still being reacted to
     * (from the event until its reallocation completed; an incomplete one until {@code end}).
     */
    synchronized Result evaluate(long from, long to, long end) {
        Latencies reallocations = new Latencies();
        Latencies allocated = new Latencies();
        Latencies profileDelays = new Latencies();
        int events = 0;
        int unreflected = 0;
        int incomplete = 0;
        long profiles = 0;
        int allocations = 0;
        int reservedAllocations = 0;
        double[] kws = new double[2];
        int[] beyondEpisodes = new int[1];
        List<String> beyondSamples = new ArrayList<>();
        for (Map.Entry<String, Site> entry : sites.entrySet()) {
            Site site = entry.getValue();
            List<SessionEvent> siteEvents = new ArrayList<>(site.events);
            siteEvents.sort(Comparator.comparingLong(SessionEvent::at));
            int[] reflectedBy = new int[siteEvents.size()];
            for (int e = 0; e < siteEvents.size(); e++) {
                reflectedBy[e] = reflectedBy(site, siteEvents.get(e));
            }
            long[] completed = completions(site, siteEvents, reflectedBy);
            List<long[]> reacting = new ArrayList<>();
            for (int e = 0; e < siteEvents.size(); e++) {
                long at = siteEvents.get(e).at();
                reacting.add(new long[] {at, completed[e] < 0 ? end : completed[e]});
                if (at < from || at >= to) {
                    continue;
                }
                events++;
                if (reflectedBy[e] < 0) {
                    unreflected++;
                    continue;
                }
                allocated.record(Math.max(0, site.allocations.get(reflectedBy[e]).recordedAt() - at));
                if (completed[e] < 0) {
                    incomplete++;
                } else {
                    reallocations.record(completed[e] - at);
                }
            }
            for (Profile profile : site.profiles) {
                if (profile.at() >= from && profile.at() < to) {
                    profiles++;
                    long delay = delay(site, profile);
                    if (delay >= 0) {
                        profileDelays.record(delay);
                    }
                }
            }
            for (Allocation allocation : site.allocations) {
                if (allocation.recordedAt() >= from && allocation.recordedAt() < to) {
                    allocations++;
                    reservedAllocations += allocation.reserved() ? 1 : 0;
                }
            }
            integrateAbove(entry.getKey(), site, reacting, from, end, kws, beyondEpisodes, beyondSamples);
        }
        return new Result(reallocations, allocated, profileDelays, events, unreflected, incomplete, profiles, allocations,
                reservedAllocations, kws[0], kws[1], beyondEpisodes[0], beyondSamples);
    }

    /** The index of the first allocation that reflects {@code event}, -1 if none does (yet). */
    private static int reflectedBy(Site site, SessionEvent event) {
        int[] held = site.held.get(key(event.chargePointId(), event.transactionId()));
        if (held == null) {
            return -1;
        }
        if (event.started()) {
            return held[0];
        }
        return held[1] + 1 < site.allocations.size() ? held[1] + 1 : -1;
    }

    /**
     * When each event's reallocation completed (-1: not yet), sweeping the site's moments (events, acknowledged
     * profiles, allocations recorded) in time order.
     */
    private static long[] completions(Site site, List<SessionEvent> events, int[] reflectedBy) {
        long[] completed = new long[events.size()];
        Arrays.fill(completed, -1);
        List<Profile> profiles = new ArrayList<>(site.profiles);
        profiles.sort(Comparator.comparingLong(Profile::at));
        TreeSet<Long> moments = new TreeSet<>();
        events.forEach(e -> moments.add(e.at()));
        profiles.forEach(p -> moments.add(p.at()));
        site.allocations.forEach(a -> moments.add(a.recordedAt()));
        Map<String, Long> acknowledged = new HashMap<>();
        Map<String, Integer> acknowledgements = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        int nextProfile = 0;
        int nextEvent = 0;
        int recorded = 0;
        for (long moment : moments) {
            while (nextProfile < profiles.size() && profiles.get(nextProfile).at() <= moment) {
                Profile p = profiles.get(nextProfile++);
                acknowledged.put(p.key(), p.limitW());
                acknowledgements.merge(p.key(), 1, Integer::sum);
            }
            while (nextEvent < events.size() && events.get(nextEvent).at() <= moment) {
                if (reflectedBy[nextEvent] >= 0) {
                    pending.add(nextEvent);
                }
                nextEvent++;
            }
            while (recorded < site.allocations.size() && site.allocations.get(recorded).recordedAt() <= moment) {
                recorded++;
            }
            if (pending.isEmpty()) {
                continue;
            }
            int earliest = pending.stream().mapToInt(e -> reflectedBy[e]).min().orElseThrow();
            int matched = -1;
            for (int a = recorded - 1; a >= earliest && matched < 0; a--) {
                if (held(site.allocations, a, acknowledged, acknowledgements)) {
                    matched = a;
                }
            }
            int upTo = matched;
            pending.removeIf(e -> {
                if (reflectedBy[e] <= upTo) {
                    completed[e] = moment;
                    return true;
                }
                return false;
            });
        }
        return completed;
    }

    /**
     * Whether the chargers acknowledged every limit of allocation {@code a} that they are sent: each as the last
     * profile of its transaction gave it, and by then as many profiles of that transaction as the allocations up to
     * {@code a} sent (one each time its limit changed; a charger gets its profiles in order). An older profile of the
     * same figure does not do: the ones after it are still on their way, and whatever the charger holds until they
     * came is still the reaction.
     */
    private static boolean held(List<Allocation> allocations, int a, Map<String, Long> acknowledged,
                                Map<String, Integer> acknowledgements) {
        for (Map.Entry<String, Long> limit : allocations.get(a).limits().entrySet()) {
            String key = limit.getKey();
            if (!Objects.equals(acknowledged.get(key), limit.getValue())
                    || acknowledgements.getOrDefault(key, 0) < sent(allocations, a, key)) {
                return false;
            }
        }
        return true;
    }

    /** How many profiles the allocations up to {@code a} sent transaction {@code key}: one per change of its limit. */
    private static int sent(List<Allocation> allocations, int a, String key) {
        int sent = 0;
        Long before = null;
        for (int i = 0; i <= a; i++) {
            Long limitW = allocations.get(i).limits().get(key);
            if (limitW != null && !limitW.equals(before)) {
                sent++;
            }
            before = limitW;
        }
        return sent;
    }

    /** How long after the latest allocation recorded before it that gives its limit the profile came; -1: none. */
    private static long delay(Site site, Profile profile) {
        for (int a = site.allocations.size() - 1; a >= 0; a--) {
            Allocation allocation = site.allocations.get(a);
            if (allocation.recordedAt() <= profile.at()
                    && Objects.equals(allocation.limits().get(profile.key()), profile.limitW())) {
                return profile.at() - allocation.recordedAt();
            }
        }
        return -1;
    }

    /**
     * Adds the kW·s the site drew above its available power over [from, end] to {@code kws[0]} while reacting (inside
     * some of {@code reacting}'s [start, end) spans) and to {@code kws[1]} otherwise, counting the spans of the
     * latter in {@code beyondEpisodes[0]}.
     */
    private static void integrateAbove(String siteId, Site site, List<long[]> reacting, long from, long end,
                                       double[] kws, int[] beyondEpisodes, List<String> samples) {
        // a change: at a time, a charger's new draw, or a reacting span opening (+1) or closing (-1)
        record Change(long at, String chargePointId, long drawW, int reacting) {
        }
        List<Change> changes = new ArrayList<>();
        site.draws.forEach(d -> changes.add(new Change(d.at(), d.chargePointId(), d.drawW(), 0)));
        for (long[] span : reacting) {
            if (span[1] > span[0]) {
                changes.add(new Change(span[0], null, 0, 1));
                changes.add(new Change(span[1], null, 0, -1));
            }
        }
        changes.sort(Comparator.comparingLong(Change::at));
        Map<String, Long> draws = new HashMap<>();
        long sumW = 0;
        int open = 0;
        long last = from;
        boolean wasBeyond = false;
        for (int i = 0; i <= changes.size(); i++) {
            long at = i < changes.size() ? Math.min(changes.get(i).at(), end) : end;
            if (at > last) {
                long excessW = sumW - site.availableW;
                boolean beyond = excessW > 0 && open == 0;
                if (excessW > 0) {
                    kws[open > 0 ? 0 : 1] += excessW / 1000.0 * (at - last) / 1e9;
                }
                if (beyond && !wasBeyond) {
                    beyondEpisodes[0]++;
                    if (samples.size() < BEYOND_SAMPLES) {
                        samples.add(describe(siteId, site, last, from, excessW, draws));
                    }
                }
                wasBeyond = beyond;
                last = at;
            }
            if (i == changes.size() || changes.get(i).at() > end) {
                break;
            }
            Change change = changes.get(i);
            if (change.chargePointId() != null) {
                Long before = draws.put(change.chargePointId(), change.drawW());
                sumW += change.drawW() - (before == null ? 0 : before);
            }
            open += change.reacting();
        }
    }

    /** An episode above the ceiling: when, by how much, each charger's draw and the latest allocation's limits. */
    private static String describe(String siteId, Site site, long at, long from, long excessW,
                                   Map<String, Long> draws) {
        Allocation latest = null;
        for (Allocation allocation : site.allocations) {
            if (allocation.recordedAt() <= at) {
                latest = allocation;
            }
        }
        Map<String, Long> drawing = new TreeMap<>(draws);
        drawing.values().removeIf(w -> w == 0);
        // the chargers drawing more than the latest allocation gives any transaction of theirs: what they went through
        Map<String, Long> limits = latest == null ? Map.of() : latest.limits();
        StringBuilder history = new StringBuilder();
        drawing.forEach((chargePointId, drawW) -> {
            boolean over = limits.entrySet().stream().anyMatch(l -> l.getKey().startsWith(chargePointId + "|")
                    && l.getValue() < drawW);
            if (over) {
                history.append("; ").append(chargePointId).append(':');
                site.events.stream().filter(e -> e.chargePointId().equals(chargePointId)
                                && Math.abs(e.at() - at) < 10_000_000_000L)
                        .forEach(e -> history.append(String.format(Locale.ROOT, " %s %d at +%d ms",
                                e.started() ? "start" : "stop", e.transactionId(), (e.at() - from) / 1_000_000)));
                site.profiles.stream().filter(p -> p.key().startsWith(chargePointId + "|")
                                && Math.abs(p.at() - at) < 10_000_000_000L)
                        .forEach(p -> history.append(String.format(Locale.ROOT, " profile %s=%d at +%d ms",
                                p.key().substring(chargePointId.length() + 1), p.limitW(), (p.at() - from) / 1_000_000)));
                site.draws.stream().filter(d -> d.chargePointId().equals(chargePointId)
                                && Math.abs(d.at() - at) < 10_000_000_000L)
                        .forEach(d -> history.append(String.format(Locale.ROOT, " draw %d at +%d ms", d.drawW(),
                                (d.at() - from) / 1_000_000)));
            }
        });
        return String.format(Locale.ROOT, "%s at +%d ms, %d W above: draws %s; latest allocation (+%d ms) %s%s",
                siteId, (at - from) / 1_000_000, excessW, drawing,
                latest == null ? -1 : (latest.recordedAt() - from) / 1_000_000,
                latest == null ? "none" : new TreeMap<>(limits), history);
    }

    private Site site(String siteId) {
        Site site = sites.get(siteId);
        if (site == null) {
            throw new IllegalArgumentException("unknown site " + siteId);
        }
        return site;
    }

    private static String key(String chargePointId, int transactionId) {
        return chargePointId + "|" + transactionId;
    }
}
