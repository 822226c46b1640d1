package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ScenarioChains#items} scenario shared by the crash and pause tests: {@value #ITEMS} items in
 * batches of {@value #BATCH}, a checkpoint after each batch, the store's short lease ttl.
 */
final class ItemsRun {

    static final int ITEMS = 200;
    static final int BATCH = 10;

    private ItemsRun() {
    }

    /**
     * Starts an instance running the items chain.
     *
     * @param store   the ledger's store
     * @param name    the child's name (log file)
     * @param ns      the round's namespace
     * @param owner   the instance's owner name, recorded in the ledger and in its marks
     * @param waitMs  its lockWait
     * @param delayMs its pause after each item
     * @return the child
     */
    static ChildJvm start(StoreUnderTest store, String name, String ns, String owner, long waitMs, long delayMs) {
        List<String> args = new ArrayList<>(store.childArgs());
        args.addAll(List.of("ns=" + ns, "owner=" + owner, "ttlMs=" + store.ttlMs(), "waitMs=" + waitMs, "scenario=items",
                "items=" + ITEMS, "batch=" + BATCH, "delayMs=" + delayMs));
        return ChildJvm.start(name, args);
    }

    /**
     * @param checkpoint a checkpoint value
     * @return the progress line an instance prints once that checkpoint is in the ledger
     */
    static String checkpointLine(int checkpoint) {
        return "CHECKPOINT next=" + checkpoint;
    }

    /**
     * @param store the ledger's store
     * @param ns    the round's namespace
     * @return where the ledger stands, as the parent reads it
     */
    static MigrationInfo info(StoreUnderTest store, String ns) {
        return MigrationRuntime.info(config(store, ns));
    }

    /**
     * @param info what {@link #info} returned
     * @return the items step
     */
    static StepInfo itemsStep(MigrationInfo info) {
        return info.steps().stream().filter(s -> s.id().equals(ScenarioChains.ITEMS_STEP)).findFirst().orElseThrow();
    }

    /**
     * @param store the ledger's store
     * @param ns    the round's namespace
     * @return the step's stored {@code next} checkpoint
     * @throws AssertionError when there is none (the fault did not land inside the step)
     */
    static int lastCheckpoint(StoreUnderTest store, String ns) {
        String json = itemsStep(info(store, ns)).checkpoints().get("next");
        assertTrue(json != null, "no checkpoint in the ledger: the fault did not land inside the step");
        return Integer.parseInt(json);
    }

    /**
     * Checks the per-item counts after a fault at checkpoint {@code last} and a completed resume: no item was
     * skipped, none before {@code last} or after its batch was done twice, and the batch in flight at most twice.
     *
     * @param store the ledger's store
     * @param ns    the round's namespace
     * @param last  the checkpoint stored when the fault hit
     * @return how many items of the batch in flight were done twice
     */
    static int checkItems(StoreUnderTest store, String ns, int last) {
        assertEquals(Optional.of(ScenarioChains.ITEMS_TARGET), info(store, ns).currentVersion());
        Map<String, Integer> counts = store.marks(ns).count("item");
        int twice = 0;
        for (int i = 0; i < ITEMS; i++) {
            int n = counts.getOrDefault(ScenarioChains.itemKey(i), 0);
            boolean inFlight = i >= last && i < last + BATCH;
            assertTrue(n >= 1, "item " + i + " was skipped (last checkpoint " + last + ")");
            assertTrue(n <= (inFlight ? 2 : 1), "item " + i + " was done " + n + " times (last checkpoint "
                    + last + ", batch " + BATCH + ")");
            twice += n - 1;
        }
        assertEquals(ITEMS, counts.size(), "unexpected item keys: " + counts.keySet());
        return twice;
    }

    /**
     * @param marks the round's marks
     * @return how many item marks there are in all
     */
    static int totalItemMarks(Marks marks) {
        return marks.count("item").values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * @param store the ledger's store
     * @param ns    the round's namespace
     * @return the configuration the parent reads the round's ledger with (its chain is the items chain)
     */
    static MigrationConfig config(StoreUnderTest store, String ns) {
        return store.config(ns).targetVersion(ScenarioChains.ITEMS_TARGET)
                .chain(ScenarioChains.items(store.stepMarks(ns), "parent", ITEMS, BATCH, 0, next -> { })).build();
    }
}
