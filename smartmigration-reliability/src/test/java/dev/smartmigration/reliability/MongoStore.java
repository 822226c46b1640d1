package dev.smartmigration.reliability;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.testing.MongoTestServer;
import java.util.List;

/**
 * MongoDB for the scenarios: mongo-java-server (memory backend) on a random loopback port, or the server named
 * by {@code SMARTMIGRATION_TEST_MONGODB_URI}.
 */
final class MongoStore implements StoreUnderTest {

    private final MongoTestServer server;
    private final MongoClient client;

    private MongoStore(MongoTestServer server) {
        this.server = server;
        this.client = server.newClient();
    }

    /** @return the store, embedded unless the environment names a real server */
    static MongoStore start() {
        return new MongoStore(MongoTestServer.start());
    }

    /** @return the parent's client */
    MongoClient client() {
        return client;
    }

    @Override
    public String name() {
        return "MongoDB";
    }

    @Override
    public boolean isEmbedded() {
        return server.isEmbedded();
    }

    @Override
    public String newNamespace() {
        return server.newDatabaseName();
    }

    @Override
    public List<String> childArgs() {
        return List.of("store=mongo", "uri=" + server.uri());
    }

    @Override
    public MigrationConfig.Builder config(String ns) {
        return MigrationConfig.builder().mongo(client, ns).ledgerName(ns);
    }

    @Override
    public Marks marks(String ns) {
        return Marks.mongo(client.getDatabase(ns));
    }

    @Override
    public byte[] ledgerBytes(String ns) {
        return MongoTestServer.firstDocumentBytes(
                client.getDatabase(ns).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION));
    }

    @Override
    public void close() {
        server.close();
    }
}
