package dev.smartmigration.cli;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import dev.smartmigration.runtime.StepState;
import dev.smartmigration.runtime.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Prints {@link MigrationInfo} as {@code status} shows it; every state and decision is the runtime's. */
final class StatusReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusReport() {
    }

    /**
     * @param info   what {@code MigrationRuntime.info} returned
     * @param config the configuration it was read with, to name the ledger and the stores
     * @return the report: a table of steps, then the version, target, failures and lock
     */
    static String render(MigrationInfo info, MigrationConfig config) {
        Table table = new Table("Step", "From", "To", "Description", "State", "Last attempt", "Duration", "Instance");
        for (StepInfo s : info.steps()) {
            Optional<StepAttempt> last = s.lastAttempt();
            table.row(s.id(), nullToEmpty(s.from()), nullToEmpty(s.to()), abbreviate(s.description(), 40), label(s),
                    last.map(a -> time(a.finishedAt())).orElse(""),
                    last.map(a -> formatDuration(a.duration())).orElse(""),
                    last.map(StepAttempt::owner).orElse(""));
        }
        StringBuilder out = new StringBuilder(table.render());
        out.append("Data version: ").append(info.currentVersion().orElse("none (new ledger)"))
                .append("   Target: ").append(info.targetVersion().orElse("none"))
                .append("   Pending: ").append(info.pending().size()).append('\n');
        switch (info.targetStatus()) {
            case UNREACHABLE -> out.append("The target cannot be reached: ").append(OperatorMessages.inCliTerms(info.targetProblem().orElse("")))
                    .append('\n');
            case AHEAD_OF_TARGET -> out.append("The data is ahead of the target: migrate would run nothing.\n");
            default -> { }
        }
        List<EditedStep> edited = info.editedSteps();
        if (!edited.isEmpty()) {
            out.append("The code no longer matches ").append(edited.size()).append(" applied step(s), so a fresh "
                    + "install would get different data:\n");
            edited.forEach(e -> out.append("  ").append(e.describe()).append('\n'));
            out.append("  Undo the change and add a new step instead; if it is intended and the data is right, "
                    + "accept it with `smartmigration repair --accept-edits` (`smartmigration validate` fails until "
                    + "then).\n");
        }
        for (StepInfo s : info.steps()) {
            if (s.state() == StepState.FAILED) {
                StepAttempt failed = s.lastAttempt().orElseThrow();
                out.append("Last failure of ").append(s.id()).append(": ").append(failed.error().orElse("?"))
                        .append('\n');
                failed.rootCause().filter(cause -> !cause.equals(failed.error().orElse(null)))
                        .ifPresent(cause -> out.append("  root cause: ").append(cause).append('\n'));
                if (!s.checkpoints().isEmpty()) {
                    out.append("  checkpoints kept, the next run resumes from them: ").append(s.checkpoints()
                            .entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))
                            .append('\n');
                }
            }
        }
        if (info.currentVersion().isEmpty() && info.isFreshInstall() && info.lock().isEmpty()
                && info.steps().stream().allMatch(s -> s.attempts().isEmpty())) {
            String stores = Stream.of(config.mongoDatabase().map(db -> "MongoDB database " + db),
                    config.bucket().map(bucket -> "S3 bucket " + bucket)).flatMap(Optional::stream)
                    .collect(Collectors.joining(" and "));
            out.append("No ledger \"").append(config.ledgerName()).append("\" and no application data in ")
                    .append(stores)
                    .append(": if the data should be there, check the database or bucket name (and --ledger); ")
                    .append("a new install starts with migrate.\n");
        }
        out.append(lockLine(info.lock().orElse(null))).append('\n');
        return out.toString();
    }

    /** @return whether {@code status} should exit non-zero for this info */
    static boolean isProblem(MigrationInfo info) {
        return info.targetStatus() == TargetStatus.UNREACHABLE;
    }

    static String label(StepInfo s) {
        String state = stateLabel(s);
        return s.edit().map(e -> state + ", " + switch (e.kind()) {
            case CODE_CHANGED -> "EDITED";
            case RANGE_CHANGED -> "RE-RANGED";
            case REMOVED -> "REMOVED";
        }).orElse(state);
    }

    private static String stateLabel(StepInfo s) {
        return switch (s.state()) {
            case APPLIED -> s.skipForward() ? "applied (skip-forward)" : "applied";
            case FRESH_INSTALL -> "fresh install";
            case SKIPPED_FORWARD -> "skipped-forward";
            case FAILED -> s.skipForward() ? "failed (skip-forward)" : "failed";
            case PENDING -> s.skipForward() ? "pending (skip-forward)" : "pending";
            case ABOVE_TARGET -> "above target";
            case NOT_IN_CHAIN -> "not in this chain";
        };
    }

    static String lockLine(LockInfo lock) {
        if (lock == null) {
            return "Lock: free";
        }
        return "Lock: held by " + lock.owner() + " since " + time(lock.acquiredAt()) + ", lease expires "
                + time(lock.expiresAt()) + " (store clock) unless renewed";
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

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
