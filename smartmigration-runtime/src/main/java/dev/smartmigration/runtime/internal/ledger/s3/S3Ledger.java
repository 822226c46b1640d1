package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerHead;
import dev.smartmigration.runtime.internal.ledger.LedgerName;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.internal.ledger.StoredLock;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Condition;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Outcome;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link Ledger} kept in one JSON object, {@code <keyPrefix>.smartmigration/<ledgerName>.json}, in the
 * application's S3 bucket (the key prefix is empty unless the application's data lives under one, as a tenant's
 * does in a bucket shared by a fleet), and made safe for any number of instances by S3 conditional writes.
 *
 * <p>The runtime opens one per call from the configuration; applications never call it (nor any ledger) directly.
 *
 * <p>How it keeps the {@link Ledger} contract:
 * <ul>
 *   <li>Every write is conditional: {@code If-None-Match: *} to create the object, {@code If-Match: <ETag>} to
 *       replace it. Of several writers holding the same ETag at most one succeeds, and a writer whose ETag is stale
 *       (a lease that was taken over) is refused and gets {@code LOCK_LOST}.
 *   <li>A lease is judged by the store's clock: it has expired when the response {@code Date} of a read is at
 *       least {@code ttl} plus one second after the object's {@code Last-Modified}, which the store sets at every
 *       write of the holder (acquire, heartbeat, state write). Both headers have a one-second resolution; the extra
 *       second means a lease is never judged expired early, so it may outlive its ttl by up to two seconds.
 *   <li>Each write carries a fresh {@code writeId}; a write whose reply is lost (I/O error, timeout, 5xx) or that
 *       is refused is settled by reading the object back ({@link S3ConditionalObject}).
 *   <li>Before its first lock operation the ledger checks, on a probe object
 *       {@code .smartmigration/<ledgerName>.probe}, that the store honours every conditional write the lock relies
 *       on, and learns whether it takes the ETag in {@code If-Match} quoted (Amazon S3) or unquoted (Ceph RGW 16.2)
 *       ({@link S3ConditionalWriteProbe}). It fails with {@code CONDITIONAL_WRITES_UNSUPPORTED}, naming the check
 *       that failed, unless {@link S3LedgerOptions#bestEffortLocking()} was opted into.
 *   <li>An object that is not exactly a smartmigration ledger is reported with {@code LEDGER_CORRUPT} and never
 *       written over.
 * </ul>
 *
 * <p>Thread-safe: {@link #renew} and {@link #write} may run concurrently; they are serialised per instance.
 */
public final class S3Ledger implements Ledger {

    /**
     * The folder, under the application's key prefix, in which smartmigration keeps its objects; everything else
     * under the prefix is the application's.
     */
    public static final String KEY_PREFIX = ".smartmigration/";

    private static final Logger LOG = LoggerFactory.getLogger(S3Ledger.class);
    private static final int HELD_WRITE_ATTEMPTS = 3;
    private static final int FORCE_RELEASE_ATTEMPTS = 5;

    private final S3Client s3;
    private final String bucket;
    private final String name;
    private final S3LedgerOptions options;
    private final String key;
    private final String probeKey;
    private final LedgerCodec codec = new LedgerCodec();
    private final S3ConditionalObject<StoredLedger> object;

    private final ConditionalWriteProbes probes;
    private final Object probeLock = new Object();
    private IfMatchForm ifMatchForm;

    private final Object writeLock = new Object();
    private final Map<String, Held> held = new HashMap<>();

    /**
     * Creates a ledger at {@code .smartmigration/<ledgerName>.json} that probes the store for itself; nothing is
     * read or written until the first call.
     *
     * @param s3         the application's S3 client
     * @param bucket     the bucket that holds the application's data and the ledger
     * @param ledgerName the ledger's name, see {@link LedgerName}
     * @param options    the ledger's options, e.g. {@link S3LedgerOptions#defaults()}
     * @throws SmartMigrationException {@code INVALID_OPTIONS} for a missing argument or an unusable name
     */
    public S3Ledger(S3Client s3, String bucket, String ledgerName, S3LedgerOptions options) {
        this(s3, bucket, "", ledgerName, options, new ConditionalWriteProbes());
    }

    /**
     * Creates a ledger at {@code <keyPrefix>.smartmigration/<ledgerName>.json}; nothing is read or written until
     * the first call.
     *
     * @param s3         the application's S3 client
     * @param bucket     the bucket that holds the application's data and the ledger
     * @param keyPrefix  the prefix under which the application's data lives, see {@link KeyPrefix}; {@code ""}
     *                   for the whole bucket
     * @param ledgerName the ledger's name, see {@link LedgerName}
     * @param options    the ledger's options, e.g. {@link S3LedgerOptions#defaults()}
     * @param probes     the conditional-write probe results this ledger shares with others (a fleet's tenants)
     * @throws SmartMigrationException {@code INVALID_OPTIONS} for a missing argument or an unusable name or prefix
     */
    public S3Ledger(S3Client s3, String bucket, String keyPrefix, String ledgerName, S3LedgerOptions options,
                    ConditionalWriteProbes probes) {
        if (s3 == null) {
            throw invalid("the S3 client is missing: pass the application's S3Client");
        }
        if (bucket == null || bucket.isBlank()) {
            throw invalid("the S3 bucket is missing or blank: pass the bucket that holds the application's data");
        }
        if (options == null) {
            throw invalid("the S3 ledger options are missing: pass S3LedgerOptions.defaults()");
        }
        if (probes == null) {
            throw invalid("the conditional-write probe results are missing: pass new ConditionalWriteProbes()");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.name = LedgerName.check(ledgerName);
        this.options = options;
        this.probes = probes;
        String folder = KeyPrefix.check(keyPrefix) + KEY_PREFIX;
        this.key = folder + ledgerName + ".json";
        this.probeKey = folder + ledgerName + ".probe";
        this.object = new S3ConditionalObject<>(s3, bucket, key, "the S3 ledger", new S3ConditionalObject.Format<>() {
            @Override
            public StoredLedger decode(byte[] bytes) {
                try {
                    return codec.decode(bytes);
                } catch (LedgerCodec.Malformed e) {
                    throw corrupt(e);
                }
            }

            @Override
            public String writeId(StoredLedger ledger) {
                return ledger.writeId();
            }
        }, details());
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the key of the ledger object in the bucket, {@code <keyPrefix>.smartmigration/<ledgerName>.json} */
    public String key() {
        return key;
    }

    @Override
    public Optional<LedgerSnapshot> read() {
        Version<StoredLedger> current = object.read();
        if (!current.exists()) {
            return Optional.empty();
        }
        return Optional.of(new LedgerSnapshot(current.value().state(), lockInfo(current)));
    }

    /**
     * Reads the data version and the applied code's digest with one {@code HeadObject}: every write of the ledger
     * object carries, in the same PUT as its body, the user metadata {@code smartmigration-format:
     * smartmigration-ledger/1}, once stamped {@code smartmigration-version}, and once the applied steps' code was
     * checked {@code smartmigration-applied-since} and {@code smartmigration-applied-digest}. What is found there is
     * checked as {@link #read()} checks the body's fields; the body itself is not fetched, so nothing else in it is
     * checked.
     *
     * <p>Falls back to {@link #read()} (one more request, a {@code GetObject}) when the HEAD answers 404, to tell a
     * missing object from a missing bucket, and when the object does not carry that format metadata: an object
     * written before the metadata existed, a newer format, or a foreign object, which is then reported with
     * {@code LEDGER_CORRUPT} by the full read.
     */
    @Override
    public Optional<LedgerHead> readHead() {
        Optional<Map<String, String>> metadata = object.metadata();
        if (metadata.isEmpty()) {
            return headOf(read());
        }
        if (!LedgerCodec.describesCurrentFormat(metadata.get())) {
            LOG.debug("s3://{}/{} carries no current-format metadata; reading the whole object", bucket, key);
            return headOf(read());
        }
        try {
            return Optional.of(LedgerCodec.headIn(metadata.get()));
        } catch (LedgerCodec.Malformed e) {
            throw corrupt(e);
        }
    }

    private static Optional<LedgerHead> headOf(Optional<LedgerSnapshot> snapshot) {
        return snapshot.map(s -> LedgerHead.of(s.state()));
    }

    /**
     * Runs the conditional-write probe on {@code .smartmigration/<ledgerName>.probe} unless this instance already
     * has, and learns the {@code If-Match} form the store accepts.
     *
     * @throws SmartMigrationException {@code CONDITIONAL_WRITES_UNSUPPORTED} naming each check the store failed,
     *                                 unless {@link S3LedgerOptions#bestEffortLocking()} accepts it
     */
    @Override
    public void prepareLock() {
        ensureConditionalWrites();
    }

    @Override
    public Optional<Lease> tryAcquire(String owner, Duration ttl) {
        if (owner == null || owner.isBlank()) {
            throw invalid("the lock owner is missing or blank: pass a name for this instance, e.g. host and pid");
        }
        if (ttl == null || ttl.toMillis() < 1) {
            throw invalid("the lock ttl must be at least 1 ms, got " + ttl);
        }
        IfMatchForm form = ensureConditionalWrites();
        Version<StoredLedger> current = object.read();
        StoredLock existing = current.exists() ? current.value().lock() : null;
        if (existing != null && isLive(existing, current)) {
            return Optional.empty();
        }
        String token = UUID.randomUUID().toString();
        StoredLock lock = new StoredLock(owner, token, current.storeNow(), current.storeNow(), ttl.toMillis());
        LedgerState state = current.exists() ? current.value().state() : LedgerState.EMPTY;
        StoredLedger next = new StoredLedger(newWriteId(), state, lock);
        Outcome<StoredLedger> outcome = put(next,
                current.exists() ? Condition.matching(current.etag(), form) : Condition.absent());
        if (!outcome.written()) {
            return Optional.empty();
        }
        synchronized (writeLock) {
            held.put(token, new Held(outcome.etag(), next, outcome.storeNow()));
        }
        if (existing != null) {
            LOG.info("Took over the expired lock of {} on s3://{}/{} (last heartbeat {}, ttl {} ms)",
                    existing.owner(), bucket, key, current.lastModified(), existing.ttlMs());
        }
        return Optional.of(new Lease(owner, token, ttl));
    }

    @Override
    public void renew(Lease lease) {
        Version<StoredLedger> lost = updateHeld(lease,
                h -> new StoredLedger(newWriteId(), h.ledger().state(), h.ledger().lock().heartbeat(h.storeNow())));
        if (lost != null) {
            throw lockLost(lease, lost, "renew");
        }
    }

    @Override
    public void write(Lease lease, LedgerState state) {
        if (state == null) {
            throw invalid("the ledger state to write is missing");
        }
        Version<StoredLedger> lost = updateHeld(lease,
                h -> new StoredLedger(newWriteId(), state, h.ledger().lock().heartbeat(h.storeNow())));
        if (lost != null) {
            throw lockLost(lease, lost, "write");
        }
    }

    @Override
    public void release(Lease lease) {
        synchronized (writeLock) {
            updateHeld(lease, h -> new StoredLedger(newWriteId(), h.ledger().state(), null));
            held.remove(lease.token());
        }
    }

    @Override
    public Optional<LockInfo> forceUnlock() {
        IfMatchForm form = ensureConditionalWrites();
        for (int attempt = 0; attempt < FORCE_RELEASE_ATTEMPTS; attempt++) {
            Version<StoredLedger> current = object.read();
            if (!current.exists() || current.value().lock() == null) {
                return Optional.empty();
            }
            StoredLedger unlocked = new StoredLedger(newWriteId(), current.value().state(), null);
            if (put(unlocked, Condition.matching(current.etag(), form)).written()) {
                LockInfo removed = lockInfo(current);
                LOG.warn("Force-released the lock of {} (token {}) on s3://{}/{}", removed.owner(), removed.token(),
                        bucket, key);
                return Optional.of(removed);
            }
        }
        throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                "the S3 ledger s3://" + bucket + "/" + key + " changed under every one of " + FORCE_RELEASE_ATTEMPTS
                        + " attempts to force-release its lock; another instance is writing it. Retry, or stop "
                        + "the other instances first.",
                details(), null);
    }

    /**
     * Writes a change under a held lease, serialised with every other write of this instance.
     *
     * @return {@code null} when written; otherwise the object as read, whose lock is not this lease's
     */
    private Version<StoredLedger> updateHeld(Lease lease, Function<Held, StoredLedger> change) {
        if (lease == null) {
            throw invalid("the lease is missing");
        }
        IfMatchForm form = ensureConditionalWrites();
        synchronized (writeLock) {
            Held current = held.get(lease.token());
            if (current == null) {
                Version<StoredLedger> read = object.read();
                if (!lockedBy(read, lease.token())) {
                    return read;
                }
                current = Held.of(read);
            }
            for (int attempt = 0; attempt < HELD_WRITE_ATTEMPTS; attempt++) {
                StoredLedger next = change.apply(current);
                Outcome<StoredLedger> outcome = put(next, Condition.matching(current.etag(), form));
                if (outcome.written()) {
                    held.put(lease.token(), new Held(outcome.etag(), next, outcome.storeNow()));
                    return null;
                }
                Version<StoredLedger> now = outcome.current();
                if (!lockedBy(now, lease.token())) {
                    held.remove(lease.token());
                    return now;
                }
                // Still ours with another ETag: an earlier write of this lease landed after it was reported failed.
                current = Held.of(now);
            }
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "the S3 ledger s3://" + bucket + "/" + key + " kept changing although this instance holds its "
                            + "lock; another writer ignores the lock. Stop it and retry.",
                    details(), null);
        }
    }

    private Outcome<StoredLedger> put(StoredLedger next, Condition condition) {
        return object.put(codec.encode(next), LedgerCodec.metadata(next), next.writeId(), condition);
    }

    private static boolean lockedBy(Version<StoredLedger> version, String token) {
        return version.exists() && version.value().lockedBy(token);
    }

    private SmartMigrationException corrupt(LedgerCodec.Malformed e) {
        Map<String, String> details = details();
        details.put("field", e.field());
        details.put("problem", e.getMessage());
        return new SmartMigrationException(ErrorCode.LEDGER_CORRUPT,
                "the object s3://" + bucket + "/" + key + " is not a readable smartmigration ledger: "
                        + e.getMessage() + ". It was left untouched. If it is not a smartmigration ledger, "
                        + "configure another ledgerName; if it is a damaged one, restore it from a backup or "
                        + "an earlier object version.",
                details, e);
    }

    private boolean isLive(StoredLock lock, Version<StoredLedger> current) {
        if (current.storeNow() == null) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "the S3 store sent no usable Date header with s3://" + bucket + "/" + key + ", so whether the "
                            + "lock of " + lock.owner() + " has expired cannot be judged by the store's clock.",
                    details(), null);
        }
        // Last-Modified and Date are whole seconds: call a lease expired only when it certainly is.
        Instant certainlyExpired = current.lastModified().plusMillis(lock.ttlMs()).plusSeconds(1);
        return current.storeNow().isBefore(certainlyExpired);
    }

    /**
     * Runs the conditional-write probe unless this instance already has, or takes the result another ledger sharing
     * its {@link ConditionalWriteProbes} found for the same client and bucket.
     *
     * @return the {@code If-Match} form the store accepts
     */
    IfMatchForm ensureConditionalWrites() {
        synchronized (probeLock) {
            if (ifMatchForm != null) {
                return ifMatchForm;
            }
            Map<String, String> details = details();
            details.put("probeKey", probeKey);
            ConditionalWriteProbes.Probed probed = probes.probe(s3, bucket, probeKey, details);
            S3ConditionalWriteProbe.Result result = probed.result();
            if (!result.failures().isEmpty()) {
                details.put("probeKey", probed.probeKey());
                String what = "the S3 store behind bucket " + bucket + " does not honour the conditional writes the "
                        + "ledger's lock relies on, as a probe on s3://" + bucket + "/" + probed.probeKey()
                        + " showed: " + String.join("; ", result.failures()) + ".";
                if (result.ifMatchForm() == null) {
                    throw new SmartMigrationException(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                            what + " The ledger could never update its object there, even with bestEffortLocking. "
                                    + "Use a store that supports conditional writes (see docs/ledgers.md) or keep "
                                    + "the ledger in MongoDB.",
                            details, null);
                }
                if (!options.bestEffortLocking()) {
                    throw new SmartMigrationException(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                            what + " Without them the ledger's lock cannot keep two instances apart. Use a store "
                                    + "that supports them (see docs/ledgers.md), keep the ledger in MongoDB, or, if "
                                    + "only one instance ever runs at a time, opt into "
                                    + "S3LedgerOptions.builder().bestEffortLocking(true).",
                            details, null);
                }
                if (probed.ranNow()) {
                    LOG.warn("{}{} Continuing because bestEffortLocking is on: run one instance at a time.",
                            Character.toUpperCase(what.charAt(0)), what.substring(1));
                }
            }
            ifMatchForm = result.ifMatchForm();
            return ifMatchForm;
        }
    }

    private static LockInfo lockInfo(Version<StoredLedger> current) {
        StoredLock lock = current.value().lock();
        if (lock == null) {
            return null;
        }
        Instant acquiredAt = lock.acquiredAt() != null ? lock.acquiredAt() : current.lastModified();
        return new LockInfo(lock.owner(), lock.token(), acquiredAt, current.lastModified(),
                Duration.ofMillis(lock.ttlMs()));
    }

    private SmartMigrationException lockLost(Lease lease, Version<StoredLedger> now, String action) {
        Map<String, String> details = details();
        details.put("owner", lease.owner());
        details.put("token", lease.token());
        String state;
        if (!now.exists()) {
            state = "the ledger object has been deleted";
        } else if (now.value().lock() == null) {
            state = "the lock was released (force-released by an operator, or this lease's release already ran)";
        } else {
            StoredLock holder = now.value().lock();
            details.put("holder", holder.owner());
            state = "the lock is now held by " + holder.owner() + " (token " + holder.token() + ")";
        }
        return new SmartMigrationException(ErrorCode.LOCK_LOST,
                "could not " + action + " the S3 ledger s3://" + bucket + "/" + key + " for " + lease.owner()
                        + ": its lease (token " + lease.token() + ") is no longer held, " + state + ". Nothing was "
                        + "written. The lease expired (heartbeats too slow for its ttl?) or was force-released.",
                details, null);
    }

    private static SmartMigrationException invalid(String message) {
        return new SmartMigrationException(ErrorCode.INVALID_OPTIONS, message);
    }

    private Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ledger", name);
        details.put("bucket", bucket);
        details.put("key", key);
        return details;
    }

    private static String newWriteId() {
        return UUID.randomUUID().toString();
    }

    /** What this instance last wrote (or read) under a lease it holds. */
    private record Held(String etag, StoredLedger ledger, Instant storeNow) {

        static Held of(Version<StoredLedger> version) {
            return new Held(version.etag(), version.value(), version.storeNow());
        }
    }
}
