package dev.smartmigration.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An S3 endpoint for tests: S3Proxy 4.1.0 in-process on a random loopback port, with an in-memory store made
 * per-object atomic like Amazon S3 ({@link KeyAtomicBlobStore}), or a real endpoint when
 * {@code SMARTMIGRATION_TEST_S3_ENDPOINT} is set (with {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_REGION} and {@code SMARTMIGRATION_TEST_S3_BUCKET}); {@code scripts/rgw.sh} starts one, Ceph RGW.
 *
 * <p>A run that must test the real endpoint (CI's RGW stage, {@code scripts/rgw-tests.sh}) also sets the system
 * property {@value #REQUIRED_ENDPOINT_PROPERTY} to it: then a test that would start S3Proxy, or find another
 * endpoint in the environment, fails instead of quietly testing something else.
 *
 * <pre>{@code
 * try (S3TestServer server = S3TestServer.start()) {
 *     S3Client s3 = server.client();
 *     s3.putObject(b -> b.bucket(server.bucket()).key("a"), RequestBody.fromString("x"));
 * }
 * }</pre>
 */
public final class S3TestServer implements AutoCloseable {

    /** Environment variable naming a real S3 endpoint to test against instead of the embedded server. */
    public static final String ENDPOINT_ENV = "SMARTMIGRATION_TEST_S3_ENDPOINT";
    /** Environment variable naming the bucket to use on the real endpoint. */
    public static final String BUCKET_ENV = "SMARTMIGRATION_TEST_S3_BUCKET";
    /** System property naming the endpoint a run must test against; S3Proxy is then refused. */
    public static final String REQUIRED_ENDPOINT_PROPERTY = "smartmigration.test.s3.required-endpoint";

    private static final String ACCESS_KEY = "smartmigration-test";
    private static final String SECRET_KEY = "smartmigration-test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Region region;
    private final AwsBasicCredentials credentials;
    private final String bucket;
    private final List<S3Client> clients = new ArrayList<>();

    private S3TestServer(S3Proxy proxy, URI endpoint, Region region, AwsBasicCredentials credentials,
                         String bucket) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.bucket = bucket;
    }

    /** {@return the real endpoint from the environment if set, else an embedded, S3-atomic S3Proxy} */
    public static S3TestServer start() {
        String external = System.getenv(ENDPOINT_ENV);
        String required = System.getProperty(REQUIRED_ENDPOINT_PROPERTY);
        if (required != null && !required.equals(external)) {
            throw new IllegalStateException("this run must test against " + required + " (system property "
                    + REQUIRED_ENDPOINT_PROPERTY + ") but " + ENDPOINT_ENV + " is " + external);
        }
        if (external == null || external.isBlank()) {
            return startEmbedded(AuthenticationType.AWS_V4);
        }
        String bucket = System.getenv(BUCKET_ENV);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException(ENDPOINT_ENV + " is set but " + BUCKET_ENV + " is not");
        }
        String accessKey = System.getenv("AWS_ACCESS_KEY_ID");
        String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (accessKey == null || secretKey == null) {
            throw new IllegalStateException(ENDPOINT_ENV + " is set but AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY "
                    + "is not");
        }
        String regionName = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        AwsBasicCredentials credentials = AwsBasicCredentials.create(accessKey, secretKey);
        return new S3TestServer(null, URI.create(external), Region.of(regionName), credentials, bucket);
    }

    /**
     * Always embedded, whatever the environment says; refused when {@value #REQUIRED_ENDPOINT_PROPERTY} is set.
     *
     * @param authentication {@code AWS_V4} normally; {@code NONE} lets clients sign with any keys
     * @return a started server with one empty bucket
     */
    public static S3TestServer startEmbedded(AuthenticationType authentication) {
        String required = System.getProperty(REQUIRED_ENDPOINT_PROPERTY);
        if (required != null) {
            throw new IllegalStateException("this run must test against " + required + " (system property "
                    + REQUIRED_ENDPOINT_PROPERTY + "), yet a test started the embedded S3Proxy: use "
                    + "S3TestServer.start(), or skip the test on a real store and say why");
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new KeyAtomicBlobStore(new TransientNio2BlobStore()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            if (!"STARTED".equals(proxy.getState())) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        S3TestServer server = new S3TestServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()),
                Region.US_EAST_1, AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY), "smartmigration-test");
        server.client().createBucket(b -> b.bucket(server.bucket));
        return server;
    }

    /** {@return whether this is the in-process S3Proxy rather than a real endpoint} */
    public boolean isEmbedded() {
        return proxy != null;
    }

    /** {@return the endpoint clients talk to} */
    public URI endpoint() {
        return endpoint;
    }

    /** {@return the keys clients of this server sign with} */
    public AwsBasicCredentials credentials() {
        return credentials;
    }

    /** {@return the region clients of this server sign for} */
    public Region region() {
        return region;
    }

    /** {@return the bucket tests share; give each test its own ledger name or key prefix} */
    public String bucket() {
        return bucket;
    }

    /** {@return a client with the SDK's default retries, closed with the server} */
    public S3Client client() {
        return client(endpoint, true);
    }

    /**
     * A client to this server, or to a proxy in front of it.
     *
     * @param target     where to send requests
     * @param sdkRetries whether the SDK retries failed requests itself (its default); {@code false} lets a test
     *                   see a single failure
     * @return a client, closed with the server
     */
    public S3Client client(URI target, boolean sdkRetries) {
        return client(target, sdkRetries, null);
    }

    /**
     * A client that lets {@code observer} see every request it sends (to count them, never to change them).
     *
     * @param observer an interceptor of the real client
     * @return a client with the SDK's default retries, closed with the server
     */
    public S3Client client(ExecutionInterceptor observer) {
        return client(endpoint, true, observer);
    }

    private S3Client client(URI target, boolean sdkRetries, ExecutionInterceptor observer) {
        boolean amazon = target.getHost() != null && target.getHost().endsWith("amazonaws.com");
        S3ClientBuilder builder = S3Client.builder()
                .endpointOverride(target)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Over plain http S3Proxy sometimes stores a chunked upload and then drops the connection.
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(!amazon)
                        .chunkedEncodingEnabled(false)
                        .build());
        builder.overrideConfiguration(o -> {
            if (!sdkRetries) {
                o.retryStrategy(AwsRetryStrategy.doNotRetry());
            }
            if (observer != null) {
                o.addExecutionInterceptor(observer);
            }
        });
        S3Client client = builder.build();
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /**
     * {@return a name no other test uses, valid as a ledger name and as a bucket name}
     *
     * @param prefix a readable start
     */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates an empty bucket. On a real endpoint whose credentials may not create buckets the calling test is
     * skipped (a JUnit assumption), not failed.
     *
     * @return its name
     */
    public String createBucket() {
        String name = uniqueName("smartmigration-test");
        try {
            client().createBucket(b -> b.bucket(name));
        } catch (SdkException e) {
            Assumptions.abort("cannot create a bucket on " + endpoint + ": " + e.getMessage());
        }
        return name;
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(S3Client::close);
            clients.clear();
        }
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not stop", e);
            }
        }
    }
}
