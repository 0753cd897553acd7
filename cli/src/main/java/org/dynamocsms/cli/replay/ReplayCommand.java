package org.dynamocsms.cli.replay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code replay start|status|cancel|switch}: rebuild a projection beside the live one and switch readers over. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        subcommands = { ReplayStart.class, ReplayStatus.class, ReplayCancel.class, ReplaySwitch.class },
        description = "Rebuild projections from the event history (blue/green) and follow them.")
public class ReplayCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: start, status, cancel or switch");
    }
}
