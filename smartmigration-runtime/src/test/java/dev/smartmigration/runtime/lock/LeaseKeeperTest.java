package dev.smartmigration.runtime.lock;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.smartmigration.runtime.ledger.Lease;
import dev.smartmigration.runtime.ledger.mongo.MongoLedger;
import dev.smartmigration.runtime.testing.MongoTestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The keeper against the embedded MongoDB (or {@code SMARTMIGRATION_TEST_MONGODB_URI}). */
class LeaseKeeperTest {

    /**
     * A cold instance may spend most of the ttl inside its first tryAcquire (class loading, first connections,
     * the S3 probe); the keeper must then renew at once, not a third of the ttl after it starts, or the runner
     * declares the lease lost although it was never in danger. Seen in the reliability suite's S3 boot storm.
     */
    @Test
    void acquisitionThatTookMostOfTheTtl_isRenewedAtOnce_notDeclaredLost() throws InterruptedException {
        try (MongoTestServer server = MongoTestServer.start()) {
            MongoLedger ledger = new MongoLedger(server.newClient().getDatabase(server.newDatabaseName()),
                    "smartmigration_ledger", "slow-start");
            Duration ttl = Duration.ofSeconds(3);
            long attemptStart = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2_700);
            Lease lease = ledger.tryAcquire("slow:1", ttl).orElseThrow();
            try (LeaseKeeper keeper = LeaseKeeper.start(ledger, lease, attemptStart)) {
                Thread.sleep(600);
                assertFalse(keeper.isLost());
            }
        }
    }
}
