package dev.smartmigration.reliability;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An embedded MongoDB that can be stopped and started again on the same loopback port with the same data
 * (mongo-java-server's H2 backend in a file), so a test can pull the server out from under a running migration.
 * Always embedded: a real server named by {@code SMARTMIGRATION_TEST_MONGODB_URI} cannot be stopped by a test.
 * The client sees a stopped mongo-java-server the way it sees a stopped mongod: connections refused and reset.
 */
final class RestartableMongoStore extends MongoStoreBase {

    private final Path file;
    private final InetSocketAddress address;
    private final MongoClient client;
    private volatile Consumer<CommandStartedEvent> onCommand = e -> { };
    private MongoServer server;

    private RestartableMongoStore(Path file) {
        this.file = file;
        this.server = new MongoServer(new H2Backend(file.toString()));
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.address = server.getLocalAddress();
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        onCommand.accept(event);
                    }
                })
                .build());
    }

    /**
     * @param dir a directory for the data file
     * @return the running server and a client of it
     */
    static RestartableMongoStore start(Path dir) {
        return new RestartableMongoStore(dir.resolve("mongo-" + UUID.randomUUID() + ".mv").toAbsolutePath());
    }

    @Override
    MongoClient client() {
        return client;
    }

    @Override
    String uri() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** @return the server's address */
    InetSocketAddress address() {
        return address;
    }

    /** @param listener sees every command the client starts (on the client's thread) */
    void onCommand(Consumer<CommandStartedEvent> listener) {
        this.onCommand = listener;
    }

    /** Stops the server at once: open connections are closed, new ones refused. */
    synchronized void stop() {
        server.shutdownNow();
    }

    /** Starts the server again on the same port with the data it had. */
    synchronized void restart() {
        server = new MongoServer(new H2Backend(file.toString()));
        server.bind(address);
    }

    @Override
    public boolean isEmbedded() {
        return true;
    }

    @Override
    public String newNamespace() {
        return "smt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Override
    public synchronized void close() {
        client.close();
        server.shutdownNow();
    }
}
