package dev.smartmigration.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The threads of one fleet call: each takes the next tenant and works on it until none is left. A tenant's work
 * catches its own {@link SmartMigrationException}s (they are that tenant's outcome); anything else that escapes is
 * a bug, so the workers stop taking tenants, let the ones in flight finish, and the call rethrows it.
 *
 * <pre>{@code
 * FleetWorkers.run(4, queue::poll, tenant -> tenant.work());
 * }</pre>
 */
final class FleetWorkers {

    /** The MDC key that names the tenant a worker is on, so that every log line of its run (steps' too) can show it. */
    static final String MDC_TENANT = "smartmigration.tenant";

    private FleetWorkers() {
    }

    /** One unit of work, and the tenant it is for. */
    interface Task {
        /** @return the tenant's id, put in the MDC while the task runs */
        String tenant();
    }

    /**
     * Runs {@code work} on every task {@code next} hands out, on {@code threads} threads, and returns when every
     * task is done.
     *
     * @param threads how many at once
     * @param next    the next task, or {@code null} when there is none left (called from several threads)
     * @param work    the work of one task; must handle its own {@link SmartMigrationException}s
     * @param <T>     the task type
     * @throws SmartMigrationException {@link ErrorCode#FLEET_FAILED} when the calling thread is interrupted (the
     *         workers are interrupted and waited for first)
     */
    static <T extends Task> void run(int threads, Supplier<T> next, Consumer<T> work) {
        State state = new State();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> loop(state, next, work), "smartmigration-fleet-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        state.stop();
                        workers.forEach(Thread::interrupt);
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new SmartMigrationException(ErrorCode.FLEET_FAILED, "the fleet call was interrupted; the tenants "
                    + "in flight were interrupted and released their locks, and the others were not started. Run "
                    + "again to finish the fleet.");
        }
        state.rethrow();
    }

    private static <T extends Task> void loop(State state, Supplier<T> next, Consumer<T> work) {
        while (!state.stopped()) {
            T task;
            try {
                task = next.get();
            } catch (RuntimeException | Error e) {
                state.failed(e);
                return;
            }
            if (task == null) {
                return;
            }
            MDC.put(MDC_TENANT, task.tenant());
            try {
                work.accept(task);
            } catch (RuntimeException | Error e) {
                state.failed(e);
            } finally {
                MDC.remove(MDC_TENANT);
            }
        }
    }

    /** Whether the workers should stop, and the unexpected failure that made them. */
    private static final class State {
        private volatile boolean stopped;
        private Throwable failure;

        boolean stopped() {
            return stopped;
        }

        void stop() {
            stopped = true;
        }

        synchronized void failed(Throwable e) {
            stopped = true;
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }

        synchronized void rethrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }
}
