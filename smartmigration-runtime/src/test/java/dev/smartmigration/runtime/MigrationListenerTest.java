package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a run tells its listeners, in order, through the real driver against the test MongoDB. */
@ExtendWith(MongoTestServerExtension.class)
class MigrationListenerTest {

    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();
    @TestResource private MongoTestServer server;
    @TestResource private MongoClient client;
    @TestResource private MongoDatabase db;

    /** 1.0.0 -a-> 1.1.0 -b-> 1.2.0, where b is resumable and writes two checkpoints. */
    private static MigrationChain chain() {
        return MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("b").from("1.1.0").to("1.2.0").resumable().up(ctx -> {
                    ctx.checkpoint().write("done", 10);
                    ctx.checkpoint().write("done", 20);
                })
                .build();
    }

    private MigrationConfig.Builder config(MongoClient mongo, MigrationChain chain) {
        return MigrationConfig.builder().targetVersion("1.2.0").mongo(mongo, db.getName()).chain(chain)
                .lockTtl(Duration.ofSeconds(5)).lockWait(Duration.ofSeconds(10)).owner("listener-test")
                .listener(events::add);
    }

    private List<String> kinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    @Test
    void migratingRun_emitsStartLockStepsCheckpointsAndFinish_inOrder() {
        MigrationResult result = MigrationRuntime.run(config(client, chain()).build());

        assertEquals(List.of("RunStarted", "LockAcquired", "StepStarted", "StepApplied", "StepStarted",
                "CheckpointWritten", "CheckpointWritten", "StepApplied", "RunFinished"), kinds());
        MigrationEvent.RunStarted started = assertInstanceOf(MigrationEvent.RunStarted.class, events.get(0));
        assertEquals("1.2.0", started.targetVersion());
        assertEquals("listener-test", started.owner());
        assertEquals(MigrationConfig.DEFAULT_LEDGER_NAME, started.ledgerName());
        assertEquals("a", ((MigrationEvent.StepStarted) events.get(2)).step().id());
        assertEquals("a", ((MigrationEvent.StepApplied) events.get(3)).result().id());
        MigrationEvent.CheckpointWritten checkpoint = (MigrationEvent.CheckpointWritten) events.get(5);
        assertEquals("b", checkpoint.stepId());
        assertEquals("done", checkpoint.key());
        assertEquals(result.stepsApplied().get(1), ((MigrationEvent.StepApplied) events.get(7)).result());
        assertSame(result, ((MigrationEvent.RunFinished) events.get(8)).result());
        assertTrue(events.stream().allMatch(e -> e.at() != null));
    }

    @Test
    void runAtTarget_emitsStartAndFinishOnly_andSendsTheSameCommandsAsWithoutListeners() {
        MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.2.0").mongo(client, db.getName())
                .chain(chain()).owner("seed").build());
        List<String> withoutListener = new CopyOnWriteArrayList<>();
        MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.2.0").chain(chain())
                .mongo(watchedClient(withoutListener), db.getName()).build());
        List<String> withListener = new CopyOnWriteArrayList<>();

        MigrationResult result = MigrationRuntime.run(config(watchedClient(withListener), chain()).build());

        assertTrue(result.wasUpToDate());
        assertEquals(List.of("RunStarted", "RunFinished"), kinds());
        assertEquals(List.of("find"), withoutListener);
        assertEquals(withoutListener, withListener);
    }

    @Test
    void failingStep_emitsStepFailedWithTheStepsException_thenRunFailedWithWhatRunThrows() {
        IllegalStateException boom = new IllegalStateException("boom");
        MigrationChain failing = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.2.0").up(ctx -> {
                    throw boom;
                })
                .build();

        SmartMigrationException thrown = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.run(config(client, failing).build()));

        assertEquals(List.of("RunStarted", "LockAcquired", "StepStarted", "StepFailed", "RunFailed"), kinds());
        MigrationEvent.StepFailed stepFailed = (MigrationEvent.StepFailed) events.get(3);
        assertEquals("a", stepFailed.step().id());
        assertSame(boom, stepFailed.cause());
        assertSame(thrown, ((MigrationEvent.RunFailed) events.get(4)).error());
        assertEquals(ErrorCode.STEP_FAILED, thrown.code());
    }

    @Test
    void lockHeldByAnotherInstance_emitsLockWaitingOnceWithTheHolder_thenRunFailed() {
        MongoLedger ledger = new MongoLedger(db, MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION,
                MigrationConfig.DEFAULT_LEDGER_NAME);
        Lease held = ledger.tryAcquire("other-instance", Duration.ofSeconds(30)).orElseThrow();
        try {
            SmartMigrationException thrown = assertThrows(SmartMigrationException.class,
                    () -> MigrationRuntime.run(config(client, chain()).lockWait(Duration.ofMillis(300)).build()));

            assertEquals(ErrorCode.LOCK_TIMEOUT, thrown.code());
            assertEquals(List.of("RunStarted", "LockWaiting", "RunFailed"), kinds());
            assertEquals("other-instance", ((MigrationEvent.LockWaiting) events.get(1)).holder().owner());
        } finally {
            ledger.release(held);
        }
    }

    @Test
    void listenerThatThrows_isLoggedAndIgnored_andTheNextListenerStillHearsEverything() {
        List<MigrationEvent> second = new CopyOnWriteArrayList<>();
        MigrationConfig config = MigrationConfig.builder().targetVersion("1.2.0").mongo(client, db.getName())
                .chain(chain()).owner("listener-test")
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(second::add)
                .build();

        MigrationResult result = MigrationRuntime.run(config);

        assertEquals("1.2.0", result.currentVersionAfter());
        assertEquals(9, second.size());
        assertInstanceOf(MigrationEvent.RunFinished.class, second.get(8));
    }

    @Test
    void dryRunAndPlan_tellNoListener() {
        MigrationRuntime.run(config(client, chain()).dryRun(true).build());
        MigrationRuntime.plan(config(client, chain()).build());

        assertEquals(List.of(), events);
    }

    @Test
    void docsSample_logsEachAppliedStep() {
        List<String> log = new CopyOnWriteArrayList<>();
        MigrationConfig config = MigrationConfig.builder()
                .targetVersion("1.2.0")
                .mongo(client, db.getName())
                .chain(chain())
                .listener(event -> {
                    if (event instanceof MigrationEvent.StepApplied applied) {
                        log.add(applied.result().id() + " applied in " + applied.result().duration().toMillis() + " ms");
                    } else if (event instanceof MigrationEvent.RunFailed failed) {
                        log.add("migration failed: " + failed.error().getMessage());
                    }
                })
                .build();

        MigrationRuntime.run(config);

        assertEquals(2, log.size());
        assertTrue(log.get(0).startsWith("a applied in "), log.get(0));
        assertTrue(log.get(1).startsWith("b applied in "), log.get(1));
    }

    /** A client that records the name of every command it sends to this test's database. */
    private MongoClient watchedClient(List<String> sink) {
        return server.newClient(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getDatabaseName().equals(db.getName())) {
                    sink.add(event.getCommandName());
                }
            }
        });
    }
}
