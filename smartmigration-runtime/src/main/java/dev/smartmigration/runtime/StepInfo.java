package dev.smartmigration.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step as {@link MigrationRuntime#info} sees it: its identity from the chain, its {@link StepState} and what
 * the ledger recorded about it. Steps the ledger records but the chain lacks are included with
 * {@link StepState#NOT_IN_CHAIN}.
 *
 * <pre>{@code
 * for (StepInfo step : MigrationRuntime.info(config).steps()) {
 *     System.out.println(step.id() + " " + step.from() + " -> " + step.to() + ": " + step.state());
 * }
 * }</pre>
 */
public final class StepInfo {

    private final String id;
    private final String from;
    private final String to;
    private final String description;
    private final boolean resumable;
    private final StepState state;
    private final boolean skipForward;
    private final List<StepAttempt> attempts;
    private final Map<String, String> checkpoints;

    StepInfo(String id, String from, String to, String description, boolean resumable, StepState state,
             boolean skipForward, List<StepAttempt> attempts, Map<String, String> checkpoints) {
        this.id = Objects.requireNonNull(id, "id");
        this.from = from;
        this.to = to;
        this.description = description == null ? "" : description;
        this.resumable = resumable;
        this.state = Objects.requireNonNull(state, "state");
        this.skipForward = skipForward;
        this.attempts = List.copyOf(attempts);
        this.checkpoints = Map.copyOf(checkpoints);
    }

    /** @return the step's id */
    public String id() {
        return id;
    }

    /** @return the version the step starts from (for {@link StepState#NOT_IN_CHAIN}, as the ledger recorded it) */
    public String from() {
        return from;
    }

    /** @return the version the step produces (for {@link StepState#NOT_IN_CHAIN}, as the ledger recorded it) */
    public String to() {
        return to;
    }

    /** @return the step's description, {@code ""} when it has none or is not in the chain */
    public String description() {
        return description;
    }

    /** @return whether the step is resumable: it may keep checkpoints and resume from them ({@link Checkpoints}) */
    public boolean resumable() {
        return resumable;
    }

    /** @return where the step stands */
    public StepState state() {
        return state;
    }

    /**
     * @return for a {@link StepState#PENDING} or {@link StepState#FAILED} step, whether the ledger stands inside
     *         its range, so the next run re-applies it to data it may have partly changed; for an
     *         {@link StepState#APPLIED} one, whether it was applied that way
     */
    public boolean skipForward() {
        return skipForward;
    }

    /** @return every attempt the ledger recorded for this step, oldest first */
    public List<StepAttempt> attempts() {
        return attempts;
    }

    /** @return the latest recorded attempt, if any */
    public Optional<StepAttempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    /**
     * @return the checkpoints the step saved and the ledger keeps (a failed or interrupted resumable step), as JSON
     *         text by key; empty otherwise
     */
    public Map<String, String> checkpoints() {
        return checkpoints;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepInfo s && id.equals(s.id) && Objects.equals(from, s.from) && Objects.equals(to, s.to)
                && description.equals(s.description) && resumable == s.resumable && state == s.state
                && skipForward == s.skipForward && attempts.equals(s.attempts) && checkpoints.equals(s.checkpoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, from, to, state, attempts);
    }

    @Override
    public String toString() {
        return "StepInfo{" + id + " " + from + " -> " + to + " " + state + (skipForward ? " (skip-forward)" : "")
                + ", " + attempts.size() + " attempt(s)}";
    }
}
