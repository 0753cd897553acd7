package org.dynamocsms.cli.replay;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "switch", mixinStandardHelpOptions = true,
        description = "Make the projection's caught up replay live now (readers switch over in one transaction).")
class ReplaySwitch extends ApiCommand {

    @Parameters(paramLabel = "<projection>")
    String projection;

    @Override
    int call(ReplayClient client, PrintWriter out) {
        ReplayView.lines(client.switchOver(projection)).forEach(out::println);
        return OK;
    }
}
