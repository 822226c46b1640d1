package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.DataPresence;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoDataPresence;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
import dev.smartmigration.runtime.internal.ledger.s3.ConditionalWriteProbes;
import dev.smartmigration.runtime.internal.ledger.s3.S3DataPresence;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns a configuration into store-specific objects. Each store's classes are referenced
 * only on the branch that uses them, so an application without the MongoDB driver or the AWS SDK never loads
 * them.
 */
final class Ledgers {

    private Ledgers() {
    }

    static Ledger open(MigrationConfig config) {
        return open(config, null);
    }

    /**
     * @param probes the conditional-write probe results the S3 ledgers of one fleet call share; {@code null}: the
     *               ledger probes for itself (a single call). Typed {@code Object} so that this class, and an
     *               application without the AWS SDK, never load S3 classes for it.
     */
    static Ledger open(MigrationConfig config, Object probes) {
        if (config.ledgerBackend() == LedgerBackend.MONGO) {
            return new MongoLedger(config.mongoClient().orElseThrow().getDatabase(config.mongoDatabase().orElseThrow()),
                    config.mongoLedgerCollection(), config.ledgerName());
        }
        return new S3Ledger(config.s3Client().orElseThrow(), config.bucket().orElseThrow(), config.s3KeyPrefix(),
                config.ledgerName(), config.s3LedgerOptions(),
                probes == null ? new ConditionalWriteProbes() : (ConditionalWriteProbes) probes);
    }

    /**
     * @return what the S3 ledgers of one fleet call share, so that the store is probed once per client and bucket
     *         rather than once per tenant; typed {@code Object} for the reason given at {@link #open(MigrationConfig,
     *         Object)}. Call only for a configuration whose ledger is in S3.
     */
    static Object sharedProbes() {
        return new ConditionalWriteProbes();
    }

    /** {@return whether every configured store holds no application data (reads only)} */
    static boolean isFreshInstall(MigrationConfig config) {
        List<DataPresence> stores = new ArrayList<>();
        if (config.mongoClient().isPresent()) {
            stores.add(new MongoDataPresence(
                    config.mongoClient().get().getDatabase(config.mongoDatabase().orElseThrow()),
                    config.ledgerBackend() == LedgerBackend.MONGO ? config.mongoLedgerCollection() : null));
        }
        if (config.s3Client().isPresent()) {
            stores.add(new S3DataPresence(config.s3Client().get(), config.bucket().orElseThrow(),
                    config.s3KeyPrefix()));
        }
        return stores.stream().allMatch(DataPresence::isEmpty);
    }
}
