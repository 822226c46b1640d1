package dev.smartmigration.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands tests a MongoDB: one {@link MongoTestServer} for the whole test run (embedded, or the real server named by
 * {@value MongoTestServer#URI_ENV}), started on first use and closed when the run ends.
 *
 * <p>It resolves three types, for parameters of test methods, lifecycle methods and constructors, and for
 * {@link TestResource} fields (filled before each test):
 * <ul>
 *   <li>{@link MongoTestServer}: the run's server;
 *   <li>{@link MongoClient}: the server's shared {@link MongoTestServer#client() client};
 *   <li>{@link MongoDatabase}: a database no other test uses. A test method, its {@code @BeforeEach} and its
 *       {@code @AfterEach} methods get the same one; a {@code @BeforeAll} method gets one for its class. On a
 *       real server these databases are dropped when the run ends.
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(MongoTestServerExtension.class)
 * class OrdersMigrationTest {
 *     @TestResource MongoClient client;
 *
 *     @Test
 *     void backfillsTheCustomerId(MongoDatabase db) {
 *         db.getCollection("orders").insertOne(new Document("customer", "c-1"));
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class MongoTestServerExtension extends ResourceExtension {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MongoTestServerExtension.class);

    /** Created by JUnit for {@code @ExtendWith(MongoTestServerExtension.class)}. */
    public MongoTestServerExtension() {
    }

    /** What each type resolves to; the server starts on the first call that needs it. */
    @Override
    Map<Class<?>, Supplier<Object>> values(ExtensionContext context) {
        return Map.of(MongoTestServer.class, () -> server(context), MongoClient.class, () -> server(context).client(),
                MongoDatabase.class, () -> context.getStore(NAMESPACE).getOrComputeIfAbsent(MongoDatabase.class,
                        key -> server(context).client().getDatabase(server(context).newDatabaseName()),
                        MongoDatabase.class));
    }

    /**
     * {@return the run's server, started on first use}
     *
     * @param context any context of the run
     */
    private static MongoTestServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MongoTestServer.class, key -> MongoTestServer.start(), MongoTestServer.class);
    }
}
