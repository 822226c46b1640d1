package dev.smartmigration.runtime.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The one rule both stores apply, on records as plain maps (the form a MongoDB document and a parsed JSON object
 * share). The stores' own tests show the rule through their real clients.
 */
class LedgerSchemaTest {

    private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

    /** Instants as epoch milliseconds, so the test needs neither store's form. */
    private static final LedgerSchema.Timestamps MILLIS = new LedgerSchema.Timestamps() {
        @Override
        public Object write(Instant instant) {
            return instant == null ? null : instant.toEpochMilli();
        }

        @Override
        public Instant read(Object value) {
            return value instanceof Long ms ? Instant.ofEpochMilli(ms) : null;
        }

        @Override
        public String describe() {
            return "epoch milliseconds";
        }
    };

    private static final LedgerState STATE = LedgerState.EMPTY.withVersion("1.1.0")
            .withHistoryEntry(new HistoryEntry("a", "1.0.0", "1.1.0", HistoryEntry.Status.APPLIED, T0, T0, 12, "w-1",
                    false, null, null, null, "v1:" + "ab".repeat(32)))
            .withHistoryEntry(new HistoryEntry("b", "1.1.0", "1.2.0", HistoryEntry.Status.FAILED, T0, T0, 3, "w-1",
                    true, "java.lang.IllegalStateException: x", "stack", "java.io.IOException: disk full",
                    null))
            .withCheckpoints("b", Map.of("done", "500", "last.id", "\"x\""))
            .withAppliedCode(new AppliedCode("1.0.0", "sha256:" + "cd".repeat(32)));

    /** A record as a store writes it, with one store field, changed by {@code damage}. */
    private static Map<String, Object> record(LedgerState state, Consumer<Map<String, Object>> damage) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(LedgerSchema.FORMAT, LedgerSchema.FORMAT_MARKER);
        record.put(LedgerSchema.FORMAT_VERSION, LedgerSchema.CURRENT_FORMAT_VERSION);
        record.put("_id", "app");
        record.putAll(LedgerSchema.stateFields(state, MILLIS));
        record.put(LedgerSchema.LOCK, LedgerSchema.lockFields(new StoredLock("w-1", "t-1", T0, T0, 1000), MILLIS));
        damage.accept(record);
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstEntry(Map<String, Object> record) {
        return ((List<Map<String, Object>>) record.get(LedgerSchema.HISTORY)).get(0);
    }

    private static LedgerSchema.Unreadable unreadable(Consumer<Map<String, Object>> damage) {
        return assertThrows(LedgerSchema.Unreadable.class,
                () -> LedgerSchema.read(record(STATE, damage), Set.of("_id"), MILLIS));
    }

    @Test
    void writtenState_readsBackEqual_withTheLockAndTheFreshInstallRecord() throws Exception {
        LedgerState fresh = STATE.withFreshInstall(new FreshInstall("1.0.0", T0, "w-0")).withVersion("1.1.0");

        LedgerSchema.Read read = LedgerSchema.read(record(fresh, r -> { }), Set.of("_id"), MILLIS);

        assertEquals(fresh, read.state());
        assertEquals(new StoredLock("w-1", "t-1", T0, T0, 1000), read.lock());
    }

    @Test
    void absentOrNullOptionalFields_readAsNone() throws Exception {
        LedgerSchema.Read read = LedgerSchema.read(record(LedgerState.EMPTY, r -> {
            r.remove(LedgerSchema.VERSION);
            r.remove(LedgerSchema.FRESH_INSTALL);
            r.put(LedgerSchema.LOCK, null);
        }), Set.of("_id"), MILLIS);

        assertEquals(LedgerState.EMPTY, read.state());
        assertNull(read.lock());
    }

    @Test
    void missingHistory_isUnreadable() {
        assertEquals("history", unreadable(r -> r.remove(LedgerSchema.HISTORY)).field());
    }

    @Test
    void historyEntryWithoutDurationOrStartedAt_isUnreadable() {
        assertEquals("history[0].durationMs",
                unreadable(r -> firstEntry(r).remove(LedgerSchema.Entry.DURATION_MS)).field());
        assertEquals("history[0].startedAt",
                unreadable(r -> firstEntry(r).remove(LedgerSchema.Entry.STARTED_AT)).field());
    }

    @Test
    void unknownFieldAtAnyLevel_isUnreadable_namingANewerReleaseAsTheLikelyWriter() {
        LedgerSchema.Unreadable top = unreadable(r -> r.put("fingerprints", List.of()));
        assertEquals("fingerprints", top.field());
        assertTrue(top.getMessage().contains("newer smartmigration"), top.getMessage());
        assertEquals("history[0].extra", unreadable(r -> firstEntry(r).put("extra", 1)).field());
    }

    @Test
    void storeFieldsAreAllowed_onlyForTheStoreThatNamesThem() {
        assertThrows(LedgerSchema.Unreadable.class, () -> LedgerSchema.read(record(STATE, r -> { }), Set.of(), MILLIS));
    }

    @Test
    void wholeNumbersInAnyNumericType_areAccepted_butFractionsAreNot() throws Exception {
        LedgerSchema.Read read = LedgerSchema.read(record(STATE, r -> {
            r.put(LedgerSchema.FORMAT_VERSION, 1.0);
            firstEntry(r).put(LedgerSchema.Entry.DURATION_MS, 12.0);
        }), Set.of("_id"), MILLIS);
        assertEquals(12, read.state().history().get(0).durationMs());

        assertEquals("history[0].durationMs",
                unreadable(r -> firstEntry(r).put(LedgerSchema.Entry.DURATION_MS, 1.5)).field());
    }

    @Test
    void newerFormatVersion_isUnreadable_alsoForTheVersionOnlyRead() {
        LedgerSchema.Unreadable e = assertThrows(LedgerSchema.Unreadable.class,
                () -> LedgerSchema.version(record(STATE, r -> r.put(LedgerSchema.FORMAT_VERSION, 2))));
        assertTrue(e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void badValues_areUnreadableNamingTheField() {
        assertEquals("version", unreadable(r -> r.put(LedgerSchema.VERSION, "v1.2")).field());
        assertEquals("history[0].status",
                unreadable(r -> firstEntry(r).put(LedgerSchema.Entry.STATUS, "DONE")).field());
        assertEquals("lock.ttlMs", unreadable(r -> r.put(LedgerSchema.LOCK, Map.of("owner", "a", "token", "t",
                "ttlMs", 0L))).field());
        assertEquals("checkpoints[1]", unreadable(r -> r.put(LedgerSchema.CHECKPOINTS, List.of(
                Map.of("step", "b", "key", "k", "json", "1"), Map.of("step", "b", "key", "k", "json", "2")))).field());
        assertEquals("freshInstall.version", unreadable(r -> r.put(LedgerSchema.FRESH_INSTALL,
                Map.of("stampedAt", 0L, "owner", "w"))).field());
    }
}
