package dev.smartmigration.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Each kind of difference a snapshot reports, and what it leaves out. */
@ExtendWith({MongoTestServerExtension.class, S3TestServerExtension.class})
class DataSnapshotTest {

    @TestResource private MongoClient client;
    @TestResource private MongoDatabase db;

    private MigrationConfig mongo() {
        return MigrationConfig.builder().mongo(client, db.getName()).build();
    }

    @Test
    void mongo_reportsDocumentsFieldsIndexesAndCollections_byName() {
        db.getCollection("orders").insertMany(List.of(new Document("_id", 1).append("total", 10).append("note", "a"),
                new Document("_id", 2)));
        db.getCollection("old").insertOne(new Document("_id", "x"));
        DataSnapshot before = DataSnapshot.of(mongo());

        db.getCollection("orders").updateOne(new Document("_id", 1), new Document("$set",
                new Document("total", 20).append("currency", "EUR")).append("$unset", new Document("note", "")));
        db.getCollection("orders").deleteOne(new Document("_id", 2));
        db.getCollection("orders").createIndex(Indexes.ascending("total"), new IndexOptions().unique(true)
                .name("total_unique"));
        db.getCollection("old").drop();
        db.getCollection("settings").insertOne(new Document("_id", "currency"));
        db.getCollection("smartmigration_ledger").insertOne(new Document("_id", "left-out"));

        assertEquals(List.of(
                "collection " + db.getName() + ".old: dropped (it had 1 document(s))",
                "orders {\"_id\": 1}: changed \"total\": 10 -> 20, \"note\": removed (was \"a\"), \"currency\": added "
                        + "\"EUR\"",
                "orders {\"_id\": 2}: deleted",
                "orders index \"total_unique\": created {\"key\": {\"total\": 1}, \"name\": \"total_unique\", "
                        + "\"unique\": true}",
                "collection " + db.getName() + ".settings: created, with 1 document(s)"),
                before.differencesTo(DataSnapshot.of(mongo())));
    }

    @Test
    void unchangedData_hasNoDifferences() {
        db.getCollection("orders").insertOne(new Document("_id", 1).append("items", List.of(new Document("sku", "a"))));

        assertEquals(List.of(), DataSnapshot.of(mongo()).differencesTo(DataSnapshot.of(mongo())));
    }

    @Test
    @Tag("s3")
    void s3_reportsAddedDeletedAndChangedObjects_andLeavesTheLedgerOut(S3TestServer server, S3Client s3) {
        String bucket = server.createBucket();
        MigrationConfig config = MigrationConfig.builder().s3(s3, bucket).build();
        s3.putObject(b -> b.bucket(bucket).key("a.csv"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("b.csv"), RequestBody.fromString("b"));
        s3.putObject(b -> b.bucket(bucket).key("same.csv"), RequestBody.fromString("same"));
        DataSnapshot before = DataSnapshot.of(config);

        s3.putObject(b -> b.bucket(bucket).key("a.csv"), RequestBody.fromString("aa"));
        s3.deleteObject(b -> b.bucket(bucket).key("b.csv"));
        s3.putObject(b -> b.bucket(bucket).key("same.csv"), RequestBody.fromString("same"));
        s3.putObject(b -> b.bucket(bucket).key("c.csv"), RequestBody.fromString("ccc"));
        s3.putObject(b -> b.bucket(bucket).key(".smartmigration/app.json"), RequestBody.fromString("{}"));

        List<String> differences = before.differencesTo(DataSnapshot.of(config));
        assertEquals(3, differences.size(), differences::toString);
        assertTrue(differences.get(0).startsWith("s3://" + bucket + "/a.csv: content changed (1 -> 2 bytes, ETag "),
                differences::toString);
        assertEquals("s3://" + bucket + "/b.csv: deleted", differences.get(1));
        assertEquals("s3://" + bucket + "/c.csv: added (3 bytes)", differences.get(2));
    }
}
