package dev.smartmigration.examples.quickstart;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The quickstart: brings the data to the version this release expects, as an application does at start-up,
 * and prints one line about what it did.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/quickstart -am package -DskipTests
 * java -jar examples/quickstart/target/smartmigration-quickstart.jar
 * }</pre>
 *
 * <p>By default MongoDB and S3 are embedded servers keeping their data in {@code target/quickstart-data}, so
 * the first run migrates and the second finds the data current. Set {@code MONGODB_URI} and/or
 * {@code S3_BUCKET} (see {@link Stores}) to use real services. Arguments:
 * {@code --target=<version>} (default {@value #TARGET_VERSION}; {@code 1.2.0} acts as the previous release),
 * {@code --data-dir=<dir>}, and {@code --status}, which only prints where the data stands.
 */
public final class QuickstartApp {

    /** The data version this release of the application expects. */
    public static final String TARGET_VERSION = "1.3.0";

    private QuickstartApp() {
    }

    /**
     * Runs the migrations and prints one line, e.g. {@code smartmigration: fresh -> 1.3.0 (4 steps in 180 ms)}.
     *
     * @param args {@code --target=<version>} and {@code --data-dir=<dir>}, both optional
     */
    public static void main(String[] args) {
        System.out.println(run(args, System.getenv()));
    }

    /**
     * @param args as for {@link #main}
     * @param env  the environment variables {@link Stores} reads
     * @return the line {@link #main} prints
     */
    static String run(String[] args, Map<String, String> env) {
        String target = TARGET_VERSION;
        Path dataDir = defaultDataDir();
        boolean statusOnly = false;
        for (String arg : args) {
            if (arg.startsWith("--target=")) {
                target = arg.substring("--target=".length());
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.equals("--status")) {
                statusOnly = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + "; usage: QuickstartApp [--target=<version>] [--data-dir=<dir>] [--status]");
            }
        }
        try (Stores stores = Stores.open(env, dataDir)) {
            if (statusOnly) {
                return status(stores);
            }
            SampleData.writeIfEmpty(stores.mongo().getDatabase(stores.database()), stores.s3(), stores.bucket());
            MigrationResult result = migrate(stores, target);
            for (EditedStep step : result.editedSteps()) {   // applied steps whose code changed since they ran
                System.err.println("smartmigration: data may differ from a fresh install: " + step.describe());
            }
            return summary(result);
        }
    }

    static MigrationResult migrate(Stores stores, String targetVersion) {
        MigrationConfig config = MigrationConfig.builder()
                .targetVersion(targetVersion)               // the data version this release expects
                .mongo(stores.mongo(), stores.database())   // the ledger is kept here
                .s3(stores.s3(), stores.bucket())           // steps get ctx.s3() and ctx.bucket()
                .build();                                   // the steps: GeneratedMigrationChain
        return MigrationRuntime.run(config);                // at start-up, on every instance
    }

    static String status(Stores stores) {
        MigrationConfig config = MigrationConfig.builder()      // no target: the steps are judged against the chain's end
                .mongo(stores.mongo(), stores.database())
                .s3(stores.s3(), stores.bucket())
                .build();
        MigrationInfo info = MigrationRuntime.info(config);    // reads the ledger: no lock, no write
        StringBuilder out = new StringBuilder("data version " + info.currentVersion().orElse("none")
                + ", target " + info.targetVersion().orElse("none") + ": " + info.targetStatus());
        for (StepInfo step : info.steps()) {
            out.append("\n  ").append(step.id()).append(" (").append(step.from()).append(" -> ").append(step.to())
                    .append("): ").append(step.state());
            step.lastAttempt().flatMap(StepAttempt::rootCause).ifPresent(cause -> out.append(", failed: ").append(cause));
        }
        info.lock().ifPresent(lock -> out.append("\n  locked by ").append(lock.owner()).append(" until ")
                .append(lock.expiresAt()));
        return out.toString();
    }

    static String summary(MigrationResult result) {
        long ms = result.totalDuration().toMillis();
        if (result.wasUpToDate()) {
            return "smartmigration: " + result.currentVersionAfter() + " is current (no-op in " + ms + " ms)";
        }
        if (result.ledgerAheadOfTarget()) {   // an older release starting during a rolling deploy
            return "smartmigration: " + result.currentVersionBefore() + " is ahead of this release's "
                    + result.targetVersion() + " (left alone in " + ms + " ms)";
        }
        int steps = result.stepsApplied().size();
        String from = result.currentVersionBefore() == null ? "fresh" : result.currentVersionBefore();
        return "smartmigration: " + from + " -> " + result.currentVersionAfter()
                + " (" + steps + (steps == 1 ? " step" : " steps") + " in " + ms + " ms)";
    }

    private static Path defaultDataDir() {
        try {
            Path classes = Path.of(QuickstartApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().resolve("quickstart-data");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the quickstart's own classes", e);
        }
    }
}
