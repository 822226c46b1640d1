package dev.smartmigration.runtime.internal.lock;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Takes a ledger's lock, polling with exponential backoff and jitter until it is free or the wait runs out.
 * While it waits it watches the ledger, so when another instance finishes the work it stops waiting at once.
 *
 * <pre>{@code
 * LockAcquirer.Outcome o = LockAcquirer.acquire(ledger, "host-a:42", Duration.ofMinutes(10),
 *         Duration.ofSeconds(60), snapshot -> snapshot.map(s -> "2.0.0".equals(s.state().version())).orElse(false),
 *         holder -> log.info("waiting for {}", holder));
 * }</pre>
 *
 * <p>Waits are measured with {@link System#nanoTime()}, so wall-clock changes neither shorten nor stretch them.
 */
public final class LockAcquirer {

    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * How the wait (or the single try) ended: the lease was taken, the ledger no longer needed this instance, or
     * (only for {@link #tryOnce}) another instance holds a live lease.
     *
     * @param lease           the lease taken, or {@code null}
     * @param acquiredAtNanos {@link System#nanoTime()} just before the successful attempt (a lower bound of
     *                        when the lease's life began), or 0
     * @param settled         the ledger as read when it no longer needed this instance (an empty state for a
     *                        ledger that does not exist), or {@code null}
     * @param holder          the lock another instance holds, when neither of the above; {@code null} otherwise
     */
    public record Outcome(Lease lease, long acquiredAtNanos, LedgerSnapshot settled, LockInfo holder) {

        /** @return whether the lock was taken */
        public boolean acquired() {
            return lease != null;
        }

        /** @return whether another instance holds the lock and the ledger still needs work */
        public boolean held() {
            return lease == null && settled == null;
        }
    }

    private LockAcquirer() {
    }

    /**
     * Prepares the ledger for locking ({@link Ledger#prepareLock}, outside any lease's time), then polls
     * {@link Ledger#tryAcquire} until it succeeds, {@code done} holds for the ledger, or {@code wait} ends.
     *
     * @param ledger the ledger
     * @param owner  this instance's name
     * @param ttl    the lease's time to live
     * @param wait   how long to keep trying; zero tries once
     * @param done   tells, from a fresh read of the ledger, that there is nothing left for this instance to do
     * @param waiting called once, with the lock as read then, at the first refused attempt that leaves this
     *                instance something to do (so it is about to wait)
     * @return the lease, or the ledger that made waiting pointless
     * @throws SmartMigrationException {@link ErrorCode#LOCK_TIMEOUT} naming the holder when the wait ran out or
     *         the thread was interrupted; any error of the ledger
     */
    public static Outcome acquire(Ledger ledger, String owner, Duration ttl, Duration wait,
                                  Predicate<Optional<LedgerSnapshot>> done, Consumer<Optional<LockInfo>> waiting) {
        ledger.prepareLock();
        long deadline = System.nanoTime() + wait.toNanos();
        long backoff = FIRST_BACKOFF_NANOS;
        boolean told = false;
        while (true) {
            Outcome attempt = attempt(ledger, owner, ttl, done);
            if (!attempt.held()) {
                return attempt;
            }
            Optional<LockInfo> holder = Optional.ofNullable(attempt.holder());
            if (!told) {
                told = true;
                waiting.accept(holder);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(ledger, wait, holder, null);
            }
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, jittered));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw timeout(ledger, wait, holder, e);
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    /**
     * Tries once, without waiting: the non-blocking form of {@link #acquire}, for a caller with other work to do
     * while another instance holds this ledger (a fleet moves on to the next tenant). Same protocol: prepare, one
     * {@link Ledger#tryAcquire}, and when that fails one read that tells whether the ledger still needs work.
     *
     * <pre>{@code
     * LockAcquirer.Outcome o = LockAcquirer.tryOnce(ledger, "host-a:42", Duration.ofMinutes(10), done);
     * if (o.held()) {
     *     // come back to this ledger later
     * }
     * }</pre>
     *
     * @param ledger the ledger
     * @param owner  this instance's name
     * @param ttl    the lease's time to live
     * @param done   tells, from a fresh read of the ledger, that there is nothing left for this instance to do
     * @return the lease, the ledger that made the lock pointless, or the holder
     * @throws SmartMigrationException any error of the ledger
     */
    public static Outcome tryOnce(Ledger ledger, String owner, Duration ttl, Predicate<Optional<LedgerSnapshot>> done) {
        ledger.prepareLock();
        return attempt(ledger, owner, ttl, done);
    }

    private static Outcome attempt(Ledger ledger, String owner, Duration ttl,
                                   Predicate<Optional<LedgerSnapshot>> done) {
        long attemptStart = System.nanoTime();
        Optional<Lease> lease = ledger.tryAcquire(owner, ttl);
        if (lease.isPresent()) {
            return new Outcome(lease.get(), attemptStart, null, null);
        }
        Optional<LedgerSnapshot> snapshot = ledger.read();
        if (done.test(snapshot)) {
            return new Outcome(null, 0, snapshot.orElse(new LedgerSnapshot(LedgerState.EMPTY, null)), null);
        }
        return new Outcome(null, 0, null, snapshot.flatMap(LedgerSnapshot::lockInfo).orElse(null));
    }

    private static SmartMigrationException timeout(Ledger ledger, Duration wait, Optional<LockInfo> holder,
                                                   InterruptedException interrupted) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ledger", ledger.name());
        details.put("lockWait", wait.toString());
        String who = holder.map(h -> {
            details.put("holder", h.owner());
            details.put("heartbeatAt", h.heartbeatAt().toString());
            details.put("expiresAt", h.expiresAt().toString());
            return "held by " + h.owner() + " (acquired " + h.acquiredAt() + ", last heartbeat " + h.heartbeatAt()
                    + ", lease " + h.ttl() + ")";
        }).orElse("held by another instance");
        String message = interrupted != null
                ? "interrupted while waiting for the lock of ledger \"" + ledger.name() + "\", " + who + "."
                : "the lock of ledger \"" + ledger.name() + "\" is " + who + " and was not released within lockWait "
                        + wait + ": another instance is migrating. Retry later or raise lockWait; if the holder "
                        + "is dead and its lease cannot be waited out, an operator can call "
                        + "MigrationRuntime.forceUnlock(config).";
        return new SmartMigrationException(ErrorCode.LOCK_TIMEOUT, message, details, interrupted);
    }
}
