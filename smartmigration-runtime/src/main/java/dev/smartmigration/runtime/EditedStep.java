package dev.smartmigration.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * An applied step that the code no longer matches: its code was edited after it ran, its version range changed, or
 * it was removed from the chain. A fresh environment would then get different data than the ones it ran in.
 * Reported by {@link MigrationRuntime#info} ({@link StepInfo#edit()}), {@link MigrationRuntime#validate} and
 * {@link MigrationRuntime#run} ({@link MigrationResult#editedSteps()}); {@link MigrationRuntime#acceptEdits}
 * records the code as it is now as what ran. {@code docs/fingerprints.md} explains what is compared.
 *
 * <pre>{@code
 * MigrationResult result = MigrationRuntime.run(config);
 * result.editedSteps().forEach(step -> log.warn(step.describe()));
 * }</pre>
 *
 * @param id                 the step's id
 * @param kind               what changed
 * @param appliedFrom        the {@code from} the step ran (or was last accepted) with
 * @param appliedTo          the {@code to} the step ran (or was last accepted) with
 * @param appliedFingerprint the fingerprint of its code then; {@code null} when not known
 * @param appliedAt          when it ran or was accepted, by the clock of the instance that did it
 * @param appliedBy          the instance or operator that did it
 * @param from               the chain's {@code from} for the step now; {@code null} when {@link Kind#REMOVED}
 * @param to                 the chain's {@code to} for the step now; {@code null} when {@link Kind#REMOVED}
 * @param fingerprint        the fingerprint of its code now; {@code null} when removed or not known
 */
public record EditedStep(String id, Kind kind, String appliedFrom, String appliedTo, String appliedFingerprint,
                         Instant appliedAt, String appliedBy, String from, String to, String fingerprint) {

    /** What changed since the step ran. */
    public enum Kind {
        /** Its code is not the code that ran: both fingerprints are known, of the same algorithm, and differ. */
        CODE_CHANGED,
        /** Its {@code from} or {@code to} is not the range it ran with (its code may have changed too). */
        RANGE_CHANGED,
        /** The chain no longer has a step with its id, although it ends at or after the step's {@code to}. */
        REMOVED
    }

    /**
     * Rejects a {@code null} id or kind.
     *
     * @param id                 the step's id
     * @param kind               what changed
     * @param appliedFrom        the {@code from} the step ran (or was last accepted) with
     * @param appliedTo          the {@code to} the step ran (or was last accepted) with
     * @param appliedFingerprint the fingerprint of its code then; {@code null} when not known
     * @param appliedAt          when it ran or was accepted, by the clock of the instance that did it
     * @param appliedBy          the instance or operator that did it
     * @param from               the chain's {@code from} for the step now; {@code null} when {@link Kind#REMOVED}
     * @param to                 the chain's {@code to} for the step now; {@code null} when {@link Kind#REMOVED}
     * @param fingerprint        the fingerprint of its code now; {@code null} when removed or not known
     */
    public EditedStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * {@return whether the step's code differs from the code that ran (for {@link Kind#RANGE_CHANGED} too, when both
     * fingerprints are known)}
     */
    public boolean codeChanged() {
        return kind != Kind.REMOVED && Fingerprints.differ(appliedFingerprint, fingerprint);
    }

    /**
     * {@return one sentence for a log or a report, e.g. {@code step "backfill" (1.0.0 -> 1.1.0), applied at
     * 2026-11-29T10:15:00Z by web-7:42, was edited since: its code's fingerprint is v1:5e6f7a8b9c0d…, it was
     * v1:1a2b3c4d5e6f…}}
     */
    public String describe() {
        String applied = "step \"" + id + "\" (" + appliedFrom + " -> " + appliedTo + "), applied at " + appliedAt
                + " by " + appliedBy;
        return switch (kind) {
            case CODE_CHANGED -> applied + ", was edited since: its code's fingerprint is "
                    + Fingerprints.shown(fingerprint) + ", it was " + Fingerprints.shown(appliedFingerprint);
            case RANGE_CHANGED -> applied + ", is " + from + " -> " + to + " in the chain now"
                    + (codeChanged() ? ", and its code was edited (fingerprint " + Fingerprints.shown(fingerprint)
                    + ", it was " + Fingerprints.shown(appliedFingerprint) + ")" : "");
            case REMOVED -> applied + ", is no longer in the chain";
        };
    }
}
