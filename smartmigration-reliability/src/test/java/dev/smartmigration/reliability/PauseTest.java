package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.StepAttempt;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pause: an instance is frozen with SIGSTOP inside a step, past its lease (a few seconds); a second
 * instance takes over and finishes; then SIGCONT. The frozen one must exit with {@code LOCK_LOST}, and the
 * ledger must be byte-identical to what the successor left. Its step's own data writes are not fenced
 * (docs/runtime.md, "Honest limits"): how many landed after it woke is counted and reported, not asserted;
 * per item, the same rules as after a crash hold.
 * Rounds: {@code reliability.pauseRounds}.
 */
class PauseTest {

    @Test
    void mongo_holderFrozenPastItsLease_failsWithLockLostAndWritesNoLedgerAfterWaking() {
        try (MongoStore store = MongoStore.start()) {
            freezeAndTakeOver(store);
        }
    }

    @Test
    @Tag("s3")
    void s3_holderFrozenPastItsLease_failsWithLockLostAndWritesNoLedgerAfterWaking() {
        try (S3Store store = S3Store.start()) {
            freezeAndTakeOver(store);
        }
    }

    static void freezeAndTakeOver(StoreUnderTest store) {
        int rounds = Figures.setting("reliability.pauseRounds", 3);
        int lateDataWrites = 0;
        int redone = 0;
        for (int round = 1; round <= rounds; round++) {
            String ns = store.newNamespace();
            String name = "pause-" + store.name() + "-" + round;
            try (ChildJvm frozen = ItemsRun.start(store, name + "-frozen", ns, "frozen", 10_000, 4)) {
                frozen.awaitLine(ItemsRun.checkpointLine(3 * ItemsRun.BATCH)::equals, Duration.ofSeconds(60));
                frozen.signal("STOP");
                int last = ItemsRun.lastCheckpoint(store, ns);
                try (ChildJvm successor = ItemsRun.start(store, name + "-successor", ns, "successor", 30_000, 0)) {
                    assertEquals("OK", successor.awaitResult(Duration.ofSeconds(90)), successor.describe());
                }
                byte[] before = store.ledgerBytes(ns);
                int marksBefore = ItemsRun.totalItemMarks(store.marks(ns));
                frozen.signal("CONT");
                assertEquals("LOCK_LOST", frozen.awaitResult(Duration.ofSeconds(60)), frozen.describe());
                assertArrayEquals(before, store.ledgerBytes(ns), "round " + round + ": the woken instance wrote "
                        + "to the ledger");
                lateDataWrites += ItemsRun.totalItemMarks(store.marks(ns)) - marksBefore;

                MigrationInfo info = ItemsRun.info(store, ns);
                assertTrue(info.lock().isEmpty(), "round " + round + ": lock left " + info.lock());
                List<StepAttempt> attempts = ItemsRun.itemsStep(info).attempts();
                assertEquals(1, attempts.size(), "round " + round + ": " + attempts);
                assertEquals("successor", attempts.get(0).owner());
                assertEquals(StepAttempt.Status.APPLIED, attempts.get(0).status());
                redone += ItemsRun.checkItems(store, ns, last);
            }
        }
        Figures.record("pause (SIGSTOP past the lease, SIGCONT)", store.name(), "rounds", rounds, "freezes", rounds,
                "frozen instances ending LOCK_LOST", rounds, "ledger writes after waking", 0, "items skipped", 0,
                "items of the in-flight batch done twice", redone,
                "step data writes after waking (unfenced, documented)", lateDataWrites);
    }
}
