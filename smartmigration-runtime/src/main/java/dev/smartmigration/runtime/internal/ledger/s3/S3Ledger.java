package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.LedgerName;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.LockInfo;
import dev.smartmigration.runtime.internal.ledger.StoredLock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link Ledger} kept in one JSON object, {@code .smartmigration/<ledgerName>.json}, in the application's S3
 * bucket, and made safe for any number of instances by S3 conditional writes.
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
 *   <li>Each write carries a fresh {@code writeId}. A write whose reply is lost (I/O error, timeout, 5xx) or that
 *       is refused is settled by reading the object back: our {@code writeId} means it landed. If it did not land
 *       and the object is unchanged, the identical conditional write is sent once more, which is safe because at
 *       most one of the two can land and both are the same write.
 *   <li>Before its first lock operation the ledger checks that the store honours conditional writes, on a probe
 *       object {@code .smartmigration/<ledgerName>.probe}, and fails with {@code CONDITIONAL_WRITES_UNSUPPORTED}
 *       unless {@link S3LedgerOptions#bestEffortLocking()} was opted into.
 *   <li>An object that is not exactly a smartmigration ledger is reported with {@code LEDGER_CORRUPT} and never
 *       written over.
 * </ul>
 *
 * <p>Thread-safe: {@link #renew} and {@link #write} may run concurrently; they are serialised per instance.
 */
public final class S3Ledger implements Ledger {

    /** The key prefix under which smartmigration keeps its objects; everything else in the bucket is the app's. */
    public static final String KEY_PREFIX = ".smartmigration/";

    private static final Logger LOG = LoggerFactory.getLogger(S3Ledger.class);
    private static final int HELD_WRITE_ATTEMPTS = 3;
    private static final int FORCE_RELEASE_ATTEMPTS = 5;
    /** An ETag no object has: a well-formed MD5 that no store hands out for the probe's content. */
    private static final String NEVER_AN_ETAG = "\"00000000000000000000000000000000\"";

    private final S3Client s3;
    private final String bucket;
    private final String name;
    private final S3LedgerOptions options;
    private final String key;
    private final String probeKey;
    private final LedgerCodec codec = new LedgerCodec();

    private final Object probeLock = new Object();
    private boolean probed;

    private final Object writeLock = new Object();
    private final Map<String, Held> held = new HashMap<>();

    /**
     * Creates a ledger; nothing is read or written until the first call.
     *
     * @param s3         the application's S3 client
     * @param bucket     the bucket that holds the application's data and the ledger
     * @param ledgerName the ledger's name, see {@link LedgerName}
     * @param options    the ledger's options, e.g. {@link S3LedgerOptions#defaults()}
     * @throws SmartMigrationException {@code INVALID_OPTIONS} for a missing argument or an unusable name
     */
    public S3Ledger(S3Client s3, String bucket, String ledgerName, S3LedgerOptions options) {
        if (s3 == null) {
            throw invalid("the S3 client is missing: pass the application's S3Client");
        }
        if (bucket == null || bucket.isBlank()) {
            throw invalid("the S3 bucket is missing or blank: pass the bucket that holds the application's data");
        }
        if (options == null) {
            throw invalid("the S3 ledger options are missing: pass S3LedgerOptions.defaults()");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.name = LedgerName.check(ledgerName);
        this.options = options;
        this.key = KEY_PREFIX + ledgerName + ".json";
        this.probeKey = KEY_PREFIX + ledgerName + ".probe";
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the key of the ledger object in the bucket, {@code .smartmigration/<ledgerName>.json} */
    public String key() {
        return key;
    }

    @Override
    public Optional<LedgerSnapshot> read() {
        Fetched fetched = fetch();
        if (!fetched.exists()) {
            return Optional.empty();
        }
        return Optional.of(new LedgerSnapshot(fetched.ledger().state(), lockInfo(fetched)));
    }

    /**
     * Reads the data version with one {@code HeadObject}: every write of the ledger object carries, in the same PUT
     * as its body, the user metadata {@code smartmigration-format: smartmigration-ledger/1} and, once stamped,
     * {@code smartmigration-version}. The version found there is checked as {@link #read()} checks the body's; the
     * body itself is not fetched, so nothing else in it is checked.
     *
     * <p>Falls back to {@link #read()} (one more request, a {@code GetObject}) when the HEAD answers 404, to tell a
     * missing object from a missing bucket, and when the object does not carry that format metadata: an object
     * written before the metadata existed, a newer format, or a foreign object, which is then reported with
     * {@code LEDGER_CORRUPT} by the full read.
     */
    @Override
    public Optional<String> readVersion() {
        HeadObjectResponse head;
        try {
            head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw unavailable("read", e);
            }
            return versionOf(read());
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
        if (!LedgerCodec.describesCurrentFormat(head.metadata())) {
            LOG.debug("s3://{}/{} carries no current-format metadata; reading the whole object", bucket, key);
            return versionOf(read());
        }
        try {
            return Optional.ofNullable(LedgerCodec.versionIn(head.metadata()));
        } catch (LedgerCodec.Malformed e) {
            throw corrupt(e);
        }
    }

    private static Optional<String> versionOf(Optional<LedgerSnapshot> snapshot) {
        return snapshot.map(s -> s.state().version());
    }

    @Override
    public Optional<Lease> tryAcquire(String owner, Duration ttl) {
        if (owner == null || owner.isBlank()) {
            throw invalid("the lock owner is missing or blank: pass a name for this instance, e.g. host and pid");
        }
        if (ttl == null || ttl.toMillis() < 1) {
            throw invalid("the lock ttl must be at least 1 ms, got " + ttl);
        }
        ensureConditionalWrites();
        Fetched current = fetch();
        StoredLock existing = current.exists() ? current.ledger().lock() : null;
        if (existing != null && isLive(existing, current)) {
            return Optional.empty();
        }
        String token = UUID.randomUUID().toString();
        StoredLock lock = new StoredLock(owner, token, current.storeNow(), current.storeNow(), ttl.toMillis());
        LedgerState state = current.exists() ? current.ledger().state() : LedgerState.EMPTY;
        StoredLedger next = new StoredLedger(newWriteId(), state, lock);
        Outcome outcome = put(next, current.exists() ? Precondition.ifMatch(current.etag()) : Precondition.ABSENT);
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
        Fetched lost = updateHeld(lease,
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
        Fetched lost = updateHeld(lease,
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
        ensureConditionalWrites();
        for (int attempt = 0; attempt < FORCE_RELEASE_ATTEMPTS; attempt++) {
            Fetched current = fetch();
            if (!current.exists() || current.ledger().lock() == null) {
                return Optional.empty();
            }
            StoredLedger unlocked = new StoredLedger(newWriteId(), current.ledger().state(), null);
            if (put(unlocked, Precondition.ifMatch(current.etag())).written()) {
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
    private Fetched updateHeld(Lease lease, Function<Held, StoredLedger> change) {
        if (lease == null) {
            throw invalid("the lease is missing");
        }
        synchronized (writeLock) {
            Held current = held.get(lease.token());
            if (current == null) {
                Fetched fetched = fetch();
                if (!fetched.lockedBy(lease.token())) {
                    return fetched;
                }
                current = Held.of(fetched);
            }
            for (int attempt = 0; attempt < HELD_WRITE_ATTEMPTS; attempt++) {
                StoredLedger next = change.apply(current);
                Outcome outcome = put(next, Precondition.ifMatch(current.etag()));
                if (outcome.written()) {
                    held.put(lease.token(), new Held(outcome.etag(), next, outcome.storeNow()));
                    return null;
                }
                Fetched now = outcome.current();
                if (!now.lockedBy(lease.token())) {
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

    /**
     * Sends one conditional write and settles its outcome, retrying the identical write once when its outcome was
     * unknown and the object shows it did not land.
     */
    private Outcome put(StoredLedger next, Precondition precondition) {
        byte[] body = codec.encode(next);
        Map<String, String> metadata = LedgerCodec.metadata(next);
        SdkException unknown = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            boolean refused;
            try {
                PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                        .contentType("application/json").metadata(metadata);
                precondition.applyTo(request);
                PutObjectResponse response = s3.putObject(request.build(), RequestBody.fromBytes(body));
                return Outcome.written(response.eTag(), storeDate(response.sdkHttpResponse()));
            } catch (S3Exception e) {
                refused = isRefusal(e);
                if (!refused && e.statusCode() < 500) {
                    throw unavailable("write", e);
                }
                unknown = e;
            } catch (SdkClientException e) {
                refused = false;
                unknown = e;
            }
            // A refusal can also answer the SDK's own retry of a write of ours that had landed: read back.
            Fetched now = readBack(unknown);
            if (now.carries(next.writeId())) {
                if (!refused) {
                    LOG.info("A write to s3://{}/{} had an unknown outcome ({}); reading back showed it landed",
                            bucket, key, unknown.toString());
                }
                return Outcome.written(now.etag(), now.storeNow());
            }
            if (refused || !precondition.holdsFor(now)) {
                return Outcome.refused(now);
            }
            LOG.info("A write to s3://{}/{} had an unknown outcome ({}); it has not landed, sending it once more",
                    bucket, key, unknown.toString());
        }
        throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                "a write to the S3 ledger s3://" + bucket + "/" + key + " failed twice without a reply, and reading "
                        + "the object back showed it had not landed. Check the network and the store, then retry.",
                details(), unknown);
    }

    private static boolean isRefusal(S3Exception e) {
        // 412: the condition failed; 409 ConditionalRequestConflict: Amazon S3 lost-race answer; 404: If-Match on
        // an object that has been deleted.
        return e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404;
    }

    private Fetched readBack(SdkException unknown) {
        try {
            return fetch();
        } catch (SmartMigrationException e) {
            if (e.code() != ErrorCode.LEDGER_UNAVAILABLE) {
                e.addSuppressed(unknown);
                throw e;
            }
            SmartMigrationException unsettled = new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "a write to the S3 ledger s3://" + bucket + "/" + key + " got no usable reply and reading the "
                            + "object back failed too, so whether it landed is unknown; the next run settles it. "
                            + "Check the network and the store.",
                    details(), unknown);
            unsettled.addSuppressed(e);
            throw unsettled;
        }
    }

    private Fetched fetch() {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            return Fetched.absent(e.awsErrorDetails() == null ? null : storeDate(e.awsErrorDetails().sdkHttpResponse()));
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
        GetObjectResponse response = object.response();
        StoredLedger ledger;
        try {
            ledger = codec.decode(object.asByteArray());
        } catch (LedgerCodec.Malformed e) {
            throw corrupt(e);
        }
        if (response.eTag() == null || response.lastModified() == null) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "the S3 store returned s3://" + bucket + "/" + key + " without an ETag or Last-Modified "
                            + "header, which the ledger needs for conditional writes and lease expiry.",
                    details(), null);
        }
        return new Fetched(ledger, response.eTag(), response.lastModified(), storeDate(response.sdkHttpResponse()));
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

    private boolean isLive(StoredLock lock, Fetched fetched) {
        if (fetched.storeNow() == null) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "the S3 store sent no usable Date header with s3://" + bucket + "/" + key + ", so whether the "
                            + "lock of " + lock.owner() + " has expired cannot be judged by the store's clock.",
                    details(), null);
        }
        // Last-Modified and Date are whole seconds: call a lease expired only when it certainly is.
        Instant certainlyExpired = fetched.lastModified().plusMillis(lock.ttlMs()).plusSeconds(1);
        return fetched.storeNow().isBefore(certainlyExpired);
    }

    /** Runs the conditional-write probe unless this instance already has; package-private so tests can warm up. */
    void ensureConditionalWrites() {
        synchronized (probeLock) {
            if (probed) {
                return;
            }
            List<String> ignored = new ArrayList<>();
            if (!probeRefused(b -> b.ifNoneMatch("*")) && !probeRefused(b -> b.ifNoneMatch("*"))) {
                ignored.add("If-None-Match: * (it accepted a create over an existing object)");
            }
            if (!probeRefused(b -> b.ifMatch(NEVER_AN_ETAG))) {
                ignored.add("If-Match (it accepted a replace with a wrong ETag)");
            }
            if (!ignored.isEmpty()) {
                String what = "the S3 store behind bucket " + bucket + " ignores conditional writes: "
                        + String.join("; ", ignored) + ", as a probe on s3://" + bucket + "/" + probeKey
                        + " showed. Without them the ledger's lock cannot keep two instances apart.";
                if (!options.bestEffortLocking()) {
                    Map<String, String> details = details();
                    details.put("probeKey", probeKey);
                    throw new SmartMigrationException(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                            what + " Use a store that supports them (see docs/ledgers.md), keep the ledger in "
                                    + "MongoDB, or, if only one instance ever runs at a time, opt into "
                                    + "S3LedgerOptions.builder().bestEffortLocking(true).",
                            details, null);
                }
                LOG.warn("{}{} Continuing because bestEffortLocking is on: run one instance at a time.",
                        Character.toUpperCase(what.charAt(0)), what.substring(1));
            }
            probed = true;
        }
    }

    /** @return whether the store refused a conditional write of the probe object */
    private boolean probeRefused(Consumer<PutObjectRequest.Builder> condition) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(probeKey)
                .contentType("application/json");
        condition.accept(request);
        try {
            s3.putObject(request.build(), RequestBody.fromString("{\"format\":\"smartmigration-probe\"}"));
            return false;
        } catch (S3Exception e) {
            if (isRefusal(e)) {
                return true;
            }
            throw unavailable("probe", e);
        } catch (SdkClientException e) {
            throw unavailable("probe", e);
        }
    }

    private static Instant storeDate(SdkHttpResponse response) {
        if (response == null) {
            return null;
        }
        return response.firstMatchingHeader("Date").map(value -> {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value));
            } catch (DateTimeParseException e) {
                LOG.debug("Unusable Date header {}", value, e);
                return null;
            }
        }).orElse(null);
    }

    private static LockInfo lockInfo(Fetched fetched) {
        StoredLock lock = fetched.ledger().lock();
        if (lock == null) {
            return null;
        }
        Instant acquiredAt = lock.acquiredAt() != null ? lock.acquiredAt() : fetched.lastModified();
        return new LockInfo(lock.owner(), lock.token(), acquiredAt, fetched.lastModified(),
                Duration.ofMillis(lock.ttlMs()));
    }

    private SmartMigrationException lockLost(Lease lease, Fetched now, String action) {
        Map<String, String> details = details();
        details.put("owner", lease.owner());
        details.put("token", lease.token());
        String state;
        if (!now.exists()) {
            state = "the ledger object has been deleted";
        } else if (now.ledger().lock() == null) {
            state = "the lock was released (force-released by an operator, or this lease's release already ran)";
        } else {
            StoredLock holder = now.ledger().lock();
            details.put("holder", holder.owner());
            state = "the lock is now held by " + holder.owner() + " (token " + holder.token() + ")";
        }
        return new SmartMigrationException(ErrorCode.LOCK_LOST,
                "could not " + action + " the S3 ledger s3://" + bucket + "/" + key + " for " + lease.owner()
                        + ": its lease (token " + lease.token() + ") is no longer held, " + state + ". Nothing was "
                        + "written. The lease expired (heartbeats too slow for its ttl?) or was force-released.",
                details, null);
    }

    private SmartMigrationException unavailable(String action, SdkException cause) {
        String target = action.equals("probe") ? probeKey : key;
        return new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                "could not " + action + " s3://" + bucket + "/" + target + ": " + cause.getMessage()
                        + ". Check the bucket, the credentials and the network.",
                details(), cause);
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

    /** One read of the ledger object; {@code ledger} is {@code null} when the object does not exist. */
    private record Fetched(StoredLedger ledger, String etag, Instant lastModified, Instant storeNow) {

        static Fetched absent(Instant storeNow) {
            return new Fetched(null, null, null, storeNow);
        }

        boolean exists() {
            return ledger != null;
        }

        boolean carries(String writeId) {
            return exists() && ledger.writeId().equals(writeId);
        }

        boolean lockedBy(String token) {
            return exists() && ledger.lockedBy(token);
        }
    }

    /** What this instance last wrote (or read) under a lease it holds. */
    private record Held(String etag, StoredLedger ledger, Instant storeNow) {

        static Held of(Fetched fetched) {
            return new Held(fetched.etag(), fetched.ledger(), fetched.storeNow());
        }
    }

    /** The settled result of a conditional write. */
    private record Outcome(boolean written, String etag, Instant storeNow, Fetched current) {

        static Outcome written(String etag, Instant storeNow) {
            return new Outcome(true, etag, storeNow, null);
        }

        static Outcome refused(Fetched current) {
            return new Outcome(false, null, null, current);
        }
    }

    /** The condition of a write: the object must be absent, or must still have the ETag last read. */
    private record Precondition(String ifMatch) {

        static final Precondition ABSENT = new Precondition(null);

        static Precondition ifMatch(String etag) {
            return new Precondition(etag);
        }

        void applyTo(PutObjectRequest.Builder request) {
            if (ifMatch == null) {
                request.ifNoneMatch("*");
            } else {
                request.ifMatch(ifMatch);
            }
        }

        boolean holdsFor(Fetched now) {
            return ifMatch == null ? !now.exists() : now.exists() && unquoted(ifMatch).equals(unquoted(now.etag()));
        }

        private static String unquoted(String etag) {
            return etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2
                    ? etag.substring(1, etag.length() - 1) : etag;
        }
    }
}
