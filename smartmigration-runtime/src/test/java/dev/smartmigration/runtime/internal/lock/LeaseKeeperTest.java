package dev.smartmigration.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServerExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The keeper against the embedded MongoDB (or {@code SMARTMIGRATION_TEST_MONGODB_URI}). */
@ExtendWith(MongoTestServerExtension.class)
class LeaseKeeperTest {

    /**
     * A cold instance may spend most of the ttl inside its first tryAcquire (class loading, first connections,
     * the S3 probe); the keeper must then renew at once, not a third of the ttl after it starts, or the runner
     * declares the lease lost although it was never in danger. Seen in the reliability suite's S3 boot storm.
     *
     * <p>The test waits for the first renewal (an event) and checks when it was sent against the lease's own
     * reckoning: a keeper that waits a third of the ttl first renews 10.3 s after the back-dated start of a 10 s
     * lease, too late; one that renews at once does so about 7 s after it, leaving 3 s of slack for a busy machine.
     */
    @Test
    void acquisitionThatTookMostOfTheTtl_isRenewedAtOnce_notDeclaredLost(MongoDatabase db) throws Exception {
        RenewalWatch ledger = new RenewalWatch(new MongoLedger(db, "smartmigration_ledger", "slow-start"));
        Duration ttl = Duration.ofSeconds(10);
        long attemptStart = System.nanoTime() - TimeUnit.SECONDS.toNanos(7);
        Lease lease = ledger.tryAcquire("slow:1", ttl).orElseThrow();
        try (LeaseKeeper keeper = LeaseKeeper.start(ledger, lease, attemptStart)) {
            assertTrue(ledger.firstRenewal.await(30, TimeUnit.SECONDS), "the keeper never renewed the lease");
            assertTrue(ledger.firstRenewalNanos.get() - attemptStart < ttl.toNanos(), "first renewal came "
                    + TimeUnit.NANOSECONDS.toMillis(ledger.firstRenewalNanos.get() - attemptStart)
                    + " ms after the attempt began, past the lease's ttl");
            assertFalse(keeper.isLost());
        }
    }

    /** A ledger that records when the first renewal was sent; everything else goes straight to the real one. */
    private static final class RenewalWatch implements Ledger {
        private final Ledger ledger;
        private final CountDownLatch firstRenewal = new CountDownLatch(1);
        private final AtomicLong firstRenewalNanos = new AtomicLong();

        RenewalWatch(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public void renew(Lease lease) {
            firstRenewalNanos.compareAndSet(0, System.nanoTime());
            ledger.renew(lease);
            firstRenewal.countDown();
        }

        @Override
        public String name() {
            return ledger.name();
        }

        @Override
        public Optional<LedgerSnapshot> read() {
            return ledger.read();
        }

        @Override
        public Optional<Lease> tryAcquire(String owner, Duration ttl) {
            return ledger.tryAcquire(owner, ttl);
        }

        @Override
        public void write(Lease lease, LedgerState state) {
            ledger.write(lease, state);
        }

        @Override
        public void release(Lease lease) {
            ledger.release(lease);
        }

        @Override
        public Optional<LockInfo> forceUnlock() {
            return ledger.forceUnlock();
        }
    }
}
