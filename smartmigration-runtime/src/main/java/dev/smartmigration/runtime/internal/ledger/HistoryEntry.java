package dev.smartmigration.runtime.internal.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to run a step, as the ledger records it.
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
 */
public record HistoryEntry(String id, String from, String to, Status status, Instant startedAt, Instant finishedAt,
                           long durationMs, String owner, boolean skipForward, String error, String errorStack,
                           String rootCause) {

    /** The outcome of an attempt. */
    public enum Status {
        /** The step ran and its version was recorded. */
        APPLIED,
        /** The step threw; its checkpoints were kept. */
        FAILED
    }

    /** Rejects a {@code null} id or status. */
    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}
