package org.dynamocsms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The commands against a recorded {@code /admin/replays}: what they ask, what they print, how they exit. */
class ReplayCommandsTest {

    private final RecordedApi api = new RecordedApi();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        api.close();
    }

    private int run(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--url", api.url(), "--key", "operator-key"));
        return runExactly(line.toArray(String[]::new));
    }

    private int runExactly(String... args) {
        return new CommandLine(new CsmsCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void startPostsTheReplayAndPrintsIt() {
        api.on("POST", "/admin/replays/sites", 202, "sites-building.json");

        assertThat(run("replay", "start", "sites")).isZero();

        assertThat(api.requests).containsExactly(new RecordedApi.Request("POST", "/admin/replays/sites",
                "Bearer operator-key", "{\"compare\": false}"));
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                "sites  generation 2 (live 1)  building  refused 0",
                "[#####.....] 45.2%  4,521,000 / 10,000,000 events  12,300 events/s  ETA 7m 25s",
                "  csms-site-projection-g2  4,521,000 / 10,000,000  lag 5,479,000",
                "  site_g2                  812 / 815  lag 3",
                "  energy_asset_g2          240 / 240  lag 0", ""));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void startWaitFollowsTheReplayUntilItCompletes() {
        api.on("POST", "/admin/replays/sites", 202, "sites-building.json")
                .on("GET", "/admin/replays/sites", 200, "sites-building.json", "sites-completed.json");

        assertThat(run("replay", "start", "sites", "--wait")).isZero();

        assertThat(api.requests).extracting(RecordedApi.Request::method)
                .containsExactly("POST", "GET", "GET");
        // not a terminal: a block per status, no cursor movement
        assertThat(out.toString()).doesNotContain("\033")
                .contains("[#####.....] 45.2%  4,521,000 / 10,000,000 events  12,300 events/s  ETA 7m 25s")
                .contains("sites  generation 2 (live 2)  completed  refused 0")
                .contains("[##########] 100.0%  10,000,000 / 10,000,000 events  0 events/s");
    }

    @Test
    void aCompareReplayWaitsUntilCaughtUpThenShowsTheComparisonAndTheNextStep() {
        api.on("POST", "/admin/replays/sites", 202, "sites-counting.json")
                .on("GET", "/admin/replays/sites", 200, "sites-counting.json", "sites-caught-up-compare.json");

        assertThat(run("replay", "start", "sites", "--compare", "--wait")).isZero();

        assertThat(api.requests.get(0).body()).isEqualTo("{\"compare\": true}");
        assertThat(out.toString())
                .contains("[..........] ?%  0 / ? events  ? events/s  ETA ?")
                .contains("sites  generation 2 (live 1)  caught_up (compare)  refused 0")
                .contains("  comparison: differs from the live generation")
                .contains("    site: live 100 rows, rebuilt 100; only live 0, only rebuilt 0, different 2; "
                        + "e.g. site_01KAB7Y0000000000000000001, site_01KAB7Y0000000000000000002")
                .doesNotContain("    energy_asset:")
                .contains("sites has caught up: `replay switch sites` makes it live, `replay cancel sites` drops it.");
    }

    @Test
    void startAllWaitsForEveryProjectionAndFailsIfOneFailed() {
        api.on("POST", "/admin/replays/all", 202, "all-building.json")
                .on("GET", "/admin/replays/all", 200, "all-building.json", "all-one-failed.json");

        assertThat(run("replay", "start", "all", "--wait")).isEqualTo(1);

        assertThat(out.toString())
                .contains("chargers  generation 2 (live 2)  completed")
                .contains("charger-history  generation 2 (live 1)  failed")
                .contains("  error: the charger history's Streams app stopped: RecordTooLargeException");
    }

    @Test
    void aReplayCaughtUpWithRefusedRecordsFailsTheWatch() {
        api.on("GET", "/admin/replays/sites", 200, "sites-caught-up-refused.json");

        assertThat(run("replay", "status", "sites", "--watch")).isEqualTo(1);

        assertThat(out.toString()).contains("sites  generation 2 (live 1)  caught_up  refused 3")
                .contains("sites has caught up: `replay switch sites`");
    }

    @Test
    void statusPrintsTheLatestReplayAndExitsByItsOutcome() {
        api.on("GET", "/admin/replays/sites", 200, "sites-building.json")
                .on("GET", "/admin/replays/chargers", 200, "sites-cancelled.json");

        assertThat(run("replay", "status", "sites")).isZero();
        assertThat(run("replay", "status", "chargers")).isEqualTo(1);

        assertThat(out.toString()).contains("sites  generation 2 (live 1)  building")
                .contains("sites  generation 2 (live 1)  cancelled");
    }

    @Test
    void statusWithoutAProjectionListsEveryReplay() {
        api.on("GET", "/admin/replays", 200, "history.json");

        assertThat(run("replay", "status")).isZero();

        assertThat(out.toString().lines()).hasSize(5).first().asString()
                .matches("rpl_\\w{26}  charger-history  generation 2 \\(live 2\\)  completed  refused 0");
    }

    @Test
    void cancelDeletesTheReplay() {
        api.on("DELETE", "/admin/replays/sites", 200, "sites-cancelled.json");

        assertThat(run("replay", "cancel", "sites")).isZero();

        assertThat(api.requests).extracting(RecordedApi.Request::method, RecordedApi.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", "/admin/replays/sites"));
        assertThat(out.toString()).contains("sites  generation 2 (live 1)  cancelled");
    }

    @Test
    void switchPostsToTheSwitchAndPrintsTheCompletedReplay() {
        api.on("POST", "/admin/replays/sites/switch", 200, "sites-completed.json");

        assertThat(run("replay", "switch", "sites")).isZero();

        assertThat(out.toString()).contains("sites  generation 2 (live 2)  completed");
    }

    @Test
    void theGlobalOptionsAreTakenBeforeTheCommandsToo() {
        api.on("GET", "/admin/replays/sites", 200, "sites-building.json");

        assertThat(runExactly("--url", api.url(), "replay", "--key", "early-key", "status", "sites")).isZero();

        assertThat(api.requests).extracting(RecordedApi.Request::authorization).containsExactly("Bearer early-key");
    }

    @Test
    void anApiErrorPrintsTheProblemAndExits1() {
        api.on("POST", "/admin/replays/sites", 409, "conflict.json")
                .on("GET", "/admin/replays/sights", 404, "unknown-projection.json");

        assertThat(run("replay", "start", "sites")).isEqualTo(1);
        assertThat(run("replay", "status", "sights", "--watch")).isEqualTo(1);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(String.join(System.lineSeparator(),
                "Conflict (409): a replay of sites is building: rpl_01KAB7XQ3M8Z2V6N4R9T5W1YHC",
                "Not Found (404): no projection sights: sites, chargers, maintenance, live-states, charger-history"
                        + " or all",
                "  projection: must be one of sites, chargers, maintenance, live-states, charger-history, all", ""));
    }

    @Test
    void anErrorWithoutAProblemBodyStillNamesTheStatus() {
        // no answer recorded: the stand-in answers a bare 500
        assertThat(run("replay", "switch", "sites")).isEqualTo(1);

        assertThat(err.toString()).startsWith("HTTP 500 from POST " + api.url() + "/admin/replays/sites/switch");
    }

    @Test
    void anUnreachableServerExits1() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(runExactly("replay", "status", "sites", "--url", "http://127.0.0.1:" + closed, "--key", "k"))
                .isEqualTo(1);

        assertThat(err.toString()).startsWith("cannot reach http://127.0.0.1:" + closed);
    }

    @Test
    void badUsageExits2WithoutCallingTheApi() {
        assertThat(runExactly()).isEqualTo(2);
        assertThat(runExactly("replay", "--key", "k")).isEqualTo(2);
        assertThat(run("replay", "start")).isEqualTo(2);
        assertThat(run("replay", "start", "sites", "--compared")).isEqualTo(2);
        assertThat(run("replay", "restart", "sites")).isEqualTo(2);
        assertThat(run("replay", "cancel")).isEqualTo(2);
        assertThat(runExactly("replay", "status", "sites", "--url", api.url(), "--key", "")).isEqualTo(2);
        assertThat(runExactly("replay", "status", "sites", "--url", "not a url", "--key", "k")).isEqualTo(2);

        assertThat(api.requests).isEmpty();
        assertThat(err.toString()).contains("Missing command: replay")
                .contains("Missing command: start, status, cancel or switch")
                .contains("Missing required parameter: '<projection|all>'")
                .contains("Unknown option: '--compared'")
                .contains("Missing API key: give --key or set CSMS_API_KEY");
    }
}
