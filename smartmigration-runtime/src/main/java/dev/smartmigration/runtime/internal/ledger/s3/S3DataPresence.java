package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.DataPresence;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Fresh-install detection for S3: the application's part of the bucket (the whole bucket, or the keys under its key
 * prefix) is empty when it has no key outside {@value S3Ledger#KEY_PREFIX} there, where smartmigration keeps its own
 * objects. Other prefixes of the bucket (other tenants' data) are not looked at.
 *
 * <pre>{@code
 * if (new S3DataPresence(s3, "orders-data", "tenants/acme/").isEmpty()) {
 *     // nothing to migrate: stamp the ledger at the target version
 * }
 * }</pre>
 */
public final class S3DataPresence implements DataPresence {

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;

    /**
     * @param s3     the application's S3 client
     * @param bucket the application's bucket, all of it the application's
     * @throws SmartMigrationException {@code INVALID_OPTIONS} for a missing client or a blank bucket
     */
    public S3DataPresence(S3Client s3, String bucket) {
        this(s3, bucket, "");
    }

    /**
     * @param s3        the application's S3 client
     * @param bucket    the application's bucket
     * @param keyPrefix the prefix under which the application's data lives ({@code ""}: the whole bucket)
     * @throws SmartMigrationException {@code INVALID_OPTIONS} for a missing client, a blank bucket or an unusable
     *                                 prefix
     */
    public S3DataPresence(S3Client s3, String bucket, String keyPrefix) {
        if (s3 == null || bucket == null || bucket.isBlank()) {
            throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS,
                    "checking a bucket for application data needs an S3 client and a non-blank bucket name");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = KeyPrefix.check(keyPrefix);
    }

    /**
     * Looks for any key under the prefix outside its {@value S3Ledger#KEY_PREFIX}, usually in one
     * {@code ListObjectsV2} request: with delimiter {@code /} the whole {@code .smartmigration/} folder is one
     * entry, so two entries suffice.
     *
     * @return whether the bucket holds no object the application wrote
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when the bucket cannot be listed
     */
    @Override
    public boolean isEmpty() {
        String own = keyPrefix + S3Ledger.KEY_PREFIX;
        ListObjectsV2Request.Builder list = ListObjectsV2Request.builder().bucket(bucket).delimiter("/").maxKeys(2);
        ListObjectsV2Request request = (keyPrefix.isEmpty() ? list : list.prefix(keyPrefix)).build();
        try {
            while (true) {
                ListObjectsV2Response page = s3.listObjectsV2(request);
                if (!page.contents().isEmpty()) {
                    return false;
                }
                for (CommonPrefix prefix : page.commonPrefixes()) {
                    if (!own.equals(prefix.prefix())) {
                        return false;
                    }
                }
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    return true;
                }
                request = request.toBuilder().continuationToken(page.nextContinuationToken()).build();
            }
        } catch (SdkException e) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "could not list the S3 bucket " + bucket + (keyPrefix.isEmpty() ? "" : " under " + keyPrefix)
                            + " to tell a fresh install from existing data: "
                            + e.getMessage() + ". Check that the bucket exists and that the credentials may list it.",
                    Map.of("bucket", bucket), e);
        }
    }
}
