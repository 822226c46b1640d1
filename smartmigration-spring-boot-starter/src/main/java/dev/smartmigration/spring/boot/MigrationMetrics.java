package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.runtime.MigrationListener;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.SmartMigrationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Records the migration in Micrometer, when the application has a {@link MeterRegistry}:
 * <ul>
 *   <li>{@code smartmigration.run} (timer; tags {@code ledger}, {@code outcome}: {@code migrated},
 *       {@code up_to_date}, {@code ahead_of_target} or {@code failed}, and {@code error}: the error code or
 *       {@code none});
 *   <li>{@code smartmigration.step} (timer; tags {@code ledger}, {@code step}, {@code outcome}: {@code applied} or
 *       {@code failed});
 *   <li>{@code smartmigration.lock.wait} (timer; tag {@code ledger}): how long taking the lock took;
 *   <li>{@code smartmigration.checkpoints} (counter; tags {@code ledger}, {@code step}).
 * </ul>
 */
final class MigrationMetrics implements MigrationListener {

    private final ObjectProvider<MeterRegistry> registries;
    private final Map<String, Long> runStarts = new ConcurrentHashMap<>();

    MigrationMetrics(ObjectProvider<MeterRegistry> registries) {
        this.registries = registries;
    }

    @Override
    public void onEvent(MigrationEvent event) {
        MeterRegistry registry = registries.getIfUnique();
        if (registry == null) {
            return;
        }
        String ledger = event.ledgerName();
        if (event instanceof MigrationEvent.RunStarted) {
            runStarts.put(ledger, System.nanoTime());
        } else if (event instanceof MigrationEvent.LockAcquired acquired) {
            Timer.builder("smartmigration.lock.wait").description("Time taken to acquire the migration lock")
                    .tag("ledger", ledger).register(registry).record(acquired.waited());
        } else if (event instanceof MigrationEvent.CheckpointWritten checkpoint) {
            registry.counter("smartmigration.checkpoints", "ledger", ledger, "step", checkpoint.stepId()).increment();
        } else if (event instanceof MigrationEvent.StepApplied applied) {
            step(registry, ledger, applied.result().id(), "applied", applied.result().duration());
        } else if (event instanceof MigrationEvent.StepFailed failed) {
            step(registry, ledger, failed.step().id(), "failed", failed.duration());
        } else if (event instanceof MigrationEvent.RunFinished finished) {
            runStarts.remove(ledger);
            MigrationResult r = finished.result();
            String outcome = r.ledgerAheadOfTarget() ? "ahead_of_target" : r.wasUpToDate() ? "up_to_date" : "migrated";
            run(registry, ledger, outcome, "none", r.totalDuration());
        } else if (event instanceof MigrationEvent.RunFailed failed) {
            Long start = runStarts.remove(ledger);
            Duration took = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
            String code = failed.error() instanceof SmartMigrationException e ? e.code().name()
                    : failed.error().getClass().getSimpleName();
            run(registry, ledger, "failed", code, took);
        }
    }

    private static void step(MeterRegistry registry, String ledger, String step, String outcome, Duration took) {
        Timer.builder("smartmigration.step").description("Time taken by a migration step")
                .tags("ledger", ledger, "step", step, "outcome", outcome).register(registry).record(took);
    }

    private static void run(MeterRegistry registry, String ledger, String outcome, String error, Duration took) {
        Timer.builder("smartmigration.run").description("Time taken by a migration run at start-up")
                .tags("ledger", ledger, "outcome", outcome, "error", error).register(registry).record(took);
    }
}
