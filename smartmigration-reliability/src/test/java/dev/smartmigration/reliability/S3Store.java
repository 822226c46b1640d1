package dev.smartmigration.reliability;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.testing.S3TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * S3 for the scenarios: S3Proxy in-process on a random loopback port with the runtime test-jar's per-key atomic
 * store (as atomic as Amazon S3's conditional writes), or the endpoint named by
 * {@code SMARTMIGRATION_TEST_S3_ENDPOINT} with {@code SMARTMIGRATION_TEST_S3_BUCKET} and the SDK's default
 * credentials. The embedded server checks no signatures, so children can be given throw-away keys. A namespace is
 * a ledger name and the key prefix of the round's marks; the ledger object is
 * {@code .smartmigration/<ns>.json}. Leases on S3 are judged in whole seconds, so rounds use a 3 s ttl.
 */
final class S3Store implements StoreUnderTest {

    private static final String EMBEDDED_KEY = "reliability";

    private final S3TestServer server;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final List<S3Client> clients = new ArrayList<>();

    private S3Store(S3TestServer server) {
        this.server = server;
        this.region = Region.of(server.isEmbedded() ? "us-east-1"
                : System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        this.credentials = server.isEmbedded()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(EMBEDDED_KEY, EMBEDDED_KEY))
                : DefaultCredentialsProvider.builder().build();
        this.client = clientVia(server.endpoint(), List.of());
    }

    /** @return the store, embedded unless the environment names a real endpoint */
    static S3Store start() {
        String real = System.getenv(S3TestServer.ENDPOINT_ENV);
        return new S3Store(real != null && !real.isBlank() ? S3TestServer.start()
                : S3TestServer.startEmbedded(AuthenticationType.NONE));
    }

    /** @return the parent's client */
    S3Client client() {
        return client;
    }

    /** @return the endpoint */
    URI endpoint() {
        return server.endpoint();
    }

    /** @return the bucket */
    String bucket() {
        return server.bucket();
    }

    /**
     * @param endpoint     where to send requests (the server, or a proxy in front of it)
     * @param interceptors see every request
     * @return a client with this store's credentials, closed with the store
     */
    S3Client clientVia(URI endpoint, List<ExecutionInterceptor> interceptors) {
        S3Client c = Connection.s3Client(endpoint, region, credentials, interceptors);
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /**
     * @param ns a namespace
     * @return the ledger object's key
     */
    static String ledgerKey(String ns) {
        return S3Ledger.KEY_PREFIX + ns + ".json";
    }

    @Override
    public String name() {
        return "S3";
    }

    @Override
    public boolean isEmbedded() {
        return server.isEmbedded();
    }

    @Override
    public long ttlMs() {
        return 3000;
    }

    @Override
    public String newNamespace() {
        return S3TestServer.uniqueName("rel");
    }

    @Override
    public List<String> childArgs() {
        List<String> args = new ArrayList<>(List.of("store=s3", "endpoint=" + server.endpoint(),
                "bucket=" + server.bucket(), "region=" + region.id()));
        if (server.isEmbedded()) {
            args.addAll(List.of("accessKey=" + EMBEDDED_KEY, "secretKey=" + EMBEDDED_KEY));
        }
        return args;
    }

    @Override
    public MigrationConfig.Builder config(String ns) {
        return MigrationConfig.builder().s3(client, server.bucket()).ledgerName(ns);
    }

    @Override
    public Marks marks(String ns) {
        return Marks.s3(client, server.bucket(), ns);
    }

    @Override
    public Function<MigrationContext, Marks> stepMarks(String ns) {
        return ctx -> Marks.s3(ctx.s3(), ctx.bucket(), ns);
    }

    @Override
    public MigrationConfig.Builder tenantConfig(String ns, String tenant) {
        return MigrationConfig.builder().s3(client, server.bucket(), StoreUnderTest.tenantPrefix(ns, tenant));
    }

    @Override
    public Marks tenantMarks(String ns, String tenant) {
        return Marks.s3(client, server.bucket(), ns + "/" + tenant);
    }

    @Override
    public byte[] ledgerBytes(String ns) {
        try {
            return client.getObjectAsBytes(b -> b.bucket(server.bucket()).key(ledgerKey(ns))).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(S3Client::close);
        }
        server.close();
    }
}
