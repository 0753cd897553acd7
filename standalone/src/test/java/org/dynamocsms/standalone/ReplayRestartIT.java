package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.restassured.path.json.JsonPath;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dynamocsms.bench.Telemetry;
import org.dynamocsms.query.generation.ReadTables;
import org.dynamocsms.schemas.replay.Generation;
import org.dynamocsms.schemas.replay.Projection;
import org.dynamocsms.schemas.telemetry.ChargerTelemetry;
import org.dynamocsms.schemas.topics.Topic;
import org.dynamocsms.schemas.topics.Topics;
import org.dynamocsms.standalone.fault.FleetScript;
import org.dynamocsms.standalone.fault.FleetScript.Ending;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild of every projection survives a crash of the packaged standalone: killed (SIGKILL) while the live states
 * and the charger history are half rebuilt, readers answered what the live generation did; started again on its
 * data, they answer it at once, the same replays carry on to catch up equal to the live generation, one is cancelled
 * and the others switched, and the generations left behind go.
 */
class ReplayRestartIT {

    private static final int SITES = 3;
    private static final int CHARGERS = 24;
    /** 144,000 records: rebuilding the live states takes tens of seconds here, so the kill lands halfway. */
    private static final int RECORDS_PER_CHARGER = 6_000;
    private static final Instant START = Instant.parse("2024-07-01T00:00:00Z");
    private static final String RANGE = "from=2024-07-01T00:00:00Z&to=2024-07-01T01:00:00Z";
    private static final Duration WITHIN = Duration.ofSeconds(150);
    private static final String REPLAYS = "/admin/replays/";
    /** Cancelled after the restart; the others are switched. */
    private static final Projection CANCELLED = Projection.MAINTENANCE;

    @AutoClose
    private final PackagedStandalone standalone;

    ReplayRestartIT(@TempDir Path dataDir) throws IOException {
        standalone = new PackagedStandalone(dataDir);
    }

