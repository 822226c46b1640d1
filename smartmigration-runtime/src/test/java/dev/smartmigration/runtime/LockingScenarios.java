package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Locking scenarios every ledger must pass through {@link MigrationRuntime}, shared by the MongoDB and S3 tests.
 * The caller supplies the configuration (store, ledger name, ttl) per instance and the ledger to inspect.
 */
final class LockingScenarios {

    private LockingScenarios() {
    }

    /**
     * Many instances boot at once: every step runs exactly once, every instance returns at the target and the
     * lock is released.
     *
     * @param configOf per instance index, a configuration using the given chain
     */
    static void manyInstancesAtOnce_runEachStepExactlyOnce(int instances,
            BiFunction<Integer, MigrationChain, MigrationConfig> configOf, Ledger ledger) throws Exception {
        Map<String, AtomicInteger> runs = Map.of("a", new AtomicInteger(), "b", new AtomicInteger(),
                "c", new AtomicInteger());
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> {
                    runs.get("a").incrementAndGet();
                    Thread.sleep(100);
                })
                .step("b").from("1.1.0").to("1.2.0").up(ctx -> runs.get("b").incrementAndGet())
                .step("c").from("1.2.0").to("2.0.0").resumable().up(ctx -> {
                    ctx.checkpoint().write("half", true);
                    runs.get("c").incrementAndGet();
                })
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CyclicBarrier start = new CyclicBarrier(instances);
            List<Future<MigrationResult>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                MigrationConfig config = configOf.apply(i, chain);
                results.add(pool.submit(() -> {
                    start.await();
                    return MigrationRuntime.run(config);
                }));
            }
            int applied = 0;
            for (Future<MigrationResult> f : results) {
                MigrationResult r = f.get(120, TimeUnit.SECONDS);
                assertEquals("2.0.0", r.currentVersionAfter());
                applied += r.stepsApplied().size();
            }
            assertEquals(3, applied);
        } finally {
            pool.shutdownNow();
        }
        runs.forEach((step, count) -> assertEquals(1, count.get(), "runs of step " + step));
        LedgerSnapshot s = ledger.read().orElseThrow();
        assertEquals("2.0.0", s.state().version());
        assertEquals(3, s.state().history().size());
        assertTrue(s.lockInfo().isEmpty());
    }

    /**
     * A step runs longer than the lease would live without heartbeats; meanwhile a second instance gives up
     * with {@code LOCK_TIMEOUT} naming the first as holder, and the step runs once.
     *
     * @param configOf   per owner ({@code "first"}, {@code "second"}), a configuration using the given chain
     * @param stepMillis how long the step runs: more than the lease lives unrenewed on this store
     */
    static void stepLongerThanLockTtl_keepsTheLockThroughHeartbeats(
            BiFunction<String, MigrationChain, MigrationConfig.Builder> configOf, long stepMillis, Ledger ledger) {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<SmartMigrationException> secondInstance = new AtomicReference<>();
        AtomicReference<MigrationConfig> otherConfig = new AtomicReference<>();
        MigrationChain chain = MigrationChain.builder()
                .step("slow").from("1.0.0").to("1.1.0").up(ctx -> {
                    if (runs.incrementAndGet() > 1) {
                        return;
                    }
                    Thread.sleep(stepMillis);
                    secondInstance.set(assertThrows(SmartMigrationException.class,
                            () -> MigrationRuntime.run(otherConfig.get())));
                })
                .build();
        otherConfig.set(configOf.apply("second", chain).owner("second").lockWait(Duration.ofMillis(300)).build());

        MigrationResult r = MigrationRuntime.run(configOf.apply("first", chain).owner("first").build());

        assertEquals(1, runs.get());
        assertEquals(ErrorCode.LOCK_TIMEOUT, secondInstance.get().code());
        assertEquals("first", secondInstance.get().details().get("holder"));
        assertEquals("1.1.0", r.currentVersionAfter());
        assertEquals(1, ledger.read().orElseThrow().state().history().size());
    }
}
