package dev.smartmigration.testing;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hands tests an S3 endpoint: one {@link S3TestServer} for the whole test run (embedded S3Proxy made per-object
 * atomic like Amazon S3, or the real endpoint named by {@value S3TestServer#ENDPOINT_ENV}), started on first use
 * and closed when the run ends, so the suite starts S3Proxy once.
 *
 * <p>It resolves two types, for parameters of test methods, lifecycle methods and constructors, and for
 * {@link TestResource} fields (filled before each test):
 * <ul>
 *   <li>{@link S3TestServer}: the run's server, with its shared {@link S3TestServer#bucket() bucket} (give each test
 *       its own key prefix or ledger name) and {@link S3TestServer#createBucket()} for a test that needs an empty
 *       bucket;
 *   <li>{@link S3Client}: one client of that server shared by every test, with the SDK's default retries;
 *   <li>{@link TestBucket}: an empty bucket no other test uses (the test method and its {@code @BeforeEach} and
 *       {@code @AfterEach} share it).
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(S3TestServerExtension.class)
 * class ExportsMigrationTest {
 *     @TestResource S3Client s3;
 *
 *     @Test
 *     void movesTheExports(S3TestServer server) {
 *         s3.putObject(b -> b.bucket(server.bucket()).key("exports/a.csv"), RequestBody.fromString("a"));
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class S3TestServerExtension extends ResourceExtension {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(S3TestServerExtension.class);

    /** Created by JUnit for {@code @ExtendWith(S3TestServerExtension.class)}. */
    public S3TestServerExtension() {
    }

    /** What each type resolves to; the server starts on the first call that needs it. */
    @Override
    Map<Class<?>, Supplier<Object>> values(ExtensionContext context) {
        ExtensionContext.Store run = context.getRoot().getStore(NAMESPACE);
        Supplier<S3TestServer> server = () -> run.getOrComputeIfAbsent(S3TestServer.class,
                key -> S3TestServer.start(), S3TestServer.class);
        return Map.of(S3TestServer.class, server::get, S3Client.class,
                () -> run.getOrComputeIfAbsent(S3Client.class, key -> server.get().client(), S3Client.class),
                TestBucket.class, () -> context.getStore(NAMESPACE).getOrComputeIfAbsent(TestBucket.class,
                        key -> new TestBucket(server.get().createBucket()), TestBucket.class));
    }
}
