package dev.smartmigration.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One step of a {@link MigrationChain}: its identity, version range and a factory for its code.
 *
 * <p>Generated chains create these with each step's fingerprint; chains assembled in code usually get them from
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
 * @param fingerprint what the compiler parsed of the step's class ({@code v1:} and 64 hex digits, see
 *                    docs/fingerprints.md), recorded when the step is applied so that a later edit of an applied
 *                    step is reported; {@code null} when not known (a chain assembled in code, a compiler that
 *                    gives no syntax tree), and then never reported as an edit
 */
public record MigrationDefinition(
        String id,
        String from,
        String to,
        String description,
        boolean resumable,
        Supplier<? extends MigrationStep> factory,
        String fingerprint) {

    /**
     * Rejects {@code null} for every component but {@code description} and {@code fingerprint}.
     *
     * @param id          stable unique identifier
     * @param from        the data version the step starts from
     * @param to          the data version the step produces
     * @param description human-readable summary; {@code null} becomes {@code ""}
     * @param resumable   whether the step may keep checkpoints
     * @param factory     creates the step's code
     * @param fingerprint the step's class fingerprint, or {@code null} when not known
     */
    public MigrationDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(factory, "factory");
        description = description == null ? "" : description;
    }

    /**
     * A step without a fingerprint, as a chain assembled in code has them.
     *
     * @param id          stable unique identifier recorded in the ledger
     * @param from        the data version the step starts from
     * @param to          the data version the step produces
     * @param description human-readable summary; {@code null} becomes {@code ""}
     * @param resumable   whether the step may keep checkpoints and resume from them
     * @param factory     creates the step's code; called once per run of the step
     */
    public MigrationDefinition(String id, String from, String to, String description,
                               boolean resumable, Supplier<? extends MigrationStep> factory) {
        this(id, from, to, description, resumable, factory, null);
    }
}
