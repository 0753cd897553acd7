package org.dynamocsms.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.dynamocsms.platform.ocpp.OcppVersion;

/**
 * A charger of the independent OCPP library ocpp-rpc, in strict mode ({@code tools/ocpp-simulator/charger.js}),
 * driven command by command: {@link #send} returns once the CSMS answered every call of the command. Needs node and
 * npm (CI installs them); runs {@code npm ci} in the simulator's directory when its modules are missing.
 */
public final class SimulatedCharger implements AutoCloseable {

    private static final long NPM_CI_MINUTES = 5;
    private static final long ANSWER_SECONDS = 30;

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** Connects OCPP 1.6 charger {@code chargePointId} (password {@code password}) to the CSMS at {@code baseUrl}. */
    public SimulatedCharger(String baseUrl, String apiKey, String chargePointId, String password)
            throws IOException, InterruptedException {
        this(baseUrl, apiKey, chargePointId, password, OcppVersion.OCPP16);
    }

    /** Connects charger {@code chargePointId} speaking {@code version}; it fails if another version is negotiated. */
    public SimulatedCharger(String baseUrl, String apiKey, String chargePointId, String password, OcppVersion version)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "charger.js").directory(directory().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("CSMS_URL", baseUrl, "CSMS_API_KEY", apiKey,
                "CP_ID", chargePointId, "CP_PASSWORD", password, "CP_OCPP", version.subprotocol()));
        process = builder.start();
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "simulated-charger-" + chargePointId);
        reader.setDaemon(true);
        reader.start();
        expect("ready");
    }

    /** Sends one command of charger.js (e.g. {@code status 1 Faulted GroundFailure}) and waits for its answer. */
    public void send(String command) throws InterruptedException {
        commands.println(command);
        expect("ok " + command);
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("close");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void expect(String wanted) throws InterruptedException {
        String line = lines.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
        assertThat(line).as("charger.js answering %s", wanted).isEqualTo(wanted);
    }

    private void read() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("charger.js: " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("output lost: " + e.getMessage());
        }
    }

    /**
     * Runs one of the simulator's scripts ({@code command} in {@link #directory()}) to its end with
     * {@code environment}, prints its output, answers its exit code; killed if it overruns {@code minutes}.
     */
    public static int run(List<String> command, Map<String, String> environment, long minutes)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("ocpp-simulator", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory().toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(minutes, TimeUnit.MINUTES);
            System.out.println("---- " + String.join(" ", command) + "\n" + Files.readString(output));
            assertThat(ended).as("%s ended within %d minutes", command, minutes).isTrue();
            return process.exitValue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    /** tools/ocpp-simulator of the repository (found upwards from the tests' module), its modules installed. */
    public static Path directory() throws IOException, InterruptedException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path simulator = dir.resolve("tools/ocpp-simulator");
            if (Files.isRegularFile(simulator.resolve("package.json"))) {
                if (!Files.isDirectory(simulator.resolve("node_modules"))) {
                    Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                            .directory(simulator.toFile()).inheritIO().start();
                    assertThat(npm.waitFor(NPM_CI_MINUTES, TimeUnit.MINUTES) && npm.exitValue() == 0)
                            .as("npm ci in %s", simulator).isTrue();
                }
                return simulator;
            }
        }
        throw new IllegalStateException("tools/ocpp-simulator not found above " + Path.of("").toAbsolutePath());
    }
}
