package dev.smartmigration.examples.mongoonly;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Migrates the {@code orders} of database {@code appdb} to data version 2.3.0 with only the MongoDB driver on the
 * class path. Uses the MongoDB named by {@code MONGODB_URI}, or an in-memory one holding orders that release
 * 2.1.0 wrote.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/mongo-only -am package -DskipTests
 * java -jar examples/mongo-only/target/smartmigration-mongo-only.jar
 * }</pre>
 */
public final class MongoOnlyApp {

    /** The database the application keeps its data in. */
    public static final String DATABASE = "appdb";

    private MongoOnlyApp() {
    }

    /**
     * Prints what the run did, e.g. {@code smartmigration: 2.1.0 -> 2.3.0 (2 steps)}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(run(System.getenv()));
    }

    /**
     * @param env {@code MONGODB_URI} names a MongoDB to use
     * @return the line {@link #main} prints
     */
    static String run(Map<String, String> env) {
        String uri = env.get("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            try (MongoClient client = MongoClients.create(uri)) {
                return summary(migrate(client));
            }
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = server.getLocalAddress();
            try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
                writeOrdersOfRelease210(client);
                return summary(migrate(client));
            }
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * Brings {@value #DATABASE} to 2.3.0, as the application does at start-up.
     *
     * @param mongoClient the application's client
     * @return what the run did
     */
    static MigrationResult migrate(MongoClient mongoClient) {
        MigrationConfig config = MigrationConfig.builder()
            .targetVersion("2.3.0")                 // the data version this release expects
            .mongo(mongoClient, "appdb")            // the ledger lives in collection smartmigration_ledger
            .freshInstallVersion("2.3.0")           // empty database: stamp 2.3.0 instead of running every step
            .build();
        MigrationResult result = MigrationRuntime.run(config);   // call on every instance, before serving traffic
        return result;
    }

    static void writeOrdersOfRelease210(MongoClient client) {
        client.getDatabase(DATABASE).getCollection("orders").insertMany(List.of(
                new Document("number", 1001).append("customer", "c-17"),
                new Document("number", 1002).append("customer", "c-42")));
    }

    static String summary(MigrationResult result) {
        if (result.wasFreshInstall()) {
            return "smartmigration: fresh install stamped " + result.currentVersionAfter() + " ("
                    + result.stepsApplied().size() + " steps)";
        }
        return "smartmigration: " + (result.currentVersionBefore() == null ? "new ledger" : result.currentVersionBefore())
                + " -> " + result.currentVersionAfter() + " (" + result.stepsApplied().size() + " steps)";
    }
}
