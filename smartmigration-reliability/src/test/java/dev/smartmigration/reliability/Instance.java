package dev.smartmigration.reliability;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.FleetConfig;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.TenantOutcome;
import dev.smartmigration.runtime.TenantResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One application instance in its own JVM, started by the scenarios with {@link ChildJvm}: it connects to the
 * store named in its arguments, runs a scenario chain with {@link MigrationRuntime#run} and exits.
 *
 * <p>Arguments are {@code key=value}: {@code store} ({@code mongo} or {@code s3}) with its connection
 * arguments (see {@link Connection}), {@code ns} (database / ledger name), {@code owner}, {@code ttlMs},
 * {@code waitMs}, {@code scenario} ({@code steps}, {@code items}, {@code walk} or {@code fleet}) and, for
 * {@code items}, {@code items}, {@code batch} and {@code delayMs}; for {@code walk}, {@code perSecond}; for
 * {@code fleet} ({@link MigrationRuntime#runFleet} over {@code tenants} tenants {@code t00}, {@code t01}, ..., each
 * with its own stores), {@code tenants}, {@code parallelism}, {@code delayMs}, {@code goAt} (the epoch millisecond
 * at which all instances of a round start, once their JVMs are up) and optionally {@code failTenant}.
 *
 * <p>Prints progress lines ({@code CHECKPOINT next=40}; {@code WALKED done=1500} from a walk's progress events; for
 * a fleet {@code STEP t07 step-02} as a step starts and {@code FLEET migrated=12 ...} at the end) and finally
 * {@code RESULT code=OK} or {@code RESULT code=<ErrorCode>}. Exit status: 0 on success, {@link #exitStatus} of the
 * error code otherwise,
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
            if (a.get("scenario").equals("fleet")) {
                runFleet(connection, a, ns, owner);
            } else {
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
            }
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
     * Runs the fleet scenario as an application would: the default failure policy, and a fleet listener that prints
     * how the tenants ended (the {@code FleetFinished} event comes also when the call throws {@code FLEET_FAILED}).
     */
    private static void runFleet(Connection connection, Map<String, String> a, String ns, String owner) {
        int count = Integer.parseInt(a.get("tenants"));
        List<String> tenants = IntStream.range(0, count).mapToObj(Instance::tenant).toList();
        MigrationChain chain = ScenarioChains.fleet(connection::tenantMarks, owner, Long.parseLong(a.get("delayMs")),
                a.get("failTenant"), started -> say("STEP " + started));
        FleetConfig fleet = FleetConfig.builder()
                .tenants(tenants)
                .parallelism(Integer.parseInt(a.get("parallelism")))
                .config(t -> connection.tenantConfig(ns, t).targetVersion(ScenarioChains.FLEET_TARGET).chain(chain)
                        .owner(owner).lockTtl(Duration.ofMillis(Long.parseLong(a.get("ttlMs"))))
                        .lockWait(Duration.ofMillis(Long.parseLong(a.get("waitMs")))).build())
                .listener(event -> {
                    if (event instanceof MigrationEvent.FleetFinished finished) {
                        FleetResult r = finished.result();
                        say("FLEET migrated=" + r.count(TenantOutcome.MIGRATED) + " current="
                                + r.count(TenantOutcome.UP_TO_DATE) + " other=" + r.count(TenantOutcome.FINISHED_BY_OTHER)
                                + " failed=" + r.failed().stream().map(TenantResult::tenant)
                                .collect(Collectors.joining(",")));
                    }
                })
                .build();
        long wait = Long.parseLong(a.get("goAt")) - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before the fleet started", e);
            }
        }
        MigrationRuntime.runFleet(fleet);
        say("RESULT code=OK");
    }

    /**
     * @param i a tenant's number
     * @return its id in the fleet scenarios
     */
    static String tenant(int i) {
        return String.format("t%02d", i);
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
