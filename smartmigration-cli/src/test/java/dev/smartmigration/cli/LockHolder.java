package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another instance in the middle of a migration: a real run, through the public API, whose only step waits until
 * {@link #close()}. While it waits it holds the ledger's lock, as a live (or hung) instance does.
 */
final class LockHolder implements AutoCloseable {

    private final CountDownLatch inStep = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<?> run;
    private final String owner;

    /**
     * A holder on a new ledger.
     *
     * @param stores a configuration of the test's stores and ledger, without chain, target or owner
     * @param owner  the holder's name, as status and errors show it
     */
    LockHolder(MigrationConfig.Builder stores, String owner) throws InterruptedException {
        this(stores, owner, "1.0.0");
    }

    /**
     * A holder on a ledger at {@code version}: its step goes from there to the next patch version.
     *
     * @param stores  a configuration of the test's stores and ledger, without chain, target or owner
     * @param owner   the holder's name, as status and errors show it
     * @param version the ledger's version, {@code MAJOR.MINOR.PATCH}
     */
    LockHolder(MigrationConfig.Builder stores, String owner, String version) throws InterruptedException {
        this.owner = owner;
        String[] parts = version.split("\\.");
        String next = parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
        MigrationChain waiting = MigrationChain.builder().step("hold-the-lock").from(version).to(next)
                .up(ctx -> {
                    inStep.countDown();
                    assertTrue(release.await(60, TimeUnit.SECONDS));
                })
                .build();
        MigrationConfig config = stores.chain(waiting).targetVersion(next).owner(owner).build();
        run = CompletableFuture.runAsync(() -> MigrationRuntime.run(config));
        assertTrue(inStep(), "the holder never reached its step");
    }

    /** @return whether the step began (so the lock is held) before the run ended or 30 s passed */
    private boolean inStep() throws InterruptedException {
        for (int i = 0; i < 600 && !run.isDone(); i++) {
            if (inStep.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** @return the holder's name, as status and errors show it */
    String owner() {
        return owner;
    }

    /** Lets the step finish and waits for the run, which may end with LOCK_LOST after an unlock. */
    @Override
    public void close() {
        release.countDown();
        try {
            run.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException expectedAfterUnlock) {
            // LOCK_LOST when the test force-released the lock: what a live holder gets.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the holder's run ended", e);
        } catch (TimeoutException e) {
            throw new AssertionError("the holder's run did not end", e);
        }
    }
}
