package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/**
 * {@code --yes}, and the question a command that changes the ledger asks without it ({@code unlock},
 * {@code repair}).
 */
final class Confirmation {

    @Option(names = "--yes", description = "Do not ask for confirmation (for scripts; needed with --output json).")
    boolean yes;

    /**
     * {@code --output json} writes one object on stdout, where a question cannot go: the command needs {@code --yes}.
     *
     * @param command the command, as the operator types it
     * @param output  its output options
     * @throws SmartMigrationException {@code INVALID_OPTIONS} when JSON is asked for without {@code --yes}
     */
    void requireYesForJson(String command, OutputOptions output) {
        if (output.json() && !yes) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, command + " --output json changes the "
                    + "ledger without asking: add --yes (smartmigration " + command + " --yes --output json).");
        }
    }

    /**
     * @param question what to confirm, e.g. {@code Force-release it?}
     * @return whether {@code --yes} was given or the operator typed {@code yes}
     */
    boolean confirmed(PrintWriter out, BufferedReader answers, String question) {
        if (yes) {
            return true;
        }
        out.print(question + " Type 'yes' to confirm: ");
        out.flush();
        try {
            String answer = answers.readLine();
            return answer != null && answer.strip().equalsIgnoreCase("yes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
