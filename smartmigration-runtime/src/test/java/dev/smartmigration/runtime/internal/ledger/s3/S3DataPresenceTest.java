package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.putRaw;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fresh-install detection: a bucket holds application data when it has a key outside {@code .smartmigration/}.
 * Each test needs an empty bucket; on a real endpoint that takes CreateBucket permission (else they are skipped).
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3DataPresenceTest {

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    @Test
    void emptyBucket_isEmpty() {
        assertTrue(new S3DataPresence(s3, server.createBucket()).isEmpty());
    }

    @Test
    void bucketWithOnlyLedgersAndProbes_isEmpty() {
        String bucket = server.createBucket();
        for (int i = 0; i < 5; i++) {
            new S3Ledger(s3, bucket, "app-" + i, S3LedgerOptions.defaults()).tryAcquire("me", Duration.ofSeconds(5));
        }
        putRaw(s3, bucket, S3Ledger.KEY_PREFIX + "nested/deeper.json", "{}");

        assertTrue(new S3DataPresence(s3, bucket).isEmpty());
    }

    /**
     * S3Proxy's file-tree store cannot hold the key {@code .smartmigration} beside the folder, nor a key starting
     * with {@code /}; Amazon S3 can, and the check treats both as application data too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"data.csv", "users/1.json", "!early", "-dash", ".smartmigrationx", ".smartmigration-old/x",
                            ".hidden/x", "zzz/last"})
    void anyKeyOutsideTheSmartmigrationFolder_makesTheBucketNotEmpty(String key) {
        String bucket = server.createBucket();
        new S3Ledger(s3, bucket, "app", S3LedgerOptions.defaults()).tryAcquire("me", Duration.ofSeconds(5));
        putRaw(s3, bucket, key, "x");

        assertFalse(new S3DataPresence(s3, bucket).isEmpty(), key);
    }

    @Test
    void missingBucket_isLedgerUnavailable() {
        S3DataPresence missing = new S3DataPresence(s3, S3TestServer.uniqueName("no-such-bucket"));

        assertCode(ErrorCode.LEDGER_UNAVAILABLE, missing::isEmpty);
        assertCode(ErrorCode.INVALID_OPTIONS, () -> new S3DataPresence(s3, " "));
    }
}
