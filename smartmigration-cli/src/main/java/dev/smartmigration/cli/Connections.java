package dev.smartmigration.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a command opened (the application's class path, the store clients); closed, newest first, at its end. */
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
}
