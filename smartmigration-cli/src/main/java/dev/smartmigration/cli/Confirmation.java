package dev.smartmigration.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Asks the operator to confirm an action that changes the ledger ({@code unlock}, {@code repair}). */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * @param question what to confirm, e.g. {@code Force-release it?}
     * @return whether the operator typed {@code yes}
     */
    static boolean ask(PrintWriter out, BufferedReader answers, String question) {
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
