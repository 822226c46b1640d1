package dev.smartmigration.runtime.internal.ledger.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.AppliedCode;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The Ledger contract on MongoDB, through the real driver against mongo-java-server, or a real MongoDB when
 * {@code SMARTMIGRATION_TEST_MONGODB_URI} is set.
 */
@ExtendWith(MongoTestServerExtension.class)
class MongoLedgerTest {

    private static final Duration TTL = Duration.ofSeconds(1);
    @TestResource private MongoDatabase db;
    private MongoLedger ledger;

    @BeforeEach
    void openLedger() {
        ledger = new MongoLedger(db, "ledger", "app");
    }

    private MongoCollection<Document> collection() {
        return db.getCollection("ledger");
    }

    private byte[] rawBytes() {
        return MongoTestServer.firstDocumentBytes(collection());
    }

    private static void assertCode(ErrorCode code, Executable call) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    private static void sleepPast(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.toMillis() + 300);
    }

    @Test
    void neverWrittenLedger_readsEmpty() {
        assertTrue(ledger.read().isEmpty());
    }

    @Test
    void firstAcquire_createsMarkedLedgerWithoutVersion() {
        Lease lease = ledger.tryAcquire("a", TTL).orElseThrow();
        LedgerSnapshot s = ledger.read().orElseThrow();
        assertNull(s.state().version());
        assertEquals(List.of(), s.state().history());
        LockInfo lock = s.lockInfo().orElseThrow();
        assertEquals("a", lock.owner());
        assertEquals(lease.token(), lock.token());
        assertEquals(TTL, lock.ttl());
        Document doc = collection().find().first();
        assertEquals("smartmigration-ledger", doc.get("format"));
        assertEquals(1, doc.get("formatVersion"));
    }

    @Test
    void readVersion_isEmptyForNewAndUnstampedLedgers_andTheVersionOnceStamped() {
        assertEquals(Optional.empty(), ledger.readVersion());
        assertEquals(0, collection().countDocuments());
        Lease a = ledger.tryAcquire("a", TTL).orElseThrow();
        assertEquals(Optional.empty(), ledger.readVersion());
        ledger.write(a, LedgerState.EMPTY.withVersion("1.3.0-beta.2"));
        assertEquals(Optional.of("1.3.0-beta.2"), ledger.readVersion());
    }

    @Test
    void readVersion_rejectsAVersionThatIsNotStrictSemver_likeTheFullRead_andWritesNothing() {
        collection().insertOne(new Document("_id", "app").append("format", "smartmigration-ledger")
                .append("formatVersion", 1).append("version", "1.0").append("history", List.of())
                .append("checkpoints", List.of()));
        byte[] before = rawBytes();
        SmartMigrationException full = assertThrows(SmartMigrationException.class, ledger::read);
        SmartMigrationException fast = assertThrows(SmartMigrationException.class, ledger::readVersion);
        assertEquals(ErrorCode.LEDGER_CORRUPT, fast.code());
        assertEquals(full.getMessage(), fast.getMessage());
        assertEquals("version", fast.details().get("field"));
        assertArrayEquals(before, rawBytes());
    }

    @Test
    void readVersion_doesNotCheckHistory_whichTheFullReadRejects() {
        collection().insertOne(new Document("_id", "app").append("format", "smartmigration-ledger")
                .append("formatVersion", 1).append("version", "2.0.0").append("history", "damaged"));
        assertEquals(Optional.of("2.0.0"), ledger.readVersion());
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::read);
    }

    @Test
    void liveLease_isNotTakenByAnotherOwner(MongoTestServer server) {
        ledger.tryAcquire("a", Duration.ofMinutes(5)).orElseThrow();
        MongoLedger other = new MongoLedger(server.newClient().getDatabase(db.getName()), "ledger", "app");
        assertTrue(other.tryAcquire("b", TTL).isEmpty());
        assertEquals("a", ledger.read().orElseThrow().lockInfo().orElseThrow().owner());
    }

    @Test
    void expiredLease_isTakenOverAndOldHolderIsFenced() throws Exception {
        Lease a = ledger.tryAcquire("a", TTL).orElseThrow();
        ledger.write(a, LedgerState.EMPTY.withVersion("1.0.0"));
        sleepPast(TTL);
        Lease b = ledger.tryAcquire("b", TTL).orElseThrow();
        assertCode(ErrorCode.LOCK_LOST, () -> ledger.write(a, LedgerState.EMPTY.withVersion("9.9.9")));
        assertCode(ErrorCode.LOCK_LOST, () -> ledger.renew(a));
        ledger.release(a);
        LedgerSnapshot s = ledger.read().orElseThrow();
        assertEquals("1.0.0", s.state().version());
        assertEquals(b.token(), s.lockInfo().orElseThrow().token());
    }

    @Test
    void expiredButNotTakenLease_canStillBeRenewed() throws Exception {
        Lease a = ledger.tryAcquire("a", TTL).orElseThrow();
        Instant first = ledger.read().orElseThrow().lockInfo().orElseThrow().heartbeatAt();
        sleepPast(TTL);
        ledger.renew(a);
        Instant renewed = ledger.read().orElseThrow().lockInfo().orElseThrow().heartbeatAt();
        assertTrue(renewed.isAfter(first), first + " -> " + renewed);
        assertTrue(ledger.tryAcquire("b", TTL).isEmpty());
    }

    @Test
    void write_roundTripsVersionHistoryAndDottedCheckpointKeys() {
        Lease a = ledger.tryAcquire("a", TTL).orElseThrow();
        Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
        HistoryEntry applied = new HistoryEntry("step.one", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, t,
                t.plusSeconds(1), 1000, "a", false, null, null, null, "v1:" + "ab".repeat(32));
        HistoryEntry failed = new HistoryEntry("step.two", "1.1.0", "1.2.0", HistoryEntry.Status.FAILED, t, t, 5,
                "a", true, "java.lang.IllegalStateException: boom", "stack\n\tat x",
                "java.io.IOException: disk full", null);
        LedgerState state = LedgerState.EMPTY.withVersion("1.1.0").withHistoryEntry(applied)
                .withHistoryEntry(failed).withCheckpoints("step.two", Map.of("last.id", "\"abc\"", "n", "42"))
                .withAppliedCode(new AppliedCode("1.0.0", "sha256:" + "cd".repeat(32)));
        ledger.write(a, state);
        assertEquals(state, ledger.read().orElseThrow().state());
    }

    @Test
    void release_removesOnlyOwnLock() throws Exception {
        Lease a = ledger.tryAcquire("a", TTL).orElseThrow();
        ledger.release(a);
        assertTrue(ledger.read().orElseThrow().lockInfo().isEmpty());
        Lease b = ledger.tryAcquire("b", TTL).orElseThrow();
        ledger.release(a);
        assertEquals(b.token(), ledger.read().orElseThrow().lockInfo().orElseThrow().token());
    }

    @Test
    void forceUnlock_removesLiveLockAndKeepsState() {
        Lease a = ledger.tryAcquire("a", Duration.ofMinutes(5)).orElseThrow();
        ledger.write(a, LedgerState.EMPTY.withVersion("2.0.0"));
        LockInfo removed = ledger.forceUnlock().orElseThrow();
        assertEquals(a.token(), removed.token());
        assertTrue(ledger.forceUnlock().isEmpty());
        LedgerSnapshot s = ledger.read().orElseThrow();
        assertEquals("2.0.0", s.state().version());
        assertTrue(s.lockInfo().isEmpty());
        assertCode(ErrorCode.LOCK_LOST, () -> ledger.write(a, LedgerState.EMPTY));
    }

    @Test
    void forceUnlock_onNewLedger_findsNothingAndCreatesNothing() {
        assertTrue(ledger.forceUnlock().isEmpty());
        assertEquals(0, collection().countDocuments());
    }

    @Test
    void foreignDocumentAtLedgerId_isCorruptEverywhereAndLeftByteIdentical() {
        collection().insertOne(new Document("_id", "app").append("owner", "someone else").append("version", 3));
        byte[] before = rawBytes();
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::read);
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::readVersion);
        assertCode(ErrorCode.LEDGER_CORRUPT, () -> ledger.tryAcquire("a", TTL));
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::forceUnlock);
        assertArrayEquals(before, rawBytes());
    }

    @Test
    void newerFormatVersion_isCorruptNamingUpgradeAndNotTaken() {
        collection().insertOne(new Document("_id", "app").append("format", "smartmigration-ledger")
                .append("formatVersion", 2).append("version", "1.0.0"));
        byte[] before = rawBytes();
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> ledger.tryAcquire("a", TTL));
        assertEquals(ErrorCode.LEDGER_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("newer smartmigration"), e.getMessage());
        SmartMigrationException fast = assertThrows(SmartMigrationException.class, ledger::readVersion);
        assertEquals(e.getMessage(), fast.getMessage());
        assertArrayEquals(before, rawBytes());
    }

    /** What the S3 ledger always refused, the MongoDB ledger now refuses too: one rule for both (LedgerSchema). */
    @Test
    void missingHistory_missingDuration_orAnUnknownField_isCorrupt_andLeftByteIdentical() {
        Document entry = new Document("id", "a").append("from", "1.0.0").append("to", "1.1.0")
                .append("status", "APPLIED").append("startedAt", new Date(0))
                .append("finishedAt", new Date(0)).append("owner", "w").append("skipForward", false);
        List<Document> damaged = List.of(
                new Document("checkpoints", List.of()),
                new Document("history", List.of(entry)).append("checkpoints", List.of()),
                new Document("history", List.of()).append("checkpoints", List.of()).append("notes", "hand-written"));
        for (Document fields : damaged) {
            collection().deleteMany(new Document());
            Document doc = new Document("_id", "app").append("format", "smartmigration-ledger")
                    .append("formatVersion", 1).append("version", "1.1.0");
            doc.putAll(fields);
            collection().insertOne(doc);
            byte[] before = rawBytes();
            SmartMigrationException e = assertThrows(SmartMigrationException.class, ledger::read, fields.toJson());
            assertEquals(ErrorCode.LEDGER_CORRUPT, e.code(), fields.toJson());
            assertCode(ErrorCode.LEDGER_CORRUPT, () -> ledger.tryAcquire("a", TTL));
            assertArrayEquals(before, rawBytes());
        }
    }

    @Test
    void wrongFieldTypes_areCorruptWithTheFieldNamed() {
        List<Document> bad = List.of(
                new Document("version", "v1"),
                new Document("version", 7),
                new Document("history", "none"),
                new Document("history", List.of(new Document("id", "x").append("status", "DONE"))),
                new Document("checkpoints", List.of(new Document("step", "x"))),
                new Document("lock", new Document("owner", "a")));
        for (Document fields : bad) {
            collection().deleteMany(new Document());
            collection().insertOne(new Document("_id", "app").append("format", "smartmigration-ledger")
                    .append("formatVersion", 1).append("history", List.of()).append("checkpoints", List.of())
                    .append(fields.keySet().iterator().next(), fields.values().iterator().next()));
            SmartMigrationException e = assertThrows(SmartMigrationException.class, ledger::read,
                    fields.toJson());
            assertEquals(ErrorCode.LEDGER_CORRUPT, e.code());
            assertTrue(e.details().get("field").startsWith(fields.keySet().iterator().next()),
                    e.details() + " for " + fields.toJson());
        }
    }

    @Test
    void racingAcquirers_exactlyOneWins(MongoTestServer server) throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<MongoDatabase> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(server.newClient().getDatabase(db.getName()));
        }
        try {
            for (int round = 0; round < 10; round++) {
                MongoLedger racing = new MongoLedger(db, "ledger", "race-" + round);
                CyclicBarrier barrier = new CyclicBarrier(n);
                List<Future<Optional<Lease>>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    MongoLedger own = new MongoLedger(clients.get(i), "ledger", racing.name());
                    String owner = "o" + i;
                    Callable<Optional<Lease>> attempt = () -> {
                        barrier.await();
                        return own.tryAcquire(owner, Duration.ofMinutes(1));
                    };
                    results.add(pool.submit(attempt));
                }
                int winners = 0;
                for (Future<Optional<Lease>> f : results) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
                assertFalse(racing.read().orElseThrow().lockInfo().isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
