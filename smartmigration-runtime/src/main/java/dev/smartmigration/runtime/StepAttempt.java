package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded attempt to run a step: when, where, how long, with which code, and for a failure its error and root
 * cause; or an operator's acceptance of the step's code as it is now ({@link Status#ACCEPTED}).
 * Instances come from {@link StepInfo#attempts()}.
 *
 * <pre>{@code
 * info.steps().stream()
 *     .filter(s -> s.state() == StepState.FAILED)
 *     .forEach(s -> log.error("{} failed: {}", s.id(), s.lastAttempt().flatMap(StepAttempt::rootCause).orElse("?")));
 * }</pre>
 */
public final class StepAttempt {

    /** The outcome of an attempt. */
    public enum Status {
        /** The step ran and its version was recorded. */
        APPLIED,
        /** The step threw; its checkpoints were kept. */
        FAILED,
        /**
         * An operator accepted the step's changed code, range or removal as it is now
         * ({@link MigrationRuntime#acceptEdits}, {@code smartmigration repair --accept-edits}); {@link #owner()} is
         * who, {@link #finishedAt()} when.
         */
        ACCEPTED
    }

    private final HistoryEntry entry;

    private StepAttempt(HistoryEntry entry) {
        this.entry = entry;
    }

    static StepAttempt of(HistoryEntry entry) {
        return new StepAttempt(Objects.requireNonNull(entry, "entry"));
    }

    /** {@return whether the attempt applied the step or failed} */
    public Status status() {
        return switch (entry.status()) {
            case APPLIED -> Status.APPLIED;
            case FAILED -> Status.FAILED;
            case ACCEPTED, ACCEPTED_REMOVAL -> Status.ACCEPTED;
        };
    }

    /** {@return the {@code from} the step had when it ran or was accepted} */
    public String from() {
        return entry.from();
    }

    /** {@return the {@code to} the step had when it ran or was accepted} */
    public String to() {
        return entry.to();
    }

    /**
     * {@return the fingerprint of the step's code when it ran or was accepted; empty when it was not known (a ledger
     * written before fingerprints, or code without one: {@code docs/fingerprints.md})}
     */
    public Optional<String> fingerprint() {
        return Optional.ofNullable(entry.fingerprint());
    }

    /** {@return when the step started, by the clock of the instance that ran it} */
    public Instant startedAt() {
        return entry.startedAt();
    }

    /** {@return when it finished or failed, by the clock of the instance that ran it} */
    public Instant finishedAt() {
        return entry.finishedAt();
    }

    /** {@return how long it ran, measured with a monotonic clock} */
    public Duration duration() {
        return Duration.ofMillis(entry.durationMs());
    }

    /** {@return the instance that ran it, or the operator that accepted it ({@link MigrationConfig#owner()})} */
    public String owner() {
        return entry.owner();
    }

    /** {@return whether it re-applied the step from a version inside the step's range} */
    public boolean skipForward() {
        return entry.skipForward();
    }

    /** {@return for a failure, the exception's class and message, e.g. {@code java.io.IOException: disk full}} */
    public Optional<String> error() {
        return Optional.ofNullable(entry.error());
    }

    /**
     * {@return for a failure, the class and message of the innermost cause (the exception itself when it has none):
     * usually what to fix}
     */
    public Optional<String> rootCause() {
        return Optional.ofNullable(entry.rootCause() != null ? entry.rootCause() : entry.error());
    }

    /** {@return for a failure, the whole stack trace with its causes} */
    public Optional<String> errorStack() {
        return Optional.ofNullable(entry.errorStack());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepAttempt a && entry.equals(a.entry);
    }

    @Override
    public int hashCode() {
        return entry.hashCode();
    }

    @Override
    public String toString() {
        return "StepAttempt{" + entry.id() + " " + status() + " at " + finishedAt() + " by " + owner()
                + error().map(e -> ": " + e).orElse("") + "}";
    }
}
