package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.testing.FaultyHttpProxy;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link MigrationRuntime} with the ledger in S3, through the real AWS SDK against S3Proxy made per-object atomic
 * like Amazon S3 (or the endpoint in {@code SMARTMIGRATION_TEST_S3_ENDPOINT}). Each test has its own ledger name;
 * lease times are 2-3 s, because S3 judges leases at one-second resolution. No assertion is about timing.
 */
@Tag("s3")
@ExtendWith({S3TestServerExtension.class, MongoTestServerExtension.class})
class S3MigrationRuntimeTest {

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;
    private String ledgerName;

    @BeforeEach
    void newLedgerName() {
        ledgerName = S3TestServer.uniqueName("runtime");
    }

    private MigrationConfig.Builder config(S3Client client, String target, MigrationChain chain) {
        return MigrationConfig.builder().targetVersion(target).s3(client, server.bucket()).ledgerName(ledgerName)
                .chain(chain).lockTtl(Duration.ofSeconds(3)).lockWait(Duration.ofSeconds(30));
    }

    private S3Ledger ledger() {
        return new S3Ledger(s3, server.bucket(), ledgerName, S3LedgerOptions.defaults());
    }

    private static SmartMigrationException assertCode(ErrorCode code, MigrationConfig config) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(config));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void sixteenInstancesBootingAtOnceOnAnS3Ledger_runEachStepExactlyOnceAndAllReturn() throws Exception {
        LockingScenarios.manyInstancesAtOnce_runEachStepExactlyOnce(16,
                (i, chain) -> config(server.client(), "2.0.0", chain).owner("pod-" + i).build(), ledger());
    }

    @Test
    void stepLongerThanLockTtlPlusMargin_keepsTheS3LockThroughHeartbeats() {
        // 4.5 s is past ttl (2 s) plus the one-second margin: without heartbeats the lease would have expired.
        LockingScenarios.stepLongerThanLockTtl_keepsTheLockThroughHeartbeats(
                (owner, chain) -> config(server.client(), "1.1.0", chain).lockTtl(Duration.ofSeconds(2)), 4500,
                ledger());
    }

    @Test
    void forceUnlock_onAnS3Ledger_removesTheLockAndTheHolderStopsWithLockLost() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch unlocked = new CountDownLatch(1);
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").resumable().up(ctx -> {
                    inStep.countDown();
                    assertTrue(unlocked.await(30, TimeUnit.SECONDS));
                    ctx.checkpoint().write("after", 1);
                })
                .build();
        MigrationConfig config = config(s3, "1.1.0", chain).owner("stuck").build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<MigrationResult> run = pool.submit(() -> MigrationRuntime.run(config));
            assertTrue(inStep.await(30, TimeUnit.SECONDS));
            assertEquals("stuck", MigrationRuntime.lockInfo(config).orElseThrow().owner());

            assertEquals("stuck", MigrationRuntime.forceUnlock(config).orElseThrow().owner());
            unlocked.countDown();

            Throwable failure = assertThrows(Exception.class, () -> run.get(30, TimeUnit.SECONDS)).getCause();
            assertEquals(ErrorCode.LOCK_LOST, ((SmartMigrationException) failure).code(), failure.toString());
        } finally {
            pool.shutdownNow();
        }
        LedgerSnapshot after = ledger().read().orElseThrow();
        assertTrue(after.lockInfo().isEmpty());
        assertEquals(Map.of(), after.state().checkpointsOf("a"));
    }

    @Test
    void bothStoresConfigured_ledgerDefaultsToMongo_andAStepWritesToBoth(MongoClient mongo, MongoDatabase db) {
        String database = db.getName();
        MigrationChain chain = MigrationChain.builder()
                .step("both").from("1.0.0").to("1.1.0").up(ctx -> {
                    ctx.mongo().getCollection("users").insertOne(new Document("_id", 1));
                    ctx.s3().putObject(b -> b.bucket(ctx.bucket()).key(ledgerName + "/users/1.json"),
                            RequestBody.fromString("{}"));
                })
                .build();

        MigrationResult r = MigrationRuntime.run(config(s3, "1.1.0", chain).mongo(mongo, database).build());

        assertEquals("1.1.0", r.currentVersionAfter());
        assertEquals(1, mongo.getDatabase(database).getCollection("users").countDocuments());
        assertTrue(s3.listObjectsV2(b -> b.bucket(server.bucket()).prefix(ledgerName + "/users/"))
                .hasContents());
        MongoLedger mongoLedger = new MongoLedger(mongo.getDatabase(database),
                MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION, ledgerName);
        assertEquals("1.1.0", mongoLedger.read().orElseThrow().state().version());
        assertTrue(ledger().read().isEmpty(), "no S3 ledger when MongoDB holds it");
    }

    @Test
    void bothStoresConfigured_withS3Backend_keepsTheLedgerInS3(MongoClient mongo, MongoDatabase db) {
        String database = db.getName();
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> ctx.mongo().getCollection("x").countDocuments())
                .build();

        MigrationRuntime.run(config(s3, "1.1.0", chain).mongo(mongo, database)
                .ledgerBackend(LedgerBackend.S3).build());

        assertEquals("1.1.0", ledger().read().orElseThrow().state().version());
        assertEquals("1.1.0", MigrationRuntime.currentVersion(config(s3, "1.1.0", chain).mongo(mongo, database)
                .ledgerBackend(LedgerBackend.S3).build()).orElseThrow());
    }

    @Test
    void freshInstall_emptyBucket_stampsFreshInstallVersionAndRunsNothing() {
        String bucket = server.createBucket();
        AtomicInteger runs = new AtomicInteger();
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> runs.incrementAndGet()).build();

        MigrationResult r = MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.1.0").s3(s3, bucket)
                .chain(chain).freshInstallVersion("1.1.0").build());

        assertEquals(0, runs.get());
        assertEquals("1.1.0", r.currentVersionAfter());
        assertEquals("1.1.0", new S3Ledger(s3, bucket, MigrationConfig.DEFAULT_LEDGER_NAME,
                S3LedgerOptions.defaults()).read().orElseThrow().state().version());
    }

    @Test
    void existingObjectsInTheBucket_areNotAFreshInstall_andEveryStepRuns() {
        String bucket = server.createBucket();
        s3.putObject(b -> b.bucket(bucket).key("orders/1.json"), RequestBody.fromString("{}"));
        AtomicInteger runs = new AtomicInteger();
        MigrationChain chain = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> runs.incrementAndGet()).build();

        MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.1.0").s3(s3, bucket).chain(chain)
                .freshInstallVersion("1.1.0").build());

        assertEquals(1, runs.get());
    }

    @Test
    void atTarget_fastPathIsOneHeadObject_withoutLockWriteOrHistory() {
        MigrationChain chain = MigrationChain.builder().step("a").from("1.0.0").to("1.1.0").up(ctx -> { }).build();
        MigrationRuntime.run(config(s3, "1.1.0", chain).freshInstallVersion("1.0.0").build());
        List<String> requests = new CopyOnWriteArrayList<>();
        S3Client counted = server.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request().getClass().getSimpleName());
            }
        });

        MigrationResult r = MigrationRuntime.run(config(counted, "1.1.0", chain).build());

        assertTrue(r.wasUpToDate());
        assertEquals("1.1.0", r.currentVersionBefore());
        assertEquals(List.of("HeadObjectRequest"), requests);
    }

    @Test
    void corruptS3Ledger_isReportedByRunAndPlan_andLeftByteIdentical() {
        String key = S3Ledger.KEY_PREFIX + ledgerName + ".json";
        s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromString("{\"flags\":[]}"));
        byte[] before = s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).asByteArray();
        MigrationChain chain = MigrationChain.builder().step("a").from("1.0.0").to("1.1.0").up(ctx -> { }).build();

        assertCode(ErrorCode.LEDGER_CORRUPT, config(s3, "1.1.0", chain).build());
        assertThrows(SmartMigrationException.class, () -> MigrationRuntime.plan(config(s3, "1.1.0", chain).build()));
        assertThrows(SmartMigrationException.class, () -> MigrationRuntime.forceUnlock(config(s3, "1.1.0", chain)
                .build()));

        assertArrayEquals(before, s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).asByteArray());
    }

    @Test
    void ledgerNameUnsafeForAnObjectKey_isRejectedWhenTheLedgerIsInS3() {
        MigrationChain chain = MigrationChain.builder().step("a").from("1.0.0").to("1.1.0").up(ctx -> { }).build();

        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> config(s3, "1.1.0", chain).ledgerName("a..b").build());

        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("\"..\""), e.getMessage());
    }

    @Test
    void missingS3LedgerOptions_isInvalidOptions_andTheDefaultRefusesUnconditionalStores() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> MigrationConfig.builder().s3LedgerOptions(null));

        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertEquals(false, MigrationConfig.builder().targetVersion("1.0.0").s3(s3, server.bucket()).build()
                .s3LedgerOptions().bestEffortLocking());
    }

    /** The store behind a proxy that drops the conditional headers (see S3ConditionalWriteProbeTest). */
    @Test
    void storeIgnoringConditionalWrites_failsTheRun_unlessBestEffortIsOptedIn() {
        try (FaultyHttpProxy stripping = FaultyHttpProxy.rewriting(server, FaultyHttpProxy.Rewrite.IGNORE_BOTH)) {
            S3Client viaProxy = server.client(stripping.endpoint(), true);
            AtomicInteger runs = new AtomicInteger();
            MigrationChain chain = MigrationChain.builder()
                    .step("a").from("1.0.0").to("1.1.0").up(ctx -> runs.incrementAndGet()).build();
            MigrationConfig.Builder config = MigrationConfig.builder().targetVersion("1.1.0")
                    .s3(viaProxy, server.bucket()).ledgerName(ledgerName).chain(chain).lockWait(Duration.ZERO);

            assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED, config.build());
            assertEquals(0, runs.get());

            MigrationResult r = MigrationRuntime.run(config
                    .s3LedgerOptions(S3LedgerOptions.builder().bestEffortLocking(true).build()).build());
            assertEquals(1, runs.get());
            assertEquals("1.1.0", r.currentVersionAfter());
        }
    }
}
