package dev.smartmigration.examples.fleet;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.smartmigration.runtime.FleetConfig;
import dev.smartmigration.runtime.FleetInfo;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.Tenants;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.bson.Document;

/**
 * A SaaS application with a database per tenant ({@code tenant_acme}, {@code tenant_globex}, ...) migrates the
 * whole fleet at start-up. Two instances boot together and share the tenants: each tenant is migrated by exactly
 * one of them, once. Uses the MongoDB named by {@code MONGODB_URI} (a scratch server: the example creates
 * {@code tenant_*} databases there when it has none), or an in-memory one with tenants that release 1.0.0 wrote.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/fleet -am package -DskipTests
 * java -jar examples/fleet/target/smartmigration-fleet.jar [--tenants=20]
 * }</pre>
 */
public final class FleetApp {

    /** The common start of the tenants' database names. */
    public static final String PREFIX = "tenant_";

    private static final int DEFAULT_TENANTS = 20;

    private FleetApp() {
    }

    /**
     * Prints what each instance did, where the fleet stands, and what the next boot costs.
     *
     * @param args {@code --tenants=N}: how many tenants the in-memory server gets (default 20)
     */
    public static void main(String[] args) {
        int tenants = DEFAULT_TENANTS;
        for (String arg : args) {
            if (arg.startsWith("--tenants=")) {
                tenants = Integer.parseInt(arg.substring("--tenants=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "; usage: [--tenants=N]");
            }
        }
        run(System.getenv(), tenants).forEach(System.out::println);
    }

    /**
     * @param env     {@code MONGODB_URI} names a MongoDB to use
     * @param tenants how many tenants to create when there are none
     * @return the lines {@link #main} prints
     */
    static List<String> run(Map<String, String> env, int tenants) {
        String uri = env.get("MONGODB_URI");
        if (uri != null && !uri.isBlank()) {
            try (MongoClient client = MongoClients.create(uri)) {
                return demo(client, tenants);
            }
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = server.getLocalAddress();
            try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":"
                    + address.getPort())) {
                return demo(client, tenants);
            }
        } finally {
            server.shutdownNow();
        }
    }

    static List<String> demo(MongoClient client, int tenants) {
        List<String> out = new ArrayList<>();
        if (Tenants.mongoDatabases(client, PREFIX).get().isEmpty()) {
            writeTenantsOfRelease100(client, tenants);
            out.add("created " + tenants + " tenant databases as release 1.0.0 left them");
        }
        List<String> instances = List.of("instance-a", "instance-b");
        List<FleetResult> results = bootTogether(client, instances);
        for (int i = 0; i < instances.size(); i++) {
            out.add(instances.get(i) + ": " + results.get(i));
        }
        FleetInfo info = MigrationRuntime.infoFleet(fleet(client, "status"));
        out.add("tenants per data version: " + info.countsByVersion());
        out.add("next boot: " + migrate(client, "instance-a"));
        return out;
    }

    /**
     * Starts the instances' {@link #migrate} at the same moment, as instances of one deploy do.
     *
     * @param client    the MongoDB
     * @param instances the instances' names
     * @return each instance's result, in order
     */
    static List<FleetResult> bootTogether(MongoClient client, List<String> instances) {
        List<CompletableFuture<FleetResult>> boots = instances.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> migrate(client, name))).toList();
        return boots.stream().map(CompletableFuture::join).toList();
    }

    /**
     * What the application does at start-up, on every instance: brings every tenant to 1.2.0.
     *
     * @param mongoClient the application's client
     * @param instance    this instance's name
     * @return each tenant's outcome
     */
    static FleetResult migrate(MongoClient mongoClient, String instance) {
        FleetResult result = MigrationRuntime.runFleet(fleet(mongoClient, instance));
        return result;
    }

    /**
     * @param mongoClient the application's client
     * @param instance    this instance's name
     * @return the fleet: every {@code tenant_*} database, listed again at every call
     */
    static FleetConfig fleet(MongoClient mongoClient, String instance) {
        FleetConfig fleet = FleetConfig.builder()
            .tenants(Tenants.mongoDatabases(mongoClient, "tenant_"))  // tenant_acme -> "acme", listed at every call
            .config(tenant -> MigrationConfig.builder()                // each tenant's own database and ledger
                .targetVersion("1.2.0").mongo(mongoClient, "tenant_" + tenant)
                .owner(instance)                                       // default host:pid; two instances share this JVM
                .build())
            .parallelism(4)                                            // tenants migrated at once by this instance
            .build();
        return fleet;
    }

    /**
     * Creates tenants {@code t001}, {@code t002}, ... with three projects each and no slugs, as release 1.0.0 did.
     *
     * @param client  the MongoDB
     * @param tenants how many
     */
    static void writeTenantsOfRelease100(MongoClient client, int tenants) {
        for (int t = 1; t <= tenants; t++) {
            String tenant = String.format(Locale.ROOT, "t%03d", t);
            client.getDatabase(PREFIX + tenant).getCollection("projects").insertMany(IntStream.rangeClosed(1, 3)
                    .mapToObj(p -> new Document("name", "Project " + p + " of " + tenant)).toList());
        }
    }
}
