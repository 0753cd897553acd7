package org.dynamocsms.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rebuilds every projection beside the live one as an operator does it: the command-line tool ({@code cli} module)
 * starts a replay of all of them in compare mode and follows it to caught up (its output, printed as it comes, is
 * what the operator saw), then switches each. Prints, per projection, the events it read, how long it took to
 * catch up from its start and how fast, and its comparison with the live generation.
 */
final class Rebuild {

    /** The benchmarks' option naming the command-line tool's jar; the rebuild runs only when it is given. */
    static final String OPTION = "rebuild-with";
    static final String USAGE = "[--" + OPTION + "=cli/target/quarkus-app/quarkus-run.jar (rebuild every projection "
            + "afterwards)]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String apiKey;
    private final String cliJar;
    private final SitesClient api;
    private final PrintStream out;

    Rebuild(URI baseUrl, String apiKey, String cliJar, SitesClient api, PrintStream out) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.cliJar = cliJar;
        this.api = api;
        this.out = out;
    }

    /** Rebuilds and switches every projection; what went wrong goes to {@code problems}. */
    void run(List<String> problems) throws Exception {
        out.println();
        out.println("Rebuilding every projection from the event history beside the live ones (the operator's tool, "
                + "compare mode):");
        long started = System.nanoTime();
        int exit = cli(List.of("replay", "start", "all", "--compare", "--wait"));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            problems.add("replay start all --compare --wait exited " + exit);
            return;
        }
        JsonNode replays = JSON.readTree(api.get("/admin/replays/all"));
        out.println();
        out.printf(Locale.ROOT, "all caught up %.1f s after the start%n", seconds);
        out.printf(Locale.ROOT, "%-16s %4s %12s %12s %12s %9s %8s%n", "projection", "gen", "events", "caught up s",
                "events/s", "compare", "refused");
        for (JsonNode replay : replays) {
            String projection = replay.path("projection").asText();
            long events = replay.path("events_total").asLong();
            JsonNode caughtUpAt = replay.path("caught_up_at");
            double took = caughtUpAt.isTextual() ? Duration.between(Instant.parse(replay.path("started_at").asText()),
                    Instant.parse(caughtUpAt.asText())).toMillis() / 1e3 : Double.NaN;
            boolean equal = replay.path("comparison").path("equal").asBoolean(false);
            out.printf(Locale.ROOT, "%-16s %4d %12d %12.1f %12.0f %9s %8d%n", projection,
                    replay.path("generation").asInt(), events, took, events / took, equal ? "equal" : "DIFFERENT",
                    replay.path("refused").asLong());
            if (!"caught_up".equals(replay.path("status").asText()) || !equal) {
                problems.add(projection + ": " + replay);
                continue;
            }
            int switched = cli(List.of("replay", "switch", projection));
            if (switched != 0) {
                problems.add("replay switch " + projection + " exited " + switched);
            }
        }
    }

    /** Runs the command-line tool, its output copied to {@code out} as it comes; answers its exit code. */
    private int cli(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", cliJar, "--url=" + baseUrl));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CSMS_API_KEY", apiKey);
        Process process = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> out.println("  | " + line));
        }
        return process.waitFor();
    }
}
