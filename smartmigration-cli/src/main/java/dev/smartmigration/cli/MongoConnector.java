package dev.smartmigration.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The MongoDB side of the options; loaded only when {@code --mongo-uri} is given. */
final class MongoConnector {

    private MongoConnector() {
    }

    /**
     * Opens the client {@code --mongo-uri} names (closed with {@code connections}).
     *
     * @param database {@code --database}, or {@code null} for the one in the URI
     * @return the client and the database the options name
     */
    static Opened open(Connections connections, String uri, String database, Duration connectTimeout) {
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
        return new Opened(client, db);
    }

    /**
     * An open client and the database the options name ({@code {tenant}} in it for a fleet).
     *
     * @param client   the client
     * @param database {@code --database}, or the URI's
     */
    record Opened(MongoClient client, String database) {

        /** Puts the client into a configuration, with {@code database}. */
        void configure(MigrationConfig.Builder builder, String database) {
            builder.mongo(client, database);
        }

        /** @return the ids of the tenants whose databases start with {@code prefix} */
        Supplier<List<String>> tenants(String prefix) {
            return Tenants.mongoDatabases(client, prefix);
        }
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
