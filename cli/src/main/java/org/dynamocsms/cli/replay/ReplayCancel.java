package org.dynamocsms.cli.replay;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel the projection's replay that is building or caught up; readers stay on the live one.")
class ReplayCancel extends ApiCommand {

    @Parameters(paramLabel = "<projection>")
    String projection;

    @Override
    int call(ReplayClient client, PrintWriter out) {
        ReplayView.lines(client.cancel(projection)).forEach(out::println);
        return OK;
    }
}
