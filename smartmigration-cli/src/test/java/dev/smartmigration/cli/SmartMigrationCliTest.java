package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The CLI end to end: real command lines against a MongoDB (embedded mongo-java-server, or the real one named by
 * {@code SMARTMIGRATION_TEST_MONGODB_URI}), with the chain the processor generated from this module's test app
 * ({@code dev.smartmigration.cli.app}), found through ServiceLoader as in an application.
 */
@ExtendWith(MongoTestServerExtension.class)
class SmartMigrationCliTest {

    @TestResource private MongoTestServer server;
    @TestResource private MongoDatabase db;

    record Run(int exitCode, String out, String err) { }

    private Run cliAnswering(String stdin, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        if (!args.contains("--help") && !args.contains("--mongo-uri") && !args.contains("--bucket")) {
            args.addAll(List.of("--mongo-uri", server.uri(), "--database", db.getName()));
        }
        return execute(stdin, args.toArray(String[]::new));
    }

    static Run execute(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SmartMigrationCli.execute(args, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new Run(code, out.toString(), err.toString());
    }

    private Run cli(String... command) {
        return cliAnswering("", command);
    }

    /** Another instance holding the lock, mid-migration, on this test's database. */
    private LockHolder holder(String owner) throws InterruptedException {
        return new LockHolder(MigrationConfig.builder().mongo(server.client(), db.getName()), owner);
    }

    /** @return a loopback port nothing listens on */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void statusOnAnEmptyDatabase_listsEveryStepPending_saysThereIsNoLedgerNorData_andCreatesNothing() {
        Run r = cli("status");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\| create-things +\\| 1\\.0\\.0 \\| 1\\.1\\.0 \\| Create the things collection +\\| pending .*"), r.out());
        assertTrue(r.out().contains("| label-things "), r.out());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.3.0   Pending: 3"), r.out());
        assertTrue(r.out().contains("No ledger \"smartmigration\" and no application data in MongoDB database "
                + db.getName() + ": if the data should be there, check the database or bucket name"), r.out());
        assertTrue(r.out().contains("Lock: free"), r.out());
        assertEquals(List.of(), db.listCollectionNames().into(new ArrayList<>()), "status must create nothing");
    }

    @Test
    void statusOnADatabaseWithDataButNoLedger_doesNotCallItEmpty() {
        db.getCollection("things").insertOne(new Document("_id", "legacy"));

        Run r = cli("status");

        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("No ledger"), r.out());
    }

