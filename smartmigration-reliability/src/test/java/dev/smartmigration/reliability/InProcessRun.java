package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * The items chain run in this JVM (for the store-fault scenarios, where the fault is injected from the test's
 * own thread), with bounded waits and the outcome reduced to {@code OK} or an error code that must be one of
 * the clear ones a store fault may cause.
 */
final class InProcessRun implements AutoCloseable {

    /** What a run hit by a store fault may end with, besides success. */
    static final Set<ErrorCode> STORE_FAULT_CODES =
            Set.of(ErrorCode.LEDGER_UNAVAILABLE, ErrorCode.STEP_FAILED, ErrorCode.LOCK_LOST);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "in-process-run");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Integer> outcomes = new TreeMap<>();

    /**
     * Starts the items chain.
     *
     * @param store    the store whose client the configuration uses (its marks, its namespace)
     * @param config   a configuration of the store with the ledger named for the round
     * @param ns       the round's namespace
     * @param delayMs  pause after each item
     * @param progress told each checkpoint once it is in the ledger
     * @return the run's outcome, once it ends
     */
    Future<String> start(StoreUnderTest store, MigrationConfig.Builder config, String ns, long delayMs,
                         IntConsumer progress) {
        MigrationConfig built = config.targetVersion(ScenarioChains.ITEMS_TARGET).owner("in-process")
                .lockTtl(Duration.ofMillis(store.ttlMs())).lockWait(Duration.ofSeconds(10))
                .chain(ScenarioChains.items(store.stepMarks(ns), "in-process", ItemsRun.ITEMS, ItemsRun.BATCH,
                        delayMs, progress))
                .build();
        return executor.submit(() -> outcome(built));
    }

    /**
     * @param run a started run that a fault hit
     * @return its outcome, counted in {@link #outcomes()}
     */
    String awaitFaulted(Future<String> run) {
        String outcome = await(run);
        outcomes.merge(outcome, 1, Integer::sum);
        return outcome;
    }

    /**
     * @param run a started run
     * @return its outcome
     */
    String await(Future<String> run) {
        try {
            return run.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("the run did not end within 90 s", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the run threw something other than SmartMigrationException", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return how often each outcome was seen in {@link #awaitFaulted} */
    Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /**
     * Checks that the ledger reads back clean after a fault and returns where the step had got to.
     *
     * @param store   the store
     * @param ns      the round's namespace
     * @param outcome what the faulted run ended with
     * @return the stored checkpoint; {@link ItemsRun#ITEMS} when the step was recorded as done; 0 when no checkpoint
     *         is stored: the fault failed the run before its first checkpoint, or before its first ledger write (a
     *         read, or the S3 ledger's conditional-write probe), so that no ledger exists
     */
    static int progressAfterFault(StoreUnderTest store, String ns, String outcome) {
        MigrationInfo info = ItemsRun.info(store, ns);
        if (info.currentVersion().filter(ScenarioChains.ITEMS_TARGET::equals).isPresent()) {
            return ItemsRun.ITEMS;
        }
        String json = ItemsRun.itemsStep(info).checkpoints().get("next");
        if (json == null) {
            assertNotEquals("OK", outcome, "a run that succeeded left the ledger short of the target");
            return 0;
        }
        return Integer.parseInt(json);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static String outcome(MigrationConfig config) {
        try {
            MigrationRuntime.run(config);
            return "OK";
        } catch (SmartMigrationException e) {
            if (!STORE_FAULT_CODES.contains(e.code())) {
                fail("a store fault ended the run with " + e.code() + ", which is not one of " + STORE_FAULT_CODES,
                        e);
            }
            assertTrue(e.getMessage().startsWith("[smartmigration:" + e.code() + "]"), e.getMessage());
            if (e.code() != ErrorCode.LOCK_LOST) {
                assertNotNull(e.getCause(), "no root cause: " + e.getMessage());
            }
            return e.code().name();
        }
    }
}
