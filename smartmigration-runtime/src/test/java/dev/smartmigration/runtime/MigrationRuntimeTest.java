package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each line of the run contract, through the real driver against mongo-java-server, or a real MongoDB when
 * {@code SMARTMIGRATION_TEST_MONGODB_URI} is set.
 */
@ExtendWith(MongoTestServerExtension.class)
class MigrationRuntimeTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();
    @TestResource private MongoTestServer server;
    @TestResource private MongoClient client;
    @TestResource private MongoDatabase db;

    /** 1.0.0 -a-> 1.1.0 -b-> 1.2.0 -c-> 2.0.0; each step records that it ran. */
    private MigrationChain chain() {
        return MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> ran.add("a"))
                .step("b").from("1.1.0").to("1.2.0").up(ctx -> ran.add("b" + (ctx.isSkipForward() ? "*" : "")))
                .step("c").from("1.2.0").to("2.0.0").up(ctx -> ran.add("c"))
                .build();
    }

    private MigrationConfig.Builder config(String target) {
        return config(client, target).chain(chain());
    }

    private MigrationConfig.Builder config(MongoClient mongo, String target) {
        return MigrationConfig.builder().targetVersion(target).mongo(mongo, db.getName())
                .lockTtl(Duration.ofSeconds(2)).lockWait(Duration.ofSeconds(10)).owner("test");
    }

    private MongoCollection<Document> ledgerCollection() {
        return db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION);
    }

    private MongoLedger ledger() {
        return new MongoLedger(db, MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION,
                MigrationConfig.DEFAULT_LEDGER_NAME);
    }

    private byte[] ledgerBytes() {
        return MongoTestServer.firstDocumentBytes(ledgerCollection());
    }

    private void seedLedger(String version, Map<String, Map<String, String>> checkpoints) {
        MongoLedger ledger = ledger();
        Lease lease = ledger.tryAcquire("seed", Duration.ofSeconds(5)).orElseThrow();
        ledger.write(lease, new LedgerState(version, List.of(), checkpoints));
        ledger.release(lease);
    }

    private LedgerSnapshot snapshot() {
        return ledger().read().orElseThrow();
    }

    /** A command sent to this test's database, copied in the listener (the driver's document is not kept). */
    private record Sent(String name, BsonDocument projection) { }

    /** A client that records every command it sends to this test's database. */
    private MongoClient watchedClient(List<Sent> sink) {
        return server.newClient(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getDatabaseName().equals(db.getName())) {
                    BsonValue projection = event.getCommand().get("projection");
                    sink.add(new Sent(event.getCommandName(),
                            projection == null ? null : BsonDocument.parse(projection.asDocument().toJson())));
                }
            }
        });
    }

    private static List<String> names(List<Sent> sent) {
        return sent.stream().map(Sent::name).toList();
    }

    private static SmartMigrationException assertCode(ErrorCode code, MigrationConfig config) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(config));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void newLedger_runsEveryStepFromTheFirstAndRecordsEach() {
        MigrationResult r = MigrationRuntime.run(config("2.0.0").build());
        assertEquals(List.of("a", "b", "c"), ran);
        assertNull(r.currentVersionBefore());
        assertEquals("2.0.0", r.currentVersionAfter());
        assertFalse(r.wasUpToDate());
        assertFalse(r.wasFreshInstall());
        assertEquals(List.of("a", "b", "c"), r.stepsApplied().stream().map(StepResult::id).toList());
        assertTrue(r.stepsApplied().stream().allMatch(s -> s.status() == StepResult.Status.APPLIED));
        LedgerSnapshot s = snapshot();
        assertEquals("2.0.0", s.state().version());
        assertEquals(List.of("a", "b", "c"), s.state().history().stream().map(HistoryEntry::id).toList());
        assertTrue(s.state().history().stream().allMatch(h -> h.status() == HistoryEntry.Status.APPLIED
                && "test".equals(h.owner()) && h.startedAt() != null));
        assertTrue(s.lockInfo().isEmpty(), "lock released");
    }

    @Test
    void atTarget_fastPathIsOneSmallReadWithoutLockWriteOrHistory() {
        MigrationRuntime.run(config("2.0.0").build());
        byte[] before = ledgerBytes();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        MongoClient watched = watchedClient(sent);
        MigrationResult r = MigrationRuntime.run(config(watched, "2.0.0").chain(chain()).build());
        assertTrue(r.wasUpToDate());
        assertEquals("2.0.0", r.currentVersionBefore());
        assertEquals("2.0.0", r.currentVersionAfter());
        assertEquals(List.of(), r.stepsApplied());
        assertEquals(List.of("find"), names(sent));
        assertEquals(List.of(new BsonDocument("format", new BsonInt32(1)).append("formatVersion", new BsonInt32(1))
                .append("version", new BsonInt32(1)).append("appliedCode", new BsonInt32(1))),
                sent.stream().map(Sent::projection).toList(), "the find fetches no history");
        assertArrayEquals(before, ledgerBytes());
    }

    @Test
    void plan_onNewLedger_reportsStepsAsSkippedAndCreatesNothing() {
        MigrationResult r = MigrationRuntime.plan(config("2.0.0").build());
        assertEquals(List.of("a", "b", "c"), r.stepsSkipped().stream().map(StepResult::id).toList());
        assertTrue(r.stepsSkipped().stream().allMatch(s -> s.status() == StepResult.Status.SKIPPED));
        assertEquals(List.of(), r.stepsApplied());
        assertNull(r.currentVersionAfter());
        assertEquals(List.of(), ran);
        assertEquals(0, ledgerCollection().countDocuments());
    }

    @Test
    void dryRun_onExistingLedger_plansWithoutLockOrWrite() {
        seedLedger("1.1.0", Map.of());
        byte[] before = ledgerBytes();
        MigrationResult r = MigrationRuntime.run(config("2.0.0").dryRun(true).build());
        assertEquals(List.of("b", "c"), r.stepsSkipped().stream().map(StepResult::id).toList());
        assertEquals("1.1.0", r.currentVersionAfter());
        assertEquals(List.of(), ran);
        assertArrayEquals(before, ledgerBytes());
    }

    @Test
    void freshInstall_emptyDatabase_stampsFreshInstallVersionAndRunsNothing() {
        MigrationResult r = MigrationRuntime.run(config("2.0.0").freshInstallVersion("2.0.0").build());
        assertTrue(r.wasFreshInstall());
        assertEquals(List.of(), ran);
        assertEquals("2.0.0", snapshot().state().version());
    }

    @Test
    void freshInstall_atEarlierVersion_stampsThenRunsTheRest() {
        MigrationResult r = MigrationRuntime.run(config("2.0.0").freshInstallVersion("1.1.0").build());
        assertTrue(r.wasFreshInstall());
        assertEquals(List.of("b", "c"), ran);
        assertEquals("2.0.0", r.currentVersionAfter());
    }

    @Test
    void existingData_withFreshInstallVersion_isNotFreshAndRunsEveryStep() {
        db.getCollection("users").insertOne(new Document("name", "ada"));
        MigrationResult r = MigrationRuntime.run(config("2.0.0").freshInstallVersion("2.0.0").build());
        assertFalse(r.wasFreshInstall());
        assertEquals(List.of("a", "b", "c"), ran);
    }

    @Test
    void freshInstallVersionOffTheChain_failsBeforeLockingWithInvalidOptions() {
        assertCode(ErrorCode.INVALID_OPTIONS, config("2.0.0").freshInstallVersion("1.0.5").build());
        assertEquals(0, ledgerCollection().countDocuments());
    }

    @Test
    void newLedger_emptyChain_stampsTarget() {
        MigrationResult r = MigrationRuntime.run(config("1.0.0").chain(MigrationChain.builder().build()).build());
        assertEquals("1.0.0", r.currentVersionAfter());
        assertEquals("1.0.0", snapshot().state().version());
    }

    @Test
    void ledgerAtStepFrom_resumesExactlyThere() {
        MigrationRuntime.run(config("1.1.0").build());
        ran.clear();
        MigrationResult r = MigrationRuntime.run(config("2.0.0").build());
        assertEquals(List.of("b", "c"), ran);
        assertEquals("1.1.0", r.currentVersionBefore());
    }

    @Test
    void ledgerInsideStep_skipsForwardAndTellsTheStep() {
        seedLedger("1.1.5", Map.of());
        MigrationRuntime.run(config("2.0.0").build());
        assertEquals(List.of("b*", "c"), ran);
        HistoryEntry b = snapshot().state().history().get(0);
        assertTrue(b.skipForward());
    }

    @Test
    void ledgerAheadOfTarget_runsNothingAndSaysSoByDefault() {
        seedLedger("2.0.0", Map.of());
        byte[] before = ledgerBytes();
        MigrationResult r = MigrationRuntime.run(config("1.1.0").build());
        assertTrue(r.ledgerAheadOfTarget());
        assertFalse(r.wasUpToDate());
        assertEquals("2.0.0", r.currentVersionAfter());
        assertEquals(List.of(), ran);
        assertArrayEquals(before, ledgerBytes());
    }

    @Test
    void ledgerAheadOfTarget_withFailIfAhead_isAnError() {
        seedLedger("2.0.0", Map.of());
        SmartMigrationException e = assertCode(ErrorCode.LEDGER_AHEAD_OF_TARGET,
                config("1.1.0").failIfAheadOfTarget(true).build());
        assertEquals("2.0.0", e.details().get("ledgerVersion"));
    }

    @Test
    void targetNotOnChain_isTargetNotReachable_withoutTakingTheLockOrWriting() {
        seedLedger("1.0.0", Map.of());
        byte[] before = ledgerBytes();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        MongoClient watched = watchedClient(sent);
        assertCode(ErrorCode.TARGET_NOT_REACHABLE, config(watched, "1.5.0").chain(chain()).build());
        assertEquals(List.of("find", "find"), names(sent), "version read, then full read; no lock taken, nothing written");
        assertArrayEquals(before, ledgerBytes());
    }

    @Test
    void damagedLedgerWithoutVersion_isCorruptForPlanAndRun_beforeAnyLockIsTaken() {
        ledgerCollection().insertOne(new Document("_id", MigrationConfig.DEFAULT_LEDGER_NAME)
                .append("format", "smartmigration-ledger").append("formatVersion", 1)
                .append("history", "not a list").append("checkpoints", List.of()));
        byte[] before = ledgerBytes();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        MongoClient watched = watchedClient(sent);

        assertCode(ErrorCode.LEDGER_CORRUPT, config(watched, "2.0.0").chain(chain()).build());
        MigrationConfig planConfig = config(watched, "2.0.0").chain(chain()).build();
        assertEquals(ErrorCode.LEDGER_CORRUPT,
                assertThrows(SmartMigrationException.class, () -> MigrationRuntime.plan(planConfig)).code());

        assertEquals(List.of("find", "find", "find", "find"), names(sent), "version read, then full read; no lock");
        assertArrayEquals(before, ledgerBytes());
    }

    @Test
    void targetTheChainCannotReach_onAnEmptyDatabase_writesNothing_notEvenTheLedgerCollection() {
        assertCode(ErrorCode.TARGET_NOT_REACHABLE, config("3.0.0").build());
        assertEquals(List.of(), db.listCollectionNames().into(new ArrayList<>()));
        assertEquals(List.of(), ran);
    }

    @Test
    void ledgerPastEndOfChain_isTargetNotReachable() {
        seedLedger("2.0.0", Map.of());
        assertCode(ErrorCode.TARGET_NOT_REACHABLE, config("3.0.0").build());
    }

    @Test
    void failingStep_isRecordedWithStackKeepsCheckpointsAndResumesFromThem() {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<Long> resumedFrom = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("disk full", new RuntimeException("root cause"));
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> ran.add("a"))
                .step("b.backfill").from("1.1.0").to("1.2.0").resumable().up(ctx -> {
                    long done = ctx.checkpoint().read("done", Long.class).orElse(0L);
                    resumedFrom.add(done);
                    ctx.checkpoint().write("done", done + 500);
                    if (broken.get()) {
                        throw boom;
                    }
                })
                .build();
        SmartMigrationException e = assertCode(ErrorCode.STEP_FAILED, config("1.2.0").chain(chain).build());
        assertSame(boom, e.getCause());
        assertEquals("b.backfill", e.details().get("step"));
        LedgerSnapshot s = snapshot();
        assertEquals("1.1.0", s.state().version());
        HistoryEntry failed = s.state().history().get(1);
        assertEquals(HistoryEntry.Status.FAILED, failed.status());
        assertEquals("java.lang.IllegalStateException: disk full", failed.error());
        assertTrue(failed.errorStack().contains("root cause"), failed.errorStack());
        assertEquals(Map.of("done", "500"), s.state().checkpointsOf("b.backfill"));
        assertTrue(s.lockInfo().isEmpty());

        broken.set(false);
        MigrationResult r = MigrationRuntime.run(config("1.2.0").chain(chain).build());
        assertEquals(List.of(0L, 500L), resumedFrom);
        assertEquals("1.2.0", r.currentVersionAfter());
        assertEquals(Map.of(), snapshot().state().checkpointsOf("b.backfill"));
    }

    @Test
    void stepAskingForUnconfiguredStore_failsWithResourceNotConfiguredAsCause() {
        MigrationChain chain = MigrationChain.builder()
                .step("s3-step").from("1.0.0").to("1.1.0").up(ctx -> ctx.s3()).build();
        SmartMigrationException e = assertCode(ErrorCode.STEP_FAILED, config("1.1.0").chain(chain).build());
        assertEquals(ErrorCode.RESOURCE_NOT_CONFIGURED, ((SmartMigrationException) e.getCause()).code());
    }

    @Test
    void checkpointThatJacksonCannotWrite_failsTheStepWithCheckpointSerialization() {
        MigrationChain chain = MigrationChain.builder()
                .step("bad").from("1.0.0").to("1.1.0").resumable()
                .up(ctx -> ctx.checkpoint().write("k", new Object()))
                .build();
        SmartMigrationException e = assertCode(ErrorCode.STEP_FAILED, config("1.1.0").chain(chain).build());
        assertEquals(ErrorCode.CHECKPOINT_SERIALIZATION, ((SmartMigrationException) e.getCause()).code());
    }

    @Test
    void stepThatIsNotResumable_usingCheckpoints_failsWithStepNotResumable_andSavesNothing() {
        MigrationChain chain = MigrationChain.builder()
                .step("plain").from("1.0.0").to("1.1.0").up(ctx -> ctx.checkpoint().write("done", 10))
                .build();
        SmartMigrationException e = assertCode(ErrorCode.STEP_FAILED, config("1.1.0").chain(chain).build());
        SmartMigrationException cause = (SmartMigrationException) e.getCause();
        assertEquals(ErrorCode.STEP_NOT_RESUMABLE, cause.code());
        assertTrue(cause.getMessage().contains("resumable = true"), cause.getMessage());
        assertEquals(Map.of(), snapshot().state().checkpointsOf("plain"));
    }

    @Test
    void corruptLedger_isReportedAndLeftByteIdentical() {
        ledgerCollection().insertOne(new Document("_id", "smartmigration").append("format", "smartmigration-ledger")
                .append("formatVersion", 1).append("version", "one point oh"));
        byte[] before = ledgerBytes();
        assertCode(ErrorCode.LEDGER_CORRUPT, config("2.0.0").build());
        assertCode(ErrorCode.LEDGER_CORRUPT, MigrationConfig.builder().targetVersion("2.0.0")
                .mongo(client, db.getName()).chain(chain()).build());
        assertThrows(SmartMigrationException.class, () -> MigrationRuntime.plan(config("2.0.0").build()));
        assertArrayEquals(before, ledgerBytes());
        assertEquals(List.of(), ran);
    }

    @Test
    void foreignDocumentAtLedgerId_isCorruptAndLeftByteIdentical() {
        ledgerCollection().insertOne(new Document("_id", "smartmigration").append("kind", "feature-flags"));
        byte[] before = ledgerBytes();
        assertCode(ErrorCode.LEDGER_CORRUPT, config("2.0.0").build());
        assertArrayEquals(before, ledgerBytes());
    }

    @Test
    void currentVersion_isEmptyForNewLedgerThenTheVersion() {
        assertTrue(MigrationRuntime.currentVersion(config("2.0.0").build()).isEmpty());
        MigrationRuntime.run(config("1.1.0").build());
        assertEquals("1.1.0", MigrationRuntime.currentVersion(config("2.0.0").build()).orElseThrow());
    }

    @Test
    void noChainConfiguredAndNoneGenerated_isChainNotFound() {
        SmartMigrationException e = assertCode(ErrorCode.CHAIN_NOT_FOUND,
                config(client, "1.0.0").build());
        assertTrue(e.getMessage().contains("smartmigration-processor"), e.getMessage());
    }

    @Test
    void separateLedgerNames_areIndependent() {
        MigrationRuntime.run(config("1.1.0").ledgerName("one").build());
        MigrationRuntime.run(config("2.0.0").ledgerName("two").build());
        assertEquals("1.1.0", MigrationRuntime.currentVersion(config("2.0.0").ledgerName("one").build())
                .orElseThrow());
        assertEquals(List.of("a", "a", "b", "c"), ran);
    }

    @Test
    void operatorCalls_withoutATarget_showAndForceUnlockAStuckLock() {
        MongoLedger ledger = ledger();
        Lease stuck = ledger.tryAcquire("dead-pod", Duration.ofMinutes(10)).orElseThrow();
        MigrationConfig config = config("2.0.0").lockWait(Duration.ZERO).build();
        MigrationConfig operator = MigrationConfig.builder().mongo(client, db.getName()).build();
        assertEquals("dead-pod", MigrationRuntime.lockInfo(operator).orElseThrow().owner());
        SmartMigrationException e = assertCode(ErrorCode.LOCK_TIMEOUT, config);
        assertEquals("dead-pod", e.details().get("holder"));
        assertEquals(stuck.token(), MigrationRuntime.forceUnlock(operator).orElseThrow().token());
        assertTrue(MigrationRuntime.lockInfo(operator).isEmpty());
        assertEquals("2.0.0", MigrationRuntime.run(config).currentVersionAfter());
        assertEquals(Optional.of("2.0.0"), MigrationRuntime.currentVersion(operator));
    }
}
