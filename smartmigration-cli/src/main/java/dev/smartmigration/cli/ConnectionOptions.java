package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.LedgerBackend;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Where the data and the ledger are: the options every command shares. */
final class ConnectionOptions {

    @Option(names = "--mongo-uri", paramLabel = "URI", description = "MongoDB connection string.")
    String mongoUri;

    @Option(names = "--database", paramLabel = "NAME",
            description = "The application's MongoDB database (default: the one in --mongo-uri).")
    String database;

    @Option(names = "--mongo-ledger-collection", paramLabel = "NAME",
            description = "Collection of the MongoDB ledger (default: ${DEFAULT-VALUE}).",
            defaultValue = MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
    String mongoLedgerCollection;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 endpoint, for S3-compatible stores (default: Amazon S3).")
    URI s3Endpoint;

    @Option(names = "--bucket", paramLabel = "NAME", description = "The application's S3 bucket.")
    String bucket;

    @Option(names = "--key-prefix", paramLabel = "PREFIX",
            description = "The key prefix under which the application's S3 data and ledger are, e.g. tenants/acme/ "
                    + "(default: the whole bucket).")
    String keyPrefix;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: from the usual AWS sources: AWS_REGION, ~/.aws/config...).")
    String region;

    @Option(names = "--path-style", description = "Address the bucket in the path (most S3-compatible stores).")
    boolean pathStyle;

    @Option(names = "--s3-best-effort-locking", description = {"Accept an S3 store that ignores conditional writes "
            + "(If-None-Match, If-Match) with a warning, instead of failing with CONDITIONAL_WRITES_UNSUPPORTED.",
        "Safe only when no other instance can migrate the same ledger at the same time (the application's "
            + "S3LedgerOptions.bestEffortLocking)."})
    boolean s3BestEffortLocking;

    @Option(names = "--backend", paramLabel = "mongo|s3",
            description = "Where the ledger is (default: MongoDB when --mongo-uri is given, else S3).")
    String backend;

    @Option(names = "--ledger", paramLabel = "NAME", description = "Ledger name (default: ${DEFAULT-VALUE}).",
            defaultValue = MigrationConfig.DEFAULT_LEDGER_NAME)
    String ledger;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another instance's lock, e.g. 30s, 5m, PT1M (default: 60s).")
    Duration lockWait;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "10s",
            description = "How long to wait for a store to answer before giving up (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /**
     * Opens the clients the options name, checks that each store answers within {@code --connect-timeout}, and
     * starts a configuration for them.
     *
     * @param connections receives the clients, to close them when the command ends
     * @return a builder with the stores, ledger and lock settings set; the caller sets the target, if any
     * @throws SmartMigrationException {@code INVALID_OPTIONS} when an option holds {@value #TENANT} (that needs
     *         {@code --fleet})
     */
    MigrationConfig.Builder configure(Connections connections) {
        for (String option : new String[] {database, keyPrefix, ledger}) {
            if (option != null && option.contains(TENANT)) {
                throw usage(TENANT + " in --database, --key-prefix or --ledger needs --fleet");
            }
        }
        return open(connections).configure(null);
    }

    /**
     * Opens the clients the options name, as {@link #configure} does, once for every tenant of a fleet.
     *
     * @param connections receives the clients, to close them when the command ends
     * @return the open stores
     */
    Stores open(Connections connections) {
        if (mongoUri == null && bucket == null) {
            throw new SmartMigrationException(ErrorCode.NO_RESOURCES,
                    "neither --mongo-uri nor --bucket was given. Point the CLI at the application's MongoDB "
                            + "(--mongo-uri, --database) and/or S3 bucket (--bucket, --s3-endpoint).");
        }
        if (mongoUri == null && database != null) {
            throw usage("--database needs --mongo-uri");
        }
        if (bucket == null && (s3Endpoint != null || region != null || pathStyle || keyPrefix != null
                || s3BestEffortLocking)) {
            throw usage("--s3-endpoint, --region, --path-style, --key-prefix and --s3-best-effort-locking need "
                    + "--bucket");
        }
        MongoConnector.Opened mongo = mongoUri == null ? null
                : MongoConnector.open(connections, mongoUri, database, connectTimeout);
        S3Connector.Opened s3 = bucket == null ? null
                : S3Connector.open(connections, s3Endpoint, region, pathStyle, bucket, connectTimeout);
        return new Stores(mongo, s3, backend == null ? null : parseBackend(backend));
    }

