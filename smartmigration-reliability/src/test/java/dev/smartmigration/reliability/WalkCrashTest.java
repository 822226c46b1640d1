package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Batched walk crash: an instance walking {@value WalkRun#ITEMS} items with {@code ctx.mongoBatches} /
 * {@code ctx.s3Batches} (batches of {@value WalkRun#BATCH}, throttled to 10,000 a second so that the walk takes
 * seconds) is killed with SIGKILL after a random number of batches, 0-50 ms into the next (often between two
 * chunks of its writes); a second instance waits out its lease and walks on from the checkpoint. Every item visited; none before the checkpoint twice; only the batch in flight at
 * most twice. Rounds: {@code reliability.walkRounds}; seed {@code reliability.seed}.
 */
class WalkCrashTest {

    @Test
    void mongo_killedMidWalk_nextInstanceWalksOnFromTheLastBatch_everyDocumentVisited() {
        try (MongoStore store = MongoStore.start()) {
            crashAndResume(store, ns -> WalkRun.mongo(store, ns));
        }
    }

    @Test
    @Tag("s3")
    void s3_killedMidWalk_nextInstanceWalksOnFromTheLastBatch_everyObjectVisited() {
        try (S3Store store = S3Store.start()) {
            crashAndResume(store, ns -> WalkRun.s3(store, ns));
        }
    }

    private static void crashAndResume(StoreUnderTest store, Function<String, WalkRun.Items> itemsOf) {
        int rounds = Figures.setting("reliability.walkRounds", 1);
        long seed = Figures.setting("reliability.seed", 20261101);
        Random random = new Random(seed);
        int batches = WalkRun.ITEMS / WalkRun.BATCH;
        int redone = 0;
        for (int round = 1; round <= rounds; round++) {
            String ns = store.newNamespace();
            WalkRun.Items items = itemsOf.apply(ns);
            items.seed();
            int killAt = WalkRun.BATCH * (2 + random.nextInt(batches - 6));
            String name = "walk-" + store.name() + "-" + round;
            try (ChildJvm victim = WalkRun.start(store, name + "-killed", ns, "killed", 10_000, 10_000)) {
                victim.awaitLine(line -> WalkRun.progressAtLeast(line, killAt), Duration.ofSeconds(90));
                CrashTest.sleep(random.nextInt(50));
                victim.kill();
            }
            int done = WalkRun.checkpointDone(store, ns);
            assertTrue(done >= killAt && done < WalkRun.ITEMS, "seed " + seed + " round " + round + ": " + done);
            try (ChildJvm successor = WalkRun.start(store, name + "-resumer", ns, "resumer", 30_000, 0)) {
                assertEquals("OK", successor.awaitResult(Duration.ofSeconds(120)), successor.describe());
            }
            redone += WalkRun.checkVisits(items, done);
        }
        Figures.record("batched walk crash (SIGKILL mid-walk)", store.name(), "seed", seed, "rounds", rounds,
                "items per round", WalkRun.ITEMS, "batch", WalkRun.BATCH, "items skipped", 0,
                "items before the checkpoint visited twice", 0, "items of the in-flight batch visited twice", redone);
    }

}
