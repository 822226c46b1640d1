package dev.smartmigration.cli;

import dev.smartmigration.runtime.MigrationConfig;
import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The S3 side of the options; loaded only when {@code --bucket} is given. */
final class S3Connector {

    private S3Connector() {
    }

    static void configure(MigrationConfig.Builder builder, Connections connections, URI endpoint, String region,
                          boolean pathStyle, String bucket) {
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
        builder.s3(client, bucket);
    }
}
