package dev.smartmigration.runtime.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Tells a fresh install from an existing one: a bucket holds application data when it has any key outside
 * {@value S3Ledger#KEY_PREFIX}, where smartmigration keeps its own objects.
 *
 * <pre>{@code
 * if (!S3DataPresence.hasApplicationData(s3, "orders-data")) {
 *     // nothing to migrate: stamp the ledger at the target version
 * }
 * }</pre>
 */
public final class S3DataPresence {

    private S3DataPresence() {
    }

    /**
     * Looks for any key outside {@value S3Ledger#KEY_PREFIX}, usually in one {@code ListObjectsV2} request: with
     * delimiter {@code /} the whole {@code .smartmigration/} folder is one entry, so two entries suffice.
     *
     * @param s3     the application's S3 client
     * @param bucket the application's bucket
     * @return whether the bucket holds any object the application wrote
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when the bucket cannot be listed
     */
    public static boolean hasApplicationData(S3Client s3, String bucket) {
        if (s3 == null || bucket == null || bucket.isBlank()) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                    "checking a bucket for application data needs an S3 client and a non-blank bucket name");
        }
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).delimiter("/").maxKeys(2).build();
        try {
            while (true) {
                ListObjectsV2Response page = s3.listObjectsV2(request);
                if (!page.contents().isEmpty()) {
                    return true;
                }
                for (CommonPrefix prefix : page.commonPrefixes()) {
                    if (!S3Ledger.KEY_PREFIX.equals(prefix.prefix())) {
                        return true;
                    }
                }
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    return false;
                }
                request = request.toBuilder().continuationToken(page.nextContinuationToken()).build();
            }
        } catch (SdkException e) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "could not list the S3 bucket " + bucket + " to tell a fresh install from existing data: "
                            + e.getMessage() + ". Check that the bucket exists and that the credentials may list it.",
                    Map.of("bucket", bucket), e);
        }
    }
}
