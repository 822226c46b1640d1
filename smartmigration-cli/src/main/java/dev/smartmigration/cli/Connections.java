package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.ArrayDeque;
import java.util.Deque;

/** The clients a command opened; closes them, newest first, when the command ends. */
final class Connections implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    void add(AutoCloseable client) {
        open.push(client);
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                System.err.println("smartmigration: could not close a client: " + e);
            }
        }
    }

    static void requireClass(String className, String option, String artifact) {
        try {
            Class.forName(className, false, Connections.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SmartMigrationException(ErrorCode.RESOURCE_NOT_CONFIGURED, option + " was given but "
                    + artifact + " is not on the classpath. Run the CLI with the application's classpath, which "
                    + "has the client library of each store the application uses.", e);
        }
    }
}
