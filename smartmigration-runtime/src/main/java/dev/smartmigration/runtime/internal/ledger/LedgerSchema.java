package dev.smartmigration.runtime.internal.ledger;

import dev.smartmigration.chainrules.StrictVersion;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger record, written once for every store: its field names, how a {@link LedgerState} and a lock become
 * fields, and the one rule that decides whether a stored record is a readable ledger. The MongoDB ledger stores the
 * fields as a document, the S3 ledger as a JSON object; each store adds only its own bookkeeping fields (the
 * document's {@code _id}, a write id) and its representation of instants ({@link Timestamps}).
 *
 * <p>The rule: a record is a ledger of this release only if it is <b>exactly</b> what this release writes.
 * <ul>
 *   <li>{@code format} is {@value #FORMAT_MARKER} and {@code formatVersion} is {@value #CURRENT_FORMAT_VERSION}
 *       (otherwise it is not ours, or was written by a release that changed the meaning of a field);
 *   <li>every field this release always writes is there, with its type: {@code history} and {@code checkpoints}
 *       are arrays, and each history entry has {@code id}, {@code from}, {@code to}, {@code status},
 *       {@code startedAt}, {@code finishedAt}, {@code durationMs}, {@code owner} and {@code skipForward};
 *   <li>the fields that may be empty ({@code version}, {@code lock}, {@code freshInstall}, {@code appliedCode},
 *       and an entry's {@code error}, {@code errorStack}, {@code rootCause}, {@code fingerprint}) are absent,
 *       {@code null} or of their type; versions are strict semantic versions, a lock's {@code ttlMs} is positive,
 *       an entry's {@code status} is {@code APPLIED}, {@code FAILED}, {@code ACCEPTED} or
 *       {@code ACCEPTED_REMOVAL};
 *   <li>there is no field this release does not know. A newer release that adds a field keeps
 *       {@code formatVersion} 1: an older release then refuses to read the whole record, rather than drop what it
 *       does not understand on its next write, while its version-only read ({@link #version}) still lets it boot
 *       next to newer data.
 * </ul>
 * A record that breaks the rule is reported as {@code LEDGER_CORRUPT} naming the field, and never written over.
 * Numbers are accepted in any numeric type whose value is a whole number (the mongo shell writes doubles).
 */
public final class LedgerSchema {

    public static final String FORMAT = "format";
    public static final String FORMAT_MARKER = "smartmigration-ledger";
    public static final String FORMAT_VERSION = "formatVersion";
    public static final int CURRENT_FORMAT_VERSION = 1;
    public static final String VERSION = "version";
    public static final String HISTORY = "history";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String FRESH_INSTALL = "freshInstall";
    public static final String LOCK = "lock";
    /** The digest of the applied steps' code, beside the version for the fast path: {@link AppliedCode}. */
    public static final String APPLIED_CODE = "appliedCode";
    /** The fields the version-only read fetches and checks. */
    public static final List<String> VERSION_FIELDS = List.of(FORMAT, FORMAT_VERSION, VERSION);
    /** The fields the fast path fetches and checks: {@link #VERSION_FIELDS} and {@value #APPLIED_CODE}. */
    public static final List<String> HEAD_FIELDS = List.of(FORMAT, FORMAT_VERSION, VERSION, APPLIED_CODE);

    /** The fields of a history entry. */
    public static final class Entry {
        public static final String ID = "id";
        public static final String FROM = "from";
        public static final String TO = "to";
        public static final String STATUS = "status";
        public static final String STARTED_AT = "startedAt";
        public static final String FINISHED_AT = "finishedAt";
        public static final String DURATION_MS = "durationMs";
        public static final String OWNER = "owner";
        public static final String SKIP_FORWARD = "skipForward";
        public static final String ERROR = "error";
        public static final String ERROR_STACK = "errorStack";
        public static final String ROOT_CAUSE = "rootCause";
        public static final String FINGERPRINT = "fingerprint";

        private Entry() {
        }
    }

    /** The fields of a checkpoint: one value of one step. */
    public static final class Checkpoint {
        public static final String STEP = "step";
        public static final String KEY = "key";
        public static final String JSON = "json";

        private Checkpoint() {
        }
    }

    /** The fields of the lock. */
    public static final class Lock {
        public static final String OWNER = "owner";
        public static final String TOKEN = "token";
        public static final String ACQUIRED_AT = "acquiredAt";
        public static final String HEARTBEAT_AT = "heartbeatAt";
        public static final String TTL_MS = "ttlMs";

        private Lock() {
        }
    }

    /** The fields of the fresh-install record. */
    public static final class Stamp {
        public static final String VERSION = "version";
        public static final String STAMPED_AT = "stampedAt";
        public static final String OWNER = "owner";

        private Stamp() {
        }
    }

    /** The fields of the {@value #APPLIED_CODE} object. */
    public static final class Applied {
        public static final String SINCE = "since";
        public static final String DIGEST = "digest";

        private Applied() {
        }
    }

    private static final Set<String> TOP_FIELDS =
            Set.of(FORMAT, FORMAT_VERSION, VERSION, HISTORY, CHECKPOINTS, FRESH_INSTALL, LOCK, APPLIED_CODE);
    private static final Set<String> ENTRY_FIELDS = Set.of(Entry.ID, Entry.FROM, Entry.TO, Entry.STATUS,
            Entry.STARTED_AT, Entry.FINISHED_AT, Entry.DURATION_MS, Entry.OWNER, Entry.SKIP_FORWARD, Entry.ERROR,
            Entry.ERROR_STACK, Entry.ROOT_CAUSE, Entry.FINGERPRINT);
    private static final Set<String> APPLIED_FIELDS = Set.of(Applied.SINCE, Applied.DIGEST);
    private static final Set<String> CHECKPOINT_FIELDS = Set.of(Checkpoint.STEP, Checkpoint.KEY, Checkpoint.JSON);
    private static final Set<String> LOCK_FIELDS =
            Set.of(Lock.OWNER, Lock.TOKEN, Lock.ACQUIRED_AT, Lock.HEARTBEAT_AT, Lock.TTL_MS);
    private static final Set<String> STAMP_FIELDS = Set.of(Stamp.VERSION, Stamp.STAMPED_AT, Stamp.OWNER);

    /** How a store represents instants: MongoDB as BSON dates, the S3 object as ISO-8601 text. */
    public interface Timestamps {

        /**
         * @param instant an instant
         * @return its stored form
         */
        Object write(Instant instant);

        /**
         * @param value a stored value, never {@code null}
         * @return the instant, or {@code null} when the value is not an instant in this store's form
         */
        Instant read(Object value);

        /** @return how messages name the expected form, e.g. {@code "a date"} */
        String describe();
    }

    /** Why a record is not a readable ledger: the field (a path such as {@code history[2].durationMs}) and why. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        /**
         * @param field   the offending field's path
         * @param problem what is wrong, as a clause that can follow "the ledger cannot be read: "
         */
        public Unreadable(String field, String problem) {
            super(problem);
            this.field = field;
        }

        /** @return the offending field's path */
        public String field() {
            return field;
        }
    }

    /**
     * A record as read.
     *
     * @param state the version, history, checkpoints and fresh-install record
     * @param lock  the lock, or {@code null} when none is held
     */
    public record Read(LedgerState state, StoredLock lock) { }

    private LedgerSchema() {
    }

    /**
     * Checks what the version-only read fetches ({@link #VERSION_FIELDS}) exactly as {@link #read} does.
     *
     * @param record the stored record, or at least its {@link #VERSION_FIELDS}
     * @return the data version, or {@code null} when none has been stamped yet
     * @throws Unreadable when the record is not ours, of another format version, or its version is not strict
     */
    public static String version(Map<String, ?> record) throws Unreadable {
        Object marker = record.get(FORMAT);
        if (!FORMAT_MARKER.equals(marker)) {
            throw new Unreadable(FORMAT, marker == null
                    ? "it has no \"format\": \"" + FORMAT_MARKER + "\" marker, so it was not written by smartmigration"
                    : "its \"format\" is " + describe(marker) + ", not \"" + FORMAT_MARKER + "\", so it was not "
                            + "written by smartmigration");
        }
        Object formatVersion = record.get(FORMAT_VERSION);
        Long fv = wholeNumber(formatVersion);
        if (fv == null) {
            throw new Unreadable(FORMAT_VERSION, "\"formatVersion\" is " + describe(formatVersion)
                    + ", not a whole number");
        }
        if (fv != CURRENT_FORMAT_VERSION) {
            throw new Unreadable(FORMAT_VERSION, "\"formatVersion\" is " + fv + " but this smartmigration reads only "
                    + CURRENT_FORMAT_VERSION + (fv > CURRENT_FORMAT_VERSION
                    ? " (it was written by a newer smartmigration: upgrade this application's smartmigration)"
                    : ""));
        }
        return optionalVersion(record, VERSION, VERSION);
    }

    /**
     * Checks what the fast path fetches ({@link #HEAD_FIELDS}) exactly as {@link #read} does.
     *
     * @param record the stored record, or at least its {@link #HEAD_FIELDS}
     * @return the data version and the applied code's digest
     * @throws Unreadable when the record is not ours, of another format version, or one of those fields is malformed
     */
    public static LedgerHead head(Map<String, ?> record) throws Unreadable {
        return new LedgerHead(version(record), appliedCode(record));
    }

    /**
     * Reads a whole record by the rule above.
     *
     * @param record      the stored record
     * @param storeFields the store's own bookkeeping fields, allowed beside the schema's (checked by the store)
     * @param timestamps  the store's form of instants
     * @return the state and the lock
     * @throws Unreadable naming the first field that breaks the rule
     */
    public static Read read(Map<String, ?> record, Set<String> storeFields, Timestamps timestamps)
            throws Unreadable {
        String version = version(record);
        Set<String> allowed = new LinkedHashSet<>(TOP_FIELDS);
        allowed.addAll(storeFields);
        onlyKnownFields(record, allowed, "");
        List<HistoryEntry> history = new ArrayList<>();
        List<Map<String, ?>> entries = objects(record, HISTORY, HISTORY);
        for (int i = 0; i < entries.size(); i++) {
            history.add(entry(entries.get(i), HISTORY + "[" + i + "]", timestamps));
        }
        Map<String, Map<String, String>> checkpoints = new LinkedHashMap<>();
        List<Map<String, ?>> values = objects(record, CHECKPOINTS, CHECKPOINTS);
        for (int i = 0; i < values.size(); i++) {
            Map<String, ?> c = values.get(i);
            String at = CHECKPOINTS + "[" + i + "]";
            onlyKnownFields(c, CHECKPOINT_FIELDS, at + ".");
            String step = text(c, Checkpoint.STEP, at, true);
            String key = text(c, Checkpoint.KEY, at, true);
            String json = text(c, Checkpoint.JSON, at, false);
            if (checkpoints.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(key, json) != null) {
                throw new Unreadable(at, "\"" + at + "\" repeats checkpoint \"" + key + "\" of step \"" + step
                        + "\"");
            }
        }
        Map<String, ?> stamp = optionalObject(record, FRESH_INSTALL, FRESH_INSTALL);
        Map<String, ?> lock = optionalObject(record, LOCK, LOCK);
        return new Read(new LedgerState(version, history, checkpoints,
                stamp == null ? null : freshInstall(stamp, timestamps), appliedCode(record)),
                lock == null ? null : lock(lock, timestamps));
    }

    /**
     * @param state      a state
     * @param timestamps the store's form of instants
     * @return the fields that hold it: {@code version}, {@code history}, {@code checkpoints}, {@code freshInstall}
     *         ({@code null} values for absent ones)
     */
    public static Map<String, Object> stateFields(LedgerState state, Timestamps timestamps) {
        List<Map<String, Object>> history = new ArrayList<>();
        for (HistoryEntry e : state.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put(Entry.ID, e.id());
            h.put(Entry.FROM, e.from());
            h.put(Entry.TO, e.to());
            h.put(Entry.STATUS, e.status().name());
            h.put(Entry.STARTED_AT, timestamps.write(e.startedAt()));
            h.put(Entry.FINISHED_AT, timestamps.write(e.finishedAt()));
            h.put(Entry.DURATION_MS, e.durationMs());
            h.put(Entry.OWNER, e.owner());
            h.put(Entry.SKIP_FORWARD, e.skipForward());
            h.put(Entry.ERROR, e.error());
            h.put(Entry.ERROR_STACK, e.errorStack());
            h.put(Entry.ROOT_CAUSE, e.rootCause());
            h.put(Entry.FINGERPRINT, e.fingerprint());
            history.add(h);
        }
        List<Map<String, Object>> checkpoints = new ArrayList<>();
        state.checkpoints().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(step ->
                step.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(v -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put(Checkpoint.STEP, step.getKey());
                    c.put(Checkpoint.KEY, v.getKey());
                    c.put(Checkpoint.JSON, v.getValue());
                    checkpoints.add(c);
                }));
        Map<String, Object> stamp = null;
        if (state.freshInstall() != null) {
            stamp = new LinkedHashMap<>();
            stamp.put(Stamp.VERSION, state.freshInstall().version());
            stamp.put(Stamp.STAMPED_AT, timestamps.write(state.freshInstall().stampedAt()));
            stamp.put(Stamp.OWNER, state.freshInstall().owner());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(VERSION, state.version());
        fields.put(HISTORY, history);
        fields.put(CHECKPOINTS, checkpoints);
        fields.put(FRESH_INSTALL, stamp);
        fields.put(APPLIED_CODE, appliedCodeFields(state.appliedCode()));
        return fields;
    }

    /**
     * @param lock       a lock
     * @param timestamps the store's form of instants
     * @return the fields of the {@value #LOCK} object ({@code null} instants stay {@code null})
     */
    public static Map<String, Object> lockFields(StoredLock lock, Timestamps timestamps) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put(Lock.OWNER, lock.owner());
        l.put(Lock.TOKEN, lock.token());
        l.put(Lock.ACQUIRED_AT, lock.acquiredAt() == null ? null : timestamps.write(lock.acquiredAt()));
        l.put(Lock.HEARTBEAT_AT, lock.heartbeatAt() == null ? null : timestamps.write(lock.heartbeatAt()));
        l.put(Lock.TTL_MS, lock.ttlMs());
        return l;
    }

    /**
     * @param code the applied code's digest, or {@code null}
     * @return the fields of the {@value #APPLIED_CODE} object, or {@code null} for none
     */
    public static Map<String, Object> appliedCodeFields(AppliedCode code) {
        if (code == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Applied.SINCE, code.since());
        fields.put(Applied.DIGEST, code.digest());
        return fields;
    }

    private static AppliedCode appliedCode(Map<String, ?> record) throws Unreadable {
        Map<String, ?> code = optionalObject(record, APPLIED_CODE, APPLIED_CODE);
        if (code == null) {
            return null;
        }
        onlyKnownFields(code, APPLIED_FIELDS, APPLIED_CODE + ".");
        String since = optionalVersion(code, Applied.SINCE, APPLIED_CODE + "." + Applied.SINCE);
        if (since == null) {
            throw missing(APPLIED_CODE + "." + Applied.SINCE);
        }
        String digest = optionalText(code, Applied.DIGEST, APPLIED_CODE);
        if (digest != null && digest.isEmpty()) {
            throw new Unreadable(APPLIED_CODE + "." + Applied.DIGEST, "\"" + APPLIED_CODE + "." + Applied.DIGEST
                    + "\" is empty");
        }
        return new AppliedCode(since, digest);
    }

    private static HistoryEntry entry(Map<String, ?> e, String at, Timestamps timestamps) throws Unreadable {
        onlyKnownFields(e, ENTRY_FIELDS, at + ".");
        String id = text(e, Entry.ID, at, true);
        String status = text(e, Entry.STATUS, at, true);
        HistoryEntry.Status parsed;
        try {
            parsed = HistoryEntry.Status.valueOf(status);
        } catch (IllegalArgumentException ex) {
            throw new Unreadable(at + "." + Entry.STATUS, "\"" + at + "." + Entry.STATUS + "\" is \"" + status
                    + "\", not APPLIED, FAILED, ACCEPTED or ACCEPTED_REMOVAL");
        }
        long duration = whole(e, Entry.DURATION_MS, at);
        if (duration < 0) {
            throw new Unreadable(at + "." + Entry.DURATION_MS, "\"" + at + "." + Entry.DURATION_MS + "\" is "
                    + duration + ", a negative duration");
        }
        return new HistoryEntry(id, text(e, Entry.FROM, at, true), text(e, Entry.TO, at, true), parsed,
                instant(e, Entry.STARTED_AT, at, timestamps, true), instant(e, Entry.FINISHED_AT, at, timestamps, true),
                duration, text(e, Entry.OWNER, at, false), bool(e, Entry.SKIP_FORWARD, at),
                optionalText(e, Entry.ERROR, at), optionalText(e, Entry.ERROR_STACK, at),
                optionalText(e, Entry.ROOT_CAUSE, at), fingerprint(e, at));
    }

    private static String fingerprint(Map<String, ?> e, String at) throws Unreadable {
        String fingerprint = optionalText(e, Entry.FINGERPRINT, at);
        if (fingerprint != null && fingerprint.isEmpty()) {
            throw new Unreadable(at + "." + Entry.FINGERPRINT, "\"" + at + "." + Entry.FINGERPRINT + "\" is empty");
        }
        return fingerprint;
    }

    private static FreshInstall freshInstall(Map<String, ?> stamp, Timestamps timestamps) throws Unreadable {
        onlyKnownFields(stamp, STAMP_FIELDS, FRESH_INSTALL + ".");
        String version = optionalVersion(stamp, Stamp.VERSION, FRESH_INSTALL + "." + Stamp.VERSION);
        if (version == null) {
            throw missing(FRESH_INSTALL + "." + Stamp.VERSION);
        }
        return new FreshInstall(version, instant(stamp, Stamp.STAMPED_AT, FRESH_INSTALL, timestamps, true),
                text(stamp, Stamp.OWNER, FRESH_INSTALL, false));
    }

    private static StoredLock lock(Map<String, ?> lock, Timestamps timestamps) throws Unreadable {
        onlyKnownFields(lock, LOCK_FIELDS, LOCK + ".");
        long ttlMs = whole(lock, Lock.TTL_MS, LOCK);
        if (ttlMs <= 0) {
            throw new Unreadable(LOCK + "." + Lock.TTL_MS, "\"" + LOCK + "." + Lock.TTL_MS + "\" is " + ttlMs
                    + ", not a positive number of milliseconds");
        }
        return new StoredLock(text(lock, Lock.OWNER, LOCK, true), text(lock, Lock.TOKEN, LOCK, true),
                instant(lock, Lock.ACQUIRED_AT, LOCK, timestamps, false),
                instant(lock, Lock.HEARTBEAT_AT, LOCK, timestamps, false), ttlMs);
    }

    private static void onlyKnownFields(Map<String, ?> object, Set<String> known, String at) throws Unreadable {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw new Unreadable(at + name, "it has an unknown field \"" + at + name + "\": it was written by a "
                        + "newer smartmigration (upgrade this application's smartmigration to read it) or by "
                        + "something else");
            }
        }
    }

    private static List<Map<String, ?>> objects(Map<String, ?> record, String field, String path) throws Unreadable {
        Object value = record.get(field);
        if (value == null) {
            throw missing(path);
        }
        if (!(value instanceof List<?> list)) {
            throw new Unreadable(path, "\"" + path + "\" is " + describe(value) + ", not an array");
        }
        List<Map<String, ?>> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(object(list.get(i), path + "[" + i + "]"));
        }
        return result;
    }

    private static Map<String, ?> optionalObject(Map<String, ?> record, String field, String path)
            throws Unreadable {
        Object value = record.get(field);
        return value == null ? null : object(value, path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> object(Object value, String path) throws Unreadable {
        if (!(value instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(k -> k instanceof String)) {
            throw new Unreadable(path, "\"" + path + "\" is " + describe(value) + ", not an object");
        }
        return (Map<String, ?>) map;
    }

    private static String optionalVersion(Map<String, ?> object, String field, String path) throws Unreadable {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String version)) {
            throw new Unreadable(path, "\"" + path + "\" is not a string: it is " + describe(value));
        }
        String problem = StrictVersion.problem(version);
        if (problem != null) {
            throw new Unreadable(path, "\"" + path + "\" = \"" + version + "\" is not a strict semantic version: "
                    + problem);
        }
        return version;
    }

    private static String text(Map<String, ?> object, String field, String at, boolean nonEmpty) throws Unreadable {
        String value = optionalText(object, field, at);
        if (value == null) {
            throw missing(at + "." + field);
        }
        if (nonEmpty && value.isEmpty()) {
            throw new Unreadable(at + "." + field, "\"" + at + "." + field + "\" is empty");
        }
        return value;
    }

    private static String optionalText(Map<String, ?> object, String field, String at) throws Unreadable {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new Unreadable(at + "." + field, "\"" + at + "." + field + "\" is not a string: it is "
                    + describe(value));
        }
        return text;
    }

    private static long whole(Map<String, ?> object, String field, String at) throws Unreadable {
        Object value = object.get(field);
        if (value == null) {
            throw missing(at + "." + field);
        }
        Long number = wholeNumber(value);
        if (number == null) {
            throw new Unreadable(at + "." + field, "\"" + at + "." + field + "\" is " + describe(value)
                    + ", not a whole number");
        }
        return number;
    }

    private static boolean bool(Map<String, ?> object, String field, String at) throws Unreadable {
        Object value = object.get(field);
        if (value == null) {
            throw missing(at + "." + field);
        }
        if (!(value instanceof Boolean b)) {
            throw new Unreadable(at + "." + field, "\"" + at + "." + field + "\" is " + describe(value)
                    + ", not true or false");
        }
        return b;
    }

    private static Instant instant(Map<String, ?> object, String field, String at, Timestamps timestamps,
                                   boolean required) throws Unreadable {
        Object value = object.get(field);
        if (value == null) {
            if (required) {
                throw missing(at + "." + field);
            }
            return null;
        }
        Instant instant = timestamps.read(value);
        if (instant == null) {
            throw new Unreadable(at + "." + field, "\"" + at + "." + field + "\" is " + describe(value) + ", not "
                    + timestamps.describe());
        }
        return instant;
    }

    /** @return the value as a long when it is a number with a whole value in range, else {@code null} */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal exact;
        if (value instanceof BigInteger big) {
            exact = new BigDecimal(big);
        } else if (value instanceof BigDecimal decimal) {
            exact = decimal;
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            exact = BigDecimal.valueOf(d);
        } else {
            return null;
        }
        try {
            return exact.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Unreadable missing(String path) {
        return new Unreadable(path, "the field \"" + path + "\" is missing");
    }

    /** @return a short description of a stored value for messages, e.g. {@code a String ("v1")} */
    private static String describe(Object value) {
        if (value == null) {
            return "missing";
        }
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
        return "a " + value.getClass().getSimpleName() + " (" + (text.length() > 60 ? text.substring(0, 60) + "..."
                : text) + ")";
    }
}
