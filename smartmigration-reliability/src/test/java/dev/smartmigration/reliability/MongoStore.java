package dev.smartmigration.reliability;

import com.mongodb.client.MongoClient;
import dev.smartmigration.testing.MongoTestServer;

/**
 * MongoDB for the scenarios: mongo-java-server (memory backend) on a random loopback port, or the server named
 * by {@code SMARTMIGRATION_TEST_MONGODB_URI}.
 */
final class MongoStore extends MongoStoreBase {

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

    @Override
    MongoClient client() {
        return client;
    }

    @Override
    String uri() {
        return server.uri();
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
    public void close() {
        dropTenantDatabases();
        server.close();
    }
}
