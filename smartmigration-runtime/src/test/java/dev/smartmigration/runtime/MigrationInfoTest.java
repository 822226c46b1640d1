package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MigrationRuntime#info}: each step state, each target status, the lock, and that it writes nothing, through
 * the real driver against mongo-java-server (or {@code SMARTMIGRATION_TEST_MONGODB_URI}).
 */
@ExtendWith(MongoTestServerExtension.class)
class MigrationInfoTest {

    private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

    @TestResource private MongoTestServer server;
    @TestResource private MongoDatabase db;
    private boolean failB;

    /** 1.0.0 -a-> 1.1.0 -b-> 1.2.0 -c-> 2.0.0; b is resumable and fails while {@link #failB} is set. */
    private MigrationChain chain() {
        return MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").description("first").up(ctx -> { })
                .step("b").from("1.1.0").to("1.2.0").resumable().up(ctx -> {
                    ctx.checkpoint().write("done", 500);
                    if (failB) {
                        throw new IllegalStateException("batch failed",
                                new UncheckedIOException(new IOException("disk full")));
                    }
                })
                .step("c").from("1.2.0").to("2.0.0").up(ctx -> { })
                .build();
    }

    private MigrationConfig.Builder config(MongoClient client) {
        return MigrationConfig.builder().mongo(client, db.getName()).chain(chain()).owner("test")
                .lockTtl(Duration.ofSeconds(2));
    }

    private MigrationConfig.Builder config() {
        return config(server.client());
    }

    private MigrationInfo info(String target) {
        return MigrationRuntime.info(config().targetVersion(target).build());
    }

    private MongoLedger ledger() {
        return new MongoLedger(db, MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION, MigrationConfig.DEFAULT_LEDGER_NAME);
    }

    private void seed(LedgerState state) {
        Lease lease = ledger().tryAcquire("seed", Duration.ofSeconds(5)).orElseThrow();
        ledger().write(lease, state);
        ledger().release(lease);
    }

    private static HistoryEntry applied(String id, String from, String to) {
        return new HistoryEntry(id, from, to, HistoryEntry.Status.APPLIED, T0, T0.plusMillis(40), 40, "web-1", false,
                null, null, null, null);
    }

    private static Map<String, StepState> states(MigrationInfo info) {
        return info.steps().stream().collect(Collectors.toMap(StepInfo::id, StepInfo::state));
    }

    private static List<String> ids(List<StepInfo> steps) {
        return steps.stream().map(StepInfo::id).toList();
    }

    @Test
    void newLedgerAndEmptyDatabase_everyStepPending_freshInstall_andNothingCreated() {
        MigrationInfo info = info("2.0.0");

        assertEquals(Optional.empty(), info.currentVersion());
        assertEquals(Optional.of("2.0.0"), info.targetVersion());
        assertEquals(TargetStatus.MIGRATION_PENDING, info.targetStatus());
        assertEquals(List.of("a", "b", "c"), ids(info.pending()));
        assertEquals(Map.of("a", StepState.PENDING, "b", StepState.PENDING, "c", StepState.PENDING), states(info));
        assertEquals("first", info.steps().get(0).description());
        assertTrue(info.steps().get(1).resumable());
        assertTrue(info.isFreshInstall());
        assertEquals(Optional.empty(), info.lock());
        assertEquals(List.of(), db.listCollectionNames().into(new ArrayList<>()), "info must create nothing");
    }

    @Test
    void withoutATarget_stepsAreJudgedAgainstTheEndOfTheChain() {
        MigrationRuntime.run(config().targetVersion("1.1.0").build());

        MigrationInfo info = MigrationRuntime.info(config().build());

        assertEquals(Optional.of("2.0.0"), info.targetVersion());
        assertEquals(Optional.of("1.1.0"), info.currentVersion());
        assertEquals(List.of("b", "c"), ids(info.pending()));
        assertFalse(info.isFreshInstall());
    }

    @Test
    void afterARun_appliedStepsShowTheirAttempt_andTheRestArePendingOrAboveTheTarget() {
        MigrationRuntime.run(config().targetVersion("1.1.0").build());

        MigrationInfo info = info("1.2.0");

        assertEquals(Map.of("a", StepState.APPLIED, "b", StepState.PENDING, "c", StepState.ABOVE_TARGET),
                states(info));
        StepAttempt a = info.steps().get(0).lastAttempt().orElseThrow();
        assertEquals(StepAttempt.Status.APPLIED, a.status());
        assertEquals("test", a.owner());
        assertEquals(Optional.empty(), a.rootCause());
        assertEquals(List.of("b"), ids(info.pending()));
    }

    @Test
    void failedStep_isFailedWithItsRootCauseAndKeptCheckpoints_andStillPending() {
        failB = true;
        MigrationConfig config = config().targetVersion("2.0.0").build();
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.run(config));
        assertEquals("java.io.IOException: disk full", e.details().get("rootCause"));
        assertTrue(e.getMessage().contains("caused by java.io.IOException: disk full"), e.getMessage());

        MigrationInfo info = MigrationRuntime.info(config);

