package org.dynamocsms.standalone.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynamocsms.standalone.Api.as;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.dynamocsms.platform.auth.ApiKeyDirectory;
import org.dynamocsms.platform.kafka.KafkaClients;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.Api;
import org.dynamocsms.standalone.CsmsTestResource;
import org.dynamocsms.standalone.fault.FleetScript.Ending;
import org.junit.jupiter.api.Test;

/**
 * Broker loss: on a cluster of three brokers (every topic replicated three times, {@code min.insync.replicas} 2), a
 * fleet's telemetry is published with acks=all while sites are created, changed and linked over REST, and one
 * broker is stopped at once (no controlled shutdown) for longer than its session, then started again. Afterwards
 * every acknowledged telemetry record is in its topic exactly once, every acknowledged write reads back as
 * acknowledged, and the fleet and site figures equal what the telemetry implies.
 * <p>
 * {@code -Dbroker-loss.records=100000 -Dbroker-loss.chargers=500 -Dbroker-loss.rate=2500} sets the size and the
 * pace (the defaults keep {@code ./mvnw verify} short); the figures are printed for quoting.
 */
@QuarkusTest
@TestProfile(BrokerLossEndToEndTest.ThreeBrokers.class)
class BrokerLossEndToEndTest {

    private static final int RECORDS = Integer.getInteger("broker-loss.records", 10_000);
    private static final int CHARGERS = Integer.getInteger("broker-loss.chargers", 100);
    /** Records per second: the load lasts long enough for the broker to be away in the middle of it. */
    private static final int RATE = Integer.getInteger("broker-loss.rate", 1_000);
    /** Longer than the broker's session (3 s), so that the controller fences it and the in-sync replicas shrink. */
    private static final Duration DOWN = Duration.ofSeconds(8);
    private static final int SITES = 10;
    private static final String SITES_PATH = "/api/v1/sites";
    private static final long STARTED = System.nanoTime();

    public static class ThreeBrokers implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CsmsTestResource.class, Map.of(CsmsTestResource.BROKERS, "3")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @CsmsTestResource.Cluster
    KafkaClusterTestKit cluster;

    @Inject
    ApiKeyDirectory keys;

    @Inject
    KafkaClients kafka;

    private final Set<String> acknowledgedSends = ConcurrentHashMap.newKeySet();
    private final Collection<String> failures = new ConcurrentLinkedQueue<>();

