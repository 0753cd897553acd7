package org.dynamocsms.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.dynamocsms.bench.ConsumerLag.Position;

/**
 * How every consumer group of the pipeline works through a backlog: started before the backlog is published, it
 * notes each group's committed offsets, then polls them every second (while the backlog is published too), noting
 * for each group when it first moved and when it caught up for good; {@link #await} waits until no group is behind
 * for a few polls in a row.
 */
final class CatchUp implements AutoCloseable {

    private static final int DRAINED_POLLS = 3;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS = Duration.ofMinutes(1);

    /**
     * One group: the offsets it committed since the start (records, and the transaction markers of topics written
     * with transactions), when it first committed more than at the start and when it caught up, in nanoTime.
     */
    record Group(String id, long offsets, long movedAt, long caughtUpAt) {

        /** Offsets committed a second while it worked (from its first move to caught up), 0 if it never moved. */
        double offsetsPerSecond() {
            return offsets == 0 || caughtUpAt <= movedAt ? 0 : offsets / ((caughtUpAt - movedAt) / 1e9);
        }
    }

    private final Admin admin;
    private final long startedAt = System.nanoTime();
    private final Map<String, Position> atStart;
    private final Map<String, Long> movedAt = new TreeMap<>();
    private final Map<String, Long> lastMovedAt = new TreeMap<>();
    private final Map<String, Long> caughtUpAt = new TreeMap<>();
    private final Map<String, Position> latest = new TreeMap<>();
    private final Thread poller = new Thread(this::poll, "catch-up-poller");
    private int drainedPolls;
    private Exception failure;

    private CatchUp(Admin admin) throws Exception {
        this.admin = admin;
        this.atStart = ConsumerLag.ofEveryGroup(admin);
        poller.setDaemon(true);
        poller.start();
    }

    /** Notes where every group of the Kafka cluster at {@code kafka} stands now, and starts polling. */
    static CatchUp start(String kafka) throws Exception {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
        try {
            return new CatchUp(admin);
        } catch (Exception e) {
            admin.close();
            throw e;
        }
    }

    long startedAt() {
        return startedAt;
    }

    /**
     * Waits until no group is behind in a few polls in a row after this call, printing every minute the groups
     * still behind; false, with a problem saying which are, if that takes longer than {@code limit}.
     */
    boolean await(Duration limit, List<String> problems, PrintStream out) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long nextReport = System.nanoTime() + PROGRESS.toNanos();
        synchronized (this) {
            drainedPolls = 0;
            while (drainedPolls < DRAINED_POLLS) {
                if (failure != null) {
                    throw failure;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    problems.add("still behind after " + limit.toMinutes() + " minutes: " + behind());
                    return false;
                }
                if (now >= nextReport) {
                    out.printf(Locale.ROOT, "  %.0f s: still behind %s%n", (now - startedAt) / 1e9, behind());
                    nextReport += PROGRESS.toNanos();
                }
                wait(Math.max(1, Math.min(deadline, nextReport) - now) / 1_000_000 + 1);
            }
        }
        return true;
    }

    /** The groups behind at the latest poll, and by how many offsets. */
    private Map<String, Long> behind() {
        Map<String, Long> behind = new TreeMap<>();
        latest.forEach((group, position) -> {
            if (position.lag() > 0) {
                behind.put(group, position.lag());
            }
        });
        return behind;
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Map<String, Position> positions = ConsumerLag.ofEveryGroup(admin);
                long now = System.nanoTime();
                synchronized (this) {
                    positions.forEach((group, position) -> {
                        if (position.committed() > committedAtStart(group)) {
                            movedAt.putIfAbsent(group, now);
                        }
                        Position before = latest.get(group);
                        if (before != null && position.committed() > before.committed()) {
                            lastMovedAt.put(group, now);
                        }
                        if (position.lag() > 0) {
                            caughtUpAt.remove(group);
                        } else {
                            caughtUpAt.putIfAbsent(group, now);
                        }
                    });
                    latest.putAll(positions);
                    drainedPolls = positions.values().stream().allMatch(p -> p.lag() == 0) ? drainedPolls + 1 : 0;
                    notifyAll();
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                synchronized (this) {
                    failure = e;
                    notifyAll();
                }
                return;
            }
        }
    }

    /** Every group, by id. */
    synchronized List<Group> groups() {
        return latest.entrySet().stream().map(e -> new Group(e.getKey(),
                e.getValue().committed() - committedAtStart(e.getKey()), movedAt.getOrDefault(e.getKey(), 0L),
                caughtUpAt(e.getKey()))).toList();
    }

    /** When the last group caught up. */
    synchronized long allCaughtUpAt() {
        return latest.keySet().stream().mapToLong(this::caughtUpAt).max().orElse(startedAt);
    }

    /** When each group caught up, in seconds after {@code since}. */
    synchronized void printCaughtUp(PrintStream out, long since) {
        latest.keySet().forEach(group -> out.printf(Locale.ROOT, "  %-44s %8.1f%n", group,
                (caughtUpAt(group) - since) / 1e9));
    }

    /**
     * The poll from which the group was no longer behind and committed nothing more: one that kept up between
     * polls was never seen behind, but worked until its last commit.
     */
    private long caughtUpAt(String group) {
        return Math.max(caughtUpAt.getOrDefault(group, startedAt), lastMovedAt.getOrDefault(group, 0L));
    }

    private long committedAtStart(String group) {
        Position position = atStart.get(group);
        return position == null ? 0 : position.committed();
    }

    @Override
    public void close() {
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close();
    }
}
