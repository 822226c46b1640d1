package dev.smartmigration.examples.mongoonly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.StepResult;
import dev.smartmigration.testing.TestResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example end to end over the real driver, with the AWS SDK absent from the class path. Runs against an
 * in-process mongo-java-server, or the MongoDB named by {@code SMARTMIGRATION_TEST_MONGODB_URI}, where database
 * {@code appdb} is dropped before and after each test (use a scratch server). Where mongo-java-server differs:
 * it ignores non-unique indexes (the one checked here is unique).
 */
@ExtendWith(MongoTestServerExtension.class)
class MongoOnlyAppTest {

    @TestResource private MongoClient client;

    @BeforeEach
    void dropAppdb() {
        appdb().drop();
    }

    @AfterEach
    void dropAppdbAgain() {
        appdb().drop();
    }

    @Test
    void classPath_hasTheMongoDriver_butNotTheAwsSdk() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("software.amazon.awssdk.services.s3.S3Client"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("software.amazon.awssdk.core.SdkClient"));
        assertTrue(MongoClient.class.getName().startsWith("com.mongodb"));
    }

    @Test
    void ordersOfAnOlderRelease_areMigratedByBothSteps_andTheNextStartIsANoOp() {
        MongoOnlyApp.writeOrdersOfRelease210(client);

        MigrationResult first = MongoOnlyApp.migrate(client);
        MigrationResult second = MongoOnlyApp.migrate(client);

        assertEquals(List.of("rename-orders-customer-field", "create-orders-number-index"),
                first.stepsApplied().stream().map(StepResult::id).collect(Collectors.toList()));
        assertFalse(first.wasFreshInstall());
        assertEquals("smartmigration: new ledger -> 2.3.0 (2 steps)", MongoOnlyApp.summary(first));
        assertTrue(second.wasUpToDate());
        assertEquals(0, second.stepsApplied().size());
        MongoCollection<Document> orders = appdb().getCollection("orders");
        for (Document order : orders.find()) {
            assertNull(order.get("customer"), order::toJson);
            assertTrue(order.getString("customerId").startsWith("c-"), order::toJson);
        }
        assertTrue(orders.listIndexes().into(new ArrayList<>()).stream()
                .anyMatch(i -> "number_unique".equals(i.getString("name")) && Boolean.TRUE.equals(i.get("unique"))));
    }

    @Test
    void emptyDatabase_isStampedAtTheTarget_withoutRunningTheSteps() {
        MigrationResult result = MongoOnlyApp.migrate(client);

        assertTrue(result.wasFreshInstall());
        assertEquals(0, result.stepsApplied().size());
        assertEquals("smartmigration: fresh install stamped 2.3.0 (0 steps)", MongoOnlyApp.summary(result));
        assertEquals("2.3.0", appdb().getCollection("smartmigration_ledger").find().first().getString("version"));
    }

    @Test
    void run_withoutMongodbUri_migratesTheOrdersOfItsOwnInMemoryServer() {
        assertEquals("smartmigration: new ledger -> 2.3.0 (2 steps)", MongoOnlyApp.run(Map.of()));
    }

    private MongoDatabase appdb() {
        return client.getDatabase(MongoOnlyApp.DATABASE);
    }
}
