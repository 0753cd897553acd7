package org.dynamocsms.query.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.github.f4b6a3.ulid.UlidCreator;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.dynamocsms.platform.problem.ProblemException;
import org.dynamocsms.query.generation.Generations;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.topics.Topic;
import org.jboss.logging.Logger;

/**
 * Runs the replays: starts one (a new generation's tables and topics, then the generations record that makes
 * projection-service run its Streams application and the read store ingest it), follows it every second until it has
 * caught up with the head, compares, switches the readers in one transaction, cancels, and retires what a switch,
 * cancel or failure left behind. PostgreSQL is its record: every query-api instance ticks, one works a replay at a
 * time (its row locked), and a restart carries on from the rows.
 */
public final class ReplayCoordinator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReplayCoordinator.class);
    /** How long after a generation is dropped (switched out, cancelled, failed) before its resources are deleted. */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final ReplayKafka kafka;
    private final Supplier<Consumer<byte[], byte[]>> rawConsumers;
    private final Map<String, ReplayTracking> tracking = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "replay-coordinator");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SourceRecords sources;
    private volatile boolean published;

    /**
     * @param rawConsumers read_committed consumers of undecoded records without a group, to count records with
     */
    ReplayCoordinator(DataSource dataSource, ReplayKafka kafka, Supplier<Consumer<byte[], byte[]>> rawConsumers) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.rawConsumers = rawConsumers;
    }

    /** Ticks every {@code periodMillis} from now on. */
    void start(long periodMillis) {
        ticker.scheduleWithFixedDelay(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tracking.values().forEach(ReplayTracking::close);
        if (sources != null) {
            sources.close();
        }
        kafka.close();
    }

    // ---- operator requests

    /** Starts a rebuild of each of {@code projections}, all or none; 409 if one of them has one building. */
    public List<Replay> start(List<Projection> projections, boolean compare) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Generations> started = new ArrayList<>();
        try (Connection connection = transaction()) {
            try {
                for (Projection projection : projections) {
                    Generations generations = lockGenerations(connection, projection);
                    Optional<Replay> active = ReplayStore.active(connection, projection);
                    if (generations.building() != null || active.isPresent()) {
                        throw new ProblemException(409, "Conflict", "A replay of " + projection.id() + " is "
                                + active.map(Replay::status).orElse(Replay.BUILDING) + ": "
                                + active.map(Replay::replayId).orElse("generation " + generations.building().number())
                                + ". Cancel it (DELETE /admin/replays/" + projection.id() + ") or wait until it ends.");
                    }
                    Generation generation = new Generation(projection, generations.nextGeneration());
                    ReadTables.create(connection, generation);
                    kafka.createOutputs(generation);
                    String id = "rpl_" + UlidCreator.getMonotonicUlid();
                    ReplayStore.insert(connection, id, generation, compare, Instant.now());
                    update(connection, "UPDATE projection_generation SET building = ?, next_generation = ?, "
                            + "changed_at = now() WHERE projection = ?", generation.number(),
                            generation.number() + 1, projection.id());
                    ids.add(id);
                    started.add(generations);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            Generations before = started.get(i);
            publish(before.projection(), before.live().number(), before.nextGeneration(), ids.get(i));
        }
        return replays(ids);
    }

    /** Cancels the projection's replay building or caught up; empty if there is none. */
    public Optional<Replay> cancel(Projection projection) throws SQLException {
        return endActive(projection, replay -> Replay.CANCELLED);
    }

    /** Switches readers to the projection's caught-up replay's generation now; 409 unless it is caught up. */
    public Optional<Replay> switchNow(Projection projection) throws SQLException {
        return endActive(projection, replay -> {
            if (!Replay.CAUGHT_UP.equals(replay.status())) {
                throw new ProblemException(409, "Conflict", "Replay " + replay.replayId() + " of "
                        + projection.id() + " is " + replay.status() + ", not caught_up: it switches by itself "
                        + "once caught up unless a comparison was asked.");
            }
            return Replay.COMPLETED;
        });
    }

    public Optional<Replay> latest(Projection projection) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return ReplayStore.latest(connection, projection);
        }
    }

    public List<Replay> all() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return ReplayStore.all(connection);
        }
    }

    @FunctionalInterface
    private interface Outcome {
        String of(Replay replay);
    }

    private Optional<Replay> endActive(Projection projection, Outcome outcome) throws SQLException {
        String id;
        try (Connection connection = dataSource.getConnection()) {
            Optional<Replay> active = ReplayStore.active(connection, projection);
            if (active.isEmpty()) {
                return Optional.empty();
            }
            id = active.get().replayId();
        }
        Runnable published;
        try (Connection connection = transaction()) {
            try {
                Optional<Replay> replay = ReplayStore.lock(connection, id).filter(Replay::active);
                if (replay.isEmpty()) {
                    connection.rollback();
                    return Optional.empty();
                }
                String status = outcome.of(replay.get());
                published = Replay.COMPLETED.equals(status) ? switchReaders(connection, replay.get())
                        : end(connection, replay.get(), status, null);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        published.run();
        return replays(List.of(id)).stream().findFirst();
    }

    // ---- the tick

    void tick() {
        try {
            if (!published) {
                republish();
                published = true;
            }
            List<String> active;
            try (Connection connection = dataSource.getConnection()) {
                active = ReplayStore.activeIds(connection);
            }
            for (String id : active) {
                work(id);
            }
            tracking.keySet().stream().filter(id -> !active.contains(id)).toList()
                    .forEach(id -> tracking.remove(id).close());
            for (Projection projection : Projection.values()) {
                retire(projection);
            }
        } catch (Exception e) {
            LOG.warnf(e, "Replay tick failed; trying again at the next");
        }
    }

    /** Re-publishes every projection's generations (at start: the record is idempotent). */
    private void republish() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (Generations generations : ReadTables.generations(connection)) {
                Generation named = generations.building() != null ? generations.building() : generations.live();
                publish(generations.projection(), generations.live().number(),
                        generations.building() == null ? null : generations.building().number(),
                        ReplayStore.builder(connection, named).orElse(null));
            }
        }
    }

    /** Follows one replay, unless another instance works it now. */
    private void work(String id) throws SQLException {
        Runnable afterCommit = () -> { };
        Replay replay;
        try (Connection connection = transaction()) {
            Optional<Replay> locked = ReplayStore.lockUnlessWorked(connection, id).filter(Replay::active);
            if (locked.isEmpty()) {
                connection.rollback();
                return;
            }
            replay = locked.get();
            Progress progress;
            try {
                progress = measure(replay);
            } catch (RuntimeException e) {
                // Kafka away for a moment: measure again at the next tick
                LOG.warnf(e, "Cannot measure replay %s; trying again at the next tick", id);
                connection.rollback();
                return;
            }
            try {
                ReplayStore.progress(connection, id, progress.read, progress.total, progress.perSecond,
                        progress.stages);
                if (Replay.BUILDING.equals(replay.status()) && progress.caughtUp) {
                    afterCommit = caughtUp(connection, replay);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                fail(id, e);
                return;
            }
        }
        afterCommit.run();
    }

    private Runnable caughtUp(Connection connection, Replay replay) throws SQLException {
        Projection projection = projection(replay);
        if (!replay.compare() && replay.refused() == 0) {
            LOG.infof("Replay %s of %s caught up; switching readers to generation %d", replay.replayId(),
                    projection.id(), replay.generation());
            return switchReaders(connection, replay);
        }
        Generations generations = ReadTables.generations(connection, projection);
        ReplayComparison.Result comparison = ReplayComparison.compare(connection, ReadTables.of(projection),
                generations.live(), generation(replay), replay.refused());
        ReplayStore.caughtUp(connection, replay.replayId(), comparison);
        LOG.infof("Replay %s of %s caught up: the rebuilt generation %s the live one; waiting for a switch or a "
                + "cancel", replay.replayId(), projection.id(), comparison.equal() ? "equals" : "differs from");
        return () -> { };
    }

    /** Readers read the replay's generation once the caller commits; returns what to publish then. */
    private Runnable switchReaders(Connection connection, Replay replay) throws SQLException {
        Projection projection = projection(replay);
        Generations generations = lockGenerations(connection, projection);
        Generation generation = generation(replay);
        ReadTables.switchReaders(connection, generation);
        // a generation still retiring keeps the slot; this one's is found again from the replay (replaced)
        update(connection, "UPDATE projection_generation SET live = ?, building = NULL, retiring = coalesce(retiring,"
                + " ?), changed_at = now() WHERE projection = ?", generation.number(),
                generations.live().number(), projection.id());
        ReplayStore.finish(connection, replay.replayId(), Replay.COMPLETED, generations.live().number(), null);
        return () -> publish(projection, generation.number(), null, replay.replayId());
    }

    /** Ends the replay cancelled or failed: its generation stops building and is left to retire. */
    private Runnable end(Connection connection, Replay replay, String status, String error) throws SQLException {
        Projection projection = projection(replay);
        Generations generations = lockGenerations(connection, projection);
        update(connection, "UPDATE projection_generation SET building = NULL, changed_at = now() WHERE projection = ? "
                + "AND building = ?", projection.id(), replay.generation());
        ReplayStore.finish(connection, replay.replayId(), status, null, error);
        String builtLive = ReplayStore.builder(connection, generations.live()).orElse(null);
        return () -> publish(projection, generations.live().number(), null, builtLive);
    }

    private void fail(String id, Exception failure) {
        LOG.errorf(failure, "Replay %s failed; its generation is retired, readers stay where they are", id);
        try {
            Runnable published;
            try (Connection connection = transaction()) {
                Optional<Replay> replay = ReplayStore.lock(connection, id).filter(Replay::active);
                if (replay.isEmpty()) {
                    connection.rollback();
                    return;
                }
                published = end(connection, replay.get(), Replay.FAILED, String.valueOf(failure.getMessage()));
                connection.commit();
            }
            published.run();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Cannot record the failure of replay %s; trying again at the next tick", id);
        }
    }

    // ---- progress

    private record Progress(long read, long total, Double perSecond, List<Replay.Stage> stages, boolean caughtUp) {
    }

    /**
     * How far the replay got, in records. Caught up: the Streams application's group has committed, on every
     * partition of its source and repartition topics, the end offsets sampled at the previous tick, at this tick and
     * the one before, and each ingestor group has committed the generation's output end offsets sampled at the
     * previous tick (so the tables hold everything the application had published once at the head, and it is within
     * about two ticks of the head under continuous traffic). An offset range holding only transaction markers or
     * aborted records counts as read.
     */
    private Progress measure(Replay replay) {
        Generation generation = generation(replay);
        Projection projection = generation.projection();
        SourceRecords sources = sources();
        ReplayTracking tracked = tracking.computeIfAbsent(replay.replayId(), id -> new ReplayTracking(
                SourceRecords.start(rawConsumers.get(), kafka.partitions(names(ReplayKafka.outputs(generation))))));
        String applicationId = generation.applicationId();
        List<TopicPartition> sourcePartitions = kafka.partitions(names(projection.sources()));
        List<TopicPartition> repartitionPartitions = kafka.partitions(kafka.repartitionTopics(applicationId));
        Map<Topic<String, ?>, List<TopicPartition>> outputPartitions = new HashMap<>();
        projection.outputs().forEach(output -> outputPartitions.put(output,
                kafka.partitions(List.of(generation.topic(output).name()))));
        List<TopicPartition> all = Stream.of(sourcePartitions.stream(), repartitionPartitions.stream(),
                outputPartitions.values().stream().flatMap(List::stream)).flatMap(s -> s).toList();
        Map<TopicPartition, Long> previous = tracked.previousEnds();
        // the committed offsets before the ends: whatever the application committed by now is below the output
        // ends sampled next, since it commits its outputs and its offsets in one transaction
        Map<TopicPartition, Long> appCommitted = kafka.committed(applicationId);
        Map<String, Map<TopicPartition, Long>> ingested = new HashMap<>();
        projection.outputs().forEach(output -> ingested.put(output.name(),
                kafka.committed(ReplayKafka.ingestorGroup(generation, output))));
        Map<TopicPartition, Long> ends = kafka.endOffsets(all);

        long read = sourcePartitions.stream()
                .mapToLong(p -> sources.recordsBelow(p, appCommitted.getOrDefault(p, 0L))).sum();
        long total = projection.sources().stream().mapToLong(t -> sources.records(t.name())).sum();
        boolean appAtHead = previous != null
                && atHead(sourcePartitions, appCommitted, previous, sources)
                && atHead(repartitionPartitions, appCommitted, previous, null);
        // the tables hold all the application had published when it was at the head a tick ago
        boolean caughtUp = appAtHead && tracked.appWasAtHead();
        List<Replay.Stage> stages = new ArrayList<>();
        stages.add(Replay.Stage.of(applicationId, read, total));
        for (Topic<String, ?> output : projection.outputs()) {
            Map<TopicPartition, Long> committed = ingested.get(output.name());
            List<TopicPartition> partitions = outputPartitions.get(output);
            long applied = partitions.stream()
                    .mapToLong(p -> tracked.outputs().recordsBelow(p, committed.getOrDefault(p, 0L))).sum();
            stages.add(Replay.Stage.of(ReplayKafka.ingestorGroup(generation, output), applied,
                    tracked.outputs().records(generation.topic(output).name())));
            caughtUp = caughtUp && atHead(partitions, committed, previous, tracked.outputs());
        }
        tracked.ends(ends, appAtHead);
        return new Progress(read, total, tracked.rate(System.nanoTime(), read), stages, caughtUp);
    }

    /** Whether {@code committed} reaches {@code ends} on every partition, or leaves only records-free offsets. */
    private static boolean atHead(Collection<TopicPartition> partitions, Map<TopicPartition, Long> committed,
                                  Map<TopicPartition, Long> ends, SourceRecords records) {
        for (TopicPartition partition : partitions) {
            long at = committed.getOrDefault(partition, 0L);
            Long end = ends.get(partition);
            if (end == null) {
                // a partition that was not there at the previous tick (a repartition topic just created)
                return false;
            }
            if (at < end && (records == null || !records.noRecordsBetween(partition, at, end))) {
                return false;
            }
        }
        return true;
    }

    /** The records of every projection's source topics, counted from their beginning once a replay needs them. */
    private synchronized SourceRecords sources() {
        if (sources == null) {
            Set<String> topics = new TreeSet<>();
            for (Projection projection : Projection.values()) {
                topics.addAll(names(projection.sources()));
            }
            sources = SourceRecords.start(rawConsumers.get(), kafka.partitions(topics));
        }
        return sources;
    }

    // ---- retiring

    /**
     * Retires what the projection's finished replays left behind, one generation at a time: once none of its groups
     * has members (projection-service and the read store have stopped it), deletes its output and internal topics and
     * its groups, then drops its tables. Each step is repeatable, so a restart finishes what one began.
     */
    private void retire(Projection projection) {
        try (Connection connection = transaction()) {
            try {
                Optional<Generations> locked = lockGenerationsUnlessWorked(connection, projection);
                if (locked.isEmpty()) {
                    connection.rollback();
                    return;
                }
                Generations generations = locked.get();
                if (generations.retiring() == null) {
                    Optional<Integer> next = leftBehind(connection, generations);
                    if (next.isPresent()) {
                        update(connection, "UPDATE projection_generation SET retiring = ? WHERE projection = ?",
                                next.get(), projection.id());
                    }
                    connection.commit();
                    return;
                }
                Generation retiring = generations.retiring();
                if (!settled(connection, projection)) {
                    connection.rollback();
                    return;
                }
                List<String> groups = ReplayKafka.groups(retiring);
                List<String> busy = kafka.withMembers(groups);
                if (!busy.isEmpty()) {
                    LOG.debugf("Retiring %s waits for the members of %s to leave", retiring, busy);
                    connection.rollback();
                    return;
                }
                List<String> topics = new ArrayList<>(names(ReplayKafka.outputs(retiring)));
                topics.addAll(kafka.internalTopics(retiring.applicationId()));
                kafka.deleteTopics(topics);
                if (!kafka.deleteGroups(groups)) {
                    connection.rollback();
                    return;
                }
                ReadTables.drop(connection, retiring);
                update(connection, "UPDATE projection_generation SET retiring = NULL WHERE projection = ?",
                        projection.id());
                connection.commit();
                LOG.infof("Retired %s: deleted topics %s and groups %s, dropped its tables", retiring, topics, groups);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                LOG.warnf(e, "Cannot retire a generation of %s yet; trying again at the next tick", projection.id());
            }
        } catch (SQLException e) {
            LOG.warnf(e, "Cannot retire a generation of %s yet", projection.id());
        }
    }

    /** A generation a finished replay left behind whose tables are still there, if any. */
    private static Optional<Integer> leftBehind(Connection connection, Generations generations) throws SQLException {
        for (int number : ReplayStore.leftBehind(connection, generations.projection())) {
            Generation generation = new Generation(generations.projection(), number);
            if (!generation.equals(generations.live()) && !generation.equals(generations.building())
                    && !ReadTables.existing(connection, generation).isEmpty()) {
                return Optional.of(number);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the change that retired a generation is {@link #RETIRE_AFTER} old: projection-service may still be
     * starting a generation it was told to retire a moment later (a cancel right after a start), and an application
     * starting after its group and topics were deleted would create them again.
     */
    private static boolean settled(Connection connection, Projection projection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT changed_at IS NULL OR changed_at < now() "
                + "- make_interval(secs => ?) FROM projection_generation WHERE projection = ?")) {
            select.setLong(1, RETIRE_AFTER.toSeconds());
            select.setString(2, projection.id());
            try (ResultSet row = select.executeQuery()) {
                return !row.next() || row.getBoolean(1);
            }
        }
    }

    // ---- plumbing

    private void publish(Projection projection, int live, Integer building, String replayId) {
        try {
            kafka.publish(projection, live, building, replayId);
        } catch (RuntimeException e) {
            // the generations record is re-published at the next tick
            LOG.errorf(e, "Cannot publish the generations of %s; trying again", projection.id());
            published = false;
        }
    }

    private List<Replay> replays(List<String> ids) throws SQLException {
        List<Replay> replays = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String id : ids) {
                ReplayStore.find(connection, id).ifPresent(replays::add);
            }
        }
        return replays;
    }

    private Connection transaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static Generations lockGenerations(Connection connection, Projection projection) throws SQLException {
        update(connection, "SELECT 1 FROM projection_generation WHERE projection = ? FOR UPDATE", projection.id());
        return ReadTables.generations(connection, projection);
    }

    private static Optional<Generations> lockGenerationsUnlessWorked(Connection connection, Projection projection)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM projection_generation WHERE "
                + "projection = ? FOR UPDATE SKIP LOCKED")) {
            select.setString(1, projection.id());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(ReadTables.generations(connection, projection));
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private static Projection projection(Replay replay) {
        return Projection.byId(replay.projection()).orElseThrow();
    }

    private static Generation generation(Replay replay) {
        return new Generation(projection(replay), replay.generation());
    }

    private static List<String> names(Collection<? extends Topic<?, ?>> topics) {
        return topics.stream().map(Topic::name).toList();
    }
}
