package dev.smartmigration.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One step of a {@link MigrationChain}: its identity, version range and a factory for its code.
 *
 * <p>Generated chains list these with constructor references; chains assembled in code usually get them from
 * {@link MigrationChain#builder()}. The record does not check the values: the chain rules do, when the chain
 * is compiled or built, and the runtime checks them again before it runs a chain.
 *
 * @param id          stable unique identifier recorded in the ledger
 * @param from        the data version the step starts from
 * @param to          the data version the step produces
 * @param description human-readable summary, never {@code null} (an absent one becomes {@code ""})
 * @param resumable   whether the step may keep checkpoints and resume from them after a failure or crash
 *                    (only a resumable step may use {@link MigrationContext#checkpoint()})
 * @param factory     creates the step's code; called once per run of the step
 */
public record MigrationDefinition(
        String id,
        String from,
        String to,
        String description,
        boolean resumable,
        Supplier<? extends MigrationStep> factory) {

    /**
     * Rejects {@code null} for every component but {@code description}.
     *
     * @param id          stable unique identifier
     * @param from        the data version the step starts from
     * @param to          the data version the step produces
     * @param description human-readable summary; {@code null} becomes {@code ""}
     * @param resumable   whether the step may keep checkpoints
     * @param factory     creates the step's code
     */
    public MigrationDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(factory, "factory");
        description = description == null ? "" : description;
    }
}
