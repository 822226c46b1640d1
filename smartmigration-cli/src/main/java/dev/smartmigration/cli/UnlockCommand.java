package dev.smartmigration.cli;

import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unlock}: force-releases a stuck lock after confirmation. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Force-release the ledger's lock, after confirmation.",
            "Only for a holder known to be dead: a live holder loses the lock and stops at its next ledger write,",
            "but a data write it has already started may still land."})
final class UnlockCommand implements Callable<Integer>, Reporting {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    Confirmation confirmation;

    @Spec
    CommandSpec spec;

    private final BufferedReader confirmations;

    UnlockCommand(BufferedReader confirmations) {
        this.confirmations = confirmations;
    }

    @Override
    public Integer call() {
        confirmation.requireYesForJson("unlock", output);
        try (Connections opened = new Connections()) {
            MigrationConfig config = connection.configure(opened).build();
            PrintWriter out = spec.commandLine().getOut();
            Optional<LockInfo> lock = MigrationRuntime.lockInfo(config);
            if (output.json()) {
                Optional<LockInfo> removed = lock.isEmpty() ? Optional.empty() : MigrationRuntime.forceUnlock(config);
                out.print(JsonReport.unlock(config, lock, removed));
                return ExitCode.OK.value;
            }
            if (lock.isEmpty()) {
                out.println("No lock is held on ledger \"" + config.ledgerName() + "\".");
                return ExitCode.OK.value;
            }
            out.println(StatusReport.lockLine(lock.get()));
            if (!confirmation.confirmed(out, confirmations, "Force-release it?")) {
                out.println("Not confirmed: the lock was left in place.");
                return ExitCode.LOCK_NOT_OBTAINED.value;
            }
            Optional<LockInfo> removed = MigrationRuntime.forceUnlock(config);
            out.println(removed.map(l -> "Released the lock held by " + l.owner() + ".")
                    .orElse("The lock was released by its holder in the meantime."));
            return ExitCode.OK.value;
        }
    }

    @Override
    public OutputOptions output() {
        return output;
    }
}
