package dev.smartmigration.runtime;

import dev.smartmigration.runtime.internal.DataPresence;
import dev.smartmigration.runtime.internal.ledger.Ledger;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoDataPresence;
import dev.smartmigration.runtime.internal.ledger.mongo.MongoLedger;
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
        if (config.ledgerBackend() == LedgerBackend.MONGO) {
            return new MongoLedger(config.mongoClient().orElseThrow().getDatabase(config.mongoDatabase().orElseThrow()),
                    config.mongoLedgerCollection(), config.ledgerName());
        }
        return new S3Ledger(config.s3Client().orElseThrow(), config.bucket().orElseThrow(), config.ledgerName(),
                config.s3LedgerOptions());
    }

    /** @return whether every configured store holds no application data (reads only) */
    static boolean isFreshInstall(MigrationConfig config) {
        List<DataPresence> stores = new ArrayList<>();
        if (config.mongoClient().isPresent()) {
            stores.add(new MongoDataPresence(
                    config.mongoClient().get().getDatabase(config.mongoDatabase().orElseThrow()),
                    config.ledgerBackend() == LedgerBackend.MONGO ? config.mongoLedgerCollection() : null));
        }
        if (config.s3Client().isPresent()) {
            stores.add(new S3DataPresence(config.s3Client().get(), config.bucket().orElseThrow()));
        }
        return stores.stream().allMatch(DataPresence::isEmpty);
    }
}
