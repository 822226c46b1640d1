package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CLI end to end: real command lines against a MongoDB (embedded mongo-java-server, or the real one named by
 * {@code SMARTMIGRATION_TEST_MONGODB_URI}), with the chain the processor generated from this module's test app
 * ({@code dev.smartmigration.cli.app}), found through ServiceLoader as in an application.
 */
@ExtendWith(MongoTestServerExtension.class)
class SmartMigrationCliTest {

    private MongoTestServer server;
    private MongoDatabase db;

    record Run(int exitCode, String out, String err) { }

    @BeforeEach
    void useDatabase(MongoTestServer server, MongoDatabase db) {
        this.server = server;
        this.db = db;
    }

    private Run cliAnswering(String stdin, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        if (!args.contains("--help") && !args.contains("--mongo-uri") && !args.contains("--bucket")) {
            args.addAll(List.of("--mongo-uri", server.uri(), "--database", db.getName()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SmartMigrationCli.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new Run(code, out.toString(), err.toString());
    }

    private Run cli(String... command) {
        return cliAnswering("", command);
    }

    private MongoLedger ledger() {
        return new MongoLedger(db, MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION, MigrationConfig.DEFAULT_LEDGER_NAME);
    }

    @Test
    void statusOnNewLedger_listsEveryStepPendingAndTheLockFree() {
        Run r = cli("status");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\\| create-things +\\| 1\\.0\\.0 \\| 1\\.1\\.0 \\| Create the things collection +\\| pending .*"), r.out());
        assertTrue(r.out().contains("| label-things "), r.out());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.3.0   Pending: 3"), r.out());
        assertTrue(r.out().contains("Lock: free"), r.out());
        assertTrue(ledger().read().isEmpty(), "status must not create the ledger");
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
    void plan_showsWhatWouldRun_andWritesNothing() {
        Run r = cli("plan", "--target", "1.2.0");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.2.0"), r.out());
        assertTrue(r.out().contains("2 step(s) would run:"), r.out());
        assertTrue(r.out().contains("| grow-things   | 1.1.0 | 1.2.0 |"), r.out());
        assertFalse(r.out().contains("label-things"), r.out());
        assertTrue(ledger().read().isEmpty());
        assertEquals(0, db.getCollection("things").countDocuments());
    }

    @Test
    void planAndDryRunOnAnEmptyStoreWithFreshInstallVersion_sayTheLedgerWouldBeStamped() {
        Run plan = cli("plan", "--fresh-install-version", "1.3.0");
        Run dryRun = cli("migrate", "--dry-run", "--fresh-install-version", "1.3.0");

        assertEquals(0, plan.exitCode(), plan.err());
        assertTrue(plan.out().contains("Fresh install: the ledger would be stamped at 1.3.0."), plan.out());
        assertEquals(plan.out(), dryRun.out());
        assertTrue(ledger().read().isEmpty());

        Run migrate = cli("migrate", "--fresh-install-version", "1.3.0");
        assertTrue(migrate.out().contains("smartmigration: fresh -> 1.3.0 (0 steps, fresh install stamped in "),
                migrate.out());
        assertEquals(0, db.getCollection("things").countDocuments(), "a stamped fresh install runs no step");
    }

    @Test
    void failingStep_exitsWithFour_andStatusShowsTheFailure() {
        db.getCollection("switches").insertOne(new Document("_id", "fail"));

        Run migrate = cli("migrate");

        assertEquals(4, migrate.exitCode(), migrate.out());
        assertTrue(migrate.err().contains("[smartmigration:STEP_FAILED]"), migrate.err());
        assertTrue(migrate.err().contains("caused by: java.lang.IllegalStateException: switch 'fail' is on"), migrate.err());
        Run status = cli("status");
        assertTrue(status.out().matches("(?s).*\\| grow-things +\\| 1\\.1\\.0 \\| 1\\.2\\.0 \\| Double every size +\\| failed .*"), status.out());
        assertTrue(status.out().contains("Last failure of grow-things: java.lang.IllegalStateException: switch 'fail' is on"),
                status.out());
        assertTrue(status.out().contains("Data version: 1.1.0   Target: 1.3.0   Pending: 2"), status.out());
    }

    @Test
    void migrateWhileAnotherInstanceHoldsTheLock_exitsWithThree() {
        ledger().tryAcquire("other-host/1", Duration.ofMinutes(5)).orElseThrow();

        Run r = cli("migrate", "--lock-wait", "0s");

        assertEquals(3, r.exitCode(), r.out());
        assertTrue(r.err().contains("[smartmigration:LOCK_TIMEOUT]"), r.err());
        assertTrue(r.err().contains("other-host/1"), r.err());
    }

    @Test
    void unlockWithoutConfirmation_leavesTheLock_andExitsWithThree() {
        ledger().tryAcquire("dead-host/7", Duration.ofMinutes(5)).orElseThrow();

        Run r = cliAnswering("no\n", "unlock");

        assertEquals(3, r.exitCode(), r.out());
        assertTrue(r.out().contains("Lock: held by dead-host/7 since "), r.out());
        assertTrue(r.out().contains("Not confirmed: the lock was left in place."), r.out());
        assertTrue(ledger().read().orElseThrow().lockInfo().isPresent());
    }

    @Test
    void unlockConfirmed_releasesTheLock_andMigrateThenRuns() {
        ledger().tryAcquire("dead-host/7", Duration.ofMinutes(5)).orElseThrow();

        Run r = cliAnswering("yes\n", "unlock");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Released the lock held by dead-host/7."), r.out());
        assertEquals(Optional.empty(), ledger().read().orElseThrow().lockInfo());
        assertEquals(0, cli("migrate").exitCode());
    }

    @Test
    void unlockWithYes_needsNoConfirmation_andUnlockWithoutLock_saysSo() {
        ledger().tryAcquire("dead-host/7", Duration.ofMinutes(5)).orElseThrow();

        assertEquals(0, cli("unlock", "--yes").exitCode());
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
    void noStoreGiven_exitsWithOne_namingNoResources() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SmartMigrationCli.execute(new String[] {"status"}, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]));

        assertEquals(1, code);
        assertTrue(err.toString().contains("[smartmigration:NO_RESOURCES]"), err.toString());
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
        for (String command : List.of("status", "plan", "migrate", "unlock")) {
            assertTrue(r.out().contains("  " + command + " "), r.out());
        }
        assertTrue(r.out().contains("4   a step failed"), r.out());
    }
}
