package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrency and faults: many instances at once, heartbeat, fencing, clock skew and crash recovery, through
 * the real driver against mongo-java-server, or a real MongoDB when {@code SMARTMIGRATION_TEST_MONGODB_URI} is
 * set. Lease times are 1-3 s so the class stays fast; no assertion is about timing.
 */
@ExtendWith(MongoTestServerExtension.class)
class MigrationLockingTest {

    @TestResource private MongoTestServer server;
    @TestResource private MongoClient client;
    @TestResource private MongoDatabase db;

    private MigrationConfig.Builder config(MongoClient mongo, String target, MigrationChain chain) {
        return MigrationConfig.builder().targetVersion(target).mongo(mongo, db.getName()).chain(chain)
                .lockTtl(Duration.ofSeconds(1)).lockWait(Duration.ofSeconds(20));
    }

    private MongoLedger ledger() {
        return new MongoLedger(db, MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION,
                MigrationConfig.DEFAULT_LEDGER_NAME);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void sixteenInstancesBootingAtOnce_runEachStepExactlyOnceAndAllReturn() throws Exception {
        List<MongoClient> clients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clients.add(server.newClient());
        }
        LockingScenarios.manyInstancesAtOnce_runEachStepExactlyOnce(16,
                (i, chain) -> config(clients.get(i), "2.0.0", chain).owner("pod-" + i).build(), ledger());
    }

    @Test
    void stepLongerThanLockTtl_keepsTheLockThroughHeartbeats() {
        MongoClient otherClient = server.newClient();
        LockingScenarios.stepLongerThanLockTtl_keepsTheLockThroughHeartbeats(
                (owner, chain) -> config(owner.equals("first") ? client : otherClient, "1.1.0", chain), 3000,
                ledger());
    }

    @Test
    void runnerWhoseLeaseWasTakenOver_failsWithLockLostAndWritesNothing() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch takenOver = new CountDownLatch(1);
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").resumable().up(ctx -> ctx.checkpoint().write("before", 1))
                .step("b").from("1.1.0").to("1.2.0").resumable().up(ctx -> {
                    inStep.countDown();
                    await(takenOver);
                    ctx.checkpoint().write("after", 2);
                })
                .build();
        MigrationConfig configA = config(client, "1.2.0", chain).owner("A").lockTtl(Duration.ofSeconds(3)).build();
        CompletableFuture<MigrationResult> a = CompletableFuture.supplyAsync(() -> MigrationRuntime.run(configA));
        await(inStep);
        assertEquals("A", MigrationRuntime.forceUnlock(configA).orElseThrow().owner());
        Lease b = ledger().tryAcquire("B", Duration.ofMinutes(1)).orElseThrow();
        LedgerState underB = ledger().read().orElseThrow().state();
        takenOver.countDown();

        Throwable failure = assertThrows(Exception.class, () -> a.get(30, TimeUnit.SECONDS)).getCause();
        assertEquals(ErrorCode.LOCK_LOST, ((SmartMigrationException) failure).code(), failure.toString());
        LedgerSnapshot after = ledger().read().orElseThrow();
        assertEquals(underB, after.state());
        assertEquals("1.1.0", after.state().version());
        assertEquals(List.of(), after.state().history().stream().filter(h -> h.id().equals("b")).toList());
        assertEquals(b.token(), after.lockInfo().orElseThrow().token());
    }

    @Test
    void instanceWithClockAnHourAhead_cannotTakeALiveLock() {
        Lease live = ledger().tryAcquire("holder", Duration.ofSeconds(3)).orElseThrow();
        Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        MigrationChain chain = MigrationChain.builder().step("a").from("1.0.0").to("1.1.0").up(ctx -> { }).build();
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(
                config(client, "1.1.0", chain).clock(hourAhead).lockWait(Duration.ofMillis(500)).build()));
        assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
        LedgerSnapshot s = ledger().read().orElseThrow();
        assertEquals(live.token(), s.lockInfo().orElseThrow().token());
        assertNull(s.state().version());
    }

    @Test
    void crashMidStep_isResumedFromItsCheckpointAfterTheLeaseExpires() {
        MongoLedger crashed = ledger();
        Lease abandoned = crashed.tryAcquire("crashed-pod", Duration.ofSeconds(1)).orElseThrow();
        crashed.write(abandoned, new LedgerState("1.1.0", List.of(), Map.of("b", Map.of("done", "700"))));

        List<Long> resumedFrom = new ArrayList<>();
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> resumedFrom.add(-1L))
                .step("b").from("1.1.0").to("1.2.0").resumable().up(ctx ->
                        resumedFrom.add(ctx.checkpoint().read("done", Long.class).orElse(0L)))
                .build();
        MigrationResult r = MigrationRuntime.run(config(client, "1.2.0", chain).owner("new-pod").build());
        assertEquals(List.of(700L), resumedFrom);
        assertEquals("1.1.0", r.currentVersionBefore());
        assertEquals("1.2.0", r.currentVersionAfter());
        LedgerSnapshot s = ledger().read().orElseThrow();
        assertEquals(Map.of(), s.state().checkpointsOf("b"));
        HistoryEntry b = s.state().history().get(0);
        assertEquals("new-pod", b.owner());
        assertFalse(b.skipForward());
        assertTrue(s.lockInfo().isEmpty());
    }
}
