package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.internal.StrictVersion;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Derives each step's state from the chain and the ledger, and prints them as {@code status} shows them. */
final class StatusReport {

    /** A step's state as operators see it. */
    enum State {
        /** The step ran and the ledger recorded it. */
        APPLIED("applied"),
        /** The step ran, re-applied from a version inside its range. */
        APPLIED_SKIP_FORWARD("applied (skip-forward)"),
        /** The data version moved past the step without it running here (e.g. a fresh-install stamp). */
        SKIPPED_FORWARD("skipped-forward"),
        /** The step's last attempt failed; the next run retries it (from its checkpoints, if resumable). */
        FAILED("failed"),
        /** The step will run. */
        PENDING("pending"),
        /** The data stands inside the step's range: it will run as a skip-forward resume. */
        PENDING_SKIP_FORWARD("pending (skip-forward)"),
        /** The step lies beyond the target asked for. */
        ABOVE_TARGET("above target"),
        /** The ledger records the step but this release's chain does not have it (a newer release ran it). */
        NOT_IN_CHAIN("applied (not in this chain)");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    /** One row of the report. */
    record Row(String id, String from, String to, String description, State state, HistoryEntry lastAttempt) { }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<Row> rows;
    private final String version;
    private final String target;
    private final LockInfo lock;

    private StatusReport(List<Row> rows, String version, String target, LockInfo lock) {
        this.rows = List.copyOf(rows);
        this.version = version;
        this.target = target;
        this.lock = lock;
    }

    static StatusReport of(List<MigrationDefinition> chain, Optional<LedgerSnapshot> ledger, String target) {
        LedgerState state = ledger.map(LedgerSnapshot::state).orElse(LedgerState.EMPTY);
        StrictVersion at = state.version() == null ? null : StrictVersion.of(state.version(), "ledger version");
        StrictVersion targetVersion = StrictVersion.of(target, "target");
        List<Row> rows = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (MigrationDefinition step : chain) {
            ids.add(step.id());
            HistoryEntry last = lastAttempt(state, step.id(), null);
            HistoryEntry applied = lastAttempt(state, step.id(), HistoryEntry.Status.APPLIED);
            StrictVersion from = StrictVersion.of(step.from(), "from");
            StrictVersion to = StrictVersion.of(step.to(), "to");
            State s;
            if (at != null && !at.isBefore(to)) {
                if (applied == null) {
                    s = State.SKIPPED_FORWARD;
                } else {
                    s = applied.skipForward() ? State.APPLIED_SKIP_FORWARD : State.APPLIED;
                    last = applied;
                }
            } else if (!from.isBefore(targetVersion)) {
                s = State.ABOVE_TARGET;
            } else if (last != null && last.status() == HistoryEntry.Status.FAILED) {
                s = State.FAILED;
            } else if (at != null && at.isAfter(from)) {
                s = State.PENDING_SKIP_FORWARD;
            } else {
                s = State.PENDING;
            }
            rows.add(new Row(step.id(), step.from(), step.to(), step.description(), s,
                    s == State.PENDING || s == State.PENDING_SKIP_FORWARD ? null : last));
        }
        for (HistoryEntry e : state.history()) {
            if (!ids.contains(e.id()) && e.status() == HistoryEntry.Status.APPLIED) {
                ids.add(e.id());
                rows.add(new Row(e.id(), e.from(), e.to(), "", State.NOT_IN_CHAIN, e));
            }
        }
        return new StatusReport(rows, state.version(), target, ledger.flatMap(LedgerSnapshot::lockInfo).orElse(null));
    }

    List<Row> rows() {
        return rows;
    }

    long pending() {
        return rows.stream().filter(r -> r.state() == State.PENDING || r.state() == State.PENDING_SKIP_FORWARD
                || r.state() == State.FAILED).count();
    }

    String render() {
        Table table = new Table("Step", "From", "To", "Description", "State", "Last attempt", "Duration", "Instance");
        for (Row r : rows) {
            HistoryEntry e = r.lastAttempt();
            table.row(r.id(), r.from(), r.to(), abbreviate(r.description(), 40), r.state().label,
                    e == null || e.finishedAt() == null ? "" : TIME.format(e.finishedAt()),
                    e == null ? "" : formatDuration(Duration.ofMillis(e.durationMs())),
                    e == null || e.owner() == null ? "" : e.owner());
        }
        StringBuilder out = new StringBuilder(table.render());
        out.append("Data version: ").append(version == null ? "none (new ledger)" : version)
                .append("   Target: ").append(target)
                .append("   Pending: ").append(pending()).append('\n');
        rows.stream().filter(r -> r.state() == State.FAILED).forEach(r -> out.append("Last failure of ")
                .append(r.id()).append(": ").append(r.lastAttempt().error()).append('\n'));
        out.append(lockLine(lock)).append('\n');
        return out.toString();
    }

    static String lockLine(LockInfo lock) {
        if (lock == null) {
            return "Lock: free";
        }
        return "Lock: held by " + lock.owner() + " since " + TIME.format(lock.acquiredAt())
                + ", lease expires " + TIME.format(lock.expiresAt()) + " (store clock) unless renewed";
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        return String.format("%dm %02ds", ms / 60_000, (ms / 1000) % 60);
    }

    private static HistoryEntry lastAttempt(LedgerState state, String id, HistoryEntry.Status status) {
        HistoryEntry found = null;
        for (HistoryEntry e : state.history()) {
            if (e.id().equals(id) && (status == null || e.status() == status)) {
                found = e;
            }
        }
        return found;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
