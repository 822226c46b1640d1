package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Crash: an instance is killed with SIGKILL inside a resumable step, after a random number of checkpoints; a
 * second instance waits out the dead one's lease (a few seconds, judged by the store's clock),
 * resumes from the last checkpoint and finishes. Per item: none skipped, none before the last checkpoint redone,
 * only the batch in flight may be done twice. Rounds: {@code reliability.crashRounds}; seed
 * {@code reliability.seed}.
 */
class CrashTest {

    @Test
    void mongo_killedInsideResumableStep_nextInstanceResumesFromLastCheckpoint() {
        try (MongoStore store = MongoStore.start()) {
            crashAndResume(store);
        }
    }

    @Test
    @Tag("s3")
    void s3_killedInsideResumableStep_nextInstanceResumesFromLastCheckpoint() {
        try (S3Store store = S3Store.start()) {
            crashAndResume(store);
        }
    }

    static void crashAndResume(StoreUnderTest store) {
        int rounds = Figures.setting("reliability.crashRounds", 4);
        long seed = Figures.setting("reliability.seed", 20261101);
        Random random = new Random(seed);
        int redone = 0;
        for (int round = 1; round <= rounds; round++) {
            String ns = store.newNamespace();
            int killAt = ItemsRun.BATCH * (2 + random.nextInt(ItemsRun.ITEMS / ItemsRun.BATCH - 8));
            String name = "crash-" + store.name() + "-" + round;
            try (ChildJvm victim = ItemsRun.start(store, name + "-killed", ns, "killed", 10_000, 4)) {
                victim.awaitLine(ItemsRun.checkpointLine(killAt)::equals, Duration.ofSeconds(60));
                sleep(random.nextInt(40));
                victim.kill();
            }
            int last = ItemsRun.lastCheckpoint(store, ns);
            assertTrue(last >= killAt && last < ItemsRun.ITEMS, "seed " + seed + " round " + round + ": " + last);
            assertTrue(ItemsRun.info(store, ns).lock().isPresent(), "the killed instance's lease is gone");
            try (ChildJvm successor = ItemsRun.start(store, name + "-resumer", ns, "resumer", 30_000, 0)) {
                assertEquals("OK", successor.awaitResult(Duration.ofSeconds(90)), successor.describe());
            }
            redone += ItemsRun.checkItems(store, ns, last);
        }
        Figures.record("crash (SIGKILL mid-step)", store.name(), "seed", seed, "rounds", rounds, "kills", rounds,
                "items", rounds * ItemsRun.ITEMS, "items skipped", 0, "items before last checkpoint redone", 0,
                "items of the in-flight batch redone", redone);
    }

    /** @param millis how long to sleep; an interrupt fails the test */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
