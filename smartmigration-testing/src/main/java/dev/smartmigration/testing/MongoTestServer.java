package dev.smartmigration.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bson.RawBsonDocument;

/**
 * A MongoDB server for tests: mongo-java-server in-process on a random loopback port, or the real server named
 * by {@value #URI_ENV} when that variable is set. Clients made here use short timeouts so a stopped server
 * fails a test quickly; databases made here are dropped on {@link #close()} when the server is real.
 *
 * <p>Tests usually get it, a shared client and a database of their own from {@link MongoTestServerExtension}; a
 * test that stops its server starts one itself:
 *
 * <pre>{@code
 * try (MongoTestServer server = MongoTestServer.startEmbedded()) {
 *     MongoDatabase db = server.client().getDatabase(server.newDatabaseName());
 *     server.stop();
 * }
 * }</pre>
 *
 * <p>Where mongo-java-server differs from MongoDB (see shared INFRA notes): no multi-document transactions,
 * non-unique secondary indexes are ignored, and it accepts writes into a {@code null} sub-document.
 */
public final class MongoTestServer implements AutoCloseable {

    /** The environment variable that points the tests at a real MongoDB. */
    public static final String URI_ENV = "SMARTMIGRATION_TEST_MONGODB_URI";

    private final MongoServer embedded;
    private final String uri;
    private final List<MongoClient> clients = new CopyOnWriteArrayList<>();
    private final List<String> databases = new CopyOnWriteArrayList<>();
    private volatile MongoClient shared;

    private MongoTestServer(MongoServer embedded, String uri) {
        this.embedded = embedded;
        this.uri = uri;
    }

    /** {@return a real server when {@value #URI_ENV} is set, else a new embedded one} */
    public static MongoTestServer start() {
        String real = System.getenv(URI_ENV);
        return real != null && !real.isBlank() ? new MongoTestServer(null, real) : startEmbedded();
    }

    /** {@return a new embedded server, whatever the environment says (for tests that stop it)} */
    public static MongoTestServer startEmbedded() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress address = server.getLocalAddress();
        return new MongoTestServer(server, "mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    /** {@return whether this is the in-process server} */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** {@return the connection string} */
    public String uri() {
        return uri;
    }

    /**
     * {@return one client with short timeouts shared by every caller, made on first use, closed by {@link #close()}}
     */
    public MongoClient client() {
        MongoClient c = shared;
        if (c == null) {
            synchronized (this) {
                c = shared;
                if (c == null) {
                    c = newClient();
                    shared = c;
                }
            }
        }
        return c;
    }

    /** {@return a new client with short timeouts, closed by {@link #close()}} */
    public MongoClient newClient() {
        return newClient(null);
    }

    /**
     * {@return a new client with short timeouts, closed by {@link #close()}}
     *
     * @param listener sees every command the client sends, or {@code null}
     */
    public MongoClient newClient(CommandListener listener) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS));
        if (listener != null) {
            settings.addCommandListener(listener);
        }
        MongoClient client = MongoClients.create(settings.build());
        clients.add(client);
        return client;
    }

    /** {@return a database name no other test uses, dropped by {@link #close()} on a real server} */
    public String newDatabaseName() {
        String name = "smt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        databases.add(name);
        return name;
    }

    /**
     * The stored bytes of a collection's first document, to show that a document was left byte-identical.
     *
     * @param collection the collection
     * @return the BSON bytes, or {@code null} when the collection is empty
     */
    public static byte[] firstDocumentBytes(MongoCollection<?> collection) {
        RawBsonDocument raw = collection.withDocumentClass(RawBsonDocument.class).find().first();
        if (raw == null) {
            return null;
        }
        ByteBuffer buffer = raw.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Stops the embedded server at once, so clients see it disappear (embedded only). */
    public void stop() {
        if (embedded == null) {
            throw new IllegalStateException("a real server named by " + URI_ENV + " cannot be stopped by a test");
        }
        embedded.shutdownNow();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        if (embedded == null && !clients.isEmpty()) {
            for (String db : databases) {
                try {
                    clients.get(0).getDatabase(db).drop();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        clients.forEach(MongoClient::close);
        if (embedded != null) {
            embedded.shutdownNow();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
