package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fleet scenarios every ledger must pass through {@link MigrationRuntime#runFleet}, shared by the MongoDB and S3
 * tests. The store side says how a tenant's stores are configured and where a step finds itself.
 */
final class FleetScenarios {

    /** A tenant's stores on the ledger's store under test. */
    interface Store {
        /**
         * @param tenant a tenant of this scenario
         * @return a configuration with the tenant's stores (its database, or its bucket and key prefix)
         */
        MigrationConfig.Builder stores(String tenant);

        /**
         * @param ctx a running step's context
         * @return where the step's stores are: the database's name, or the key prefix
         */
        String where(MigrationContext ctx);

        /**
         * @param tenant a tenant
         * @return what {@link #where} says for its steps
         */
        String whereOf(String tenant);

        /** @return a lease ttl short enough for a test and long enough for this store's clock */
        Duration ttl();

        /**
         * @param tenant a tenant
         * @return its ledger, to hold its lock as another instance would
         */
        Ledger ledger(String tenant);
    }

    private final Store store;
    /** Each step run, as {@code tenant/step@where}. */
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    /** Each tenant's run events, as its configuration's listener received them. */
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();

    FleetScenarios(Store store) {
        this.store = store;
    }

    /** 1.0.0 -a-> 1.1.0 -b-> 1.2.0 -c-> 2.0.0; each step records its tenant and stores; b fails for "failing". */
    MigrationChain chain() {
        return MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> record(ctx))
                .step("b").from("1.1.0").to("1.2.0").up(ctx -> {
                    if (failing.contains(ctx.tenant().orElseThrow())) {
                        throw new IllegalStateException("tenant " + ctx.tenant().orElseThrow() + " cannot",
                                new java.io.IOException("disk full"));
                    }
                    record(ctx);
                })
                .step("c").from("1.2.0").to("2.0.0").up(ctx -> record(ctx))
                .build();
    }

    private void record(MigrationContext ctx) {
        runs.add(ctx.tenant().orElse("(none)") + "/" + ctx.step().id() + "@" + store.where(ctx));
    }

    FleetConfig.Builder fleet(List<String> tenants, MigrationChain chain) {
        return FleetConfig.builder().tenants(tenants).parallelism(3)
                .config(t -> store.stores(t).targetVersion("2.0.0").chain(chain).owner("fleet")
                        .lockTtl(store.ttl()).lockWait(Duration.ofSeconds(30))
                        .listener(e -> events.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>())
                                .add(e.getClass().getSimpleName()))
                        .build());
    }

    static List<String> tenants(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    /** Every tenant migrated, each step once per tenant, each seeing its own tenant and stores; order kept. */
    void everyTenantMigrated_eachStepOncePerTenant_seeingItsOwnStores(List<String> tenants) {
        FleetResult result = MigrationRuntime.runFleet(fleet(tenants, chain()).build());

        assertEquals(tenants, result.tenants().stream().map(TenantResult::tenant).toList(), "list order");
        assertEquals(tenants.size(), result.count(TenantOutcome.MIGRATED), result.toString());
        Set<String> expected = tenants.stream().flatMap(t -> List.of("a", "b", "c").stream()
                .map(s -> t + "/" + s + "@" + store.whereOf(t))).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(runs));
        assertEquals(expected.size(), runs.size(), "no step ran twice: " + runs);
        for (TenantResult t : result.tenants()) {
            assertEquals("2.0.0", t.result().orElseThrow().currentVersionAfter());
            assertEquals(3, t.result().orElseThrow().stepsApplied().size());
            assertTrue(t.error().isEmpty());
        }

        runs.clear();
        FleetResult again = MigrationRuntime.runFleet(fleet(tenants, chain()).build());
        assertEquals(tenants.size(), again.count(TenantOutcome.UP_TO_DATE), again.toString());
        assertEquals(List.of(), runs);
    }

    /**
     * One tenant's step fails: the others reach the target; the default policy throws FLEET_FAILED naming it (its
     * STEP_FAILED the cause); REPORT returns the same outcome. The failure is in the tenant's ledger.
     */
    void oneTenantFails_othersReachTheTarget_andTheFailureIsNamed(List<String> tenants) {
        String bad = tenants.get(1);
        failing.add(bad);

        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.runFleet(fleet(tenants, chain()).build()));
        assertEquals(ErrorCode.FLEET_FAILED, e.code());
        assertTrue(e.getMessage().contains("1 of " + tenants.size()), e.getMessage());
        assertTrue(e.getMessage().contains("tenant \"" + bad + "\": [smartmigration:STEP_FAILED]"), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), "root cause named: " + e.getMessage());
        assertEquals(bad, e.details().get("failedTenants"));
        SmartMigrationException cause = assertInstanceOf(SmartMigrationException.class, e.getCause());
        assertEquals(ErrorCode.STEP_FAILED, cause.code());

        FleetInfo info = MigrationRuntime.infoFleet(fleet(tenants, chain()).build());
        assertEquals(Map.of("2.0.0", tenants.size() - 1, "1.1.0", 1), info.countsByVersion());
        assertEquals(List.of(bad), info.failed().stream().map(TenantInfo::tenant).toList());
        assertEquals(List.of(), info.locked());

        FleetResult reported = MigrationRuntime.runFleet(fleet(tenants, chain())
                .failurePolicy(FleetConfig.FailurePolicy.REPORT).build());
        assertEquals(List.of(bad), reported.failed().stream().map(TenantResult::tenant).toList());
        assertEquals(ErrorCode.STEP_FAILED, reported.failed().get(0).error().orElseThrow().code());
        assertEquals(tenants.size() - 1, reported.count(TenantOutcome.UP_TO_DATE));

        failing.clear();
        FleetResult fixed = MigrationRuntime.runFleet(fleet(tenants, chain()).build());
        assertEquals(TenantOutcome.MIGRATED, fixed.tenants().get(1).outcome());
        assertEquals(List.of("b", "c"), fixed.tenants().get(1).result().orElseThrow().stepsApplied().stream()
                .map(StepResult::id).toList());
    }

    /**
     * Another instance holds one tenant: a single worker migrates every other tenant while that one stays held,
     * then waits for it at the end and reports it finished by the other instance, whose steps ran once.
     */
    void heldTenant_isPassedOver_andWaitedForAtTheEnd(List<String> tenants) throws Exception {
        String held = tenants.get(0);
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MigrationChain slow = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> {
                    inStep.countDown();
                    assertTrue(release.await(60, TimeUnit.SECONDS));
                    record(ctx);
                })
                .step("b").from("1.1.0").to("1.2.0").up(ctx -> record(ctx))
                .step("c").from("1.2.0").to("2.0.0").up(ctx -> record(ctx))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationResult> other = pool.submit(() -> MigrationRuntime.run(store.stores(held)
                    .targetVersion("2.0.0").chain(slow).owner("other").lockTtl(store.ttl()).build()));
            assertTrue(inStep.await(30, TimeUnit.SECONDS));
            Future<FleetResult> fleet = pool.submit(() -> MigrationRuntime.runFleet(fleet(tenants, chain())
                    .parallelism(1).build()));

            // Released only once the fleet has set the held tenant aside (its LockWaiting) and migrated the others:
            // released any sooner, the fleet could come to the held tenant after the other instance finished it.
            int others = (tenants.size() - 1) * 3;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((runs.size() < others || !events.getOrDefault(held, List.of()).contains("LockWaiting"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(others, runs.size(), "the other tenants were migrated while " + held + " was held: " + runs);
            assertTrue(events.getOrDefault(held, List.of()).contains("LockWaiting"), "set aside: " + events);
            assertFalse(fleet.isDone());
            release.countDown();

            assertEquals("2.0.0", other.get(60, TimeUnit.SECONDS).currentVersionAfter());
            FleetResult result = fleet.get(60, TimeUnit.SECONDS);
            assertEquals(TenantOutcome.FINISHED_BY_OTHER, result.tenants().get(0).outcome(), result.toString());
            assertEquals(tenants.size() - 1, result.count(TenantOutcome.MIGRATED), result.toString());
            // One run that waited; it may take the lock just after the other instance released it, and find the
            // data at the target under it.
            List<String> heldEvents = events.get(held);
            assertEquals(List.of("RunStarted", "LockWaiting"), heldEvents.subList(0, 2), heldEvents.toString());
            assertEquals("RunFinished", heldEvents.get(heldEvents.size() - 1), heldEvents.toString());
            assertTrue(heldEvents.size() == 3 || heldEvents.get(2).equals("LockAcquired") && heldEvents.size() == 4,
                    heldEvents.toString());
            assertEquals(List.of("RunStarted", "LockAcquired", "StepStarted", "StepApplied", "StepStarted",
                    "StepApplied", "StepStarted", "StepApplied", "RunFinished"), events.get(tenants.get(1)));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(tenants.size() * 3, runs.size(), "every step once per tenant: " + runs);
    }

    /** A tenant whose holder died: passed over, then its lease is waited out at the end and this instance runs it. */
    void deadHoldersTenant_isTakenOverOnceItsLeaseExpires(List<String> tenants) {
        String orphan = tenants.get(tenants.size() - 1);
        Ledger ledger = store.ledger(orphan);
        ledger.prepareLock();
        Lease dead = ledger.tryAcquire("dead-instance", store.ttl()).orElseThrow();
        assertEquals("dead-instance", dead.owner());

        FleetResult result = MigrationRuntime.runFleet(fleet(tenants, chain()).build());

        TenantResult taken = result.tenants().get(tenants.size() - 1);
        assertEquals(TenantOutcome.MIGRATED, taken.outcome(), result.toString());
        assertEquals(tenants.size(), result.count(TenantOutcome.MIGRATED));
        assertEquals(tenants.size() * 3, runs.size());
    }

    /** Two tenants configured onto one ledger: the second is refused, the first still runs. */
    void twoTenantsOnOneLedger_theSecondFailsWithInvalidOptions(List<String> tenants) {
        String first = tenants.get(0);
        FleetResult result = MigrationRuntime.runFleet(FleetConfig.builder().tenants(List.of(first, "copy"))
                .parallelism(1).failurePolicy(FleetConfig.FailurePolicy.REPORT)
                .config(t -> store.stores(first).targetVersion("2.0.0").chain(chain()).build()).build());

        assertEquals(1, result.count(TenantOutcome.MIGRATED), result.toString());
        SmartMigrationException e = result.failed().get(0).error().orElseThrow();
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("have the same ledger"), e.getMessage());
    }

    /** Dry run: every tenant planned, nothing run or written; info shows them all pending afterwards. */
    void dryRun_plansEveryTenant_andWritesNothing(List<String> tenants) {
        FleetResult result = MigrationRuntime.runFleet(FleetConfig.builder().tenants(tenants)
                .config(t -> store.stores(t).targetVersion("2.0.0").chain(chain()).dryRun(true).build()).build());

        assertEquals(tenants.size(), result.count(TenantOutcome.PLANNED), result.toString());
        assertEquals(3, result.tenants().get(0).result().orElseThrow().stepsSkipped().size());
        assertEquals(List.of(), runs);
        FleetInfo info = MigrationRuntime.infoFleet(fleet(tenants, chain()).build());
        assertEquals(tenants.size(), info.newLedgers().size());
        assertEquals(tenants.size(), info.withStatus(TargetStatus.MIGRATION_PENDING).size());
    }

    /**
     * The chain rebuilt with step b edited after every tenant applied it: each tenant's fast path (the head read,
     * compared with the digests the fleet computes once per chain) sends it to the full read, which reports the edit
     * per tenant, as a warning in its result, or as {@code MIGRATION_EDITED} naming the tenant.
     */
    void editedStep_isFoundInEveryTenant_throughTheFleetsSharedDigests(List<String> tenants) {
        assertEquals(tenants.size(), MigrationRuntime.runFleet(fleet(tenants, fingerprinted("v1:" + "b".repeat(64)))
                .build()).count(TenantOutcome.MIGRATED));
        MigrationChain edited = fingerprinted("v1:" + "e".repeat(64));

        FleetResult warned = MigrationRuntime.runFleet(fleet(tenants, edited).build());
        FleetResult failed = MigrationRuntime.runFleet(FleetConfig.builder().tenants(tenants)
                .failurePolicy(FleetConfig.FailurePolicy.REPORT)
                .config(t -> store.stores(t).targetVersion("2.0.0").chain(edited).failIfMigrationsEdited(true).build())
                .build());

        assertEquals(tenants.size(), warned.count(TenantOutcome.UP_TO_DATE), warned.toString());
        for (TenantResult t : warned.tenants()) {
            assertEquals(List.of("b"), t.result().orElseThrow().editedSteps().stream().map(EditedStep::id).toList());
        }
        assertEquals(tenants.size(), failed.failed().size(), failed.toString());
        for (TenantResult t : failed.tenants()) {
            SmartMigrationException e = t.error().orElseThrow();
            assertEquals(ErrorCode.MIGRATION_EDITED, e.code());
            assertTrue(e.getMessage().contains("Tenant \"" + t.tenant() + "\": "), e.getMessage());
        }
        MigrationResult fresh = MigrationRuntime.runFleet(fleet(tenants, fingerprinted("v1:" + "b".repeat(64)))
                .build()).tenants().get(0).result().orElseThrow();
        assertTrue(fresh.wasUpToDate() && fresh.editedSteps().isEmpty(), "the original code matches again");
    }

    /** 1.0.0 -a-> 1.1.0 -b-> 1.2.0 -c-> 2.0.0 with fingerprints, as a generated chain has them; b's is given. */
    private MigrationChain fingerprinted(String b) {
        return MigrationChain.builder()
                .add(new MigrationDefinition("a", "1.0.0", "1.1.0", "", false, () -> this::record,
                        "v1:" + "a".repeat(64)))
                .add(new MigrationDefinition("b", "1.1.0", "1.2.0", "", false, () -> this::record, b))
                .add(new MigrationDefinition("c", "1.2.0", "2.0.0", "", false, () -> this::record,
                        "v1:" + "c".repeat(64)))
                .build();
    }
}
