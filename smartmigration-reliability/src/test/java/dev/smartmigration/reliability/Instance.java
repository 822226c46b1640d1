package dev.smartmigration.reliability;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One application instance in its own JVM, started by the scenarios with {@link ChildJvm}: it connects to the
 * store named in its arguments, runs a scenario chain with {@link MigrationRuntime#run} and exits.
 *
 * <p>Arguments are {@code key=value}: {@code store} ({@code mongo} or {@code s3}) with its connection
 * arguments (see {@link Connection}), {@code ns} (database / ledger name), {@code owner}, {@code ttlMs},
 * {@code waitMs}, {@code scenario} ({@code steps}, {@code items} or {@code walk}) and, for {@code items},
 * {@code items}, {@code batch} and {@code delayMs}; for {@code walk}, {@code perSecond}.
 *
 * <p>Prints progress lines ({@code CHECKPOINT next=40}, or {@code WALKED done=1500} from the walk's progress
 * events) and finally {@code RESULT code=OK} or
 * {@code RESULT code=<ErrorCode>}. Exit status: 0 on success, {@link #exitStatus} of the error code otherwise,
 * 2 for any other exception.
 */
public final class Instance {

    private Instance() {
    }

    /**
     * @param args {@code key=value} pairs
     */
    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int status;
        try (Connection connection = Connection.open(a)) {
            String ns = a.get("ns");
            String owner = a.get("owner");
            MigrationConfig.Builder config = connection.config(ns)
                    .owner(owner)
                    .lockTtl(Duration.ofMillis(Long.parseLong(a.get("ttlMs"))))
                    .lockWait(Duration.ofMillis(Long.parseLong(a.get("waitMs"))));
            if (a.get("scenario").equals("steps")) {
                config.targetVersion(ScenarioChains.STEPS_TARGET)
                        .chain(ScenarioChains.steps(ctx -> connection.marks(ctx, ns), owner));
            } else if (a.get("scenario").equals("walk")) {
                config.targetVersion(WalkRun.TARGET)
                        .chain(WalkRun.chain(a.get("store"), ns, Double.parseDouble(a.get("perSecond"))))
                        .listener(event -> {
                            if (event instanceof MigrationEvent.BatchProgress p && !p.finished()) {
                                say(WalkRun.progressLine(p.done()));
                            }
                        });
            } else {
                config.targetVersion(ScenarioChains.ITEMS_TARGET).chain(ScenarioChains.items(
                        ctx -> connection.marks(ctx, ns), owner, Integer.parseInt(a.get("items")),
                        Integer.parseInt(a.get("batch")), Long.parseLong(a.get("delayMs")),
                        next -> say("CHECKPOINT next=" + next)));
            }
            MigrationResult result = MigrationRuntime.run(config.build());
            say("RESULT code=OK applied=" + result.stepsApplied().size() + " upToDate=" + result.wasUpToDate());
            status = 0;
        } catch (SmartMigrationException e) {
            e.printStackTrace();
            say("RESULT code=" + e.code());
            status = exitStatus(e.code());
        } catch (Throwable t) {
            t.printStackTrace();
            say("RESULT code=UNEXPECTED " + t);
            status = 2;
        }
        System.exit(status);
    }

    /**
     * @param code an error code
     * @return the exit status an instance ends with for it
     */
    static int exitStatus(ErrorCode code) {
        return 10 + code.ordinal();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
