package org.dynamocsms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dynamocsms.schemas.replay.Projection;

/**
 * The CPU each stage of the standalone used in a window, by thread: {@code jcmd <pid> Thread.print} at the start and
 * at the end (JDK 17 prints each thread's CPU time, and its full name, which /proc cuts to 15 characters), diffed per
 * thread and grouped into stages by {@link #stage}; and the embedded PostgreSQL's processes from /proc. A thread that
 * began within the window counts whole; one that ended within it is lost with its CPU after the first dump, so the
 * process's own CPU (from /proc) is printed beside the threads' sum.
 */
final class StageCpu {

    /** A thread in a dump: its native id and name (together, its identity), CPU and age. */
    record ThreadCpu(String nid, String name, double cpuMillis, double elapsedSeconds) {
    }

    /** The CPU of each stage in a window, the threads' sum against the process's, and the threads that ended. */
    record Window(Map<String, Double> millisByStage, double processMillis, double postgresMillis, int threadsEnded,
                  double seconds) {

        double threadsMillis() {
            return millisByStage.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    static final String POSTGRES = "PostgreSQL (its processes)";
    static final String GATEWAY = "HTTP and OCPP gateway (Vert.x, Quarkus executor; REST too)";
    static final String SERVICE_PRODUCERS = "service producers (gateway telemetry, commands)";
    static final String BROKER = "Kafka broker (embedded)";
    static final String GC = "GC";
    static final String JIT = "JIT compilers";
    static final String OTHER = "other";

    /**
     * The Kafka Streams applications: the projections' (every generation of one is its stage: {@code <app>-g<n>}
     * starts with {@code <app>-}) and the registry's; longest first, so that none is taken for another it begins with.
     */
    private static final List<String> STREAMS_APPLICATIONS = Stream.concat(
                    Arrays.stream(Projection.values()).map(Projection::applicationId), Stream.of("csms-registry"))
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    /** What the Kafka clients put before their client id or group id in their threads' names. */
    private static final Pattern CLIENT_THREAD = Pattern.compile(
            "(?:kafka-producer-network-thread|kafka-admin-client-thread|kafka-coordinator-heartbeat-thread"
                    + "|consumer_background_thread) \\| (.*)");
    private static final String INGESTOR_GROUP = "csms-query-api-";
    private static final String PROJECTION_TOPIC = "csms.projection.";
    private static final Pattern BROKER_THREAD = Pattern.compile("(?:data-plane-kafka-|kafka-|broker-\\d|"
            + "controller-\\d|quorum-controller-|raft-|ExpirationReaper-|group-coordinator-|share-|TxnMarkerSender"
            + "|AddPartitionsToTxnSender|transaction-log-manager-|executor-(?!thread-)|LogDirFailureHandler"
            + "|PersisterStateManager|persister-state-manager-|client-metrics-reaper|SensorExpiryThread"
            + "|metrics-meter-tick-thread-).*");
    private static final Pattern GC_THREAD = Pattern.compile("GC Thread#.*|G1 .*|Z[A-Z].*|RuntimeWorker#.*");
    private static final Pattern JIT_THREAD = Pattern.compile("C[12] CompilerThread.*|Sweeper thread");
    private static final Pattern GATEWAY_THREAD = Pattern.compile("vert\\.x-.*|vertx-.*|executor-thread-.*"
            + "|ocpp-.*");
    private static final Pattern THREAD_LINE = Pattern.compile(
            "^\"(.*)\" .*?\\bcpu=([0-9.]+)ms elapsed=([0-9.]+)s .*?\\bnid=(\\S+)", Pattern.MULTILINE);

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;
    private final long postmasterPid;
    private final String jcmd;
    private long startedAt;
    private List<ThreadCpu> threadsAtStart;
    private ProcessSample processAtStart;
    private long postgresTicksAtStart;

    /**
     * Measures JVM {@code pid} and the PostgreSQL server whose postmaster is {@code postmasterPid} (0: none);
     * {@link #start} opens the window.
     */
    StageCpu(long pid, long postmasterPid) {
        this.pid = pid;
        this.postmasterPid = postmasterPid;
        this.jcmd = ProcessHandle.current().info().command().map(java -> Path.of(java).resolveSibling("jcmd"))
                .filter(Files::isExecutable).map(Path::toString).orElse("jcmd");
    }

    void start() throws IOException, InterruptedException {
        startedAt = System.nanoTime();
        processAtStart = ProcessSample.of(pid);
        postgresTicksAtStart = postgresTicks();
        threadsAtStart = parse(threadDump());
    }

    /** Closes the window opened by {@link #start}. */
    Window stop() throws IOException, InterruptedException {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        List<ThreadCpu> threads = parse(threadDump());
        double processMillis = ProcessSample.of(pid).cpuMillisSince(processAtStart);
        double postgresMillis = (postgresTicks() - postgresTicksAtStart) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        return window(threadsAtStart, threads, seconds, processMillis, postgresMillis);
    }

    /** The window between two dumps {@code seconds} apart. */
    static Window window(List<ThreadCpu> before, List<ThreadCpu> after, double seconds, double processMillis,
                         double postgresMillis) {
        Map<String, ThreadCpu> earlier = new HashMap<>();
        before.forEach(t -> earlier.put(t.nid() + " " + t.name(), t));
        Map<String, Double> byStage = new LinkedHashMap<>();
        for (ThreadCpu thread : after) {
            String identity = thread.nid() + " " + thread.name();
            ThreadCpu then = earlier.get(identity);
            // younger than the window: born within it, even if an ended thread had the same native id and name
            boolean bornSince = then == null || thread.elapsedSeconds() < seconds;
            if (!bornSince) {
                earlier.remove(identity);
            }
            double millis = bornSince ? thread.cpuMillis() : thread.cpuMillis() - then.cpuMillis();
            byStage.merge(stage(thread.name()), millis, Double::sum);
        }
        return new Window(byStage, processMillis, postgresMillis, earlier.size(), seconds);
    }

    /** The threads of a {@code jcmd <pid> Thread.print}. */
    static List<ThreadCpu> parse(String dump) {
        List<ThreadCpu> threads = new ArrayList<>();
        Matcher line = THREAD_LINE.matcher(dump);
        while (line.find()) {
            threads.add(new ThreadCpu(line.group(4), line.group(1), Double.parseDouble(line.group(2)),
                    Double.parseDouble(line.group(3))));
        }
        return threads;
    }

    /**
     * The stage a thread of the standalone works for, by its name: each Kafka Streams application (its stream,
     * state and cleanup threads, and its clients' network, admin and heartbeat threads, named after its client ids
     * and group, which begin with the application id), each query-api ingestor ({@code <topic>-ingestor} and the
     * heartbeat of its group {@code csms-query-api-<table>}), the services' other producers, the embedded broker,
     * the HTTP and OCPP gateway, GC, the JIT compilers, or other.
     */
    static String stage(String thread) {
        Matcher client = CLIENT_THREAD.matcher(thread);
        String owner = client.matches() ? client.group(1) : thread;
        for (String application : STREAMS_APPLICATIONS) {
            if (owner.equals(application) || owner.startsWith(application + "-")) {
                return application;
            }
        }
        if (owner.startsWith(INGESTOR_GROUP)) {
            return ingestor(owner.substring(INGESTOR_GROUP.length()));
        }
        if (owner.startsWith(PROJECTION_TOPIC) && owner.endsWith("-ingestor")) {
            return ingestor(owner.substring(PROJECTION_TOPIC.length(), owner.length() - "-ingestor".length()));
        }
        if (client.matches()) {
            return owner.startsWith("producer-") ? SERVICE_PRODUCERS : OTHER;
        }
        if (BROKER_THREAD.matcher(thread).matches()) {
            return BROKER;
        }
        if (GATEWAY_THREAD.matcher(thread).matches()) {
            return GATEWAY;
        }
        if (GC_THREAD.matcher(thread).matches()) {
            return GC;
        }
        if (JIT_THREAD.matcher(thread).matches()) {
            return JIT;
        }
        return OTHER;
    }

    private static String ingestor(String projection) {
        return "query-api ingestor " + projection;
    }

    /**
     * Prints each stage's CPU in the window, per event ({@code events} of them) and as a share of the whole
     * (the threads' and PostgreSQL's), biggest first.
     */
    static void print(Window window, long events, PrintStream out) {
        Map<String, Double> stages = new LinkedHashMap<>(window.millisByStage());
        stages.put(POSTGRES, window.postgresMillis());
        double total = stages.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf(Locale.ROOT, "%-62s %10s %12s %7s%n", "CPU by stage", "ms", "µs/event", "share");
        stages.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> row(out, e.getKey(), e.getValue(), events, total));
        row(out, "all of them", total, events, total);
        out.printf(Locale.ROOT, "window %.1f s, %d events; the standalone's threads %.0f ms, its process (/proc) "
                        + "%.0f ms; %d threads ended within the window (their CPU after the first dump uncounted)%n",
                window.seconds(), events, window.threadsMillis(), window.processMillis(), window.threadsEnded());
    }

    private static void row(PrintStream out, String stage, double millis, long events, double total) {
        out.printf(Locale.ROOT, "%-62s %10.0f %12.1f %6.1f%%%n", stage, millis, events == 0 ? 0 : millis * 1000 / events,
                total == 0 ? 0 : millis * 100 / total);
    }

    private String threadDump() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print").redirectErrorStream(true)
                .start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " Thread.print failed: " + dump);
        }
        return dump;
    }

    /**
     * The CPU ticks of the PostgreSQL server so far: the postmaster's own and its reaped children's (backends that
     * ended), and each live child's. The sum only grows, so two samples' difference is exact.
     */
    private long postgresTicks() throws IOException {
        if (postmasterPid == 0) {
            return 0;
        }
        long[] postmaster = ticks(postmasterPid);
        long ticks = postmaster[0] + postmaster[1];
        for (ProcessHandle child : ProcessHandle.of(postmasterPid).map(p -> p.children().toList())
                .orElse(List.of())) {
            try {
                ticks += ticks(child.pid())[0];
            } catch (IOException gone) {
                // ended since it was listed: its CPU is in the postmaster's reaped children's now, or will be
            }
        }
        return ticks;
    }

    /** Process {@code pid}'s utime + stime, and its reaped children's cutime + cstime, in clock ticks. */
    private static long[] ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 to 17 of proc(5): utime, stime, cutime, cstime
        return new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
    }

    /**
     * Measures the standalone JVM {@code pid} and its PostgreSQL at {@code postgres} (host:port, database csms): the
     * postmaster is the parent of the backend serving a connection of ours.
     */
    static StageCpu ofStandalone(long pid, String postgres) throws IOException, SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + postgres + "/csms",
                "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            return new StageCpu(pid, parentOf(backend.getLong(1)));
        }
    }

    /** The parent of process {@code pid}: the postmaster of a PostgreSQL backend. */
    private static long parentOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    }
}
