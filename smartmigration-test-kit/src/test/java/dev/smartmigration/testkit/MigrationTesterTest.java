package dev.smartmigration.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.TargetStatus;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The idempotency check and the chain runs, on MongoDB, with chains that do and do not converge. */
@ExtendWith(MongoTestServerExtension.class)
class MigrationTesterTest {

    @TestResource private MongoClient client;
    @TestResource private MongoDatabase db;

    private final List<String> ran = new ArrayList<>();

    private Supplier<MigrationConfig.Builder> stores(MigrationChain chain) {
        return () -> MigrationConfig.builder().mongo(client, db.getName()).chain(chain);
    }

    /** Three converging steps: an index, a $set backfill, an upsert. */
    private MigrationChain convergingChain() {
        return MigrationChain.builder()
                .step("index-orders").from("1.0.0").to("1.1.0").up(ctx -> {
                    ran.add("index-orders");
                    ctx.mongo().getCollection("orders").createIndex(Indexes.ascending("number"));
                })
                .step("backfill-status").from("1.1.0").to("1.2.0").up(ctx -> {
                    ran.add("backfill-status");
                    ctx.mongo().getCollection("orders").updateMany(new Document("status", null),
                            new Document("$set", new Document("status", "open")));
                })
                .step("seed-settings").from("1.2.0").to("1.3.0").up(ctx -> {
                    ran.add("seed-settings");
                    ctx.mongo().getCollection("settings").replaceOne(new Document("_id", "currency"),
                            new Document("_id", "currency").append("value", "EUR"), new ReplaceOptions().upsert(true));
                })
                .build();
    }

    @Test
    void convergingSteps_passTheCheck_eachRunTwice_andTheLedgerEndsAtTheEndOfTheChain() {
        db.getCollection("orders").insertOne(new Document("_id", 1).append("number", 7));
        MigrationTester tester = MigrationTester.of(stores(convergingChain()));

        tester.assertEveryStepIdempotent();

        assertEquals(List.of("index-orders", "index-orders", "backfill-status", "backfill-status", "seed-settings",
                "seed-settings"), ran);
        assertEquals(TargetStatus.AT_TARGET, tester.info().targetStatus());
        assertEquals("1.3.0", tester.info().currentVersion().orElseThrow());
        assertEquals("open", db.getCollection("orders").find().first().getString("status"));
    }

    @Test
    void aStepThatIncrements_failsTheCheck_namingTheDocumentAndTheField() {
        db.getCollection("orders").insertOne(new Document("_id", 1).append("total", 10));
        MigrationChain chain = MigrationChain.builder()
                .step("add-shipping").from("1.0.0").to("1.1.0").up(ctx -> ctx.mongo().getCollection("orders")
                        .updateMany(new Document(), new Document("$inc", new Document("total", 5))))
                .build();

        AssertionError e = assertThrows(AssertionError.class,
                () -> MigrationTester.of(stores(chain)).assertEveryStepIdempotent());

        assertTrue(e.getMessage().startsWith("step \"add-shipping\" (1.0.0 -> 1.1.0) is not idempotent: run again on "
                + "the data it produced, it changed 1 thing:\n  orders {\"_id\": 1}: changed \"total\": 15 -> 20\n"),
                e.getMessage());
    }

    @Test
    void aStepThatInsertsAndIndexes_failsTheCheck_namingTheAddedDocumentAndNotTheLedger() {
        MigrationChain chain = MigrationChain.builder()
                .step("audit").from("1.0.0").to("1.1.0").up(ctx -> {
                    ctx.mongo().getCollection("audit").insertOne(new Document("event", "migrated"));
                    ctx.mongo().getCollection("audit").createIndex(Indexes.ascending("event"));
                })
                .build();

        AssertionError e = assertThrows(AssertionError.class,
                () -> MigrationTester.of(stores(chain)).assertEveryStepIdempotent());

        assertTrue(e.getMessage().contains("it changed 1 thing:\n  audit {\"_id\": {\"$oid\": "), e.getMessage());
        assertTrue(e.getMessage().contains("}: added {\"_id\": {\"$oid\": "), e.getMessage());
        assertTrue(e.getMessage().contains("\"event\": \"migrated\"}"), e.getMessage());
    }

    @Test
    void oneStep_runsTheStepsBeforeItFirst_andOnlyThatStepTwice() {
        MigrationTester tester = MigrationTester.of(stores(convergingChain()));

        tester.assertIdempotent("backfill-status");

        assertEquals(List.of("index-orders", "backfill-status", "backfill-status"), ran);
        assertEquals("1.2.0", MigrationRuntime.currentVersion(stores(convergingChain()).get().build()).orElseThrow());
    }

    @Test
    void aStepTheLedgerIsPast_orAnUnknownStep_isRefused() {
        MigrationTester tester = MigrationTester.of(stores(convergingChain()));
        tester.runTo("1.2.0");

        AssertionError past = assertThrows(AssertionError.class, () -> tester.assertIdempotent("index-orders"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> tester.assertIdempotent("no-such-step"));

        assertTrue(past.getMessage().startsWith("step \"index-orders\" cannot be checked: the ledger is at 1.2.0, "
                + "past the step's start 1.0.0."), past.getMessage());
        assertEquals("the chain has no step \"no-such-step\"; its steps are [index-orders, backfill-status, "
                + "seed-settings]", unknown.getMessage());
    }

    @Test
    void run_runsThePendingSteps_andASnapshotLeavesTheLedgerOut() {
        MigrationTester tester = MigrationTester.of(stores(convergingChain()));
        tester.runTo("1.1.0");
        DataSnapshot before = tester.snapshot();

        tester.run();

        assertEquals(List.of("index-orders", "backfill-status", "seed-settings"), ran);
        assertEquals(List.of("collection " + db.getName() + ".settings: created, with 1 document(s)"),
                before.differencesTo(tester.snapshot()));
    }
}
