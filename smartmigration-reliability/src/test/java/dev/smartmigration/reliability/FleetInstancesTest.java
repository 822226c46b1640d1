package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.FleetConfig;
import dev.smartmigration.runtime.FleetInfo;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import dev.smartmigration.runtime.TenantInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fleets across JVMs ({@link MigrationRuntime#runFleet}): instances in separate JVMs, told to start at the same moment,
 * each migrating the same {@value #TENANTS} tenants (a database or key prefix each, with its own ledger) with a
 * three-step chain whose steps leave marks in the tenant's store.
 * <ul>
 *   <li>{@value #INSTANCES} instances: every step ran exactly once per tenant, every tenant is at the target, and
 *       each tenant was migrated by exactly one instance (the others found it current or finished by another);
 *   <li>one of three instances killed with SIGKILL inside a step: the others set its tenants aside, wait out its
 *       leases (the store's ttl) and finish them; every tenant at the target, each step recorded once, and only a
 *       step the dead instance was inside may have left a second mark;
 *   <li>one tenant's step fails: every other tenant reaches the target, each instance fails with
 *       {@code FLEET_FAILED} naming that tenant, and its ledger records the failure.
 * </ul>
 * Rounds: {@code reliability.fleetRounds}.
 */
class FleetInstancesTest {

    static final int TENANTS = 50;
    static final int INSTANCES = 4;
    private static final int PARALLELISM = 4;
    /** How long after launch the children start together: room for a JVM to start on a busy machine. */
    private static final long START_DELAY_MS = 2500;

    @Test
    void mongo_fourJvmsOnFiftyTenants_runEveryStepOncePerTenant() {
        try (MongoStore store = MongoStore.start()) {
            shareTheWork(store);
        }
    }

    @Test
    @Tag("s3")
    void s3_fourJvmsOnFiftyTenants_runEveryStepOncePerTenant() {
        try (S3Store store = S3Store.start()) {
            shareTheWork(store);
        }
    }

    @Test
    void mongo_oneJvmKilledMidFleet_theOthersFinishItsTenantsAfterItsLeasesExpire() {
        try (MongoStore store = MongoStore.start()) {
            killOne(store);
        }
    }

    @Test
    @Tag("s3")
    void s3_oneJvmKilledMidFleet_theOthersFinishItsTenantsAfterItsLeasesExpire() {
        try (S3Store store = S3Store.start()) {
            killOne(store);
        }
    }

    @Test
    void mongo_oneTenantFails_theOthersReachTheTarget_andEveryInstanceNamesIt() {
        try (MongoStore store = MongoStore.start()) {
            oneTenantFails(store);
        }
    }

    @Test
    @Tag("s3")
    void s3_oneTenantFails_theOthersReachTheTarget_andEveryInstanceNamesIt() {
        try (S3Store store = S3Store.start()) {
            oneTenantFails(store);
        }
    }

    static void shareTheWork(StoreUnderTest store) {
        int rounds = Figures.setting("reliability.fleetRounds", 1);
        long started = System.nanoTime();
        List<Integer> split = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String ns = store.newNamespace();
            long goAt = System.currentTimeMillis() + START_DELAY_MS;
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    children.add(start(store, "fleet-" + store.name() + "-" + round + "-" + i, ns, "instance-" + i,
                            TENANTS, 20, null, goAt));
                }
                int migrated = 0;
                for (ChildJvm child : children) {
                    assertEquals("OK", child.awaitResult(Duration.ofMinutes(3)), child.describe());
                    int n = fleetCount(child, "migrated");
                    split.add(n);
                    migrated += n;
                }
                assertEquals(TENANTS, migrated, "round " + round + ": each tenant migrated by exactly one instance, "
                        + "split " + split);
            } finally {
                children.forEach(ChildJvm::close);
            }
            for (String tenant : tenants(TENANTS)) {
                Map<String, Integer> marks = store.tenantMarks(ns, tenant).count("step");
                assertEquals(stepsOnce(), marks, "round " + round + ", tenant " + tenant);
                assertAtTargetWithEachStepAppliedOnce(store, ns, tenant);
            }
        }
        Figures.record("fleet, instances sharing the work", store.name(), "rounds", rounds, "processes",
                rounds * INSTANCES, "tenants", rounds * TENANTS, "steps run", rounds * TENANTS * 3, "steps lost", 0,
                "steps run twice", 0, "tenants migrated per instance", split,
                "seconds", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    static void killOne(StoreUnderTest store) {
        int rounds = Figures.setting("reliability.fleetRounds", 1);
        int takenOver = 0;
        int marksTwice = 0;
        for (int round = 1; round <= rounds; round++) {
            String ns = store.newNamespace();
            long goAt = System.currentTimeMillis() + START_DELAY_MS;
            String name = "fleet-kill-" + store.name() + "-" + round;
            List<String> victimSteps;
            List<ChildJvm> survivors = new ArrayList<>();
            try (ChildJvm victim = start(store, name + "-killed", ns, "victim", TENANTS, 400, null, goAt)) {
                for (int i = 0; i < 2; i++) {
                    survivors.add(start(store, name + "-" + i, ns, "survivor-" + i, TENANTS, 20, null, goAt));
                }
                victim.awaitLines(l -> l.startsWith("STEP "), 3, Duration.ofSeconds(60));
                victim.kill();
                victimSteps = victim.lines(l -> l.startsWith("STEP "));
                for (ChildJvm survivor : survivors) {
                    assertEquals("OK", survivor.awaitResult(Duration.ofMinutes(3)), survivor.describe());
                }
            } finally {
                survivors.forEach(ChildJvm::close);
            }
            Map<String, String> lastStepOfVictim = new HashMap<>();
            for (String[] step : stepLines(victimSteps)) {
                lastStepOfVictim.put(step[0], step[1]);
            }
            for (String tenant : tenants(TENANTS)) {
                Map<String, Integer> marks = store.tenantMarks(ns, tenant).count("step");
                assertEquals(stepsOnce().keySet(), marks.keySet(), "round " + round + ", tenant " + tenant + ": "
                        + marks);
                for (Map.Entry<String, Integer> m : marks.entrySet()) {
                    boolean inFlight = m.getKey().equals(lastStepOfVictim.get(tenant));
                    assertTrue(m.getValue() == 1 || inFlight && m.getValue() == 2, "round " + round + ", tenant "
                            + tenant + ": " + marks + "; the victim was last in " + lastStepOfVictim.get(tenant));
                    marksTwice += m.getValue() - 1;
                }
                MigrationInfo info = assertAtTargetWithEachStepAppliedOnce(store, ns, tenant);
                String inFlight = lastStepOfVictim.get(tenant);
                if (inFlight != null && !appliedBy(info, inFlight).equals("victim")) {
                    takenOver++;
                }
            }
        }
        assertTrue(takenOver >= rounds, "in each round a step the victim was inside was finished by a survivor: "
                + takenOver);
        Figures.record("fleet, one instance killed (SIGKILL) mid-fleet", store.name(), "rounds", rounds,
                "processes", rounds * 3, "kills", rounds, "tenants", rounds * TENANTS,
                "steps in flight at the kill, finished by a survivor after the ttl", takenOver, "steps lost", 0,
                "marks left twice (step in flight at the kill)", marksTwice);
    }

    static void oneTenantFails(StoreUnderTest store) {
        int tenantCount = 20;
        String bad = Instance.tenant(7);
        String ns = store.newNamespace();
        long goAt = System.currentTimeMillis() + START_DELAY_MS;
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(start(store, "fleet-fail-" + store.name() + "-" + i, ns, "instance-" + i, tenantCount, 5,
                        bad, goAt));
            }
            for (ChildJvm child : children) {
                assertEquals("FLEET_FAILED", child.awaitResult(Duration.ofMinutes(3)), child.describe());
                String fleetLine = child.awaitLine(l -> l.startsWith("FLEET "), Duration.ZERO);
                assertTrue(fleetLine.endsWith(" failed=" + bad), fleetLine);
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        FleetInfo info = MigrationRuntime.infoFleet(FleetConfig.builder().tenants(tenants(tenantCount))
                .config(t -> store.tenantConfig(ns, t).targetVersion(ScenarioChains.FLEET_TARGET)
                        .chain(ScenarioChains.fleet(ctx -> null, "parent", 0, null, s -> { })).build())
                .build());
        assertEquals(Map.of(ScenarioChains.FLEET_TARGET, tenantCount - 1, "1.1.0", 1), info.countsByVersion());
        assertEquals(List.of(bad), info.failed().stream().map(TenantInfo::tenant).toList());
        StepInfo failedStep = info.failed().get(0).info().orElseThrow().steps().get(1);
        assertTrue(failedStep.lastAttempt().flatMap(StepAttempt::rootCause).orElseThrow()
                .contains("has a broken record"), failedStep.toString());
        assertEquals(Map.of(ScenarioChains.stepId(0), 1), store.tenantMarks(ns, bad).count("step"));
        Figures.record("fleet, one tenant failing", store.name(), "processes", 2, "tenants", tenantCount,
                "tenants at the target", tenantCount - 1, "instances naming the failed tenant", 2);
    }

    private static ChildJvm start(StoreUnderTest store, String name, String ns, String owner, int tenants,
                                  long delayMs, String failTenant, long goAt) {
        List<String> args = new ArrayList<>(store.childArgs());
        args.addAll(List.of("ns=" + ns, "owner=" + owner, "ttlMs=" + store.ttlMs(), "waitMs=120000", "scenario=fleet",
                "tenants=" + tenants, "parallelism=" + PARALLELISM, "delayMs=" + delayMs, "goAt=" + goAt));
        if (failTenant != null) {
            args.add("failTenant=" + failTenant);
        }
        return ChildJvm.start(name, args);
    }

    private static List<String> tenants(int count) {
        return IntStream.range(0, count).mapToObj(Instance::tenant).toList();
    }

    private static Map<String, Integer> stepsOnce() {
        Map<String, Integer> once = new HashMap<>();
        for (int s = 0; s < ScenarioChains.FLEET_STEP_COUNT; s++) {
            once.put(ScenarioChains.stepId(s), 1);
        }
        return once;
    }

    /** @return each {@code STEP <tenant> <step>} line as {tenant, step} */
    private static List<String[]> stepLines(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("STEP ")).map(l -> l.substring(5).split(" ")).toList();
    }

    /** @return the number a child's {@code FLEET} line gives for {@code key} */
    private static int fleetCount(ChildJvm child, String key) {
        String line = child.awaitLine(l -> l.startsWith("FLEET "), Duration.ZERO);
        for (String field : line.split(" ")) {
            if (field.startsWith(key + "=")) {
                return Integer.parseInt(field.substring(key.length() + 1));
            }
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    private static MigrationInfo assertAtTargetWithEachStepAppliedOnce(StoreUnderTest store, String ns,
                                                                       String tenant) {
        MigrationInfo info = MigrationRuntime.info(store.tenantConfig(ns, tenant)
                .targetVersion(ScenarioChains.FLEET_TARGET)
                .chain(ScenarioChains.fleet(ctx -> null, "parent", 0, null, s -> { })).build());
        assertEquals(Optional.of(ScenarioChains.FLEET_TARGET), info.currentVersion(), tenant);
        Set<String> applied = new HashSet<>();
        for (StepInfo step : info.steps()) {
            long n = step.attempts().stream().filter(a -> a.status() == StepAttempt.Status.APPLIED).count();
            assertEquals(1, n, tenant + ": APPLIED records of " + step.id());
            applied.add(step.id());
        }
        assertEquals(stepsOnce().keySet(), applied, tenant);
        assertTrue(info.lock().isEmpty(), tenant + ": lock released");
        return info;
    }

    private static String appliedBy(MigrationInfo info, String stepId) {
        return info.steps().stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow().attempts().stream()
                .filter(a -> a.status() == StepAttempt.Status.APPLIED).findFirst().orElseThrow().owner();
    }
}
