package org.dynamocsms.projection.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Divides a site's available power among its sessions. All figures are whole watts: a limit is rounded down, a
 * session's minimum up and its maximum down, so no rounding can make the limits sum above what is available.
 * Sessions are taken in the order started_at, then charge point id, then connector id (earliest first).
 * <ol>
 *   <li>available = max(0, max power + generation).</li>
 *   <li>Sessions whose charger does not follow its limits (a {@link Reservation}) come first, in order:
 *       each is given min(its draw, what is left), and that is its limit too (we still tell the charger).</li>
 *   <li>The others are taken in order; while what is left covers the next one's minimum (min(minW, maxW)) it is
 *       admitted, and from the first that does not fit on every session gets 0 W (paused). Nobody is given a share
 *       between 0 and its minimum.</li>
 *   <li>The admitted sessions share what is left by water-filling: each gets its minimum, then all are raised to
 *       one common level, each capped by its maximum (a capped session gives its unused share back to the others),
 *       the highest whole-watt level that fits. So a session above its minimum and below its maximum has exactly
 *       the level, and nobody could be given more without taking from someone who has no more or is at its
 *       minimum. What the level cannot spread evenly (less than a watt per session below its maximum) stays
 *       headroom.</li>
 * </ol>
 * When the minimums do not all fit (3) the admitted sessions still share what is left over their minimums (4):
 * pausing someone is not a reason to leave power unused.
 */
public final class PowerAllocation {

    /** Figures are exact as doubles up to 2^53 W (9 TW), far beyond any site: larger ones are taken as that. */
    private static final long MOST_W = 1L << 53;

    private static final Comparator<Session> PRIORITY = Comparator.comparing(Session::startedAt)
            .thenComparing(Session::chargePointId)
            .thenComparingInt(Session::connectorId);

    private PowerAllocation() {
    }

    /**
     * The allocation of {@code power} among {@code sessions}, the same for the same sessions in any order.
     *
     * @throws IllegalArgumentException if two sessions are on the same connector
     */
    public static Allocation allocate(SitePower power, Collection<Session> sessions) {
        Objects.requireNonNull(power, "power");
        List<Session> ordered = new ArrayList<>(sessions);
        ordered.sort(PRIORITY);
        Set<SessionKey> keys = new HashSet<>();
        for (Session session : ordered) {
            if (!keys.add(session.key())) {
                throw new IllegalArgumentException("two sessions on " + session.key());
            }
        }

        long left = wattsDown(power.availableW());
        Map<SessionKey, Long> limits = new TreeMap<>();
        List<Session> admitted = new ArrayList<>();
        long minimums = 0;
        boolean pausing = false;
        for (Session session : ordered) {
            if (session.reservation() != null) {
                long held = Math.min(wattsDown(session.reservation().drawW()), left);
                limits.put(session.key(), held);
                left -= held;
            }
        }
        for (Session session : ordered) {
            if (session.reservation() != null) {
                continue;
            }
            pausing = pausing || minimum(session) > left - minimums;
            if (pausing) {
                limits.put(session.key(), 0L);
            } else {
                admitted.add(session);
                minimums += minimum(session);
            }
        }

        long level = level(admitted, left);
        for (Session session : admitted) {
            limits.put(session.key(), at(level, session));
        }
        Map<SessionKey, Double> limitsW = new LinkedHashMap<>();
        long sum = 0;
        for (Map.Entry<SessionKey, Long> limit : limits.entrySet()) {
            limitsW.put(limit.getKey(), (double) limit.getValue());
            sum += limit.getValue();
        }
        return new Allocation(power.availableW(), limitsW, power.availableW() - sum);
    }

    /**
     * The highest level whose limits fit in {@code budget}; the sessions' minimums do (level 0 gives each its
     * minimum), and the limits only grow with the level, so a binary search finds it.
     */
    private static long level(List<Session> sessions, long budget) {
        long fits = 0;
        long over = budget + 1;
        while (over - fits > 1) {
            long mid = fits + (over - fits) / 2;
            if (total(sessions, mid, budget) <= budget) {
                fits = mid;
            } else {
                over = mid;
            }
        }
        return fits;
    }

    /** The sum of the limits at {@code level}, or more than {@code budget} once it is exceeded (no overflow). */
    private static long total(List<Session> sessions, long level, long budget) {
        long sum = 0;
        for (Session session : sessions) {
            sum += at(level, session);
            if (sum > budget) {
                return sum;
            }
        }
        return sum;
    }

    private static long at(long level, Session session) {
        return Math.min(Math.max(level, minimum(session)), maximum(session));
    }

    private static long minimum(Session session) {
        return Math.min(Math.min((long) Math.ceil(session.minW()), MOST_W), maximum(session));
    }

    private static long maximum(Session session) {
        return wattsDown(session.maxW());
    }

    private static long wattsDown(double watts) {
        return Math.min((long) Math.floor(watts), MOST_W);
    }
}
