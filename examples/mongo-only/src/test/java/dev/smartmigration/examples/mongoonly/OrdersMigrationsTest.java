package dev.smartmigration.examples.mongoonly;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testkit.MigrationTester;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example's migrations with the test kit (docs/testing.md): the generated chain, each step run twice. */
@ExtendWith(MongoTestServerExtension.class)
class OrdersMigrationsTest {
    @Test
    void everyStepIsIdempotent(MongoClient client, MongoDatabase db) {
        db.getCollection("orders").insertOne(new Document("number", 1001).append("customer", "c-17"));
        MigrationTester.of(() -> MigrationConfig.builder().mongo(client, db.getName())).assertEveryStepIdempotent();
    }
}
