package dev.smartmigration.runtime;

/**
 * Receives what {@link MigrationRuntime#run} does, as it happens: for logs, metrics, framework events or progress
 * displays. Register it with {@link MigrationConfig.Builder#listener}.
 *
 * <pre>{@code
 * MigrationConfig config = MigrationConfig.builder()
 *     .targetVersion("2.3.0")
 *     .mongo(mongoClient, "appdb")
 *     .listener(event -> {
 *         if (event instanceof MigrationEvent.StepApplied applied) {
 *             log.info("applied {} in {}", applied.result().id(), applied.result().duration());
 *         }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Listeners are called on the thread doing the work, in registration order, while the run waits: keep them
 * quick. An exception a listener throws is logged at WARN and otherwise ignored, so a listener can never fail or
 * change a migration. New event types may be added to {@link MigrationEvent} in later releases: ignore the ones
 * you do not know. Only {@code run} emits events; {@code plan}, {@code info} and the operator calls do not.
 */
@FunctionalInterface
public interface MigrationListener {

    /**
     * Called once per event.
     *
     * @param event what happened; one of the records nested in {@link MigrationEvent}
     */
    void onEvent(MigrationEvent event);
}
