package dev.smartmigration.examples.s3only;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.StepResult;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The example end to end over the real AWS SDK, with the MongoDB driver absent from the class path. The test tagged
 * {@code s3} runs against the test S3 of smartmigration-testing (S3Proxy in-process, made per-key atomic like Amazon S3), or the
 * endpoint named by {@code SMARTMIGRATION_TEST_S3_ENDPOINT} with {@code SMARTMIGRATION_TEST_S3_BUCKET} and the
 * {@code AWS_*} variables, where the keys this test writes ({@code exports/}, {@code orders/exports/} and the ledger
 * {@code .smartmigration/orders-service.json}) are deleted before and after each test.
 */
@ExtendWith(S3TestServerExtension.class)
class S3OnlyAppTest {

    private static final String LEDGER_KEY = ".smartmigration/orders-service.json";

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    @BeforeEach
    @AfterEach
    void deleteWhatThisTestWrites() {
        for (String prefix : List.of(MoveOrderExports.OLD_PREFIX, MoveOrderExports.NEW_PREFIX, LEDGER_KEY)) {
            for (String key : keys(prefix)) {
                s3.deleteObject(b -> b.bucket(server.bucket()).key(key));
            }
        }
    }

    @Test
    void classPath_hasTheAwsSdk_butNotTheMongoDriver() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.mongodb.client.MongoClient"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.bson.Document"));
        assertTrue(S3Client.class.getName().startsWith("software.amazon.awssdk"));
    }

    @Test
    @Tag("s3")
    void exportsOfAnOlderRelease_areMovedAndIndexed_withTheLedgerInTheBucket_andTheNextStartIsANoOp() {
        S3OnlyApp.writeExportsOfRelease210(s3, server.bucket());

        MigrationResult first = S3OnlyApp.migrate(s3, server.bucket());
        MigrationResult second = S3OnlyApp.migrate(s3, server.bucket());

        assertEquals(List.of("move-order-exports", "write-exports-index"),
                first.stepsApplied().stream().map(StepResult::id).collect(Collectors.toList()));
        assertEquals("smartmigration: new ledger -> 2.3.0 (2 steps)", S3OnlyApp.summary(first));
        assertTrue(second.wasUpToDate());
        assertEquals(List.of(), keys(MoveOrderExports.OLD_PREFIX));
        assertEquals(List.of("orders/exports/2024-05-01.csv", "orders/exports/2024-05-02.csv",
                "orders/exports/2024-05-03.csv", "orders/exports/index.txt"), keys(MoveOrderExports.NEW_PREFIX));
        assertEquals("orders/exports/2024-05-01.csv\norders/exports/2024-05-02.csv\norders/exports/2024-05-03.csv\n",
                s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(WriteExportsIndex.INDEX)).asUtf8String());
        assertFalse(keys(LEDGER_KEY).isEmpty(), "the ledger object");
    }

    /** {@code main}'s own S3Proxy, whatever the environment says: not a test of the store, so not tagged "s3". */
    @Test
    void run_migratesTheExportsOfItsOwnInMemoryS3() throws Exception {
        assertEquals("smartmigration: new ledger -> 2.3.0 (2 steps)", S3OnlyApp.run());
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(server.bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().collect(Collectors.toList());
    }
}