        StepInfo b = info.steps().get(1);
        assertEquals(StepState.FAILED, b.state());
        StepAttempt failed = b.lastAttempt().orElseThrow();
        assertEquals(StepAttempt.Status.FAILED, failed.status());
        assertEquals(Optional.of("java.lang.IllegalStateException: batch failed"), failed.error());
        assertEquals(Optional.of("java.io.IOException: disk full"), failed.rootCause());
        assertTrue(failed.errorStack().orElseThrow().contains("disk full"));
        assertEquals(Map.of("done", "500"), b.checkpoints());
        assertEquals(List.of("b", "c"), ids(info.pending()));
        assertEquals(TargetStatus.MIGRATION_PENDING, info.targetStatus());
    }

    @Test
    void freshInstall_stepsBelowTheStampAreFreshInstall_beforeAndAfterTheRun() {
        MigrationConfig config = config().targetVersion("2.0.0").freshInstallVersion("1.1.0").build();

        MigrationInfo before = MigrationRuntime.info(config);
        MigrationRuntime.run(config);
        MigrationInfo after = MigrationRuntime.info(config);

        assertEquals(Map.of("a", StepState.FRESH_INSTALL, "b", StepState.PENDING, "c", StepState.PENDING),
                states(before));
        assertEquals(List.of("b", "c"), ids(before.pending()));
        assertEquals(Map.of("a", StepState.FRESH_INSTALL, "b", StepState.APPLIED, "c", StepState.APPLIED),
                states(after));
        assertEquals(TargetStatus.AT_TARGET, after.targetStatus());
        assertEquals(List.of(), after.pending());
    }

    @Test
    void ledgerPastStepsItHasNoRecordOf_showsThemSkippedForward_andALedgerInsideAStepPendingSkipForward() {
        seed(new LedgerState("1.1.5", List.of(), Map.of()));

        MigrationInfo info = info("2.0.0");

        assertEquals(Map.of("a", StepState.SKIPPED_FORWARD, "b", StepState.PENDING, "c", StepState.PENDING),
                states(info));
        assertTrue(info.steps().get(1).skipForward());
        assertFalse(info.steps().get(2).skipForward());
    }

    @Test
    void stepRecordedButNotInTheChain_isNotInChain_afterTheChainsSteps() {
        seed(new LedgerState("2.1.0", List.of(applied("a", "1.0.0", "1.1.0"), applied("b", "1.1.0", "1.2.0"),
                applied("c", "1.2.0", "2.0.0"), applied("d", "2.0.0", "2.1.0")), Map.of()));

        MigrationInfo info = info("2.0.0");

        assertEquals(List.of("a", "b", "c", "d"), ids(info.steps()));
        StepInfo d = info.steps().get(3);
        assertEquals(StepState.NOT_IN_CHAIN, d.state());
        assertEquals("2.1.0", d.to());
        assertEquals(TargetStatus.AHEAD_OF_TARGET, info.targetStatus());
        assertEquals(List.of(), info.pending());
    }

    @Test
    void targetTheChainCannotReach_isUnreachableWithTheReasonRunWouldGive() {
        seed(new LedgerState("1.1.0", List.of(applied("a", "1.0.0", "1.1.0")), Map.of()));

        MigrationInfo info = info("9.9.9");

        assertEquals(TargetStatus.UNREACHABLE, info.targetStatus());
        SmartMigrationException run = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.plan(config().targetVersion("9.9.9").build()));
        assertEquals(Optional.of(run.getMessage()), info.targetProblem());
        assertEquals(List.of(), info.pending());
        assertEquals(StepState.APPLIED, info.steps().get(0).state());
    }

    @Test
    void atTarget_isAtTarget_andEmptyChainWithoutTarget_hasNoTarget() {
        seed(new LedgerState("2.0.0", List.of(), Map.of()));

        assertEquals(TargetStatus.AT_TARGET, info("2.0.0").targetStatus());
        MigrationInfo none = MigrationRuntime.info(config().chain(MigrationChain.builder().build()).build());
        assertEquals(TargetStatus.NO_TARGET, none.targetStatus());
        assertEquals(Optional.empty(), none.targetVersion());
        assertEquals(Optional.of("2.0.0"), none.currentVersion());
    }

    @Test
    void heldLock_isShown_andInfoReadsTheLedgerOnceWithoutWriting() {
        seed(new LedgerState("1.1.0", List.of(), Map.of()));
        Lease held = ledger().tryAcquire("pod-9", Duration.ofMinutes(5)).orElseThrow();
        byte[] before = MongoTestServer.firstDocumentBytes(db.getCollection(
                MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION));
        List<String> commands = new CopyOnWriteArrayList<>();
        MongoClient watched = server.newClient(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getDatabaseName().equals(db.getName())) {
                    commands.add(event.getCommandName());
                }
            }
        });

        MigrationInfo info = MigrationRuntime.info(config(watched).build());

        LockInfo lock = info.lock().orElseThrow();
        assertEquals("pod-9", lock.owner());
        assertEquals(held.token(), lock.token());
        assertEquals(List.of("find"), commands);
        assertArrayEquals(before, MongoTestServer.firstDocumentBytes(db.getCollection(
                MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)));
    }

    @Test
    void databaseWithDataButNoLedger_isNotAFreshInstall() {
        db.getCollection("users").insertOne(new Document("_id", 1));

        MigrationInfo info = info("2.0.0");

        assertFalse(info.isFreshInstall());
        assertEquals(Optional.empty(), info.currentVersion());
    }
}