    @Test
    void noAcknowledgedRecordIsLostAndTheProjectionsAreExact() throws Exception {
        String key = Api.newOrganisation(keys, List.of());
        List<String> ids = IntStream.range(0, CHARGERS).mapToObj(n -> "BL-" + n + "-" + UUID.randomUUID()
                .toString().substring(0, 4)).toList();
        SiteWriter writes = new SiteWriter(key, ids);
        inParallel(writes.registrations());
        Instant start = startOfLoad();
        List<FleetScript> fleet = IntStream.range(0, CHARGERS)
                .mapToObj(n -> FleetScript.of(ids.get(n), n, RECORDS / CHARGERS + (n < RECORDS % CHARGERS ? 1 : 0),
                        start))
                .toList();
        note("%d chargers registered", CHARGERS);
        long loadStarted = System.nanoTime();
        CompletableFuture<Void> load = CompletableFuture.allOf(CompletableFuture.runAsync(() -> publish(fleet)),
                CompletableFuture.runAsync(() -> inParallel(writes.plan())));
        awaitAcknowledged(RECORDS / 4);
        int victim = leaderOfMostTelemetryPartitions();
        note("stopping broker %d", victim);
        cluster.brokers().get(victim).shutdown();
        long stopped = System.nanoTime();
        int acknowledgedAtStop = acknowledgedSends.size();
        Api.sleep(DOWN.toMillis());
        int acknowledgedWhileDown = acknowledgedSends.size() - acknowledgedAtStop;
        note("starting broker %d (%d records acknowledged while it was down)", victim, acknowledgedWhileDown);
        cluster.brokers().get(victim).startup();
        long restarted = System.nanoTime();
        awaitFullyReplicated();
        long replicated = System.nanoTime();
        load.get();
        long loadEnded = System.nanoTime();
        note("load done: %d records acknowledged, %d REST writes", acknowledgedSends.size(),
                writes.acknowledged.get());

        Map<String, Integer> inTopic = telemetryInTopic();
        List<String> lost = acknowledgedSends.stream().filter(id -> !inTopic.containsKey(id)).toList();
        List<String> duplicated = inTopic.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        note("topic read: %d records", inTopic.size());

        System.out.printf("""
                broker loss: %d chargers, %d telemetry records at %d/s and %d REST writes (registrations before it \
                included; %d retried after a 5xx or a lost connection) in %.1f s
                  broker %d stopped after %d records acknowledged, down %.1f s (%d acknowledged meanwhile); \
                replicas in sync again %.1f s after its restart
                  telemetry: %d acknowledged, %d not acknowledged, %d lost, %d duplicated (of %d in the topic)
                """, CHARGERS, RECORDS, RATE, writes.acknowledged.get(), writes.retried.get(),
                seconds(loadStarted, loadEnded), victim, acknowledgedAtStop, seconds(stopped, restarted),
                acknowledgedWhileDown, seconds(restarted, replicated), acknowledgedSends.size(), failures.size(),
                lost.size(), duplicated.size(), inTopic.size());
        assertThat(failures).as("telemetry sends that failed (2 of 3 brokers were always up)").isEmpty();
        assertThat(acknowledgedSends).as("telemetry acknowledged").hasSize(RECORDS);
        assertThat(lost).as("acknowledged telemetry records missing from the topic").isEmpty();
        assertThat(duplicated).as("telemetry records in the topic more than once").isEmpty();

        try {
            Api.eventually(Duration.ofMinutes(5), () -> assertProjections(key, fleet, writes));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nwhere the consumers stand:\n" + positions(), e);
        }
        System.out.printf("  projections exact %.1f s after the load ended%n", seconds(loadEnded, System.nanoTime()));
        System.out.printf("  topics at replication factor 3 and min.insync.replicas 2: all %d%n",
                checkTopicSettings());
    }

    private static void note(String format, Object... args) {
        System.out.printf("[broker loss +%.1f s] %s%n", seconds(STARTED, System.nanoTime()),
                String.format(format, args));
    }

