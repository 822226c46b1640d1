package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.EXPIRY_WAIT_MS;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.ledger;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.name;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.raw;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.internal.ledger.AppliedCode;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.lock.LockAcquirer;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 ledger's lock and state against S3Proxy made per-object atomic like Amazon S3 (see
 * {@code KeyAtomicBlobStore}), or against the real endpoint named by {@code SMARTMIGRATION_TEST_S3_ENDPOINT}.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3LedgerTest {

    private static final int RACERS = 16;
    private static final int ROUNDS = 10;

    private static ExecutorService pool;
    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void newLedger_readsEmpty_andFirstAcquireCreatesItUnversioned() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("create"));
        assertEquals(Optional.empty(), ledger.read());

        Lease lease = ledger.tryAcquire("host-a", Duration.ofSeconds(30)).orElseThrow();

        LedgerSnapshot snapshot = ledger.read().orElseThrow();
        assertEquals(LedgerState.EMPTY, snapshot.state());
        LockInfo lock = snapshot.lockInfo().orElseThrow();
        assertEquals("host-a", lock.owner());
        assertEquals(lease.token(), lock.token());
        assertEquals(Duration.ofSeconds(30), lock.ttl());
        String json = raw(s3, server.bucket(), ledger.key()).orElseThrow().text();
        assertTrue(json.contains("\"format\" : \"smartmigration-ledger\""), json);
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
    }

    @Test
    void writtenState_roundTripsThroughTheObject_forAnotherInstance() {
        String name = name("roundtrip");
        S3Ledger ledger = ledger(s3, server.bucket(), name);
        Lease lease = ledger.tryAcquire("host-a", Duration.ofSeconds(30)).orElseThrow();
        Instant t0 = Instant.parse("2026-01-02T03:04:05.123Z");
        LedgerState state = LedgerState.EMPTY
                .withVersion("1.2.0-rc.1")
                .withHistoryEntry(new HistoryEntry("split-name", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, t0,
                        t0.plusSeconds(2), 2000, "host-a", false, null, null, null, "v1:" + "ab".repeat(32)))
                .withHistoryEntry(new HistoryEntry("add-index", "1.1.0", "1.2.0-rc.1", HistoryEntry.Status.FAILED,
                        t0, t0.plusSeconds(1), 1000, "host-b", true, "java.lang.IllegalStateException: \"boom\"",
                        "java.lang.IllegalStateException: \"boom\"\n\tat X.y(X.java:1)", "java.io.IOException: full",
                        null))
                .withCheckpoints("add-index", Map.of("lastId", "\"abc\"", "done", "42"))
                .withAppliedCode(new AppliedCode("1.0.0", "sha256:" + "cd".repeat(32)));

        ledger.write(lease, state);

        LedgerSnapshot read = ledger(s3, server.bucket(), name).read().orElseThrow();
        assertEquals(state, read.state());
        assertEquals(lease.token(), read.lockInfo().orElseThrow().token());
    }

    @Test
    void liveLock_refusesEveryOtherAcquire() {
        String name = name("live");
        S3Ledger holder = ledger(s3, server.bucket(), name);
        Lease lease = holder.tryAcquire("holder", Duration.ofSeconds(60)).orElseThrow();

        assertEquals(Optional.empty(), ledger(s3, server.bucket(), name).tryAcquire("other", Duration.ofSeconds(60)));
        assertEquals(Optional.empty(), holder.tryAcquire("holder-again", Duration.ofSeconds(60)));
        assertEquals(lease.token(), holder.read().orElseThrow().lockInfo().orElseThrow().token());
    }

    @Test
    void sixteenRacersOnANewLedger_exactlyOneWinsEveryRound() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = name("race-new");
            List<Lease> winners = race(name);
            assertEquals(1, winners.size(), "winners in round " + round + ": " + winners);
            assertEquals(winners.get(0).token(),
                    ledger(s3, server.bucket(), name).read().orElseThrow().lockInfo().orElseThrow().token());
        }
    }

    @Test
    void sixteenRacersOnAnExpiredLock_exactlyOneTakesItOverEveryRound() throws Exception {
        List<String> names = new ArrayList<>();
        List<S3Ledger> staleHolders = new ArrayList<>();
        List<Lease> staleLeases = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String name = name("race-expired");
            S3Ledger holder = ledger(s3, server.bucket(), name);
            Lease lease = holder.tryAcquire("crashed", Duration.ofMillis(1)).orElseThrow();
            holder.write(lease, LedgerState.EMPTY.withVersion("1.0.0"));
            names.add(name);
            staleHolders.add(holder);
            staleLeases.add(lease);
        }
        sleep(EXPIRY_WAIT_MS);

        for (int round = 0; round < ROUNDS; round++) {
            List<Lease> winners = race(names.get(round));
            assertEquals(1, winners.size(), "winners in round " + round + ": " + winners);
            LedgerSnapshot after = ledger(s3, server.bucket(), names.get(round)).read().orElseThrow();
            assertEquals(winners.get(0).token(), after.lockInfo().orElseThrow().token());
            assertEquals("1.0.0", after.state().version(), "a take-over keeps the state");
            S3Ledger stale = staleHolders.get(round);
            Lease staleLease = staleLeases.get(round);
            assertCode(ErrorCode.LOCK_LOST, () -> stale.renew(staleLease));
        }
    }

    private List<Lease> race(String name) throws Exception {
        List<S3Ledger> racers = new ArrayList<>();
        List<Future<?>> probes = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            S3Ledger racer = ledger(s3, server.bucket(), name);
            racers.add(racer);
            probes.add(pool.submit(racer::prepareLock));
        }
        for (Future<?> probe : probes) {
            probe.get(60, TimeUnit.SECONDS);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Lease>>> attempts = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            S3Ledger racer = racers.get(i);
            String owner = "racer-" + i;
            attempts.add(pool.submit(() -> {
                go.await();
                return racer.tryAcquire(owner, Duration.ofSeconds(60));
            }));
        }
        go.countDown();
        List<Lease> winners = new ArrayList<>();
        for (Future<Optional<Lease>> attempt : attempts) {
            attempt.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
        }
        return winners;
    }

    @Test
    void renewal_keepsTheLeaseAlivePastItsTtl() {
        String name = name("renew");
        S3Ledger holder = ledger(s3, server.bucket(), name);
        S3Ledger other = ledger(s3, server.bucket(), name);
        Lease lease = holder.tryAcquire("holder", Duration.ofSeconds(2)).orElseThrow();

        // 20 x 250 ms spans more than ttl + the one-second margin, so without renewals the lease would expire.
        for (int i = 0; i < 20; i++) {
            sleep(250);
            holder.renew(lease);
            assertEquals(Optional.empty(), other.tryAcquire("other", Duration.ofSeconds(2)), "after renewal " + i);
        }
        holder.write(lease, LedgerState.EMPTY.withVersion("2.0.0"));
        assertEquals("2.0.0", other.read().orElseThrow().state().version());
    }

    @Test
    void takenOverLease_renewWriteAndReleaseChangeNothing() {
        String name = name("stale");
        S3Ledger stale = ledger(s3, server.bucket(), name);
        Lease staleLease = stale.tryAcquire("slow", Duration.ofMillis(1)).orElseThrow();
        stale.write(staleLease, LedgerState.EMPTY.withVersion("1.0.0"));
        sleep(EXPIRY_WAIT_MS);
        S3Ledger fresh = ledger(s3, server.bucket(), name);
        Lease freshLease = fresh.tryAcquire("fast", Duration.ofSeconds(60)).orElseThrow();
        fresh.write(freshLease, LedgerState.EMPTY.withVersion("1.1.0"));
        S3LedgerFixture.Raw before = raw(s3, server.bucket(), stale.key()).orElseThrow();

        var renewLost = assertCode(ErrorCode.LOCK_LOST, () -> stale.renew(staleLease));
        var writeLost = assertCode(ErrorCode.LOCK_LOST,
                () -> stale.write(staleLease, LedgerState.EMPTY.withVersion("9.9.9")));
        stale.release(staleLease);

        assertEquals("fast", renewLost.details().get("holder"));
        assertTrue(writeLost.getMessage().contains("Nothing was written"), writeLost.getMessage());
        S3LedgerFixture.Raw after = raw(s3, server.bucket(), stale.key()).orElseThrow();
        assertEquals(before.etag(), after.etag());
        assertArrayEquals(before.bytes(), after.bytes());
        assertEquals(freshLease.token(), fresh.read().orElseThrow().lockInfo().orElseThrow().token());
    }

    @Test
    void release_freesTheLockAndKeepsTheState() {
        String name = name("release");
        S3Ledger first = ledger(s3, server.bucket(), name);
        Lease lease = first.tryAcquire("first", Duration.ofSeconds(60)).orElseThrow();
        first.write(lease, LedgerState.EMPTY.withVersion("3.0.0"));

        first.release(lease);
        first.release(lease);

        LedgerSnapshot released = first.read().orElseThrow();
        assertTrue(released.lockInfo().isEmpty());
        assertEquals("3.0.0", released.state().version());
        assertTrue(ledger(s3, server.bucket(), name).tryAcquire("second", Duration.ofSeconds(60)).isPresent());
        assertCode(ErrorCode.LOCK_LOST, () -> first.renew(lease));
    }

    @Test
    void forceUnlock_removesALiveLock_keepsState_andTheHolderGetsLockLost() {
        String name = name("force");
        S3Ledger holder = ledger(s3, server.bucket(), name);
        Lease lease = holder.tryAcquire("stuck", Duration.ofMinutes(10)).orElseThrow();
        holder.write(lease, LedgerState.EMPTY.withVersion("4.0.0"));
        S3Ledger operator = ledger(s3, server.bucket(), name);

        LockInfo removed = operator.forceUnlock().orElseThrow();

        assertEquals("stuck", removed.owner());
        assertEquals(lease.token(), removed.token());
        assertEquals(Optional.empty(), operator.forceUnlock());
        LedgerSnapshot after = operator.read().orElseThrow();
        assertNull(after.lock());
        assertEquals("4.0.0", after.state().version());
        var lost = assertCode(ErrorCode.LOCK_LOST, () -> holder.write(lease, LedgerState.EMPTY));
        assertTrue(lost.getMessage().contains("released"), lost.getMessage());
        assertEquals("4.0.0", operator.read().orElseThrow().state().version());
    }

    @Test
    void forceUnlock_onAMissingLedger_returnsEmptyAndCreatesNothing() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("force-missing"));

        assertEquals(Optional.empty(), ledger.forceUnlock());
        assertEquals(Optional.empty(), raw(s3, server.bucket(), ledger.key()));
    }

    @Test
    void renewFromHeartbeatThread_andWritesFromRunner_interleaveWithoutLosingTheLease() throws Exception {
        String name = name("interleave");
        S3Ledger ledger = ledger(s3, server.bucket(), name);
        Lease lease = ledger.tryAcquire("busy", Duration.ofSeconds(60)).orElseThrow();
        AtomicReference<Throwable> heartbeatFailure = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        Future<?> heartbeat = pool.submit(() -> {
            try {
                while (!stop.await(1, TimeUnit.MILLISECONDS)) {
                    ledger.renew(lease);
                }
            } catch (Throwable t) {
                heartbeatFailure.set(t);
            }
            return null;
        });

        LedgerState state = LedgerState.EMPTY;
        for (int i = 0; i < 40; i++) {
            state = state.withCheckpoints("step", Map.of("done", Integer.toString(i)));
            ledger.write(lease, state);
        }
        stop.countDown();
        heartbeat.get(60, TimeUnit.SECONDS);

        assertNull(heartbeatFailure.get());
        LedgerSnapshot after = ledger.read().orElseThrow();
        assertEquals(state, after.state());
        assertEquals(lease.token(), after.lockInfo().orElseThrow().token());
    }

    @Test
    void missingBucket_isLedgerUnavailable_withTheStoreErrorAsCause() {
        S3Ledger ledger = new S3Ledger(s3, S3TestServer.uniqueName("no-such-server.bucket()"), "app",
                S3LedgerOptions.defaults());

        var e = assertCode(ErrorCode.LEDGER_UNAVAILABLE, ledger::read);

        assertTrue(e.getCause() instanceof S3Exception, e.toString());
    }

    @Test
    void lockAcquirer_probesTheStoreBeforeItDatesTheLease_soTheProbeTakesNothingFromTheLease() {
        AtomicLong lastProbeRequestDone = new AtomicLong();
        S3Client observed = server.client(new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                seen(context.request());
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                seen(context.request());
            }

            private void seen(SdkRequest request) {
                if (request.getValueForField("Key", String.class).filter(k -> k.endsWith(".probe")).isPresent()) {
                    lastProbeRequestDone.set(System.nanoTime());
                }
            }
        });
        S3Ledger ledger = ledger(observed, server.bucket(), name("acquirer"));

        LockAcquirer.Outcome outcome = LockAcquirer.acquire(ledger, "me", Duration.ofSeconds(30), Duration.ZERO,
                snapshot -> false, holder -> { });

        assertTrue(outcome.acquired());
        assertTrue(lastProbeRequestDone.get() != 0, "the store was probed");
        assertTrue(outcome.acquiredAtNanos() > lastProbeRequestDone.get(), "the lease is dated after the probe");
    }

    /**
     * Since 2.30 the AWS SDK sends a checksum trailer with every upload by default; Ceph RGW before 18 refuses
     * such uploads. Whichever the store does, the ledger works or says which client setting to change.
     */
    @Test
    void clientWithTheSdkDefaults_worksWhereTheStoreTakesItsChecksums_andElseIsToldWhatToChange() {
        try (S3Client defaults = S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true)
                .region(server.region()).credentialsProvider(StaticCredentialsProvider.create(server.credentials()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            boolean storeTakesTheChecksums = true;
            try {
                defaults.putObject(b -> b.bucket(server.bucket()).key(name("checksums")), RequestBody.fromString("x"));
            } catch (S3Exception e) {
                assertEquals("XAmzContentSHA256Mismatch", e.awsErrorDetails().errorCode(), e.toString());
                storeTakesTheChecksums = false;
            }
            S3Ledger ledger = ledger(defaults, server.bucket(), name("checksums"));

            if (storeTakesTheChecksums) {
                assertTrue(ledger.tryAcquire("me", Duration.ofSeconds(30)).isPresent());
            } else {
                var e = assertCode(ErrorCode.LEDGER_UNAVAILABLE, () -> ledger.tryAcquire("me", Duration.ofSeconds(30)));
                assertTrue(e.getMessage().contains(
                        ".requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)"), e.getMessage());
            }
        }
    }

    @Test
    void ledgerNameBreakingTheLedgerNameRule_isRejected_andTheKeyIsInTheSmartmigrationFolder() {
        assertCode(ErrorCode.INVALID_OPTIONS, () -> ledger(s3, server.bucket(), "../x"));
        assertEquals(".smartmigration/orders.json", ledger(s3, server.bucket(), "orders").key());
    }

    @Test
    void missingArguments_areRejectedWithInvalidOptions() {
        assertCode(ErrorCode.INVALID_OPTIONS, () -> new S3Ledger(null, server.bucket(), "x", S3LedgerOptions.defaults()));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> new S3Ledger(s3, " ", "x", S3LedgerOptions.defaults()));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> new S3Ledger(s3, server.bucket(), "x", null));
        S3Ledger ledger = ledger(s3, server.bucket(), name("args"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> ledger.tryAcquire(" ", Duration.ofSeconds(1)));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> ledger.tryAcquire("me", Duration.ZERO));
    }
}
