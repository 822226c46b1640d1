package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --app}: where the application's generated chain and migrations are. */
final class AppOptions {

    @Option(names = "--app", paramLabel = "PATH", defaultValue = "${env:SMARTMIGRATION_APP}",
            description = {"The application's jar, or its class path: entries separated by ':', "
                    + "dir/* for every jar in a directory, e.g. app.jar or 'app.jar:lib/*'. Executable Spring Boot "
                    + "jars and WARs are read as they are.",
                "Default: $SMARTMIGRATION_APP, else the CLI's own class path."})
    String app;

    /**
     * Finds the application's generated chain: in {@code --app}, which then stays open (and the thread's context
     * class loader) until {@code opened} is closed, or else on the CLI's own class path.
     *
     * @param opened receives the application's class path, to close it when the command ends
     * @param err    where a warning about mismatched versions goes
     * @return the chain
     */
    MigrationChain chain(Connections opened, PrintWriter err) {
        if (app == null || app.isBlank()) {
            try {
                return MigrationChain.generated();
            } catch (SmartMigrationException e) {
                if (e.code() == ErrorCode.CHAIN_NOT_FOUND && !e.details().containsKey("chains")
                        && AppClassPath.missingClass(e).isEmpty()) {
                    throw new SmartMigrationException(ErrorCode.CHAIN_NOT_FOUND, "no --app was given and the CLI's "
                            + "own class path holds no generated migration chain. Point the CLI at the application: "
                            + "--app target/app.jar, or its class path, --app 'app.jar:lib/*' (or set "
                            + "SMARTMIGRATION_APP).", Map.of(), e.getCause());
                }
                throw e;
            }
        }
        AppClassPath classPath = AppClassPath.open(app);
        opened.add(classPath);
        Optional<String> appRuntime = classPath.runtimeVersion();
        Optional<String> cliRuntime = AppClassPath.cliRuntimeVersion();
        if (appRuntime.isPresent() && cliRuntime.isPresent() && !appRuntime.equals(cliRuntime)) {
            err.println("smartmigration: warning: --app brings smartmigration-runtime " + appRuntime.get()
                    + " but this CLI runs " + cliRuntime.get() + ", which then runs the application's migrations. "
                    + "Use the CLI of the application's version (smartmigration-cli-" + appRuntime.get() + ".jar) "
                    + "when the two may differ.");
        }
        return classPath.chain();
    }

    /**
     * The application's chain on the stores the connection options name: where every command that reads or runs
     * the chain starts.
     *
     * @param connection the store options
     * @param opened     receives the clients and the application's class path, to close them when the command ends
     * @param err        where a warning about mismatched versions goes
     * @return the chain, and a configuration builder with it and the stores set; the caller sets the target
     */
    Configured configure(ConnectionOptions connection, Connections opened, PrintWriter err) {
        MigrationChain chain = chain(opened, err);
        return new Configured(chain, connection.configure(opened).chain(chain));
    }

    /**
     * The application's chain, and a configuration of it on the command's stores.
     *
     * @param chain   the chain
     * @param builder a builder with the chain and the stores set
     */
    record Configured(MigrationChain chain, MigrationConfig.Builder builder) {
    }
}
