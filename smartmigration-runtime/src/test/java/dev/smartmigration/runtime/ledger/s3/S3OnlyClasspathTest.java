package dev.smartmigration.runtime.ledger.s3;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smartmigration.runtime.ledger.Ledger;
import dev.smartmigration.runtime.ledger.Lease;
import dev.smartmigration.runtime.ledger.LedgerState;
import dev.smartmigration.runtime.testing.S3TestServer;
import dev.smartmigration.runtime.testing.S3TestServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run by the {@code s3-only-classpath} surefire execution, whose classpath has no MongoDB driver: an S3-only
 * application gets a fully working ledger. (To be extended to {@code MigrationRuntime.run} once the engine lands.)
 */
@ExtendWith(S3TestServerExtension.class)
class S3OnlyClasspathTest {

    @Test
    void withoutTheMongoDriver_theS3LedgerLocksWritesAndReads(S3TestServer server) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.mongodb.client.MongoClient"));
        assertDoesNotThrow(() -> Class.forName("dev.smartmigration.runtime.MigrationContext"));

        Ledger ledger = new S3Ledger(server.client(), server.bucket(), S3TestServer.uniqueName("s3-only"),
                S3LedgerOptions.defaults());
        Lease lease = ledger.tryAcquire("s3-only", Duration.ofSeconds(30)).orElseThrow();
        ledger.write(lease, LedgerState.EMPTY.withVersion("1.0.0"));
        ledger.release(lease);

        assertEquals("1.0.0", ledger.read().orElseThrow().state().version());
        assertFalse(S3DataPresence.hasApplicationData(server.client(), server.createBucket()));
    }
}