    @Test
    void aRebuildKilledHalfwayCarriesOnAfterARestartAndReadersNeverSeeItHalfBuilt() throws Exception {
        standalone.start();
        Fleet fleet = fleet();
        List<String> reads = fleet.reads();
        long published = System.nanoTime();
        Api.eventually(WITHIN, () -> assertThat(settled(fleet.chargers(), reads)).as("the live projections settled")
                .isTrue());
        System.out.printf("%d telemetry records folded by the live projections within %d s%n",
                CHARGERS * RECORDS_PER_CHARGER, Duration.ofNanos(System.nanoTime() - published).toSeconds());
        Map<String, String> before = answers(reads);

        HttpResponse<String> started = standalone.post(REPLAYS + "all", "{\"compare\": true}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        Map<String, Integer> generations = new LinkedHashMap<>();
        JsonPath.from(started.body()).<Map<String, Object>>getList("$").forEach(replay -> generations.put(
                (String) replay.get("replay_id"), (Integer) replay.get("generation")));
        assertThat(generations).hasSize(Projection.values().length);

        // kill it while the live states or the charger history are half rebuilt, readers on generation 1
        JsonPath halfway = halfway();
        Map<String, String> beforeTheKill = answers(reads);
        standalone.kill();
        System.out.println("Killed while: " + progress(halfway));
        assertThat(beforeTheKill).as("the reads right before the kill").isEqualTo(before);

        standalone.start();
        assertThat(answers(reads)).as("the reads as soon as the API answers again").isEqualTo(before);
        JsonPath restarted = replays();
        System.out.println("After the restart: " + progress(restarted));
        assertThat(ids(restarted)).as("the same replays, of the same generations").isEqualTo(generations);
        assertThat(restarted.getList("status", String.class)).as("none finished by the crash")
                .allMatch(status -> status.equals("building") || status.equals("caught_up"));

        JsonPath caughtUp = caughtUpReadersUnchanged(reads, before);
        for (int i = 0; i < generations.size(); i++) {
            String replay = "[" + i + "]";
            assertThat(caughtUp.getBoolean(replay + ".comparison.equal")).as(caughtUp.prettify()).isTrue();
            assertThat(caughtUp.getInt(replay + ".refused")).isZero();
            assertThat(caughtUp.getLong(replay + ".events_read")).isEqualTo(caughtUp.getLong(replay + ".events_total"));
        }
        assertThat(answers(reads)).as("the reads once caught up").isEqualTo(before);

        HttpResponse<String> cancelled = standalone.delete(REPLAYS + CANCELLED.id());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(JsonPath.from(cancelled.body()).getString("status")).isEqualTo("cancelled");
        for (Projection projection : Projection.values()) {
            if (projection != CANCELLED) {
                HttpResponse<String> switched = standalone.post(REPLAYS + projection.id() + "/switch", "");
                assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
                assertThat(JsonPath.from(switched.body()).getString("status")).isEqualTo("completed");
            }
        }
        assertThat(answers(reads)).as("the reads after the switch").isEqualTo(before);

        // what each replay left behind goes: generation 1 of those switched, the cancelled one's new generation
        Map<Projection, Integer> built = new LinkedHashMap<>();
        caughtUp.<Map<String, Object>>getList("$").forEach(replay -> built.put(
                Projection.byId((String) replay.get("projection")).orElseThrow(), (Integer) replay.get("generation")));
        List<Generation> retired = new ArrayList<>();
        List<Generation> kept = new ArrayList<>();
        built.forEach((projection, generation) -> {
            Generation rebuilt = new Generation(projection, generation);
            Generation first = new Generation(projection, 1);
            retired.add(projection == CANCELLED ? rebuilt : first);
            kept.add(projection == CANCELLED ? first : rebuilt);
        });
        Api.eventually(WITHIN, () -> assertThat(retired).allMatch(generation -> tablesOf(generation).isEmpty()));
        assertThat(kept).allMatch(generation -> tablesOf(generation).size()
                == ReadTables.of(generation.projection()).size());
        Set<String> topics = topics();
        assertThat(topics).as("generation 1's live states").doesNotContain(Topics.CHARGER_STATE_PROJECTION.name());
        for (Generation generation : retired) {
            assertThat(topics).doesNotContainAnyElementsOf(outputs(generation));
        }
        for (Generation generation : kept) {
            assertThat(topics).containsAll(outputs(generation));
        }
        assertThat(answers(reads)).as("the reads once the old generations are gone").isEqualTo(before);
    }

    /**
     * Sites, chargers linked to them in turn, a maintenance event, and each charger's telemetry published straight
     * to csms.charger.telemetry (the scripts of the broker-loss test, so each ends charging, available, faulted or
     * offline).
     */
    private Fleet fleet() throws Exception {
        List<String> sites = new ArrayList<>();
        for (int s = 0; s < SITES; s++) {
            HttpResponse<String> created = standalone.post("/api/v1/sites",
                    "{\"name\": \"Depot " + s + "\", \"max_power_kw\": 150}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            sites.add(PackagedStandalone.siteId(created));
        }
        List<FleetScript> fleet = new ArrayList<>();
        for (int n = 0; n < CHARGERS; n++) {
            String chargePointId = String.format("CP-RESTART-%03d", n);
            assertThat(standalone.post("/api/v1/cpo/chargers", "{\"charge_point_id\": \"" + chargePointId + "\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(standalone.post("/api/v1/sites/" + sites.get(n % SITES) + "/chargers/" + chargePointId
                    + "/link", "").statusCode()).isEqualTo(200);
            fleet.add(FleetScript.of(chargePointId, n, RECORDS_PER_CHARGER, START));
        }
        HttpResponse<String> maintenance = standalone.post("/api/v1/cpo/chargers/" + fleet.get(0).chargePointId()
                + "/maintenance", "{\"type\": \"scheduled\", \"description\": \"Cleaning\", \"scheduled_at\": "
                + "\"2024-07-01T00:10:00Z\", \"completed_at\": \"2024-07-01T00:20:00Z\"}");
        assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(201);
        try (KafkaProducer<String, ChargerTelemetry> producer = Telemetry.producer(standalone.kafka(), 20)) {
            for (int i = 0; i < RECORDS_PER_CHARGER; i++) {
                for (FleetScript charger : fleet) {
                    producer.send(new ProducerRecord<>(Topics.CHARGER_TELEMETRY.name(), charger.chargePointId(),
                            charger.records().get(i)));
                }
            }
            producer.flush();
        }
        return new Fleet(sites, fleet);
    }

    private record Fleet(List<String> sites, List<FleetScript> chargers) {

        /** The GETs a rebuild must not change: the sites, their summaries, the fleet and some chargers' figures. */
        List<String> reads() {
            List<String> paths = new ArrayList<>(List.of("/api/v1/sites?limit=200", "/api/v1/cpo/fleet/summary",
                "/api/v1/cpo/fleet/chargers?limit=200", "/api/v1/cpo/fleet/errors?limit=200",
                    "/api/v1/cpo/fleet/uptime?" + RANGE,
                    "/api/v1/cpo/fleet/utilisation?" + RANGE + "&granularity=hour"));
            sites.forEach(site -> paths.add("/api/v1/sites/" + site + "/summary"));
            // one charger of each ending (charger n ends as Ending n), the first with the maintenance event
            for (Ending ending : Ending.values()) {
                String charger = "/api/v1/cpo/chargers/" + chargers.get(ending.ordinal()).chargePointId();
                paths.addAll(List.of(charger + "/diagnostics", charger + "/maintenance", charger + "/error-history",
                        charger + "/connectivity?" + RANGE));
            }
            return paths;
        }
    }

    /** The status and body of each read. */
    private Map<String, String> answers(List<String> reads) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : reads) {
            HttpResponse<String> answer = get(path);
            answers.put(path, answer.statusCode() + " " + answer.body());
        }
        return answers;
    }