    /** The placeholder a fleet's options hold where each tenant's id goes. */
    static final String TENANT = "{tenant}";

    /**
     * The stores the options name, opened once: configurations for the one ledger they name, or for each tenant of
     * a fleet ({@value #TENANT} in {@code --database}, {@code --key-prefix} or {@code --ledger} replaced by its id).
     */
    final class Stores {
        private final MongoConnector.Opened mongo;
        private final S3Connector.Opened s3;
        private final LedgerBackend backend;

        private Stores(MongoConnector.Opened mongo, S3Connector.Opened s3, LedgerBackend backend) {
            this.mongo = mongo;
            this.s3 = s3;
            this.backend = backend;
        }

        /**
         * @param tenant a tenant's id, or {@code null} for the one ledger the options name
         * @return a builder with the tenant's stores, ledger and lock settings set
         */
        MigrationConfig.Builder configure(String tenant) {
            MigrationConfig.Builder builder = MigrationConfig.builder()
                    .ledgerName(of(ledger, tenant))
                    .mongoLedgerCollection(mongoLedgerCollection)
                    .owner("smartmigration-cli@" + MigrationConfig.defaultOwner());
            if (mongo != null) {
                mongo.configure(builder, of(mongo.database(), tenant));
            }
            if (s3 != null) {
                s3.configure(builder, keyPrefix == null ? "" : of(keyPrefix, tenant));
                if (s3BestEffortLocking) {
                    builder.s3LedgerOptions(S3LedgerOptions.builder().bestEffortLocking(true).build());
                }
            }
            if (backend != null) {
                builder.ledgerBackend(backend);
            }
            if (lockWait != null) {
                builder.lockWait(lockWait);
            }
            return builder;
        }

        /** @return whether an option names where each tenant is ({@value #TENANT} in it) */
        boolean namesTenants() {
            return mongo != null && mongo.database().contains(TENANT) || keyPrefix != null && keyPrefix.contains(TENANT)
                    || ledger.contains(TENANT);
        }

        /**
         * Finds the tenants in the store that holds the ledgers: the databases named {@code <prefix>{tenant}}, or
         * the folders {@code <parent>{tenant}/}.
         *
         * @return the supplier, asked when the fleet runs
         * @throws SmartMigrationException {@code INVALID_OPTIONS} when the options do not have that form
         */
        Supplier<List<String>> discovery() {
            boolean inMongo = backend == LedgerBackend.MONGO || backend == null && mongo != null;
            if (inMongo) {
                String db = mongo.database();
                if (db.endsWith(TENANT) && db.indexOf(TENANT) == db.length() - TENANT.length()
                        && db.length() > TENANT.length()) {
                    return mongo.tenants(db.substring(0, db.length() - TENANT.length()));
                }
            } else if (keyPrefix != null && keyPrefix.endsWith(TENANT + "/")
                    && keyPrefix.indexOf(TENANT) == keyPrefix.length() - TENANT.length() - 1) {
                return s3.tenants(keyPrefix.substring(0, keyPrefix.length() - TENANT.length() - 1));
            }
            throw usage("the CLI finds a fleet's tenants only as databases --database '<prefix>" + TENANT
                    + "' (the ledger in MongoDB) or folders --key-prefix '<parent>" + TENANT + "/' (the ledger in "
                    + "S3); list them with --tenants or --tenants-file otherwise");
        }

        private String of(String option, String tenant) {
            return tenant == null ? option : option.replace(TENANT, tenant);
        }
    }

    private static LedgerBackend parseBackend(String value) {
        List<String> names = new ArrayList<>();
        for (LedgerBackend b : LedgerBackend.values()) {
            names.add(b.name().toLowerCase(java.util.Locale.ROOT));
            if (b.name().equalsIgnoreCase(value)) {
                return b;
            }
        }
        throw usage("--backend must be one of " + names + ", not \"" + value + "\"");
    }

    private static SmartMigrationException usage(String message) {
        return new SmartMigrationException(ErrorCode.INVALID_OPTIONS, message + ".");
    }
}
