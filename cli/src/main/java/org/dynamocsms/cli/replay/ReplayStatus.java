package org.dynamocsms.cli.replay;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The latest replay of a projection (or of each, with all); without one, every replay.")
class ReplayStatus extends ApiCommand {

    static final String ALL = "all";

    @Parameters(arity = "0..1", paramLabel = "<projection|all>",
            description = "sites, chargers, maintenance, live-states, charger-history, charger-calls or all.")
    String projection;

    @Option(names = "--watch", description = "Show the progress until it is completed, failed, cancelled or caught "
            + "up (without a projection: of all).")
    boolean watch;

    @Override
    int call(ReplayClient client, PrintWriter out) {
        if (watch) {
            return follow(client, projection == null ? ALL : projection, out);
        }
        if (projection == null) {
            client.history().forEach(replay -> out.println(replay.replayId() + "  " + ReplayView.header(replay)));
            return OK;
        }
        return report(client.latest(projection), out);
    }
}
