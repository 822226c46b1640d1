package dev.smartmigration.runtime.internal.ledger.mongo;

import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.internal.ledger.LedgerSchema;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.StoredLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.bson.Document;

/**
 * The ledger document: the fields of {@link LedgerSchema} with instants as BSON dates, plus the document's
 * {@code _id} (the ledger's name) and {@code lastWriteId} (the id of the latest state write, to settle a write
 * whose reply was lost).
 */
final class MongoLedgerFormat {

    static final String ID = "_id";
    static final String LAST_WRITE_ID = "lastWriteId";
    static final String LOCK_OWNER = path(LedgerSchema.Lock.OWNER);
    static final String LOCK_TOKEN = path(LedgerSchema.Lock.TOKEN);
    static final String LOCK_ACQUIRED_AT = path(LedgerSchema.Lock.ACQUIRED_AT);
    static final String LOCK_HEARTBEAT_AT = path(LedgerSchema.Lock.HEARTBEAT_AT);
    static final String LOCK_TTL_MS = path(LedgerSchema.Lock.TTL_MS);

    private static final Set<String> STORE_FIELDS = Set.of(ID, LAST_WRITE_ID);

    /** Instants as BSON dates (millisecond precision). */
    static final LedgerSchema.Timestamps DATES = new LedgerSchema.Timestamps() {
        @Override
        public Object write(Instant instant) {
            return instant == null ? null : Date.from(instant);
        }

        @Override
        public Instant read(Object value) {
            return value instanceof Date date ? date.toInstant() : null;
        }

        @Override
        public String describe() {
            return "a date";
        }
    };

    private MongoLedgerFormat() {
    }

    static LedgerSnapshot parse(Document doc) throws LedgerSchema.Unreadable {
        LedgerSchema.Read read = LedgerSchema.read(doc, STORE_FIELDS, DATES);
        return new LedgerSnapshot(read.state(), read.lock() == null ? null : lockInfo(read.lock()));
    }

    /** @return the {@code $set} document that replaces the ledger's state */
    static Document stateFields(LedgerState state) {
        return new Document(LedgerSchema.stateFields(state, DATES));
    }

    /**
     * The server judges the lock by {@code heartbeatAt + ttlMs < $$NOW}: a lock without {@code heartbeatAt} (only a
     * hand-edited document has none) has expired for it, so it is shown as expired at the epoch.
     */
    private static LockInfo lockInfo(StoredLock lock) {
        Instant heartbeat = lock.heartbeatAt() != null ? lock.heartbeatAt() : Instant.EPOCH;
        return new LockInfo(lock.owner(), lock.token(), lock.acquiredAt() != null ? lock.acquiredAt() : heartbeat,
                heartbeat, Duration.ofMillis(lock.ttlMs()));
    }

    private static String path(String lockField) {
        return LedgerSchema.LOCK + "." + lockField;
    }
}
