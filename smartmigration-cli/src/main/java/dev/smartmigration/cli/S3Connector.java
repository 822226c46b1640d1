package dev.smartmigration.cli;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.Tenants;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 side of the options; loaded only when {@code --bucket} is given. */
final class S3Connector {

    private S3Connector() {
    }

    /**
     * Opens the client the options name (closed with {@code connections}) and checks that the bucket answers.
     *
     * @return the client and the bucket
     */
    static Opened open(Connections connections, URI endpoint, String region, boolean pathStyle, String bucket,
                       Duration connectTimeout) {
        // Credentials and, unless --region is given, the region come from the SDK's default provider chains.
        S3ClientBuilder s3 = S3Client.builder().forcePathStyle(pathStyle);
        if (endpoint != null) {
            // An S3-compatible store: send checksums only where an operation requires them, because stores such as
            // Ceph RGW before 18 refuse every PutObject that carries the SDK's default checksum trailer
            // (400 XAmzContentSHA256Mismatch).
            s3.endpointOverride(endpoint)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (region != null) {
            s3.region(Region.of(region));
        }
        S3Client client = s3.build();
        connections.add(client);
        checkReachable(client, bucket, endpoint, connectTimeout);
        return new Opened(client, bucket);
    }

    /**
     * An open client and its bucket.
     *
     * @param client the client
     * @param bucket {@code --bucket}
     */
    record Opened(S3Client client, String bucket) {

        /** Puts the client into a configuration, for the data under {@code keyPrefix}. */
        void configure(MigrationConfig.Builder builder, String keyPrefix) {
            builder.s3(client, bucket, keyPrefix);
        }

        /** @return the ids of the tenants whose folders are directly under {@code parentPrefix} */
        Supplier<List<String>> tenants(String parentPrefix) {
            return Tenants.s3Prefixes(client, bucket, parentPrefix);
        }
    }

    /**
     * One {@code HeadBucket}, bounded as a whole (retries included) by {@code --connect-timeout}: an endpoint that
     * does not answer, a missing bucket and refused credentials are reported before any command starts.
     */
    private static void checkReachable(S3Client client, String bucket, URI endpoint, Duration connectTimeout) {
        String where = "S3 bucket " + bucket + (endpoint == null ? "" : " at " + endpoint);
        Map<String, String> details = Map.of("bucket", bucket);
        try {
            client.headBucket(HeadBucketRequest.builder().bucket(bucket)
                    .overrideConfiguration(o -> o.apiCallTimeout(connectTimeout)).build());
        } catch (S3Exception e) {
            String problem = switch (e.statusCode()) {
                case 404 -> "it does not exist. Check --bucket (and --s3-endpoint, --region)";
                case 403 -> "access is denied. Check the AWS credentials the CLI runs with (environment, ~/.aws, "
                        + "instance role)";
                default -> "the store answered " + e.statusCode() + ": " + e.getMessage();
            };
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, where + " cannot be used: " + problem
                    + ".", details, e);
        } catch (SdkClientException e) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, where + " did not answer within "
                    + "--connect-timeout " + DurationConverter.format(connectTimeout) + ": " + e.getMessage()
                    + ". Check --s3-endpoint and the network, or give a longer --connect-timeout.", details, e);
        }
    }
}
