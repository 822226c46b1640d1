package dev.smartmigration.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Edited, re-ranged and removed steps with the ledger in MongoDB, through the real driver against
 * mongo-java-server (or {@code SMARTMIGRATION_TEST_MONGODB_URI}); the commands are counted on the wire.
 */
@ExtendWith(MongoTestServerExtension.class)
class MongoEditedMigrationTest extends EditedMigrationContract {

    @TestResource private MongoTestServer server;
    @TestResource private MongoDatabase db;
    private Store store;

    @BeforeEach
    void openTheStore() {
        List<String> commands = new CopyOnWriteArrayList<>();
        MongoClient counted = server.newClient(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getDatabaseName().equals(db.getName())) {
                    commands.add(event.getCommandName());
                }
            }
        });
        store = new Store() {
            @Override
            public MigrationConfig.Builder config(String target, MigrationChain chain) {
                MigrationConfig.Builder b = MigrationConfig.builder().mongo(counted, db.getName()).chain(chain)
                        .owner("test").lockTtl(Duration.ofSeconds(3)).lockWait(Duration.ofSeconds(10));
                return target == null ? b : b.targetVersion(target);
            }

            @Override
            public List<String> takeRequests() {
                List<String> taken = List.copyOf(commands);
                commands.clear();
                return taken;
            }

            @Override
            public List<String> oneSmallRead() {
                return List.of("find");
            }

            @Override
            public Ledger ledger() {
                return new MongoLedger(db, MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION,
                        MigrationConfig.DEFAULT_LEDGER_NAME);
            }

            @Override
            public void writeLedgerWithoutFingerprints(String version, List<MigrationDefinition> applied) {
                Date at = Date.from(Instant.parse("2026-06-01T08:00:00Z"));
                List<Document> history = appliedWithoutFingerprints(applied, at).stream()
                        .map(Document::new).toList();
                db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION).insertOne(
                        new Document("_id", MigrationConfig.DEFAULT_LEDGER_NAME)
                                .append("format", "smartmigration-ledger").append("formatVersion", 1)
                                .append("version", version).append("history", history)
                                .append("checkpoints", List.of()).append("freshInstall", null)
                                .append("lastWriteId", "written-by-an-older-release"));
            }
        };
    }

    @Override
    Store store() {
        return store;
    }
}
