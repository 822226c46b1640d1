package dev.smartmigration.runtime.internal.lock;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a held lease alive and fences the holder's ledger writes.
 *
 * <p>A daemon thread renews the lease every third of its ttl. The lease counts as lost when a renewal finds
 * another owner ({@code LOCK_LOST}) or when no renewal has succeeded for a whole ttl, measured with
 * {@link System#nanoTime()} (the store may have let it expire). Once lost, {@link #write} refuses to write;
 * independently, the ledger itself rejects writes made under a lease that is no longer the stored one.
 *
 * <pre>{@code
 * try (LeaseKeeper keeper = LeaseKeeper.start(ledger, lease, acquiredAtNanos)) {
 *     keeper.write(state.withVersion("1.1.0"));
 * }
 * }</pre>
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Ledger ledger;
    private final Lease lease;
    private final long ttlNanos;
    private final long intervalNanos;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile long lastRenewedNanos;
    private volatile RuntimeException lostBecause;

    private LeaseKeeper(Ledger ledger, Lease lease, long acquiredAtNanos) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.ttlNanos = lease.ttl().toNanos();
        this.intervalNanos = Math.max(1, ttlNanos / 3);
        this.lastRenewedNanos = acquiredAtNanos;
        this.thread = new Thread(this::heartbeat, "smartmigration-lease-" + ledger.name());
        this.thread.setDaemon(true);
    }

    /**
     * Starts the heartbeat for a lease just taken.
     *
     * @param ledger          the ledger the lease is on
     * @param lease           the lease
     * @param acquiredAtNanos {@link System#nanoTime()} taken just before the lease was requested
     * @return the running keeper; close it when the run ends
     */
    public static LeaseKeeper start(Ledger ledger, Lease lease, long acquiredAtNanos) {
        LeaseKeeper keeper = new LeaseKeeper(ledger, lease, acquiredAtNanos);
        keeper.thread.start();
        return keeper;
    }

    /** @return the lease being kept */
    public Lease lease() {
        return lease;
    }

    /** @return whether the lease is known or presumed lost */
    public boolean isLost() {
        if (lostBecause == null && System.nanoTime() - lastRenewedNanos >= ttlNanos) {
            markLost(new SmartMigrationException(ErrorCode.LOCK_LOST, "the lease of " + lease.owner()
                    + " on ledger \"" + ledger.name() + "\" was not renewed for a whole lockTtl ("
                    + lease.ttl() + "), so it may have expired and been taken by another instance; this run "
                    + "stops before writing anything more.", Map.of("ledger", ledger.name()), null));
        }
        return lostBecause != null;
    }

    /**
     * Replaces the ledger's state, only while the lease is held.
     *
     * @param state the complete new state
     * @throws SmartMigrationException {@link ErrorCode#LOCK_LOST} (nothing written) when the lease is lost;
     *         any other error of the ledger
     */
    public void write(LedgerState state) {
        checkHeld();
        try {
            ledger.write(lease, state);
        } catch (SmartMigrationException e) {
            if (e.code() == ErrorCode.LOCK_LOST) {
                markLost(e);
            }
            throw e;
        }
    }

    /**
     * @throws SmartMigrationException {@link ErrorCode#LOCK_LOST} when the lease is lost, with the reason as
     *         cause
     */
    public void checkHeld() {
        if (isLost()) {
            RuntimeException why = lostBecause;
            throw new SmartMigrationException(ErrorCode.LOCK_LOST, "this run no longer holds the lock of ledger \""
                    + ledger.name() + "\" and stopped before its next ledger write: " + why.getMessage(),
                    Map.of("ledger", ledger.name(), "owner", lease.owner()), why);
        }
    }

    /** Stops the heartbeat and waits for its thread; does not release the lock. */
    @Override
    public void close() {
        stop.countDown();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeat() {
        long wait = Math.max(0, intervalNanos - (System.nanoTime() - lastRenewedNanos));
        try {
            while (!stop.await(wait, TimeUnit.NANOSECONDS)) {
                long attempt = System.nanoTime();
                try {
                    ledger.renew(lease);
                    lastRenewedNanos = attempt;
                    wait = intervalNanos;
                } catch (RuntimeException e) {
                    if (e instanceof SmartMigrationException sme && sme.code() == ErrorCode.LOCK_LOST) {
                        markLost(e);
                        return;
                    }
                    LOG.warn("Renewing the lease on ledger \"{}\" failed; retrying", ledger.name(), e);
                    if (isLost()) {
                        return;
                    }
                    wait = Math.max(1, intervalNanos / 3);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void markLost(RuntimeException why) {
        if (lostBecause == null) {
            lostBecause = why;
            LOG.error("Lost the lock of ledger \"{}\": {}", ledger.name(), why.getMessage());
        }
    }
}
