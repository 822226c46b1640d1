package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.LockInfo;
import java.util.Optional;

/**
 * The entry point: brings the data to the version this release expects, exactly once across any number of
 * instances, and returns at once when it is already there.
 *
 * <pre>{@code
 * MigrationConfig config = MigrationConfig.builder()
 *     .targetVersion("2.3.0")
 *     .mongo(mongoClient, "appdb")
 *     .build();
 * MigrationResult result = MigrationRuntime.run(config);     // at start-up, before serving traffic
 * }</pre>
 *
 * <p>{@link #run} reads the ledger's version once (a projected {@code find}, or an S3 {@code HeadObject}); at the
 * target it returns without a lock, a write or a read of the whole ledger. Otherwise it takes the ledger's lock
 * (waiting up to {@code lockWait} for another instance), reads and checks the whole ledger, runs the pending steps
 * in order and records each, keeping the lease alive with a heartbeat and fencing every ledger write with it.
 * {@code docs/runtime.md} describes the algorithm and its guarantees.
 *
 * <p>Operators can inspect and clear a stuck lock:
 * <pre>{@code
 * MigrationRuntime.lockInfo(config).ifPresent(l -> System.out.println(l.owner() + " until " + l.expiresAt()));
 * MigrationRuntime.forceUnlock(config);   // only when the holder is known to be dead
 * }</pre>
 */
public final class MigrationRuntime {

    private MigrationRuntime() {
    }

    /**
     * Migrates the data to {@code config.targetVersion()}; idempotent, safe to call from every instance at once.
     *
     * @param config the configuration
     * @return what was found and done
     * @throws SmartMigrationException {@code STEP_FAILED} (cause: the step's exception), {@code LOCK_TIMEOUT},
     *         {@code LOCK_LOST}, {@code TARGET_NOT_REACHABLE}, {@code LEDGER_CORRUPT}, {@code LEDGER_UNAVAILABLE},
     *         {@code CHAIN_NOT_FOUND}, chain rule codes, or {@code LEDGER_AHEAD_OF_TARGET} when configured
     */
    public static MigrationResult run(MigrationConfig config) {
        return new Runner(config, Ledgers.open(config)).run();
    }

    /**
     * Reports what {@link #run} would do, without taking the lock or writing anything: the planned steps come
     * back in {@link MigrationResult#stepsSkipped()}.
     *
     * @param config the configuration
     * @return the plan as a result; {@code currentVersionAfter} equals {@code currentVersionBefore}
     * @throws SmartMigrationException {@code TARGET_NOT_REACHABLE}, {@code LEDGER_CORRUPT},
     *         {@code LEDGER_UNAVAILABLE}, {@code CHAIN_NOT_FOUND} or chain rule codes
     */
    public static MigrationResult plan(MigrationConfig config) {
        return new Runner(config, Ledgers.open(config)).plan();
    }

    /**
     * Reads the data version from the ledger, with the version-only read of the fast path
     * ({@link dev.smartmigration.runtime.internal.ledger.Ledger#readVersion()}): one request that fetches neither history
     * nor checkpoints, so the rest of the ledger is not checked; {@link #status} reads and checks all of it.
     *
     * @param config the configuration
     * @return the version, or empty when the ledger is new
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<String> currentVersion(MigrationConfig config) {
        return Ledgers.open(config).readVersion();
    }

    /**
     * Reads the whole ledger: version, step history (with failures and their stack traces), checkpoints and lock.
     *
     * @param config the configuration
     * @return the ledger, or empty when it has never been written
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<LedgerSnapshot> status(MigrationConfig config) {
        return Ledgers.open(config).read();
    }

    /**
     * Operator call: who holds the ledger's lock. A lock past its {@link LockInfo#expiresAt()} (by the store's
     * clock) is free for the next instance to take.
     *
     * @param config the configuration
     * @return the stored lock, or empty when none is held
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<LockInfo> lockInfo(MigrationConfig config) {
        return status(config).flatMap(LedgerSnapshot::lockInfo);
    }

    /**
     * Operator call: removes the ledger's lock, live or not, keeping the state. Use it only when the holder is
     * known to be dead and its lease cannot be waited out: a live holder loses the lock and fails with
     * {@code LOCK_LOST} at its next ledger write, but a data write it has already started may still land.
     *
     * @param config the configuration
     * @return the lock that was removed, or empty when there was none
     * @throws SmartMigrationException {@code LEDGER_CORRUPT} or {@code LEDGER_UNAVAILABLE}
     */
    public static Optional<LockInfo> forceUnlock(MigrationConfig config) {
        return Ledgers.open(config).forceUnlock();
    }
}
