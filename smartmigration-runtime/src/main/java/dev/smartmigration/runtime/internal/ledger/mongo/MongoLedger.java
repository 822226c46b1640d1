package dev.smartmigration.runtime.internal.ledger.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.expr;
import static com.mongodb.client.model.Filters.or;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.CHECKPOINTS;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.CURRENT_FORMAT_VERSION;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.FORMAT;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.FORMAT_MARKER;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.FORMAT_VERSION;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.HISTORY;
import static dev.smartmigration.runtime.internal.ledger.LedgerSchema.LOCK;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.ID;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.LAST_WRITE_ID;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.LOCK_ACQUIRED_AT;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.LOCK_HEARTBEAT_AT;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.LOCK_OWNER;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.LOCK_TOKEN;
import static dev.smartmigration.runtime.internal.ledger.mongo.MongoLedgerFormat.LOCK_TTL_MS;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.result.UpdateResult;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerSchema;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerHead;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.LockInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The ledger as one document ({@code _id} = the ledger's name) in a dedicated MongoDB collection, with the lock
 * inside it. Lease expiry is judged by the server's clock ({@code $currentDate}, {@code $$NOW}); every write is
 * conditional on the lease's token; writes use majority write concern.
 *
 * <p>The runtime opens one per call from the configuration; applications never call it (nor any ledger) directly.
 *
 * <p>The document's fields are {@link dev.smartmigration.runtime.internal.ledger.LedgerSchema}'s; see
 * {@code docs/ledgers.md}.
 */
public final class MongoLedger implements Ledger {

    private static final FindOneAndUpdateOptions UPSERT_AFTER =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> collection;
    private final String ledgerName;
    private final String where;

    /**
     * @param database   the database that holds the ledger collection
     * @param collection the ledger collection's name
     * @param ledgerName the ledger's name, the document's {@code _id}
     */
    public MongoLedger(MongoDatabase database, String collection, String ledgerName) {
        Objects.requireNonNull(database, "database");
        this.collection = database.getCollection(Objects.requireNonNull(collection, "collection"))
                .withWriteConcern(WriteConcern.MAJORITY)
                .withReadPreference(ReadPreference.primary());
        this.ledgerName = Objects.requireNonNull(ledgerName, "ledgerName");
        this.where = "ledger \"" + ledgerName + "\" (MongoDB " + database.getName() + "." + collection + ")";
    }

    @Override
    public String name() {
        return ledgerName;
    }

    @Override
    public Optional<LedgerSnapshot> read() {
        Document doc = call("reading", this::readRaw);
        return doc == null ? Optional.empty() : Optional.of(parse(doc));
    }

    /**
     * Reads the data version and the applied code's digest with one {@code find} that projects only {@code _id},
     * {@code format}, {@code formatVersion}, {@code version} and {@code appliedCode}, and checks those exactly as
     * {@link #read()} does. History, checkpoints and lock are neither fetched nor checked.
     */
    @Override
    public Optional<LedgerHead> readHead() {
        Document doc = call("reading the version in", () -> collection.find(eq(ID, ledgerName))
                .projection(Projections.include(LedgerSchema.HEAD_FIELDS)).first());
        if (doc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerSchema.head(doc));
        } catch (LedgerSchema.Unreadable e) {
            throw corrupt(e);
        }
    }

    /**
     * Reads and checks the document first, so one that is not a readable ledger is reported and never written over
     * (the conditional upsert below checks only the format marker), then takes the lock with one
     * {@code findOneAndUpdate} whose filter asks the server's clock whether the lock is free or expired.
     */
    @Override
    public Optional<Lease> tryAcquire(String owner, Duration ttl) {
        read();
        Lease lease = new Lease(owner, UUID.randomUUID().toString(), ttl);
        Bson free = or(exists(LOCK, false),
                expr(new Document("$lt", List.of(
                        new Document("$add", List.of("$" + LOCK_HEARTBEAT_AT, "$" + LOCK_TTL_MS)), "$$NOW"))));
        Bson filter = and(eq(ID, ledgerName), eq(FORMAT, FORMAT_MARKER),
                eq(FORMAT_VERSION, CURRENT_FORMAT_VERSION), free);
        Bson update = new Document("$set", new Document(LOCK_OWNER, owner).append(LOCK_TOKEN, lease.token())
                .append(LOCK_TTL_MS, ttl.toMillis()))
                .append("$currentDate", new Document(LOCK_ACQUIRED_AT, true).append(LOCK_HEARTBEAT_AT, true))
                .append("$setOnInsert", new Document(HISTORY, List.of()).append(CHECKPOINTS, List.of()));
        Document after;
        try {
            after = collection.findOneAndUpdate(filter, update, UPSERT_AFTER);
        } catch (MongoException e) {
            if (isDuplicateKey(e)) {
                return Optional.empty();
            }
            if (isDefiniteFailure(e)) {
                throw unavailable("taking the lock of", e);
            }
            Document doc = readBack("taking the lock of", e);
            return Optional.ofNullable(doc).filter(d -> hasToken(d, lease)).map(d -> lease);
        }
        if (after != null && hasToken(after, lease)) {
            return Optional.of(lease);
        }
        read();
        return Optional.empty();
    }

    @Override
    public void renew(Lease lease) {
        UpdateResult r = call("renewing the lease on", () -> collection.updateOne(held(lease),
                new Document("$currentDate", new Document(LOCK_HEARTBEAT_AT, true))));
        if (r.getMatchedCount() == 0) {
            throw lockLost(lease);
        }
    }

    @Override
    public void write(Lease lease, LedgerState state) {
        String writeId = UUID.randomUUID().toString();
        Document set = MongoLedgerFormat.stateFields(state).append(LAST_WRITE_ID, writeId);
        Bson update = new Document("$set", set)
                .append("$currentDate", new Document(LOCK_HEARTBEAT_AT, true));
        UpdateResult r;
        try {
            r = collection.updateOne(held(lease), update);
        } catch (MongoException e) {
            if (isDefiniteFailure(e)) {
                throw unavailable("writing", e);
            }
            Document doc = readBack("writing", e);
            if (doc != null && writeId.equals(doc.get(LAST_WRITE_ID))) {
                return;
            }
            if (doc == null || !hasToken(doc, lease)) {
                throw lockLost(lease);
            }
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, "writing " + where
                    + " failed and reading it back shows the write did not land (" + e.getMessage()
                    + "). The ledger is unchanged; run again once MongoDB is reachable.",
                    Map.of("ledger", ledgerName), e);
        }
        if (r.getMatchedCount() == 0) {
            throw lockLost(lease);
        }
    }

    @Override
    public void release(Lease lease) {
        call("releasing the lock of", () -> collection.updateOne(held(lease),
                new Document("$unset", new Document(LOCK, ""))));
    }

    @Override
    public Optional<LockInfo> forceUnlock() {
        if (read().isEmpty()) {
            return Optional.empty();
        }
        Document before = call("force-releasing the lock of", () -> collection.findOneAndUpdate(
                and(eq(ID, ledgerName), eq(FORMAT, FORMAT_MARKER), exists(LOCK, true)),
                new Document("$unset", new Document(LOCK, ""))));
        return before == null ? Optional.empty() : parse(before).lockInfo();
    }

    private Document readRaw() {
        return collection.find(eq(ID, ledgerName)).first();
    }

    private LedgerSnapshot parse(Document doc) {
        try {
            return MongoLedgerFormat.parse(doc);
        } catch (LedgerSchema.Unreadable e) {
            throw corrupt(e);
        }
    }

    private SmartMigrationException corrupt(LedgerSchema.Unreadable e) {
        return new SmartMigrationException(ErrorCode.LEDGER_CORRUPT, where + " cannot be read: " + e.getMessage()
                + ". It was left untouched. If it belongs to something else, configure another ledgerName or "
                + "mongoLedgerCollection; if it is a damaged ledger, repair it by hand (see docs/runtime.md).",
                Map.of("ledger", ledgerName, "field", e.field(), "problem", e.getMessage()), e);
    }

    private Bson held(Lease lease) {
        return and(eq(ID, ledgerName), eq(LOCK_TOKEN, lease.token()));
    }

    private static boolean hasToken(Document doc, Lease lease) {
        Object lock = doc.get(LOCK);
        return lock instanceof Document d && lease.token().equals(d.get(LedgerSchema.Lock.TOKEN));
    }

    private Document readBack(String action, MongoException original) {
        try {
            return readRaw();
        } catch (MongoException readFailure) {
            SmartMigrationException e = unavailable(action, original);
            e.addSuppressed(readFailure);
            throw e;
        }
    }

    private <T> T call(String action, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (MongoException e) {
            throw unavailable(action, e);
        }
    }

    private SmartMigrationException unavailable(String action, MongoException e) {
        return new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, "MongoDB failed while " + action + " "
                + where + ": " + e.getMessage() + ". Check that the server is reachable and the user may read and "
                + "write that collection.", Map.of("ledger", ledgerName), e);
    }

    private SmartMigrationException lockLost(Lease lease) {
        return new SmartMigrationException(ErrorCode.LOCK_LOST, "the lease of " + lease.owner() + " on " + where
                + " was taken over or force-released; nothing more was written by this run. Another instance "
                + "now owns the migration; if this one was paused for longer than lockTtl, raise lockTtl.",
                Map.of("ledger", ledgerName, "owner", lease.owner()), null);
    }

    private static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException c
                && ErrorCategory.fromErrorCode(c.getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    private static boolean isDefiniteFailure(MongoException e) {
        return e instanceof MongoServerException && !(e instanceof MongoWriteConcernException);
    }
}
