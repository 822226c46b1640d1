package dev.smartmigration.cli;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.SmartMigrationException;

/** The MongoDB side of the options; loaded only when {@code --mongo-uri} is given. */
final class MongoConnector {

    private MongoConnector() {
    }

    static void configure(MigrationConfig.Builder builder, Connections connections, String uri, String database) {
        ConnectionString cs;
        try {
            cs = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                    "--mongo-uri is not a MongoDB connection string: " + e.getMessage(), e);
        }
        String db = database != null ? database : cs.getDatabase();
        if (db == null) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                    "no database: give --database, or put it in --mongo-uri (mongodb://host/appdb).");
        }
        MongoClient client = MongoClients.create(cs);
        connections.add(client);
        builder.mongo(client, db);
    }
}
