package dev.smartmigration.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step as {@link MigrationRuntime#info} sees it: its identity from the chain, its {@link StepState}, what
 * the ledger recorded about it, and whether the code still matches what ran ({@link #edit()}). Steps the ledger
 * records but the chain lacks are included with {@link StepState#NOT_IN_CHAIN} (and, when they were removed from the
 * chain rather than run by a newer release, an {@link EditedStep.Kind#REMOVED} edit).
 *
 * <pre>{@code
 * for (StepInfo step : MigrationRuntime.info(config).steps()) {
 *     System.out.println(step.id() + " " + step.from() + " -> " + step.to() + ": " + step.state()
 *             + (step.edited() ? " (" + step.edit().orElseThrow().kind() + ")" : ""));
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
    private final String fingerprint;
    private final EditedStep edit;

    StepInfo(String id, String from, String to, String description, boolean resumable, StepState state,
             boolean skipForward, List<StepAttempt> attempts, Map<String, String> checkpoints, String fingerprint,
             EditedStep edit) {
        this.id = Objects.requireNonNull(id, "id");
        this.from = from;
        this.to = to;
        this.description = description == null ? "" : description;
        this.resumable = resumable;
        this.state = Objects.requireNonNull(state, "state");
        this.skipForward = skipForward;
        this.attempts = List.copyOf(attempts);
        this.checkpoints = Map.copyOf(checkpoints);
        this.fingerprint = fingerprint;
        this.edit = edit;
    }

    /** {@return the step's id} */
    public String id() {
        return id;
    }

    /** {@return the version the step starts from (for {@link StepState#NOT_IN_CHAIN}, as the ledger recorded it)} */
    public String from() {
        return from;
    }

    /** {@return the version the step produces (for {@link StepState#NOT_IN_CHAIN}, as the ledger recorded it)} */
    public String to() {
        return to;
    }

    /** {@return the step's description, {@code ""} when it has none or is not in the chain} */
    public String description() {
        return description;
    }

    /** {@return whether the step is resumable: it may keep checkpoints and resume from them ({@link Checkpoints})} */
    public boolean resumable() {
        return resumable;
    }

    /** {@return where the step stands} */
    public StepState state() {
        return state;
    }

    /**
     * {@return for a {@link StepState#PENDING} or {@link StepState#FAILED} step, whether the ledger stands inside its
     * range, so the next run re-applies it to data it may have partly changed; for an {@link StepState#APPLIED} one,
     * whether it was applied that way}
     */
    public boolean skipForward() {
        return skipForward;
    }

    /** {@return every attempt the ledger recorded for this step, oldest first} */
    public List<StepAttempt> attempts() {
        return attempts;
    }

    /** {@return the latest recorded attempt, if any} */
    public Optional<StepAttempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    /**
     * {@return the checkpoints the step saved and the ledger keeps (a failed or interrupted resumable step), as JSON
     * text by key; empty otherwise}
     */
    public Map<String, String> checkpoints() {
        return checkpoints;
    }

    /**
     * {@return the fingerprint of the step's code in the chain ({@code docs/fingerprints.md}); empty when not known
     * (a chain assembled in code, a compiler without syntax trees) or when the step is not in the chain}
     */
    public Optional<String> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    /**
     * {@return whether the step was applied and the code no longer matches it: edited since it ran, re-ranged, or
     * removed from the chain ({@link #edit()} says which)}
     */
    public boolean edited() {
        return edit != null;
    }

    /**
     * {@return how the step, applied, no longer matches the code; empty when it matches, was not applied, or cannot
     * be compared (a fingerprint not known on either side counts as matching)}
     */
    public Optional<EditedStep> edit() {
        return Optional.ofNullable(edit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepInfo s && id.equals(s.id) && Objects.equals(from, s.from) && Objects.equals(to, s.to)
                && description.equals(s.description) && resumable == s.resumable && state == s.state
                && skipForward == s.skipForward && attempts.equals(s.attempts) && checkpoints.equals(s.checkpoints)
                && Objects.equals(fingerprint, s.fingerprint) && Objects.equals(edit, s.edit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, from, to, state, attempts);
    }

    @Override
    public String toString() {
        return "StepInfo{" + id + " " + from + " -> " + to + " " + state + (skipForward ? " (skip-forward)" : "")
                + (edit == null ? "" : " " + edit.kind()) + ", " + attempts.size() + " attempt(s)}";
    }
}
