package dev.smartmigration.reliability;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A child instance's connection to the store its arguments name: {@code store=mongo uri=<connection string>}, or
 * {@code store=s3 endpoint=<url> bucket=<name> region=<region>} with {@code accessKey}/{@code secretKey} (the
 * embedded server's) or else the SDK's default credentials (a real endpoint). The database (MongoDB) or key
 * prefix (S3) and the ledger's name are the scenario's namespace {@code ns}.
 */
interface Connection extends AutoCloseable {

    /**
     * @param ns the scenario's namespace
     * @return a configuration of this store with the ledger named {@code ns}; the caller adds the rest
     */
    MigrationConfig.Builder config(String ns);

    /**
     * @param ctx the running step's context
     * @param ns  the scenario's namespace
     * @return the marks, written through the store the runtime hands the step
     */
    Marks marks(MigrationContext ctx, String ns);

    /**
     * @param ns     the fleet scenario's namespace
     * @param tenant a tenant of it
     * @return a configuration of the tenant's own stores: database {@code <ns>_<tenant>} on MongoDB, key prefix
     *         {@code <ns>/<tenant>/} on S3, each with its own ledger there
     */
    MigrationConfig.Builder tenantConfig(String ns, String tenant);

    /**
     * @param ctx a fleet step's context
     * @return the marks, written in the tenant's store the runtime hands the step
     */
    Marks tenantMarks(MigrationContext ctx);

    @Override
    void close();

    /**
     * @param args the instance's arguments
     * @return the connection they describe
     */
    static Connection open(Map<String, String> args) {
        if ("s3".equals(args.get("store"))) {
            AwsCredentialsProvider credentials = args.containsKey("accessKey")
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(args.get("accessKey"),
                            args.get("secretKey")))
                    : DefaultCredentialsProvider.builder().build();
            S3Client s3 = s3Client(URI.create(args.get("endpoint")), Region.of(args.get("region")), credentials,
                    List.of());
            String bucket = args.get("bucket");
            return new Connection() {
                @Override
                public MigrationConfig.Builder config(String ns) {
                    return MigrationConfig.builder().s3(s3, bucket).ledgerName(ns);
                }

                @Override
                public Marks marks(MigrationContext ctx, String ns) {
                    return Marks.s3(ctx.s3(), ctx.bucket(), ns);
                }

                @Override
                public MigrationConfig.Builder tenantConfig(String ns, String tenant) {
                    return MigrationConfig.builder().s3(s3, bucket, StoreUnderTest.tenantPrefix(ns, tenant));
                }

                @Override
                public Marks tenantMarks(MigrationContext ctx) {
                    return Marks.s3(ctx.s3(), ctx.bucket(), ctx.keyPrefix().substring(0, ctx.keyPrefix().length() - 1));
                }

                @Override
                public void close() {
                    s3.close();
                }
            };
        }
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(args.get("uri")))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
                .build());
        return new Connection() {
            @Override
            public MigrationConfig.Builder config(String ns) {
                return MigrationConfig.builder().mongo(client, ns).ledgerName(ns);
            }

            @Override
            public Marks marks(MigrationContext ctx, String ns) {
                return Marks.mongo(ctx.mongo());
            }

            @Override
            public MigrationConfig.Builder tenantConfig(String ns, String tenant) {
                return MigrationConfig.builder().mongo(client, StoreUnderTest.tenantDatabase(ns, tenant));
            }

            @Override
            public Marks tenantMarks(MigrationContext ctx) {
                return Marks.mongo(ctx.mongo());
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /**
     * An S3 client set up as the runtime's tests set theirs (light HTTP client, path-style unless Amazon, no
     * chunked uploads: see shared INFRA notes on S3Proxy over plain http).
     *
     * @param endpoint     the endpoint
     * @param region       the region
     * @param credentials  the credentials
     * @param interceptors see every request (fault timing), may be empty
     * @return the client
     */
    static S3Client s3Client(URI endpoint, Region region, AwsCredentialsProvider credentials,
                             List<ExecutionInterceptor> interceptors) {
        boolean amazon = endpoint.getHost() != null && endpoint.getHost().endsWith("amazonaws.com");
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(!amazon)
                        .chunkedEncodingEnabled(false).build())
                .overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor))
                .build();
    }
}
