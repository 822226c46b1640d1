package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.MigrationResult;
import java.time.Instant;

/**
 * Where the start-up migration of a {@link SmartMigrationInitializer} stands.
 *
 * @param state     the stage
 * @param startedAt when it began; {@code null} before
 * @param result    what it found and did, once {@link State#SUCCEEDED}
 * @param failure   what it threw, once {@link State#FAILED}
 */
record StartupRun(State state, Instant startedAt, MigrationResult result, Throwable failure) {

    static final StartupRun NOT_STARTED = new StartupRun(State.NOT_STARTED, null, null, null);

    /** The stages, in order. */
    enum State {
        NOT_STARTED, RUNNING, SUCCEEDED, FAILED, SKIPPED
    }

    static StartupRun skipped() {
        return new StartupRun(State.SKIPPED, null, null, null);
    }

    static StartupRun running(Instant startedAt) {
        return new StartupRun(State.RUNNING, startedAt, null, null);
    }

    StartupRun succeeded(MigrationResult result) {
        return new StartupRun(State.SUCCEEDED, startedAt, result, null);
    }

    StartupRun failed(Throwable failure) {
        return new StartupRun(State.FAILED, startedAt, null, failure);
    }
}
