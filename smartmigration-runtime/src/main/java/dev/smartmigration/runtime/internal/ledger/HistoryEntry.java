package dev.smartmigration.runtime.internal.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to run a step, or an operator's acceptance of a step's changed code, as the ledger records it.
 *
 * @param id          the step id
 * @param from        the step's from version
 * @param to          the step's to version
 * @param status      {@code APPLIED} or {@code FAILED}
 * @param startedAt   when the step started (the runner's clock)
 * @param finishedAt  when it finished or failed (the runner's clock)
 * @param durationMs  how long it ran, measured with a monotonic clock
 * @param owner       the instance that ran it
 * @param skipForward whether it was re-applied from a version between its from and to
 * @param error       for a failure, the exception's class and message; else {@code null}
 * @param errorStack  for a failure, the stack trace with causes; else {@code null}
 * @param rootCause   for a failure, the class and message of the innermost cause (the exception itself when it
 *                    has none); else {@code null}
 * @param fingerprint the fingerprint of the step's code as it ran (or was accepted), or {@code null} when not
 *                    known: an entry written before fingerprints, or code without one
 */
public record HistoryEntry(String id, String from, String to, Status status, Instant startedAt, Instant finishedAt,
                           long durationMs, String owner, boolean skipForward, String error, String errorStack,
                           String rootCause, String fingerprint) {

    /** What the entry records. */
    public enum Status {
        /** The step ran and its version was recorded. */
        APPLIED,
        /** The step threw; its checkpoints were kept. */
        FAILED,
        /**
         * An operator accepted the step's code as it is now ({@code repair --accept-edits}): {@code from}, {@code to}
         * and {@code fingerprint} are the chain's at that moment, {@code owner} who accepted it.
         */
        ACCEPTED,
        /**
         * An operator accepted that an applied step is no longer in the chain: {@code from} and {@code to} are the
         * ones it was applied with, {@code owner} who accepted it.
         */
        ACCEPTED_REMOVAL;

        /** @return whether the entry says what code the data went through: applied, or accepted since */
        public boolean recordsCode() {
            return this == APPLIED || this == ACCEPTED;
        }
    }

    /** Rejects a {@code null} id or status. */
    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
