package dev.smartmigration.spring.boot;

import dev.smartmigration.runtime.LedgerBackend;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code smartmigration.*} properties: what the start-up migration does and where its ledger lives. Each maps to
 * a setting of {@link dev.smartmigration.runtime.MigrationConfig}; the defaults are the runtime's.
 *
 * <pre>{@code
 * smartmigration.target-version=2.3.0          # default: the version where the chain ends
 * smartmigration.mode=run                      # run | plan | validate | off
 * smartmigration.s3.bucket=acme-uploads        # with an S3Client bean
 * }</pre>
 */
@ConfigurationProperties("smartmigration")
public class SmartMigrationProperties {

    /**
     * Whether to auto-configure smartmigration at all: false leaves no smartmigration bean in the context, whereas
     * mode=off keeps the endpoint and the health contributor but runs nothing.
     */
    private boolean enabled = true;

    /** What to do at start-up. */
    private Mode mode = Mode.RUN;

    /** When to do it: while the context starts (before the beans that use the data), or once the server runs. */
    private RunAt runAt = RunAt.INITIALIZATION;

    /**
     * The data version this release expects. Default: the version where the migration chain ends, so a release
     * migrates to its newest step. Set it to hold the data at an earlier version.
     */
    private String targetVersion;

    /** The ledger's name: the id of its MongoDB document or the key of its S3 object. */
    private String ledgerName = "smartmigration";

    /** Where the ledger lives; by default MongoDB when it is configured, else S3. */
    private LedgerBackend ledgerBackend;

    /** How long to wait for another instance that holds the lock before failing the start-up with LOCK_TIMEOUT. */
    private Duration lockWait = Duration.ofSeconds(60);

    /** How long the lock's lease lives without renewal; a running migration renews it every third of this. */
    private Duration lockTtl = Duration.ofMinutes(10);

    /**
     * On a new ledger whose stores hold no data, record this version instead of running every step (the application
     * creates current data itself). Usually the target version.
     */
    private String freshInstallVersion;

    /**
     * Whether a ledger ahead of the target fails the start-up (LEDGER_AHEAD_OF_TARGET) and turns the health DOWN.
     * Leave it off for rolling deploys, where older instances start next to newer data.
     */
    private boolean failIfAheadOfTarget;

    /**
     * Whether an applied migration whose code was edited since it ran (or re-ranged, or removed) fails the start-up
     * with MIGRATION_EDITED. Off: the start-up logs it at WARN and migrates. Mode validate always fails on it.
     */
    private boolean failIfMigrationsEdited;

    /** The name this instance shows as the lock's owner and in the step history. Default: host name and pid. */
    private String owner;

    private final Mongo mongo = new Mongo();

    private final S3 s3 = new S3();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public RunAt getRunAt() {
        return runAt;
    }

    public void setRunAt(RunAt runAt) {
        this.runAt = runAt;
    }

    public String getTargetVersion() {
        return targetVersion;
    }

    public void setTargetVersion(String targetVersion) {
        this.targetVersion = targetVersion;
    }

    public String getLedgerName() {
        return ledgerName;
    }

    public void setLedgerName(String ledgerName) {
        this.ledgerName = ledgerName;
    }

    public LedgerBackend getLedgerBackend() {
        return ledgerBackend;
    }

    public void setLedgerBackend(LedgerBackend ledgerBackend) {
        this.ledgerBackend = ledgerBackend;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockTtl() {
        return lockTtl;
    }

    public void setLockTtl(Duration lockTtl) {
        this.lockTtl = lockTtl;
    }

    public String getFreshInstallVersion() {
        return freshInstallVersion;
    }

    public void setFreshInstallVersion(String freshInstallVersion) {
        this.freshInstallVersion = freshInstallVersion;
    }

    public boolean isFailIfAheadOfTarget() {
        return failIfAheadOfTarget;
    }

    public void setFailIfAheadOfTarget(boolean failIfAheadOfTarget) {
        this.failIfAheadOfTarget = failIfAheadOfTarget;
    }

    public boolean isFailIfMigrationsEdited() {
        return failIfMigrationsEdited;
    }

    public void setFailIfMigrationsEdited(boolean failIfMigrationsEdited) {
        this.failIfMigrationsEdited = failIfMigrationsEdited;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public Mongo getMongo() {
        return mongo;
    }

    public S3 getS3() {
        return s3;
    }

    /** What the start-up migration does. */
    public enum Mode {
        /** Migrate the data to the target version ({@code MigrationRuntime.run}); a failure stops the start-up. */
        RUN,
        /** Log what {@code run} would do ({@code MigrationRuntime.plan}) and start without changing anything. */
        PLAN,
        /**
         * Change nothing, and stop the start-up unless the data is ready for this release: at the target, with no
         * failed step (the data is migrated by another deployment step, e.g. the operator CLI).
         */
        VALIDATE,
        /** Run nothing; the endpoint and the health contributor still report where the data stands. */
        OFF
    }

    /** When the start-up migration happens. */
    public enum RunAt {
        /**
         * While the application context starts: before MongoTemplate, the MongoDB database factory, Spring Data
         * repositories and beans marked {@link DependsOnDataMigration} are created, and before the web server
         * accepts connections.
         */
        INITIALIZATION,
        /**
         * As the first {@code ApplicationRunner}, once the context has started and the web server listens: liveness
         * is up and readiness {@code REFUSING_TRAFFIC} until the migration is done, for migrations that take longer
         * than a platform lets an instance take to start. Beans that use the data are created before it runs.
         */
        APPLICATION_RUNNER
    }

    /** The MongoDB store: the application's {@code MongoClient} bean. */
    public static class Mongo {

        /** Whether to use the MongoClient bean (steps' ctx.mongo() and, by default, the ledger). */
        private boolean enabled = true;

        /**
         * The database the steps and the ledger use. Default: Spring Boot's MongoDB database (spring.mongodb.database
         * in Boot 4, spring.data.mongodb.database in Boot 3, or the one in the connection string).
         */
        private String database;

        /** The collection that holds the ledger document. */
        private String ledgerCollection = "smartmigration_ledger";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getDatabase() {
            return database;
        }

        public void setDatabase(String database) {
            this.database = database;
        }

        public String getLedgerCollection() {
            return ledgerCollection;
        }

        public void setLedgerCollection(String ledgerCollection) {
            this.ledgerCollection = ledgerCollection;
        }
    }

    /** The S3 store: the application's {@code S3Client} bean and a bucket. */
    public static class S3 {

        /** The bucket the steps and (when chosen, or without MongoDB) the ledger use; S3 is used only when set. */
        private String bucket;

        /**
         * Accept a store that ignores conditional writes, with a warning: safe only when a single instance migrates.
         * Off by default, so such a store fails the start-up with CONDITIONAL_WRITES_UNSUPPORTED.
         */
        private boolean bestEffortLocking;

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public boolean isBestEffortLocking() {
            return bestEffortLocking;
        }

        public void setBestEffortLocking(boolean bestEffortLocking) {
            this.bestEffortLocking = bestEffortLocking;
        }
    }
}
