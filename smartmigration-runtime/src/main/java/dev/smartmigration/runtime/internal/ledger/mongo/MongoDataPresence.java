package dev.smartmigration.runtime.internal.ledger.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.DataPresence;
import java.util.Map;
import java.util.Objects;

/**
 * Fresh-install detection for MongoDB: the database is empty when it has no collections other than the
 * ledger's own and {@code system.*}.
 */
public final class MongoDataPresence implements DataPresence {

    private final MongoDatabase database;
    private final String ledgerCollection;

    /**
     * @param database         the application's database
     * @param ledgerCollection the ledger's collection in it, which does not count as data ({@code null}: none)
     */
    public MongoDataPresence(MongoDatabase database, String ledgerCollection) {
        this.database = Objects.requireNonNull(database, "database");
        this.ledgerCollection = ledgerCollection;
    }

    @Override
    public boolean isEmpty() {
        try {
            for (String name : database.listCollectionNames()) {
                if (!name.equals(ledgerCollection) && !name.startsWith("system.")) {
                    return false;
                }
            }
            return true;
        } catch (MongoException e) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, "MongoDB failed while listing the "
                    + "collections of " + database.getName() + " to detect a fresh install: " + e.getMessage(),
                    Map.of("database", database.getName()), e);
        }
    }
}
