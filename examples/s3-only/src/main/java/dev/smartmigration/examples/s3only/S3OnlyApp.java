package dev.smartmigration.examples.s3only;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Migrates the order exports in an S3 bucket to data version 2.3.0, with the ledger in the same bucket and only
 * the AWS SDK on the class path. Runs against an in-memory S3Proxy holding the exports release 2.1.0 wrote.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/s3-only -am package -DskipTests
 * java -jar examples/s3-only/target/smartmigration-s3-only.jar
 * }</pre>
 */
public final class S3OnlyApp {

    private static final String ACCESS_KEY = "s3-only";
    private static final String SECRET_KEY = "s3-only-secret";
    private static final String BUCKET = "orders-data";

    private S3OnlyApp() {
    }

    /**
     * Prints what the run did, e.g. {@code smartmigration: new ledger -> 2.3.0 (2 steps)}.
     *
     * @param args ignored
     * @throws Exception if S3Proxy cannot start or stop
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run());
    }

    /**
     * @return the line {@link #main} prints
     * @throws Exception if S3Proxy cannot start or stop
     */
    static String run() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        proxy.start();
        try {
            for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            try (S3Client s3 = client(URI.create("http://127.0.0.1:" + proxy.getPort()))) {
                s3.createBucket(b -> b.bucket(BUCKET));
                writeExportsOfRelease210(s3, BUCKET);
                return summary(migrate(s3, BUCKET));
            }
        } finally {
            proxy.stop();
        }
    }

    /**
     * Brings the bucket to 2.3.0, as the application does at start-up.
     *
     * @param s3Client the application's client
     * @param bucket   the application's bucket, which also holds the ledger
     * @return what the run did
     */
    static MigrationResult migrate(S3Client s3Client, String bucket) {
        MigrationConfig config = MigrationConfig.builder()
            .targetVersion("2.3.0")
            .s3(s3Client, bucket)                 // steps get ctx.s3() and ctx.bucket()
            .ledgerName("orders-service")         // the ledger object: .smartmigration/orders-service.json
            .lockTtl(Duration.ofSeconds(30))      // several seconds at least: S3 times are whole seconds
            .build();
        MigrationResult result = MigrationRuntime.run(config);
        return result;
    }

    static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Path-style for S3Proxy; no chunked uploads, which S3Proxy over plain http mishandles.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false).build())
                .build();
    }

    static void writeExportsOfRelease210(S3Client s3, String bucket) {
        for (String day : new String[] {"2024-05-01", "2024-05-02", "2024-05-03"}) {
            s3.putObject(b -> b.bucket(bucket).key(MoveOrderExports.OLD_PREFIX + day + ".csv"),
                    RequestBody.fromString("number,customer\n1001,c-17\n", StandardCharsets.UTF_8));
        }
    }

    static String summary(MigrationResult result) {
        return "smartmigration: " + (result.currentVersionBefore() == null ? "new ledger" : result.currentVersionBefore())
                + " -> " + result.currentVersionAfter() + " (" + result.stepsApplied().size() + " steps)";
    }
}
