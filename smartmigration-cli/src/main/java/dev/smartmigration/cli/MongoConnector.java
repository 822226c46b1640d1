package dev.smartmigration.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The MongoDB side of the options; loaded only when {@code --mongo-uri} is given. */
final class MongoConnector {

    private MongoConnector() {
    }

    static void configure(MigrationConfig.Builder builder, Connections connections, String uri, String database,
                          Duration connectTimeout) {
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
        MongoClient client = MongoClients.create(settings(cs, connectTimeout));
        connections.add(client);
        builder.mongo(client, db);
    }

    /**
     * The client's settings: the connection string, with {@code --connect-timeout} bounding both the wait for a
     * server to be selected (the driver's default is 30 s) and each connection attempt.
     */
    static MongoClientSettings settings(ConnectionString cs, Duration connectTimeout) {
        long ms = connectTimeout.toMillis();
        return MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(ms, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) Math.min(ms, Integer.MAX_VALUE),
                        TimeUnit.MILLISECONDS))
                .build();
    }
}