    /** The live projections have folded every record: the fleet's figures show each charger's ending, and stay. */
    private boolean settled(List<FleetScript> fleet, List<String> reads) {
        Map<Ending, Long> endings = fleet.stream().collect(Collectors.groupingBy(FleetScript::ending,
                Collectors.counting()));
        JsonPath summary = JsonPath.from(get("/api/v1/cpo/fleet/summary").body());
        Map<String, String> listed = JsonPath.from(get("/api/v1/cpo/fleet/chargers?limit=200").body())
                .<Map<String, Object>>getList("chargers").stream().collect(Collectors.toMap(
                        c -> (String) c.get("charge_point_id"), c -> (String) c.get("status")));
        boolean complete = summary.getLong("faulted") == endings.get(Ending.Faulted)
                && summary.getLong("offline") == endings.get(Ending.Offline)
                && summary.getLong("charging") == endings.get(Ending.Charging)
                && listed.equals(fleet.stream().collect(Collectors.toMap(FleetScript::chargePointId,
                        c -> c.ending().name())))
                && JsonPath.from(get("/api/v1/cpo/fleet/errors?limit=1").body()).getLong("total")
                        == endings.get(Ending.Faulted);
        if (!complete) {
            return false;
        }
        Map<String, String> first = answers(reads);
        Api.sleep(3_000);
        return first.equals(answers(reads));
    }

    /**
     * Polls the replays until every one is still building or caught up, and the live states' or the charger
     * history's has read some of its events but not all; answers that status.
     */
    private JsonPath halfway() throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath replays = replays();
            List<Map<String, Object>> all = replays.getList("$");
            boolean active = all.stream().allMatch(r -> "building".equals(r.get("status"))
                    || "caught_up".equals(r.get("status")));
            boolean halfBuilt = all.stream().anyMatch(r -> "building".equals(r.get("status"))
                    && Set.of(Projection.LIVE_STATES.id(), Projection.CHARGER_HISTORY.id()).contains(r.get("projection"))
                    && r.get("events_read") instanceof Number read && read.longValue() > 0
                    && r.get("events_total") instanceof Number total && read.longValue() < total.longValue());
            assertThat(active).as("no replay ended before the kill: %s", progress(replays)).isTrue();
            if (halfBuilt) {
                return replays;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the live states and the charger history never half rebuilt: " + progress(replays()));
    }

    /**
     * Polls the replays until every one has caught up, reading every {@code reads} at each poll: they answer
     * {@code before} throughout; answers the replays caught up.
     */
    private JsonPath caughtUpReadersUnchanged(List<String> reads, Map<String, String> before) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String shown = "";
        while (true) {
            JsonPath replays = replays();
            if (!progress(replays).equals(shown)) {
                shown = progress(replays);
                System.out.println("Carrying on: " + shown);
            }
            assertThat(answers(reads)).as("the reads while the replays carry on: %s", progress(replays))
                    .isEqualTo(before);
            if (replays.getList("status", String.class).stream().allMatch("caught_up"::equals)) {
                return replays;
            }
            assertThat(System.nanoTime()).as("caught up within %s: %s", WITHIN, progress(replays))
                    .isLessThan(deadline);
            Api.sleep(500);
        }
    }

    private JsonPath replays() {
        HttpResponse<String> replays = get(REPLAYS + "all");
        assertThat(replays.statusCode()).as(replays.body()).isEqualTo(200);
        return JsonPath.from(replays.body());
    }

    /** Each replay's id and generation. */
    private static Map<String, Integer> ids(JsonPath replays) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        replays.<Map<String, Object>>getList("$").forEach(r -> ids.put((String) r.get("replay_id"),
                (Integer) r.get("generation")));
        return ids;
    }

    private static String progress(JsonPath replays) {
        return replays.<Map<String, Object>>getList("$").stream().map(r -> r.get("projection") + " "
                + r.get("status") + " " + r.get("events_read") + "/" + r.get("events_total"))
                .collect(Collectors.joining(", "));
    }

    private HttpResponse<String> get(String path) {
        try {
            return standalone.get(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> tablesOf(Generation generation) {
        try (Connection connection = standalone.database()) {
            return ReadTables.existing(connection, generation);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, standalone.kafka()))) {
            return admin.listTopics().names().get();
        }
    }

    private static List<String> outputs(Generation generation) {
        return generation.projection().outputs().stream().map(generation::topic).map(Topic::name).toList();
    }
}
