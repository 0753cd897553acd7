package org.dynamocsms.cli.replay;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Rebuild a projection (or all) from the beginning of its source topics, beside the live one.")
class ReplayStart extends ApiCommand {

    @Parameters(paramLabel = "<projection|all>",
            description = "sites, chargers, maintenance, live-states, charger-history, charger-calls or all.")
    String projection;

    @Option(names = "--compare", description = "Once caught up, compare with the live generation and wait for "
            + "`replay switch` or `replay cancel` instead of switching at once.")
    boolean compare;

    @Option(names = "--wait", description = "Show the progress until the replay is completed, failed, cancelled "
            + "or (with --compare) caught up.")
    boolean await;

    @Override
    int call(ReplayClient client, PrintWriter out) {
        var started = client.start(projection, compare);
        return await ? follow(client, projection, out) : report(started, out);
    }
}
