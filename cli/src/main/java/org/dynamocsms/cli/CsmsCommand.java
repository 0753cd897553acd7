package org.dynamocsms.cli;

import org.dynamocsms.cli.replay.ReplayCommand;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The operator's command line: {@code java -jar cli/target/quarkus-app/quarkus-run.jar replay …}. Where the CSMS
 * answers and the API key are global: taken before or after any command.
 */
@TopCommand
@Command(name = "csms", mixinStandardHelpOptions = true, versionProvider = CsmsCommand.Version.class,
        subcommands = ReplayCommand.class,
        description = "Operate a Dynamo CSMS over its admin REST API.")
public class CsmsCommand implements Runnable {

    public static final String URL = "--url";
    public static final String KEY = "--key";

    @Spec
    CommandSpec spec;

    @Option(names = URL, scope = ScopeType.INHERIT, defaultValue = "${env:CSMS_URL:-http://localhost:8080}",
            paramLabel = "<url>", description = "Where the CSMS answers (env CSMS_URL, default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = KEY, scope = ScopeType.INHERIT, defaultValue = "${env:CSMS_API_KEY}", paramLabel = "<api key>",
            description = "An API key with the operator scope (env CSMS_API_KEY).")
    String key;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: replay");
    }

    /** The project's version, which Quarkus records at build time. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] { "csms " + ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.application.version", String.class).orElse("(unknown version)") };
        }
    }
}
