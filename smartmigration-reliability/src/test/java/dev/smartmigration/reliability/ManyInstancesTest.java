package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.StepAttempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many instances: {@value #INSTANCES} JVMs boot at once against one new ledger with a ten-step chain whose steps
 * each append one mark. Afterwards every step's mark exists exactly once, every process exited 0 and the
 * ledger is at the target with exactly one {@code APPLIED} entry per step. Rounds: {@code reliability.manyRounds}.
 */
class ManyInstancesTest {

    static final int INSTANCES = 16;

    @Test
    void mongo_sixteenJvmsBootingAtOnce_runEveryStepExactlyOnce() {
        try (MongoStore store = MongoStore.start()) {
            bootStorm(store);
        }
    }

    @Test
    @Tag("s3")
    void s3_sixteenJvmsBootingAtOnce_runEveryStepExactlyOnce() {
        try (S3Store store = S3Store.start()) {
            bootStorm(store);
        }
    }

    static void bootStorm(StoreUnderTest store) {
        int rounds = Figures.setting("reliability.manyRounds", 3);
        long started = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            String ns = store.newNamespace();
            List<String> results = new ArrayList<>();
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    List<String> args = new ArrayList<>(store.childArgs());
                    args.addAll(List.of("ns=" + ns, "owner=instance-" + i, "ttlMs=5000", "waitMs=120000",
                            "scenario=steps"));
                    children.add(ChildJvm.start("many-" + store.name() + "-" + round + "-" + i, args));
                }
                for (ChildJvm child : children) {
                    results.add(child.awaitResult(Duration.ofMinutes(3)));
                }
            } finally {
                children.forEach(ChildJvm::close);
            }
            assertEquals(List.of("OK"), results.stream().distinct().toList(), "round " + round + ": " + results);

            Map<String, Integer> marks = store.marks(ns).count("step");
            for (int s = 0; s < ScenarioChains.STEP_COUNT; s++) {
                assertEquals(1, marks.getOrDefault(ScenarioChains.stepId(s), 0),
                        "round " + round + ": marks of " + ScenarioChains.stepId(s) + " in " + marks);
            }
            assertEquals(ScenarioChains.STEP_COUNT, marks.size(), "round " + round + ": " + marks);
            MigrationInfo info = MigrationRuntime.info(store.config(ns).targetVersion(ScenarioChains.STEPS_TARGET)
                    .chain(ScenarioChains.steps(store.stepMarks(ns), "parent")).build());
            assertEquals(Optional.of(ScenarioChains.STEPS_TARGET), info.currentVersion(), "round " + round);
            List<String> applied = info.steps().stream().flatMap(s -> s.attempts().stream()
                    .filter(a -> a.status() == StepAttempt.Status.APPLIED).map(a -> s.id())).toList();
            assertEquals(ScenarioChains.STEP_COUNT, applied.size(), "round " + round + ": " + applied);
            assertEquals(ScenarioChains.STEP_COUNT, applied.stream().distinct().count(), "round " + round);
        }
        Figures.record("many instances", store.name(), "rounds", rounds, "processes", rounds * INSTANCES,
                "steps run", rounds * ScenarioChains.STEP_COUNT, "steps lost", 0, "steps run twice", 0,
                "seconds", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }
}
