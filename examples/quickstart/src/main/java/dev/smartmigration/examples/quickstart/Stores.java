package dev.smartmigration.examples.quickstart;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The quickstart's MongoDB database and S3 bucket: real services named by environment variables, or embedded
 * servers that keep their data in a directory, so that a second run finds what the first one wrote.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><td>{@code MONGODB_URI}</td><td>a real MongoDB; {@code MONGODB_DATABASE} names the database
 * (default {@code quickstart})</td></tr>
 * <tr><td>{@code S3_BUCKET}</td><td>a real S3 bucket; {@code S3_ENDPOINT} for an S3-compatible store other than
 * Amazon S3, {@code AWS_REGION} (default {@code us-east-1}), and the credentials in
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} or wherever the AWS SDK looks for them</td></tr>
 * </table>
 */
final class Stores implements AutoCloseable {

    private static final String EMBEDDED_ACCESS_KEY = "quickstart";
    private static final String EMBEDDED_SECRET_KEY = "quickstart-secret";
    private static final String DEFAULT_NAME = "quickstart";

    private final Deque<AutoCloseable> openedInOrder = new ArrayDeque<>();
    private MongoClient mongo;
    private String database;
    private S3Client s3;
    private String bucket;

    private Stores() {
    }

    /**
     * @param env     the environment (variables above)
     * @param dataDir where the embedded servers keep their data; created if missing
     * @return the stores, to be closed when done (which stops the embedded servers cleanly)
     */
    static Stores open(Map<String, String> env, Path dataDir) {
        Stores stores = new Stores();
        try {
            stores.openMongo(env, dataDir);
            stores.openS3(env, dataDir);
            return stores;
        } catch (RuntimeException e) {
            try {
                stores.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    MongoClient mongo() {
        return mongo;
    }

    String database() {
        return database;
    }

    S3Client s3() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    private void openMongo(Map<String, String> env, Path dataDir) {
        String uri = env.get("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            // One JVM at a time per file; a clean shutdown (close()) commits what was written.
            MongoServer server = new MongoServer(new H2Backend(directory(dataDir).resolve("mongo.mv").toString()));
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            openedInOrder.push(server::shutdown);
            InetSocketAddress address = server.getLocalAddress();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        }
        mongo = MongoClients.create(uri);
        openedInOrder.push(mongo);
        database = env.getOrDefault("MONGODB_DATABASE", DEFAULT_NAME);
    }

    private void openS3(Map<String, String> env, Path dataDir) {
        String realBucket = env.get("S3_BUCKET");
        String endpoint = env.get("S3_ENDPOINT");
        if (realBucket != null && !realBucket.isBlank()) {
            AwsCredentialsProvider credentials = env.containsKey("AWS_ACCESS_KEY_ID")
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"),
                            env.get("AWS_SECRET_ACCESS_KEY")))
                    : DefaultCredentialsProvider.builder().build();
            s3 = s3Client(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                    Region.of(env.getOrDefault("AWS_REGION", "us-east-1")), credentials);
            bucket = realBucket;
            return;
        }
        if (endpoint != null && !endpoint.isBlank()) {
            throw new IllegalArgumentException("S3_ENDPOINT is set but S3_BUCKET is not: name the bucket to use.");
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory(dataDir.resolve("s3")).toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY)
                // Stopped after its clients are closed: no request is in flight, idle connections need no wait.
                .stopTimeout(0)
                .build();
        startAndWait(proxy);
        openedInOrder.push(proxy::stop);
        s3 = s3Client(URI.create("http://127.0.0.1:" + proxy.getPort()), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY)));
        bucket = DEFAULT_NAME;
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private S3Client s3Client(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Path-style for S3-compatible stores; no chunked uploads, which S3Proxy over http mishandles.
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(endpoint != null)
                        .chunkedEncodingEnabled(false)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        S3Client client = builder.build();
        openedInOrder.push(client);
        return client;
    }

    private static void startAndWait(S3Proxy proxy) {
        try {
            proxy.start();
            for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while S3Proxy was starting", e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start within 10 s: " + proxy.getState());
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /** Closes the clients, then stops the embedded servers, which flushes their data to disk. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!openedInOrder.isEmpty()) {
            try {
                openedInOrder.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r
                        : new IllegalStateException("could not stop an embedded server", e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