    @Test
    void migrate_runsEveryStepPrintsTheSummary_andStatusShowsThemApplied() {
        Run migrate = cli("migrate");

        assertEquals(0, migrate.exitCode(), migrate.err());
        assertTrue(migrate.out().contains("applied create-things (1.0.0 -> 1.1.0) in "), migrate.out());
        assertTrue(migrate.out().contains("smartmigration: fresh -> 1.3.0 (3 steps in "), migrate.out());
        assertEquals("x", db.getCollection("things").find().first().getString("label"));

        Run status = cli("status");
        assertEquals(0, status.exitCode(), status.err());
        assertEquals(3, status.out().split("\\| applied ", -1).length - 1, status.out());
        assertTrue(status.out().contains("smartmigration-cli@"), "the instance column names the CLI: " + status.out());
        assertTrue(status.out().contains("Data version: 1.3.0   Target: 1.3.0   Pending: 0"), status.out());

        Run again = cli("migrate");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("smartmigration: 1.3.0 is current (no-op in "), again.out());
    }

    @Test
    void statusWithATargetTheChainCannotReach_saysWhy_andExitsWithOne() {
        cli("migrate", "--target", "1.2.0");

        Run r = cli("status", "--target", "9.9.9");

        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("Data version: 1.2.0   Target: 9.9.9   Pending: 0"), r.out());
        assertTrue(r.out().contains("The target cannot be reached: [smartmigration:TARGET_NOT_REACHABLE] the chain "
                + "ends at 1.3.0"), r.out());
        assertTrue(r.out().contains("or pass --target 1.3.0."), r.out());
        Run plan = cli("plan", "--target", "1.2.5");
        assertEquals(1, plan.exitCode());
        assertTrue(plan.err().contains("no step ends at 1.2.5. Pass --target 1.2.0 or 1.3.0."), plan.err());
    }

    @Test
    void statusBelowTheEndOfTheChain_marksTheLaterStepsAboveTheTarget() {
        Run r = cli("status", "--target", "1.2.0");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\| label-things +\\| 1\\.2\\.0 \\| 1\\.3\\.0 \\| Label every thing +\\| above target .*"), r.out());
        assertTrue(r.out().contains("Pending: 2"), r.out());
    }

    @Test
    void plan_showsWhatWouldRun_andWritesNothing() {
        Run r = cli("plan", "--target", "1.2.0");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.2.0"), r.out());
        assertTrue(r.out().contains("2 step(s) would run:"), r.out());
        assertTrue(r.out().contains("| grow-things   | 1.1.0 | 1.2.0 |"), r.out());
        assertFalse(r.out().contains("label-things"), r.out());
        assertEquals(List.of(), db.listCollectionNames().into(new ArrayList<>()));
    }

    @Test
    void freshInstall_planSaysTheLedgerWouldBeStamped_andStatusAfterwardsShowsTheStampedSteps() {
        Run plan = cli("plan", "--fresh-install-version", "1.3.0");
        Run dryRun = cli("migrate", "--dry-run", "--fresh-install-version", "1.3.0");

        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.out().contains("Fresh install: the ledger would be stamped at 1.3.0."), plan.out());
        assertEquals(plan.out(), dryRun.out());
        assertEquals(List.of(), db.listCollectionNames().into(new ArrayList<>()));

        Run migrate = cli("migrate", "--fresh-install-version", "1.3.0");
        assertTrue(migrate.out().contains("smartmigration: fresh -> 1.3.0 (0 steps, fresh install stamped in "),
                migrate.out());
        assertEquals(0, db.getCollection("things").countDocuments(), "a stamped fresh install runs no step");
        assertEquals(3, cli("status").out().split("\\| fresh install ", -1).length - 1);
    }

    @Test
    void failingStep_exitsWithFour_tellsTheOperatorWhatToDo_andStatusShowsTheRootCause() {
        db.getCollection("switches").insertOne(new Document("_id", "fail"));

        Run migrate = cli("migrate");

        assertEquals(4, migrate.exitCode(), migrate.out());
        assertTrue(migrate.err().contains("[smartmigration:STEP_FAILED] step \"grow-things\" (1.1.0 -> 1.2.0) "
                + "failed: java.lang.IllegalStateException: switch 'fail' is on"), migrate.err());
        assertTrue(migrate.err().contains("root cause: java.io.IOException: disk full"), migrate.err());
        assertTrue(migrate.err().contains("run `smartmigration migrate` again"), migrate.err());
        Run status = cli("status");
        assertTrue(status.out().matches("(?s).*\\| grow-things +\\| 1\\.1\\.0 \\| 1\\.2\\.0 \\| Double every size +\\| failed .*"), status.out());
        assertTrue(status.out().contains("Last failure of grow-things: java.lang.IllegalStateException: switch 'fail' is on\n"
                + "  root cause: java.io.IOException: disk full"), status.out());
        assertTrue(status.out().contains("Data version: 1.1.0   Target: 1.3.0   Pending: 2"), status.out());
    }

    @Test
    void migrateWhileAnotherInstanceHoldsTheLock_exitsWithThree_andPointsAtUnlock() throws Exception {
        try (LockHolder other = holder("other-host/1")) {
            Run r = cli("migrate", "--lock-wait", "0s");

            assertEquals(3, r.exitCode(), r.out());
            assertTrue(r.err().startsWith("[smartmigration:LOCK_TIMEOUT] the lock of ledger \"smartmigration\" is "
                    + "held by " + other.owner() + ", last heartbeat "), r.err());
            assertTrue(r.err().contains("not released within --lock-wait 0s"), r.err());
            assertTrue(r.err().contains("`smartmigration unlock`"), r.err());
            assertFalse(r.err().contains("MigrationRuntime"), r.err());
        }
    }

    @Test
    void unlockWithoutConfirmation_leavesTheLock_andExitsWithThree() throws Exception {
        try (LockHolder dead = holder("dead-host/7")) {
            Run r = cliAnswering("no\n", "unlock");

            assertEquals(3, r.exitCode(), r.out());
            assertTrue(r.out().contains("Lock: held by " + dead.owner() + " since "), r.out());
            assertTrue(r.out().contains("Not confirmed: the lock was left in place."), r.out());
            assertTrue(cli("status").out().contains("Lock: held by " + dead.owner()));
        }
    }

    @Test
    void unlockConfirmed_releasesTheLock_andMigrateThenRuns() throws Exception {
        try (LockHolder dead = holder("dead-host/7")) {
            Run r = cliAnswering("yes\n", "unlock");

            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("Released the lock held by " + dead.owner() + "."), r.out());
            assertTrue(cli("status").out().contains("Lock: free"));
        }
        assertEquals(0, cli("migrate").exitCode());
    }

    @Test
    void unlockWithYes_needsNoConfirmation_andUnlockWithoutLock_saysSo() throws Exception {
        try (LockHolder dead = holder("dead-host/7")) {
            Run unlock = cli("unlock", "--yes");
            assertEquals(0, unlock.exitCode(), unlock.err());
            assertTrue(unlock.out().contains("Released the lock held by " + dead.owner() + "."), unlock.out());
        }
        Run none = cli("unlock", "--yes");
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().contains("No lock is held on ledger \"smartmigration\"."), none.out());
    }

    @Test
    void foreignLedgerDocument_exitsWithFive_andIsLeftUntouched() {
        db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                .insertOne(new Document("_id", "smartmigration").append("owner", "someone else"));
        byte[] before = MongoTestServer.firstDocumentBytes(db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION));

        Run status = cli("status");
        Run migrate = cli("migrate");

        assertEquals(5, status.exitCode(), status.out());
        assertEquals(5, migrate.exitCode(), migrate.out());
        assertTrue(migrate.err().contains("[smartmigration:LEDGER_CORRUPT]"), migrate.err());
        assertEquals(new String(before, StandardCharsets.ISO_8859_1), new String(
                MongoTestServer.firstDocumentBytes(db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void serverThatDoesNotAnswer_failsWithinTheConnectTimeout_withExitSix() throws IOException {
        Run r = execute("", "status", "--mongo-uri", "mongodb://127.0.0.1:" + closedPort(), "--database", "appdb",
                "--connect-timeout", "1s");

        assertEquals(6, r.exitCode(), r.out());
        assertTrue(r.err().contains("[smartmigration:LEDGER_UNAVAILABLE]"), r.err());
        assertTrue(r.err().contains("Timed out while waiting for a server"), r.err());
        assertTrue(r.err().contains("--connect-timeout"), r.err());
    }

    @Test
    void connectTimeout_defaultsToTenSeconds_andBoundsServerSelectionAndConnecting() {
        StatusCommand status = new StatusCommand();
        new CommandLine(status).parseArgs("--mongo-uri", "mongodb://db.internal");
        assertEquals(Duration.ofSeconds(10), status.connection.connectTimeout);

        MongoClientSettings settings = MongoConnector.settings(new ConnectionString("mongodb://db.internal"),
                status.connection.connectTimeout);
        assertEquals(10_000, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(10_000, settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void noStoreGiven_exitsWithOne_namingNoResources() {
        Run r = execute("", "status");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("[smartmigration:NO_RESOURCES]"), r.err());
    }

    @Test
    void unknownOptionOrBadDuration_exitsWithTwo() {
        assertEquals(2, cli("status", "--no-such-option").exitCode());
        Run bad = cli("migrate", "--lock-wait", "soon");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("'soon' is not a duration"), bad.err());
    }

    @Test
    void help_listsTheCommandsAndExitCodes() {
        Run r = cli("--help");

        assertEquals(0, r.exitCode());
        for (String command : List.of("status", "plan", "migrate", "validate", "repair", "unlock")) {
            assertTrue(r.out().contains("  " + command + " "), r.out());
        }
        assertTrue(r.out().contains("4   a step failed"), r.out());
        assertTrue(r.out().contains("7   an applied step was edited"), r.out());
    }

    /**
     * Makes the ledger say that {@code grow-things} ran with other code than the chain's, as if its class was edited
     * after it ran, and that the last run found it so (no digest for the fast path).
     */
    static void recordGrowThingsAsRunWithOtherCode(MongoDatabase db) {
        MongoCollection<Document> ledger = db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION);
        Document doc = ledger.find().first();
        assertEquals("grow-things", doc.getList("history", Document.class).get(1).getString("id"));
        ledger.updateOne(new Document("_id", "smartmigration"), new Document("$set",
                new Document("history.1.fingerprint", "v1:" + "0".repeat(64)).append("appliedCode.digest", null)));
    }

    @Test
    void editedStep_isMarkedByStatus_failsValidateWithSeven_andRepairAcceptsIt() {
        assertEquals(0, cli("migrate").exitCode());
        Run valid = cli("validate");
        assertEquals(0, valid.exitCode(), valid.err());
        assertTrue(valid.out().startsWith("Valid: the 3 applied step(s) match the code; data version 1.3.0"),
                valid.out());
        recordGrowThingsAsRunWithOtherCode(db);

        Run status = cli("status");
        Run validate = cli("validate");
        Run notConfirmed = cliAnswering("no\n", "repair", "--accept-edits");
        Run failIfEdited = cli("migrate", "--fail-if-edited");
        Run warned = cli("migrate");

        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("| applied, EDITED "), status.out());
        assertTrue(status.out().contains("The code no longer matches 1 applied step(s)"), status.out());
        assertTrue(status.out().contains("step \"grow-things\" (1.1.0 -> 1.2.0), applied at "), status.out());
        assertEquals(7, validate.exitCode(), validate.out());
        assertTrue(validate.err().startsWith("[smartmigration:MIGRATION_EDITED] 1 applied step(s) of ledger "
                + "\"smartmigration\" no longer match the code"), validate.err());
        assertEquals(3, notConfirmed.exitCode(), notConfirmed.out());
        assertTrue(notConfirmed.out().contains("Not confirmed: nothing was recorded."), notConfirmed.out());
        assertEquals(7, failIfEdited.exitCode(), failIfEdited.out());
        assertEquals(0, warned.exitCode(), warned.err());
        assertTrue(warned.out().startsWith("warning: step \"grow-things\""), warned.out());

        Run repair = cli("repair", "--accept-edits", "--by", "alice", "--yes");
        assertEquals(0, repair.exitCode(), repair.err());
        assertTrue(repair.out().contains("Accepted 1 step(s) as they are in the code now, recorded in ledger "
                + "\"smartmigration\" as accepted by alice via smartmigration-cli@"), repair.out());
        Run after = cli("status");
        assertFalse(after.out().contains("EDITED"), after.out());
        assertEquals(0, cli("validate").exitCode());
        Run again = cli("repair", "--accept-edits");
        assertTrue(again.out().contains("Every applied step matches the code: nothing to accept."), again.out());
    }

    @Test
    void repairWithoutAcceptEdits_isAnInvalidOption() {
        Run r = cli("repair");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("[smartmigration:INVALID_OPTIONS] repair needs --accept-edits"), r.err());
    }
}
