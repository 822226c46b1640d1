package dev.smartmigration.cli;

import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.FleetInfo;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationListener;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.StepAttempt;
import dev.smartmigration.runtime.StepInfo;
import dev.smartmigration.runtime.StepState;
import dev.smartmigration.runtime.TargetStatus;
import dev.smartmigration.runtime.TenantInfo;
import dev.smartmigration.runtime.TenantResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints a fleet as {@code status --fleet} and {@code migrate --fleet} show it; every count and state is the
 * runtime's ({@link FleetInfo}, {@link FleetResult}).
 */
final class FleetReport {

    private FleetReport() {
    }

    /**
     * @param info what {@code MigrationRuntime.infoFleet} returned
     * @return tenants per version, per target status, then those that failed, whose applied steps the code no longer
     *         matches, that hold a lock or could not be read
     */
    static String status(FleetInfo info) {
        StringBuilder out = new StringBuilder();
        Map<String, Long> targets = info.tenants().stream().flatMap(t -> t.info().stream())
                .flatMap(i -> i.targetVersion().stream())
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
        out.append("Fleet: ").append(info.tenants().size()).append(" tenant(s)");
        if (targets.size() == 1) {
            out.append(", target ").append(targets.keySet().iterator().next());
        } else if (!targets.isEmpty()) {
            out.append(", targets ").append(targets.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", ")));
        }
        out.append('\n');
        Table versions = new Table("Version", "Tenants");
        info.countsByVersion().forEach((version, n) -> versions.row(version, Integer.toString(n)));
        if (!info.newLedgers().isEmpty()) {
            versions.row("none (new ledger)", Integer.toString(info.newLedgers().size()));
        }
        if (!info.countsByVersion().isEmpty() || !info.newLedgers().isEmpty()) {
            out.append(versions.render());
        }
        out.append("At the target: ").append(info.withStatus(TargetStatus.AT_TARGET).size())
                .append("   Pending: ").append(info.withStatus(TargetStatus.MIGRATION_PENDING).size())
                .append("   Ahead: ").append(info.withStatus(TargetStatus.AHEAD_OF_TARGET).size())
                .append("   Unreachable: ").append(info.withStatus(TargetStatus.UNREACHABLE).size())
                .append("   Unreadable: ").append(info.unreadable().size()).append('\n');
        section(out, "Failed", info.failed(), t -> {
            MigrationInfo i = t.info().orElseThrow();
            StringBuilder line = new StringBuilder();
            for (StepInfo s : i.steps()) {
                if (s.state() == StepState.FAILED) {
                    StepAttempt failed = s.lastAttempt().orElseThrow();
                    line.append(s.id()).append(" (").append(s.from()).append(" -> ").append(s.to()).append("): ")
                            .append(failed.error().orElse("?"));
                    failed.rootCause().filter(cause -> !cause.equals(failed.error().orElse(null)))
                            .ifPresent(cause -> line.append("; root cause: ").append(cause));
                }
            }
            return line.toString();
        });
        section(out, "Unreachable target", info.withStatus(TargetStatus.UNREACHABLE),
                t -> OperatorMessages.inCliTerms(t.info().orElseThrow().targetProblem().orElse("")));
        section(out, "Edited since applied", info.tenants().stream()
                .filter(t -> t.info().map(i -> !i.editedSteps().isEmpty()).orElse(false)).toList(),
                t -> t.info().orElseThrow().editedSteps().stream().map(EditedStep::id)
                        .collect(Collectors.joining(", ")));
        section(out, "Locked", info.locked(), t -> StatusReport.lockLine(t.info().orElseThrow().lock().orElseThrow())
                .substring("Lock: ".length()));
        section(out, "Unreadable", info.unreadable(), t -> t.error().orElseThrow().getMessage());
        return out.toString();
    }

    /** @return whether {@code status --fleet} should exit non-zero: a tenant unreadable or its target unreachable */
    static boolean isProblem(FleetInfo info) {
        return !info.unreadable().isEmpty() || !info.withStatus(TargetStatus.UNREACHABLE).isEmpty();
    }

    private static void section(StringBuilder out, String title, List<TenantInfo> tenants,
                                java.util.function.Function<TenantInfo, String> describe) {
        if (tenants.isEmpty()) {
            return;
        }
        out.append(title).append(" (").append(tenants.size()).append("):\n");
        for (TenantInfo t : tenants) {
            out.append("  ").append(t.tenant()).append(": ").append(describe.apply(t)).append('\n');
        }
    }

    /**
     * What {@code migrate --fleet} prints while it runs: the progress line every few seconds and each tenant that
     * was migrated, planned or failed (current tenants are only counted).
     *
     * @param out where to print
     * @return the fleet's listener
     */
    static MigrationListener progress(PrintWriter out) {
        return event -> {
            if (event instanceof MigrationEvent.FleetProgress p) {
                out.println(String.format(Locale.ROOT, "progress: %d of %d tenants done (%d failed%s), %.1f tenants/s%s",
                        p.done(), p.tenants(), p.failed(), p.waiting() > 0 ? ", " + p.waiting()
                                + " held by other instances" : "", p.tenantsPerSecond(),
                        p.remaining() == null ? "" : ", about " + StatusReport.formatDuration(p.remaining()) + " left"));
                out.flush();
            } else if (event instanceof MigrationEvent.TenantFinished finished) {
                String line = tenantLine(finished.result());
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
            }
        };
    }

    private static String tenantLine(TenantResult t) {
        switch (t.outcome()) {
            case MIGRATED -> {
                MigrationResult r = t.result().orElseThrow();
                int n = r.stepsApplied().size();
                return "migrated " + t.tenant() + ": " + (r.currentVersionBefore() == null ? "fresh"
                        : r.currentVersionBefore()) + " -> " + r.currentVersionAfter() + " (" + n
                        + (n == 1 ? " step" : " steps") + (r.wasFreshInstall() ? ", fresh install stamped" : "")
                        + " in " + StatusReport.formatDuration(t.duration()) + ")";
            }
            case PLANNED -> {
                MigrationResult r = t.result().orElseThrow();
                return "planned " + t.tenant() + ": " + (r.currentVersionBefore() == null ? "new ledger"
                        : r.currentVersionBefore()) + " -> " + r.targetVersion() + ", " + r.stepsSkipped().size()
                        + " step(s): " + r.stepsSkipped().stream().map(s -> s.id()).collect(Collectors.joining(", "));
            }
            case FAILED -> {
                return "failed " + t.tenant() + ": " + t.error().orElseThrow().getMessage();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * @param result what {@code runFleet} returned
     * @return e.g. {@code smartmigration: fleet of 50 tenant(s) in 3.2 s: 47 migrated, 2 already current, 1 failed}
     */
    static String summary(FleetResult result) {
        return "smartmigration: fleet of " + result.tenants().size() + " tenant(s) in "
                + StatusReport.formatDuration(result.totalDuration()) + ": " + result.summary();
    }
}
