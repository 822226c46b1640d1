package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.LedgerBackend;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.SmartMigrationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: from the usual AWS sources: AWS_REGION, ~/.aws/config...).")
    String region;

    @Option(names = "--path-style", description = "Address the bucket in the path (most S3-compatible stores).")
    boolean pathStyle;

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
     */
    MigrationConfig.Builder configure(Connections connections) {
        if (mongoUri == null && bucket == null) {
            throw new SmartMigrationException(ErrorCode.NO_RESOURCES,
                    "neither --mongo-uri nor --bucket was given. Point the CLI at the application's MongoDB "
                            + "(--mongo-uri, --database) and/or S3 bucket (--bucket, --s3-endpoint).");
        }
        MigrationConfig.Builder builder = MigrationConfig.builder()
                .ledgerName(ledger)
                .mongoLedgerCollection(mongoLedgerCollection)
                .owner("smartmigration-cli@" + MigrationConfig.defaultOwner());
        if (mongoUri != null) {
            Connections.requireClass("com.mongodb.client.MongoClient", "--mongo-uri", "org.mongodb:mongodb-driver-sync");
            MongoConnector.configure(builder, connections, mongoUri, database, connectTimeout);
        } else if (database != null) {
            throw usage("--database needs --mongo-uri");
        }
        if (bucket != null) {
            Connections.requireClass("software.amazon.awssdk.services.s3.S3Client", "--bucket",
                    "software.amazon.awssdk:s3");
            S3Connector.configure(builder, connections, s3Endpoint, region, pathStyle, bucket, connectTimeout);
        } else if (s3Endpoint != null || region != null || pathStyle) {
            throw usage("--s3-endpoint, --region and --path-style need --bucket");
        }
        if (backend != null) {
            builder.ledgerBackend(parseBackend(backend));
        }
        if (lockWait != null) {
            builder.lockWait(lockWait);
        }
        return builder;
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
