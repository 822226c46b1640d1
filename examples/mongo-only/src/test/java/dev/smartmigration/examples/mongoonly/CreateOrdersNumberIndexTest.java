package dev.smartmigration.examples.mongoonly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testkit.MigrationTester;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One step with the test kit (docs/testing.md), on orders as the release before it left them. */
@ExtendWith(MongoTestServerExtension.class)
class CreateOrdersNumberIndexTest {

    @Test
    void onOrdersAsRelease220LeftThem_isIdempotent_andLeavesTheLedgerAt230(MongoClient client, MongoDatabase db) {
        MigrationTester tester = MigrationTester.of(() -> MigrationConfig.builder().mongo(client, db.getName()));
        tester.runTo("2.2.0");                                // the data as release 2.2.0 left it
        db.getCollection("orders").insertOne(new Document("number", 1002).append("customerId", "c-42"));
        tester.assertIdempotent("create-orders-number-index");
        assertEquals("2.3.0", tester.info().currentVersion().orElseThrow());

        assertEquals(2, db.getCollection("orders").listIndexes().into(new ArrayList<>()).size(), "_id and number");
    }
}
