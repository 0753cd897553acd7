package org.dynamocsms.cli.replay;

import java.io.Console;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.dynamocsms.cli.CsmsCommand;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that calls the admin API: the options every one takes, and the exit codes: 0 ok or completed, 1 failed,
 * cancelled or an error from the API (printed from its problem+json), 2 bad usage (picocli's own).
 */
abstract class ApiCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final Duration POLL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the global options, inherited from the top command
        URI url = spec.findOption(CsmsCommand.URL).getValue();
        String key = spec.findOption(CsmsCommand.KEY).getValue();
        if (key == null || key.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing API key: give --key or set CSMS_API_KEY");
        }
        try {
            return call(new ReplayClient(url, key), spec.commandLine().getOut());
        } catch (ReplayClient.ApiException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return FAILED;
        }
    }

    abstract int call(ReplayClient client, PrintWriter out);

    /** Prints the replays; 1 if any failed, was cancelled or caught up with refused records. */
    static int report(List<Replay> replays, PrintWriter out) {
        ReplayView.lines(replays).forEach(out::println);
        return outcome(replays);
    }

    static int outcome(List<Replay> replays) {
        return replays.stream().anyMatch(Replay::unsuccessful) ? FAILED : OK;
    }

    /**
     * Polls the projection's latest replays every second, showing their progress, until each is finished or caught
     * up (then the operator decides: switch or cancel).
     */
    static int follow(ReplayClient client, String projection, PrintWriter out) {
        ProgressDisplay display = new ProgressDisplay(out, terminal(), System::nanoTime);
        List<Replay> replays = client.latest(projection);
        display.show(replays);
        while (!replays.stream().allMatch(Replay::settled)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            }
            replays = client.latest(projection);
            display.show(replays);
        }
        for (Replay replay : replays) {
            if (replay.caughtUp()) {
                out.println(replay.projection() + " has caught up: `replay switch " + replay.projection()
                        + "` makes it live, `replay cancel " + replay.projection() + "` drops it.");
            }
        }
        return outcome(replays);
    }

    /** Output to a terminal; since JDK 22 a Console exists even when redirected, and says so by isTerminal(). */
    private static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22: a console means a terminal
        }
    }
}
