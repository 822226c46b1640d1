package dev.smartmigration.runtime.internal.ledger.mongo;

import dev.smartmigration.runtime.internal.StrictVersion;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The ledger document's fields, and the strict mapping between it and {@link LedgerSnapshot}. */
final class MongoLedgerFormat {

    static final String FORMAT = "format";
    static final String FORMAT_MARKER = "smartmigration-ledger";
    static final String FORMAT_VERSION = "formatVersion";
    static final int CURRENT_FORMAT_VERSION = 1;
    static final String VERSION = "version";
    static final String HISTORY = "history";
    static final String CHECKPOINTS = "checkpoints";
    static final String LAST_WRITE_ID = "lastWriteId";
    static final String LOCK = "lock";
    static final String LOCK_OWNER = "lock.owner";
    static final String LOCK_TOKEN = "lock.token";
    static final String LOCK_ACQUIRED_AT = "lock.acquiredAt";
    static final String LOCK_HEARTBEAT_AT = "lock.heartbeatAt";
    static final String LOCK_TTL_MS = "lock.ttlMs";
    /** The fields the version-only read fetches ({@code _id} comes too). */
    static final List<String> VERSION_FIELDS = List.of(FORMAT, FORMAT_VERSION, VERSION);

    /** A field that does not hold what the format says; the message names the field and the problem. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        Unreadable(String field, String problem) {
            super(problem);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private MongoLedgerFormat() {
    }

    static LedgerSnapshot parse(Document doc) throws Unreadable {
        String version = version(doc);
        List<HistoryEntry> history = new ArrayList<>();
        for (Document e : documents(doc, HISTORY)) {
            history.add(historyEntry(e, HISTORY + "[" + history.size() + "]"));
        }
        Map<String, Map<String, String>> checkpoints = new LinkedHashMap<>();
        int i = 0;
        for (Document c : documents(doc, CHECKPOINTS)) {
            String where = CHECKPOINTS + "[" + i++ + "]";
            checkpoints.computeIfAbsent(required(c, "step", String.class, where), s -> new LinkedHashMap<>())
                    .put(required(c, "key", String.class, where), required(c, "json", String.class, where));
        }
        Document lock = optional(doc, LOCK, Document.class, LOCK);
        return new LedgerSnapshot(new LedgerState(version, history, checkpoints), lock == null ? null : lock(lock));
    }

    /**
     * Checks what {@link MongoLedger#readVersion()} reads, the fields in {@link #VERSION_FIELDS}: the format marker,
     * the format version and the data version.
     *
     * @return the data version, or {@code null} when none has been stamped yet
     */
    static String version(Document doc) throws Unreadable {
        Object marker = doc.get(FORMAT);
        if (!FORMAT_MARKER.equals(marker)) {
            throw new Unreadable(FORMAT, marker == null
                    ? "it has no \"format\" field, so it is not a smartmigration ledger"
                    : "its \"format\" is \"" + marker + "\", not \"" + FORMAT_MARKER + "\"");
        }
        Object formatVersion = doc.get(FORMAT_VERSION);
        if (!(formatVersion instanceof Integer || formatVersion instanceof Long)) {
            throw new Unreadable(FORMAT_VERSION, "\"formatVersion\" is " + describe(formatVersion)
                    + ", not a whole number");
        }
        long fv = ((Number) formatVersion).longValue();
        if (fv != CURRENT_FORMAT_VERSION) {
            throw new Unreadable(FORMAT_VERSION, "\"formatVersion\" is " + fv + " but this smartmigration reads only "
                    + CURRENT_FORMAT_VERSION + (fv > CURRENT_FORMAT_VERSION
                    ? " (it was written by a newer smartmigration: upgrade this application's smartmigration)"
                    : ""));
        }
        String version = optional(doc, VERSION, String.class, VERSION);
        if (version != null && StrictVersion.problem(version) != null) {
            throw new Unreadable(VERSION, "\"version\" is \"" + version + "\": " + StrictVersion.problem(version));
        }
        return version;
    }

    static LockInfo lock(Document lock) throws Unreadable {
        Number ttl = required(lock, "ttlMs", Number.class, LOCK);
        return new LockInfo(required(lock, "owner", String.class, LOCK), required(lock, "token", String.class, LOCK),
                required(lock, "acquiredAt", Date.class, LOCK).toInstant(),
                required(lock, "heartbeatAt", Date.class, LOCK).toInstant(), Duration.ofMillis(ttl.longValue()));
    }

    static Document stateFields(LedgerState state) {
        List<Document> history = new ArrayList<>();
        for (HistoryEntry e : state.history()) {
            history.add(new Document("id", e.id()).append("from", e.from()).append("to", e.to())
                    .append("status", e.status().name()).append("startedAt", date(e.startedAt()))
                    .append("finishedAt", date(e.finishedAt())).append("durationMs", e.durationMs())
                    .append("owner", e.owner()).append("skipForward", e.skipForward())
                    .append("error", e.error()).append("errorStack", e.errorStack()));
        }
        List<Document> checkpoints = new ArrayList<>();
        state.checkpoints().forEach((step, values) -> values.forEach((key, json) ->
                checkpoints.add(new Document("step", step).append("key", key).append("json", json))));
        return new Document(VERSION, state.version()).append(HISTORY, history).append(CHECKPOINTS, checkpoints);
    }

    private static HistoryEntry historyEntry(Document e, String where) throws Unreadable {
        String status = required(e, "status", String.class, where);
        HistoryEntry.Status parsed;
        try {
            parsed = HistoryEntry.Status.valueOf(status);
        } catch (IllegalArgumentException ex) {
            throw new Unreadable(where + ".status", "\"" + where + ".status\" is \"" + status
                    + "\", not APPLIED or FAILED");
        }
        Date started = optional(e, "startedAt", Date.class, where);
        Date finished = optional(e, "finishedAt", Date.class, where);
        Number duration = optional(e, "durationMs", Number.class, where);
        Boolean skipForward = optional(e, "skipForward", Boolean.class, where);
        return new HistoryEntry(required(e, "id", String.class, where), optional(e, "from", String.class, where),
                optional(e, "to", String.class, where), parsed, started == null ? null : started.toInstant(),
                finished == null ? null : finished.toInstant(), duration == null ? 0 : duration.longValue(),
                optional(e, "owner", String.class, where), Boolean.TRUE.equals(skipForward),
                optional(e, "error", String.class, where), optional(e, "errorStack", String.class, where));
    }

    private static List<Document> documents(Document doc, String field) throws Unreadable {
        Object value = doc.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new Unreadable(field, "\"" + field + "\" is " + describe(value) + ", not an array");
        }
        List<Document> result = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Document d)) {
                throw new Unreadable(field, "\"" + field + "\" holds " + describe(o) + ", not only documents");
            }
            result.add(d);
        }
        return result;
    }

    private static <T> T required(Document doc, String field, Class<T> type, String where) throws Unreadable {
        T value = optional(doc, field, type, where);
        if (value == null) {
            throw new Unreadable(where + "." + field, "\"" + where + "." + field + "\" is missing");
        }
        return value;
    }

    private static <T> T optional(Document doc, String field, Class<T> type, String where) throws Unreadable {
        Object value = doc.get(field);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            String path = where.equals(field) ? field : where + "." + field;
            throw new Unreadable(path, "\"" + path + "\" is " + describe(value) + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "missing";
        }
        String text = String.valueOf(value);
        return "a " + value.getClass().getSimpleName() + " (" + (text.length() > 60 ? text.substring(0, 60) + "..." : text)
                + ")";
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
