package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Errors as the operator at the CLI reads them: the runtime's message names the code and the problem but says what
 * to do in an application's terms ({@code MigrationRuntime.forceUnlock(config)}, "start the application"), so the
 * codes whose advice differs are rewritten from their details in CLI terms ({@code smartmigration unlock},
 * {@code --lock-wait}). The code's tag still starts the first line.
 */
final class OperatorMessages {

    private OperatorMessages() {
    }

    static String of(SmartMigrationException e) {
        Map<String, String> d = e.details();
        if (e.code() == ErrorCode.LOCK_TIMEOUT && d.containsKey("lockWait") && e.getCause() == null) {
            return lockTimeout(d);
        }
        if (e.code() == ErrorCode.STEP_FAILED && d.containsKey("step") && e.getCause() != null) {
            return stepFailed(e, d);
        }
        if (e.code() == ErrorCode.LEDGER_UNAVAILABLE) {
            return e.getMessage() + causes(e) + "\nCheck --mongo-uri, --s3-endpoint, --bucket and the network; the "
                    + "CLI waits --connect-timeout (default 10s) for a store to answer.";
        }
        return inCliTerms(e.getMessage()) + causes(e);
    }

    /**
     * The runtime's advice, worded for the CLI: the runtime says "set targetVersion to 1.2.0" (the
     * {@code MigrationConfig} setting); at the CLI, the target is {@code --target}.
     *
     * @param message a message or target problem from the runtime
     * @return it, with the CLI's option where the runtime names the setting
     */
    static String inCliTerms(String message) {
        return message.replace("Set targetVersion to", "Pass --target").replace("set targetVersion to",
                "pass --target");
    }

    private static String lockTimeout(Map<String, String> d) {
        String holder = d.get("holder");
        String who = holder == null ? "held by another instance" : "held by " + holder
                + when(", last heartbeat ", d.get("heartbeatAt")) + when(", lease expires ", d.get("expiresAt"))
                + " (store clock)";
        return ErrorCode.LOCK_TIMEOUT.tag() + " the lock of ledger \"" + d.get("ledger") + "\" is " + who
                + ", and was not released within --lock-wait " + wait(d.get("lockWait")) + ": another instance is "
                + "migrating.\nRetry later, or wait longer with --lock-wait. If that instance is dead, release its "
                + "lock with `smartmigration unlock` and the same connection options; a live holder loses the lock "
                + "at its next ledger write, so check first (`smartmigration status` shows the holder).";
    }

    private static String stepFailed(SmartMigrationException e, Map<String, String> d) {
        Throwable step = e.getCause();
        String error = step.getClass().getName() + ": " + step.getMessage();
        String root = d.get("rootCause");
        return ErrorCode.STEP_FAILED.tag() + " step \"" + d.get("step") + "\" (" + d.get("from") + " -> "
                + d.get("to") + ") failed: " + error
                + (root == null || root.equals(error) ? "" : "\n  root cause: " + root)
                + AppClassPath.missingClass(step).map(c -> "\nThe step needs " + c + ", which the class path given "
                        + "with --app does not have: give the application's whole class path, e.g. --app "
                        + "'app.jar:lib/*'.").orElse("")
                + "\nThe failure is recorded in the ledger (`smartmigration status` shows it). Fix the cause, then "
                + "run `smartmigration migrate` again or start the application; a resumable step continues from "
                + "its checkpoints.";
    }

    private static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            out.append("\n  caused by: ").append(c);
        }
        return out.toString();
    }

    private static String when(String label, String instant) {
        if (instant == null) {
            return "";
        }
        try {
            return label + StatusReport.time(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return label + instant;
        }
    }

    private static String wait(String isoDuration) {
        try {
            return DurationConverter.format(Duration.parse(isoDuration));
        } catch (DateTimeParseException e) {
            return isoDuration;
        }
    }
}
