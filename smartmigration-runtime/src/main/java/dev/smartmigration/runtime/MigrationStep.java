package dev.smartmigration.runtime;

/**
 * One step of the migration chain: the code that moves the data from one version to the next.
 *
 * <p>Annotate the implementing class with {@code @dev.smartmigration.annotations.Migration} so the annotation
 * processor puts it in the generated chain, or add it to a chain built with {@link MigrationChain#builder()}.
 *
 * <pre>{@code
 * @Migration(id = "add-email-index", from = "1.0.0", to = "1.1.0")
 * public final class AddEmailIndex implements MigrationStep {
 *     @Override
 *     public void up(MigrationContext ctx) {
 *         ctx.mongo().getCollection("users").createIndex(Indexes.ascending("email"));
 *     }
 * }
 * }</pre>
 *
 * <p>A step runs at most once per successful migration, but may run again after a crash or failure before
 * the ledger recorded it: write steps so that running them twice leaves the same data.
 */
@FunctionalInterface
public interface MigrationStep {

    /**
     * Applies this step. Throwing fails the run with {@code STEP_FAILED}; the exception is kept as the cause
     * and recorded in the ledger, and the step's checkpoints are kept so a re-run can resume.
     *
     * @param ctx the stores, checkpoints and logger for this run
     * @throws Exception any failure; it is recorded, never swallowed
     */
    void up(MigrationContext ctx) throws Exception;
}
