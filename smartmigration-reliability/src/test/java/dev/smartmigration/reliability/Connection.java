package dev.smartmigration.reliability;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child instance's connection to the store its arguments name: {@code store=mongo uri=<connection string>}.
 * The database (MongoDB) and ledger name are the scenario's namespace {@code ns}.
 */
interface Connection extends AutoCloseable {

    /**
     * @param ns the scenario's namespace
     * @return a configuration of this store with the ledger named {@code ns}; the caller adds the rest
     */
    MigrationConfig.Builder config(String ns);

    /**
     * @param ctx the running step's context
     * @param ns  the scenario's namespace
     * @return the marks, written through the store the runtime hands the step
     */
    Marks marks(MigrationContext ctx, String ns);

    @Override
    void close();

    /**
     * @param args the instance's arguments
     * @return the connection they describe
     */
    static Connection open(Map<String, String> args) {
        String store = args.get("store");
        if (!"mongo".equals(store)) {
            throw new IllegalArgumentException("store=" + store + " is not supported");
        }
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(args.get("uri")))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
                .build());
        return new Connection() {
            @Override
            public MigrationConfig.Builder config(String ns) {
                return MigrationConfig.builder().mongo(client, ns).ledgerName(ns);
            }

            @Override
            public Marks marks(MigrationContext ctx, String ns) {
                return Marks.mongo(ctx.mongo());
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