    /** Runs {@code tasks} on {@link #SITES} threads; rethrows the first failure. */
    private static void inParallel(List<Runnable> tasks) {
        ExecutorService threads = Executors.newFixedThreadPool(SITES);
        try {
            for (Future<?> task : threads.invokeAll(tasks.stream().map(Executors::callable).toList())) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** Now, unless that is too close to midnight UTC for the whole load to fall on one day. */
    private static Instant startOfLoad() {
        Instant now = Instant.now().minusSeconds(120);
        return LocalDate.ofInstant(now, ZoneOffset.UTC).equals(LocalDate.now(ZoneOffset.UTC))
                ? now : LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Publishes every charger's records, one round of the fleet at a time, at {@link #RATE}. */
    private void publish(List<FleetScript> fleet) {
        try (KafkaProducer<String, ChargerTelemetry> producer = kafka.producer(Topics.CHARGER_TELEMETRY)) {
            long began = System.nanoTime();
            int sent = 0;
            for (int step = 0; sent < RECORDS; step++) {
                for (FleetScript charger : fleet) {
                    if (step < charger.records().size()) {
                        send(producer, charger.records().get(step));
                        if (++sent % 100 == 0) {
                            long due = began + sent * 1_000_000_000L / RATE;
                            Api.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                        }
                    }
                }
            }
            producer.flush();
        }
    }

    private void send(KafkaProducer<String, ChargerTelemetry> producer, ChargerTelemetry record) {
        String eventId = record.getEventId();
        KafkaClients.acknowledged(producer, new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(),
                        record.getChargePointId(), record))
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        acknowledgedSends.add(eventId);
                    } else {
                        failures.add(eventId + ": " + failure);
                    }
                });
    }

    private void awaitAcknowledged(int records) {
        Api.eventually(Duration.ofMinutes(2), () -> assertThat(acknowledgedSends.size()).isGreaterThan(records));
    }

    private int leaderOfMostTelemetryPartitions() {
        return describe(List.of(Topics.CHARGER_TELEMETRY.name())).get(0).partitions().stream()
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private void awaitFullyReplicated() {
        Api.eventually(Duration.ofMinutes(3), () -> assertThat(describe(topics()).stream()
                .flatMap(t -> t.partitions().stream())
                .filter(p -> p.isr().size() < p.replicas().size())
                .map(p -> p.toString())).as("partitions not fully in sync").isEmpty());
    }

    /** Every topic of the system (Kafka's own aside): the registry's and the Kafka Streams applications'. */
    private List<String> topics() {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            return admin.listTopics().names().get().stream().filter(t -> !t.startsWith("__")).sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<TopicDescription> describe(Collection<String> topics) {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            return List.copyOf(admin.describeTopics(topics).allTopicNames().get().values());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that every topic of the system has three replicas and min.insync.replicas 2; answers how many. */
    private int checkTopicSettings() throws Exception {
        List<String> topics = topics();
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            Map<String, String> minInsync = configs.entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().name(), e -> e.getValue().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()));
            assertThat(minInsync).as("min.insync.replicas by topic").allSatisfy((t, v) -> assertThat(v).isEqualTo("2"));
        }
        assertThat(describe(topics)).allSatisfy(t -> assertThat(t.partitions())
                .allSatisfy(p -> assertThat(p.replicas()).as(t.name()).hasSize(3)));
        assertThat(topics).anyMatch(t -> t.endsWith("-changelog"));
        return topics.size();
    }

    /**
     * Why a projection may not have caught up: every group's partitions whose committed offset is short of the end
     * (with the last stable offset, which an open transaction holds back), and the transactions still open.
     */
    private String positions() {
        StringBuilder out = new StringBuilder();
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            for (GroupListing group : admin.listGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
                var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get();
                var end = admin.listOffsets(latest).all().get();
                committed.forEach((partition, offset) -> {
                    if (offset == null || offset.offset() < end.get(partition).offset()) {
                        out.append(String.format("  %s %s: committed %s, last stable %d, end %d%n", group.groupId(),
                                partition, offset == null ? "none" : offset.offset(),
                                stable.get(partition).offset(), end.get(partition).offset()));
                    }
                });
            }
            for (TransactionListing transaction : admin.listTransactions().all().get()) {
                if (transaction.state() == TransactionState.ONGOING) {
                    out.append("  open transaction ").append(transaction).append('\n');
                }
            }
        } catch (Exception e) {
            out.append("  (cannot tell: ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Each acknowledged event id with how often it is in the telemetry topic, read committed. */
    private Map<String, Integer> telemetryInTopic() {
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, ChargerTelemetry> consumer = kafka.consumer(Topics.CHARGER_TELEMETRY, null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHARGER_TELEMETRY.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, ChargerTelemetry> record : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(record.value().getEventId(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void assertProjections(String key, List<FleetScript> fleet, SiteWriter writes) {
        Map<Ending, Long> endings = fleet.stream().collect(Collectors.groupingBy(FleetScript::ending,
                Collectors.counting()));
        long offline = endings.getOrDefault(Ending.Offline, 0L);
        long energyWh = LocalDate.ofInstant(startOfLoad(), ZoneOffset.UTC).equals(LocalDate.now(ZoneOffset.UTC))
                ? fleet.stream().mapToLong(FleetScript::energyWh).sum() : 0;
        JsonPath summary = get(key, "/api/v1/cpo/fleet/summary");
        assertThat(Map.of("total_chargers", summary.getLong("total_chargers"), "online", summary.getLong("online"),
                "offline", summary.getLong("offline"), "charging", summary.getLong("charging"),
                "available", summary.getLong("available"), "faulted", summary.getLong("faulted"),
                "active_sessions", summary.getLong("active_sessions"),
                "total_energy_today_wh", Math.round(summary.getDouble("total_energy_today_kwh") * 1000)))
                .as("fleet summary")
                .isEqualTo(Map.of("total_chargers", (long) CHARGERS, "online", CHARGERS - offline,
                        "offline", offline, "charging", endings.getOrDefault(Ending.Charging, 0L),
                        "available", endings.getOrDefault(Ending.Available, 0L),
                        "faulted", endings.getOrDefault(Ending.Faulted, 0L),
                        "active_sessions", endings.getOrDefault(Ending.Charging, 0L),
                        "total_energy_today_wh", energyWh));
        assertThat(get(key, "/api/v1/cpo/fleet/errors?limit=1").getLong("total")).as("fault episodes")
                .isEqualTo(endings.getOrDefault(Ending.Faulted, 0L));
        Map<String, FleetScript> byId = fleet.stream().collect(Collectors.toMap(FleetScript::chargePointId,
                Function.identity()));
        for (SiteWriter.Site site : writes.sites) {
            List<FleetScript> linked = writes.siteOf.entrySet().stream().filter(e -> site.id.equals(e.getValue()))
                    .map(e -> byId.get(e.getKey())).toList();
            JsonPath read = get(key, SITES_PATH + "/" + site.id);
            assertThat(List.of(read.getString("name"), read.getInt("max_power_kw"), read.getInt("charger_count")))
                    .as("site %s as written", site.id).isEqualTo(List.of(site.name, site.maxPowerKw, linked.size()));
            JsonPath siteSummary = get(key, SITES_PATH + "/" + site.id + "/summary");
            assertThat(siteSummary.getMap("chargers")).as("summary of site %s", site.id).isEqualTo(Map.of(
                    "total", linked.size(),
                    "online", (int) linked.stream().filter(FleetScript::online).count(),
                    "charging", count(linked, Ending.Charging),
                    "available", count(linked, Ending.Available),
                    "faulted", count(linked, Ending.Faulted)));
            assertThat(siteSummary.getInt("active_sessions")).as("sessions at site %s", site.id)
                    .isEqualTo(count(linked, Ending.Charging));
            assertThat(Math.round(siteSummary.getDouble("current_power_kw") * 1000)).as("power at site %s", site.id)
                    .isEqualTo(Math.round(linked.stream().mapToDouble(FleetScript::powerKw).sum() * 1000));
            Map<String, String> listed = get(key, "/api/v1/cpo/fleet/chargers?limit=200&site_id=" + site.id)
                    .<Map<String, Object>>getList("chargers").stream().collect(Collectors.toMap(
                            c -> (String) c.get("charge_point_id"), c -> (String) c.get("status")));
            assertThat(listed).as("fleet chargers of site %s", site.id).isEqualTo(linked.stream().collect(
                    Collectors.toMap(FleetScript::chargePointId, c -> c.ending().name())));
        }
    }

    private static int count(List<FleetScript> chargers, Ending ending) {
        return (int) chargers.stream().filter(c -> c.ending() == ending).count();
    }

    private static JsonPath get(String key, String path) {
        return as(key).get(path).then().statusCode(200).extract().jsonPath();
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    /**
     * Creates {@link #SITES} sites, links every charger to one, moves every fifth to the next site, unlinks every
     * seventh and renames and resizes every site, one write after another on each site's thread as a client would:
     * a write answered 5xx or not answered is sent again (creates with their Idempotency-Key) until it is
     * acknowledged, so that what the read side must show afterwards is known.
     */
    private static final class SiteWriter {

        record Site(String id, String name, int maxPowerKw) {
        }

        private final String key;
        private final List<String> chargers;
        final List<Site> sites = new CopyOnWriteArrayList<>();
        final Map<String, String> siteOf = new ConcurrentHashMap<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        private final List<CompletableFuture<String>> created = Stream.generate(CompletableFuture<String>::new)
                .limit(SITES).toList();

        SiteWriter(String key, List<String> chargers) {
            this.key = key;
            this.chargers = chargers;
        }

        /** Registers every charger (a retry may find it registered by the attempt before). */
        List<Runnable> registrations() {
            return chargers.stream().<Runnable>map(id -> () -> write(() -> as(key).contentType(ContentType.JSON)
                    .body(Map.of("charge_point_id", id)).post("/api/v1/cpo/chargers"), Set.of(409))).toList();
        }

        /** One task per site: its writes, and those of the chargers it is the first site of. */
        List<Runnable> plan() {
            return IntStream.range(0, SITES).<Runnable>mapToObj(s -> () -> {
                String idempotencyKey = UUID.randomUUID().toString();
                Map<String, Object> body = Map.of("name", "Depot " + s, "max_power_kw", 150);
                String site;
                try {
                    site = write(() -> as(key).header("Idempotency-Key", idempotencyKey)
                            .contentType(ContentType.JSON).body(body).post(SITES_PATH), Set.of()).path("site_id");
                    created.get(s).complete(site);
                } catch (RuntimeException | AssertionError e) {
                    created.get(s).completeExceptionally(e);
                    throw e;
                }
                Site renamed = new Site(site, "Depot " + s + " (renamed)", 100 + s);
                List<String> own = IntStream.range(0, chargers.size()).filter(c -> c % SITES == s)
                        .mapToObj(chargers::get).toList();
                own.forEach(charger -> link(charger, site));
                for (int c = s; c < chargers.size(); c += SITES) {
                    if (c % 5 == 0) {
                        // to the next site, once it exists
                        link(chargers.get(c), created.get((s + 1) % SITES).join());
                    }
                    if (c % 7 == 0) {
                        String charger = chargers.get(c);
                        String from = siteOf.remove(charger);
                        write(() -> as(key).delete(SITES_PATH + "/" + from + "/chargers/" + charger), Set.of(404));
                    }
                }
                write(() -> as(key).contentType(ContentType.JSON)
                        .body(Map.of("name", renamed.name, "max_power_kw", renamed.maxPowerKw))
                        .patch(SITES_PATH + "/" + site), Set.of());
                sites.add(renamed);
            }).toList();
        }
        private void link(String charger, String site) {
            write(() -> as(key).post(SITES_PATH + "/" + site + "/chargers/" + charger + "/link"), Set.of());
            siteOf.put(charger, site);
        }

        /** Sends until 2xx, or (after a first attempt that may have applied) one of {@code doneOnRetry}. */
        private Response write(Supplier<Response> call, Set<Integer> doneOnRetry) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (int attempt = 0; ; attempt++) {
                Response response = null;
                try {
                    response = call.get();
                } catch (RuntimeException e) {
                    // not answered: the write may or may not have been applied; send it again
                }
                int status = response == null ? 0 : response.statusCode();
                if (status / 100 == 2 || (attempt > 0 && doneOnRetry.contains(status))) {
                    acknowledged.incrementAndGet();
                    return response;
                }
                assertThat(status == 0 || status >= 500).as("answer %s: %s", status,
                        response == null ? "" : response.asString()).isTrue();
                assertThat(System.nanoTime()).as("a write acknowledged within 2 minutes").isLessThan(deadline);
                retried.incrementAndGet();
                Api.sleep(200);
            }
        }
    }
}
