package dev.smartmigration.testkit;

import dev.smartmigration.runtime.MigrationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The application data a configuration's stores hold, read at one moment, to compare with a later reading: every
 * document of the MongoDB database (by collection and {@code _id}) with the collections' indexes, and every object
 * of the S3 bucket (key, size and ETag). The ledger is left out (the MongoDB ledger collection and the S3 ledger's
 * {@code .smartmigration/} keys), as are MongoDB's {@code system.*} collections.
 *
 * <p>It holds the data in memory: meant for test data, not for production-sized stores.
 *
 * <pre>{@code
 * DataSnapshot before = DataSnapshot.of(config);
 * MigrationRuntime.run(config);
 * List<String> changes = before.differencesTo(DataSnapshot.of(config));
 * }</pre>
 */
public final class DataSnapshot {

    /** The S3 ledger's objects are under this prefix (docs/ledgers.md). */
    static final String S3_LEDGER_PREFIX = ".smartmigration/";

    private final MongoSnapshot mongo;
    private final S3Snapshot s3;

    private DataSnapshot(MongoSnapshot mongo, S3Snapshot s3) {
        this.mongo = mongo;
        this.s3 = s3;
    }

    /**
     * Reads the stores of a configuration.
     *
     * @param config a configuration with its stores (a target is not needed)
     * @return what the stores hold now, the ledger left out
     */
    public static DataSnapshot of(MigrationConfig config) {
        MongoSnapshot mongo = config.mongoClient().isPresent() ? MongoSnapshot.of(config) : null;
        S3Snapshot s3 = config.s3Client().isPresent() ? S3Snapshot.of(config) : null;
        return new DataSnapshot(mongo, s3);
    }

    /**
     * Lists what changed between this snapshot and a later one of the same stores, one line per document, index or
     * object: {@code orders {"_id": 1}: changed "total": 10 -> 20}, {@code s3://bucket/exports/a.csv: added}.
     *
     * @param later a snapshot of the same configuration's stores, taken after this one
     * @return the differences, in collection and key order; empty when the data is the same
     */
    public List<String> differencesTo(DataSnapshot later) {
        List<String> differences = new ArrayList<>();
        if (mongo != null && later.mongo != null) {
            differences.addAll(mongo.differencesTo(later.mongo));
        }
        if (s3 != null && later.s3 != null) {
            differences.addAll(s3.differencesTo(later.s3));
        }
        return List.copyOf(differences);
    }
}
