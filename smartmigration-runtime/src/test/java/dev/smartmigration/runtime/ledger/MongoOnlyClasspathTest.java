package dev.smartmigration.runtime.ledger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Run by the {@code mongo-only-classpath} surefire execution, whose classpath has no AWS SDK. For now it proves the
 * classpath is what it claims; the MongoDB ledger and {@code MigrationRuntime.run} tests join it when they land.
 */
class MongoOnlyClasspathTest {

    @Test
    void withoutTheAwsSdk_theLedgerContractLoadsAndTheS3ClientDoesNot() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.services.s3.S3Client"));
        assertDoesNotThrow(() -> Class.forName("com.mongodb.client.MongoClient"));
        assertDoesNotThrow(() -> LedgerState.EMPTY.withVersion("1.0.0"));
    }
}
