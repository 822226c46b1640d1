package dev.smartmigration.runtime;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.internal.ChainChecks;
import dev.smartmigration.runtime.internal.ledger.LedgerName;
import dev.smartmigration.runtime.internal.ledger.s3.KeyPrefix;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything {@link MigrationRuntime} needs: the target version, the stores, where the ledger lives and how
 * long to wait for and hold its lock. Immutable; build it once at start-up.
 *
 * <pre>{@code
 * MigrationConfig config = MigrationConfig.builder()
 *     .targetVersion("2.3.0")                       // the data version this release expects (run and plan)
 *     .mongo(mongoClient, "appdb")                  // and/or .s3(s3Client, "bucket")
 *     .ledgerName("smartmigration")                 // default "smartmigration"
 *     .freshInstallVersion("2.3.0")                 // empty stores: stamp 2.3.0 instead of running every step
 *     .lockWait(Duration.ofSeconds(60))             // default 60 s
 *     .lockTtl(Duration.ofMinutes(10))              // default 10 min; renewed while the run lives
 *     .build();
 * MigrationRuntime.run(config);
 * }</pre>
 *
 * <p>The MongoDB driver and the AWS SDK are optional dependencies: an application brings only the one(s) it
 * uses, and this class works with either absent as long as the matching setter is not called.
 *
 * <p>{@link MigrationRuntime#run} and {@link MigrationRuntime#plan} need the target version; the operator calls
 * {@link MigrationRuntime#info}, {@link MigrationRuntime#lockInfo} and {@link MigrationRuntime#forceUnlock} work on
 * a configuration without one.
 */
public final class MigrationConfig {

    /** The default {@link Builder#ledgerName(String)}. */
    public static final String DEFAULT_LEDGER_NAME = "smartmigration";
    /** The default {@link Builder#mongoLedgerCollection(String)}. */
    public static final String DEFAULT_MONGO_LEDGER_COLLECTION = "smartmigration_ledger";
    /** The default {@link Builder#lockWait(Duration)}. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);
    /** The default {@link Builder#lockTtl(Duration)}. */
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofMinutes(10);
    /** The shortest {@link Builder#lockTtl(Duration)} accepted. */
    public static final Duration MIN_LOCK_TTL = Duration.ofSeconds(1);
    /** The longest {@link Builder#ledgerName(String)} accepted. */
    public static final int MAX_LEDGER_NAME_LENGTH = LedgerName.MAX_LENGTH;

    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private final String targetVersion;
    private final MongoClient mongoClient;
    private final String mongoDatabase;
    private final S3Client s3Client;
    private final String bucket;
    private final String s3KeyPrefix;
    private final String ledgerName;
    private final LedgerBackend ledgerBackend;
    private final S3LedgerOptions s3LedgerOptions;
    private final String mongoLedgerCollection;
    private final String freshInstallVersion;
    private final Duration lockWait;
    private final Duration lockTtl;
    private final boolean dryRun;
    private final boolean failIfAheadOfTarget;
    private final boolean failIfMigrationsEdited;
    private final MigrationChain chain;
    private final Clock clock;
    private final String owner;
    private final List<MigrationListener> listeners;
    /** The digests of the chain's applied steps the fast path compares, remembered for the chain it runs. */
    private final AtomicReference<ChainDigests> chainDigests = new AtomicReference<>();

    private MigrationConfig(Builder b, LedgerBackend backend) {
        this.targetVersion = b.targetVersion;
        this.mongoClient = b.mongoClient;
        this.mongoDatabase = b.mongoDatabase;
        this.s3Client = b.s3Client;
        this.bucket = b.bucket;
        this.s3KeyPrefix = b.s3KeyPrefix;
        this.ledgerName = b.ledgerName;
        this.ledgerBackend = backend;
        this.s3LedgerOptions = b.s3LedgerOptions;
        this.mongoLedgerCollection = b.mongoLedgerCollection;
        this.freshInstallVersion = b.freshInstallVersion;
        this.lockWait = b.lockWait;
        this.lockTtl = b.lockTtl;
        this.dryRun = b.dryRun;
        this.failIfAheadOfTarget = b.failIfAheadOfTarget;
        this.failIfMigrationsEdited = b.failIfMigrationsEdited;
        this.chain = b.chain;
        this.clock = b.clock;
        this.owner = b.owner != null ? b.owner : defaultOwner();
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * The instance name a run records when {@link Builder#owner} is not set: the machine's host name and the
     * process id, e.g. {@code web-7:4242}. The host name is {@code HOSTNAME} (a container's or pod's name) or
     * {@code COMPUTERNAME} (Windows) when set, else the kernel's host name ({@code /proc/sys/kernel/hostname} on
     * Linux, read without a DNS lookup), else the JDK's local host name. Worked out once per JVM.
     *
     * @return {@code host:pid}
     */
    public static String defaultOwner() {
        return DefaultOwner.VALUE;
    }

    /** Computed on first use, so a configuration with an explicit owner never looks the host name up. */
    private static final class DefaultOwner {
        static final String VALUE = hostName(System.getenv(), Path.of("/proc/sys/kernel/hostname")) + ":"
                + ProcessHandle.current().pid();
    }

    /**
     * {@return this machine's host name, or {@code unknown-host} when none can be found}
     *
     * @param env            the environment
     * @param kernelHostName the file holding the kernel's host name, where the platform has one
     */
    static String hostName(Map<String, String> env, Path kernelHostName) {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String host = env.get(variable);
            if (host != null && !host.isBlank()) {
                return host.strip();
            }
        }
        try {
            String host = Files.readString(kernelHostName).strip();
            if (!host.isEmpty()) {
                return host;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /**
     * Starts a configuration with the defaults; a store is required, and {@link Builder#targetVersion} for
     * {@link MigrationRuntime#run} and {@link MigrationRuntime#plan}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the data version this release expects; empty when not set (enough for the operator calls)} */
    public Optional<String> targetVersion() {
        return Optional.ofNullable(targetVersion);
    }

    /** {@return the MongoDB client, when MongoDB is configured} */
    public Optional<MongoClient> mongoClient() {
        return Optional.ofNullable(mongoClient);
    }

    /** {@return the MongoDB database name, when MongoDB is configured} */
    public Optional<String> mongoDatabase() {
        return Optional.ofNullable(mongoDatabase);
    }

    /** {@return the S3 client, when S3 is configured} */
    public Optional<S3Client> s3Client() {
        return Optional.ofNullable(s3Client);
    }

    /** {@return the S3 bucket, when S3 is configured} */
    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    /**
     * {@return the key prefix under which the application's S3 data lives, e.g. {@code tenants/acme/}; {@code ""}
     * (the default) when the whole bucket is the application's}
     */
    public String s3KeyPrefix() {
        return s3KeyPrefix;
    }

    /** {@return the ledger's name: the id of its document or the key of its object} */
    public String ledgerName() {
        return ledgerName;
    }

    /** {@return where the ledger is kept (resolved: never {@code null})} */
    public LedgerBackend ledgerBackend() {
        return ledgerBackend;
    }

    /** {@return the MongoDB collection that holds the ledger document} */
    public String mongoLedgerCollection() {
        return mongoLedgerCollection;
    }

    /** {@return the version stamped on a fresh install, if configured} */
    public Optional<String> freshInstallVersion() {
        return Optional.ofNullable(freshInstallVersion);
    }

    /** {@return how long {@code run} waits for another instance's lock} */
    public Duration lockWait() {
        return lockWait;
    }

    /** {@return how long a lease lives without renewal} */
    public Duration lockTtl() {
        return lockTtl;
    }

    /** {@return whether {@code run} only plans (like {@link MigrationRuntime#plan})} */
    public boolean dryRun() {
        return dryRun;
    }

    /** {@return whether a ledger past the target fails the run with {@link ErrorCode#LEDGER_AHEAD_OF_TARGET}} */
    public boolean failIfAheadOfTarget() {
        return failIfAheadOfTarget;
    }

    /**
     * {@return whether an applied step that the code no longer matches (edited, re-ranged or removed: see
     * {@link EditedStep}) fails {@code run} and {@code plan} with {@link ErrorCode#MIGRATION_EDITED} instead of a
     * warning and {@link MigrationResult#editedSteps()}}
     */
    public boolean failIfMigrationsEdited() {
        return failIfMigrationsEdited;
    }

    /**
     * @param steps the steps of the chain a call runs
     * @return their digests, the same instance for as long as calls with this configuration run the same steps
     */
    ChainDigests chainDigests(List<MigrationDefinition> steps) {
        ChainDigests digests = chainDigests.get();
        if (digests == null || !digests.serves(steps)) {
            digests = new ChainDigests(steps);
            chainDigests.set(digests);
        }
        return digests;
    }

    /** {@return the configured chain; empty means the generated chain is found with {@link java.util.ServiceLoader}} */
    public Optional<MigrationChain> chain() {
        return Optional.ofNullable(chain);
    }

    /** {@return the options of the S3 ledger, used when {@link #ledgerBackend()} is {@link LedgerBackend#S3}} */
    public S3LedgerOptions s3LedgerOptions() {
        return s3LedgerOptions;
    }

    /** {@return the clock for step timestamps (never used to judge leases)} */
    public Clock clock() {
        return clock;
    }

    /** {@return the name this instance shows as lock owner} */
    public String owner() {
        return owner;
    }

    /** {@return the listeners, in the order they were added; empty when none} */
    public List<MigrationListener> listeners() {
        return listeners;
    }

    /**
     * Collects the settings; each setter checks its argument at once and {@link #build()} checks the rules
     * that span several settings.
     */
    public static final class Builder {
        private String targetVersion;
        private MongoClient mongoClient;
        private String mongoDatabase;
        private S3Client s3Client;
        private String bucket;
        private String s3KeyPrefix = "";
        private String ledgerName = DEFAULT_LEDGER_NAME;
        private LedgerBackend ledgerBackend;
        private S3LedgerOptions s3LedgerOptions = S3LedgerOptions.defaults();
        private String mongoLedgerCollection = DEFAULT_MONGO_LEDGER_COLLECTION;
        private String freshInstallVersion;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private Duration lockTtl = DEFAULT_LOCK_TTL;
        private boolean dryRun;
        private boolean failIfAheadOfTarget;
        private boolean failIfMigrationsEdited;
        private MigrationChain chain;
        private Clock clock = Clock.systemUTC();
        private String owner;
        private final List<MigrationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * The data version this release of the application expects; required by {@link MigrationRuntime#run} and
         * {@link MigrationRuntime#plan}, which fail with {@link ErrorCode#MISSING_TARGET_VERSION} without it.
         *
         * @param version a strict semantic version, e.g. {@code "2.3.0"}
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#MISSING_TARGET_VERSION} for {@code null},
         *         {@link ErrorCode#INVALID_VERSION} for a version that is not strict semver
         */
        public Builder targetVersion(String version) {
            if (version == null) {
                throw new SmartMigrationException(ErrorCode.MISSING_TARGET_VERSION,
                        "targetVersion is null. Pass the data version this release expects, e.g. \"2.3.0\".");
            }
            ChainChecks.version(version, "targetVersion");
            this.targetVersion = version;
            return this;
        }

        /**
         * Uses MongoDB: steps get {@code client.getDatabase(database)} from {@link MigrationContext#mongo()},
         * and the ledger is kept there unless {@link #ledgerBackend} says otherwise.
         *
         * @param client   the application's client; smartmigration never closes it
         * @param database the application's database name
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for a {@code null} client or an
         *         invalid database name
         */
        public Builder mongo(MongoClient client, String database) {
            require(client != null, "mongo(client, database) got a null client.");
            require(database != null && !database.isBlank() && database.chars().noneMatch(c -> "/\\. \"$\0".indexOf(c) >= 0),
                    "mongo(client, database) got the database name \"" + database
                            + "\": it must be non-blank, without / \\ . \" $ or spaces.");
            this.mongoClient = client;
            this.mongoDatabase = database;
            return this;
        }

        /**
         * Uses S3: steps get the client and bucket from {@link MigrationContext#s3()} and
         * {@link MigrationContext#bucket()}; the ledger is kept there when MongoDB is not configured or
         * {@link #ledgerBackend} is {@link LedgerBackend#S3}.
         *
         * @param client the application's client; smartmigration never closes it
         * @param bucket the application's bucket
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for a {@code null} client or a
         *         blank bucket
         */
        public Builder s3(S3Client client, String bucket) {
            return s3(client, bucket, "");
        }

        /**
         * Uses S3 for data that lives under a key prefix of a bucket, as a tenant's does when many share one bucket
         * ({@link FleetConfig}): steps get the prefix from {@link MigrationContext#keyPrefix()}, the S3 ledger is the
         * object {@code <keyPrefix>.smartmigration/<ledgerName>.json}, and a fresh install is detected by looking
         * under the prefix only.
         *
         * <pre>{@code
         * MigrationConfig.builder().targetVersion("2.3.0").s3(s3Client, "saas-data", "tenants/" + tenant + "/")
         * }</pre>
         *
         * @param client    the application's client; smartmigration never closes it
         * @param bucket    the bucket
         * @param keyPrefix {@code ""} for the whole bucket, or {@code /}-separated segments ending with {@code /}
         *                  (no {@code .}, {@code ..}, {@code .smartmigration} or empty segment, at most 512
         *                  characters), e.g. {@code "tenants/acme/"}
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for a {@code null} client, a blank
         *         bucket or an unusable prefix
         */
        public Builder s3(S3Client client, String bucket, String keyPrefix) {
            require(client != null, "s3(client, bucket) got a null client.");
            require(bucket != null && !bucket.isBlank(), "s3(client, bucket) got a blank bucket name.");
            this.s3KeyPrefix = KeyPrefix.check(keyPrefix);
            this.s3Client = client;
            this.bucket = bucket;
            return this;
        }

        /**
         * Names the ledger, so several applications (or independent parts of one) can share a database or
         * bucket. Default {@value MigrationConfig#DEFAULT_LEDGER_NAME}.
         *
         * @param name 1 to {@value MigrationConfig#MAX_LEDGER_NAME_LENGTH} letters, digits, {@code .},
         *             {@code _} or {@code -}, not starting with {@code .} and without {@code ..} (the same rule
         *             for both stores: the name is the MongoDB document's id and part of the S3 object's key)
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for any other value
         */
        public Builder ledgerName(String name) {
            this.ledgerName = LedgerName.check(name);
            return this;
        }

        /**
         * Chooses where the ledger lives; by default MongoDB when it is configured, else S3.
         *
         * @param backend {@link LedgerBackend#MONGO} or {@link LedgerBackend#S3}
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder ledgerBackend(LedgerBackend backend) {
            require(backend != null, "ledgerBackend is null; use LedgerBackend.MONGO or LedgerBackend.S3.");
            this.ledgerBackend = backend;
            return this;
        }

        /**
         * Options of the S3 ledger, e.g. accepting a store that ignores conditional writes (single instance
         * only): {@code .s3LedgerOptions(S3LedgerOptions.builder().bestEffortLocking(true).build())}. Default
         * {@link S3LedgerOptions#defaults()}: such a store is refused with
         * {@link ErrorCode#CONDITIONAL_WRITES_UNSUPPORTED}.
         *
         * @param options the options
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder s3LedgerOptions(S3LedgerOptions options) {
            require(options != null, "s3LedgerOptions is null; leave it unset for S3LedgerOptions.defaults().");
            this.s3LedgerOptions = options;
            return this;
        }

        /**
         * Names the MongoDB collection that holds the ledger document. Default
         * {@value MigrationConfig#DEFAULT_MONGO_LEDGER_COLLECTION}.
         *
         * @param collection a valid collection name, not starting with {@code system.}
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for an invalid name
         */
        public Builder mongoLedgerCollection(String collection) {
            require(collection != null && !collection.isBlank() && !collection.startsWith("system.")
                            && collection.indexOf('$') < 0 && collection.indexOf('\0') < 0,
                    "mongoLedgerCollection = \"" + collection
                            + "\" is not a usable collection name (blank, has $ or starts with \"system.\").");
            this.mongoLedgerCollection = collection;
            return this;
        }

        /**
         * On a new ledger whose stores hold no data yet, records this version instead of running the steps up
         * to it: the application creates current-format data itself. Must be the target or a version where a
         * step of the chain starts or ends (checked when the chain is loaded).
         *
         * @param version a strict semantic version, usually the target
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_VERSION} for a version that is not strict
         */
        public Builder freshInstallVersion(String version) {
            require(version != null, "freshInstallVersion is null; leave it unset to run every step on a fresh install.");
            ChainChecks.version(version, "freshInstallVersion");
            this.freshInstallVersion = version;
            return this;
        }

        /**
         * How long {@code run} waits for a lock held by another instance before failing with
         * {@link ErrorCode#LOCK_TIMEOUT}. Default 60 s; zero tries once.
         *
         * @param wait zero to one day
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
         */
        public Builder lockWait(Duration wait) {
            require(wait != null && !wait.isNegative() && wait.compareTo(MAX_DURATION) <= 0,
                    "lockWait = " + wait + " is not between 0 and 1 day.");
            this.lockWait = wait;
            return this;
        }

        /**
         * How long a lease lives without renewal. A running instance renews it every third of this, so a long
         * step keeps the lock; an instance that dies loses it after at most this long. Default 10 min.
         *
         * @param ttl one second to one day
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
         */
        public Builder lockTtl(Duration ttl) {
            require(ttl != null && ttl.compareTo(MIN_LOCK_TTL) >= 0 && ttl.compareTo(MAX_DURATION) <= 0,
                    "lockTtl = " + ttl + " is not between 1 second and 1 day.");
            this.lockTtl = ttl;
            return this;
        }

        /**
         * Makes {@code run} only plan: it reads the ledger, takes no lock, writes nothing and reports the
         * planned steps as skipped.
         *
         * @param dryRun whether to only plan
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Makes a ledger past the target an error ({@link ErrorCode#LEDGER_AHEAD_OF_TARGET}) instead of a
         * logged no-op. Leave it off for rolling deploys, where older instances boot next to newer data.
         *
         * @param fail whether to fail
         * @return this builder
         */
        public Builder failIfAheadOfTarget(boolean fail) {
            this.failIfAheadOfTarget = fail;
            return this;
        }

        /**
         * Makes an applied step that the code no longer matches an error ({@link ErrorCode#MIGRATION_EDITED}) for
         * {@code run} and {@code plan}, before anything runs, instead of a warning in the log and in
         * {@link MigrationResult#editedSteps()}: a step whose code was edited after it ran, whose range changed, or
         * that was removed from the chain ({@code docs/fingerprints.md}). Off by default.
         *
         * <pre>{@code
         * MigrationConfig config = MigrationConfig.builder().targetVersion("2.3.0").mongo(client, "appdb")
         *     .failIfMigrationsEdited(true)
         *     .build();
         * }</pre>
         *
         * @param fail whether to fail
         * @return this builder
         */
        public Builder failIfMigrationsEdited(boolean fail) {
            this.failIfMigrationsEdited = fail;
            return this;
        }

        /**
         * Uses this chain instead of the generated one (tests, scripts, apps without annotation processing).
         *
         * @param chain the steps
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder chain(MigrationChain chain) {
            require(chain != null, "chain is null; leave it unset to use the generated chain.");
            this.chain = chain;
            return this;
        }

        /**
         * The clock for the timestamps recorded for steps. It is never used to judge whether a lease has
         * expired: the ledger's store decides that with its own clock, because app servers' clocks drift.
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder clock(Clock clock) {
            require(clock != null, "clock is null.");
            this.clock = clock;
            return this;
        }

        /**
         * The name this instance shows as the lock's owner and in the step history. Default: host name and
         * process id.
         *
         * @param owner 1 to 200 characters
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for a blank or longer value
         */
        public Builder owner(String owner) {
            require(owner != null && !owner.isBlank() && owner.length() <= 200,
                    "owner = \"" + owner + "\" must be 1 to 200 characters, not blank.");
            this.owner = owner;
            return this;
        }

        /**
         * Adds a listener that receives what {@link MigrationRuntime#run} does as it happens (steps started and
         * applied, checkpoints, the lock, the run's end): see {@link MigrationEvent}. Call it once per listener;
         * they are called in this order.
         *
         * <pre>{@code
         * builder.listener(event -> log.info("smartmigration: {}", event));
         * }</pre>
         *
         * @param listener the listener
         * @return this builder
         * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} for {@code null}
         */
        public Builder listener(MigrationListener listener) {
            require(listener != null, "listener is null.");
            listeners.add(listener);
            return this;
        }

        /**
         * Checks the rules that span settings.
         *
         * @return the configuration
         * @throws SmartMigrationException {@link ErrorCode#NO_RESOURCES}, {@link ErrorCode#LEDGER_BACKEND_MISMATCH}
         *         or {@link ErrorCode#INVALID_OPTIONS}
         */
        public MigrationConfig build() {
            if (mongoClient == null && s3Client == null) {
                throw new SmartMigrationException(ErrorCode.NO_RESOURCES,
                        "no store is configured. Call mongo(client, database) and/or s3(client, bucket).");
            }
            LedgerBackend backend = ledgerBackend != null ? ledgerBackend
                    : mongoClient != null ? LedgerBackend.MONGO : LedgerBackend.S3;
            if (backend == LedgerBackend.MONGO && mongoClient == null
                    || backend == LedgerBackend.S3 && s3Client == null) {
                throw new SmartMigrationException(ErrorCode.LEDGER_BACKEND_MISMATCH,
                        "ledgerBackend is " + backend + " but " + (backend == LedgerBackend.MONGO
                                ? "mongo(client, database)" : "s3(client, bucket)")
                                + " was not called. Configure that store, or choose the backend you configured.",
                        Map.of("ledgerBackend", backend.name()), null);
            }
            if (freshInstallVersion != null && targetVersion != null && ChainChecks.version(freshInstallVersion, "freshInstallVersion")
                    .isAfter(ChainChecks.version(targetVersion, "targetVersion"))) {
                throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                        "freshInstallVersion " + freshInstallVersion + " is after targetVersion " + targetVersion
                                + ": a fresh install cannot be stamped past what this release expects. "
                                + "Use the target (or an earlier version of the chain).",
                        Map.of("freshInstallVersion", freshInstallVersion, "targetVersion", targetVersion), null);
            }
            return new MigrationConfig(this, backend);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, message);
            }
        }

    }
}
