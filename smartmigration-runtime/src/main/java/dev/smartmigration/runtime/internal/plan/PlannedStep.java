package dev.smartmigration.runtime.internal.plan;

import dev.smartmigration.runtime.MigrationDefinition;
import java.util.Objects;

/**
 * A step the plan runs.
 *
 * @param definition  the step
 * @param skipForward whether the ledger stands between the step's {@code from} and {@code to}, so the step is
 *                    re-applied to data it may have partly changed (its handler must be idempotent)
 */
public record PlannedStep(MigrationDefinition definition, boolean skipForward) {

    /** Rejects a {@code null} definition. */
    public PlannedStep {
        Objects.requireNonNull(definition, "definition");
    }
}
