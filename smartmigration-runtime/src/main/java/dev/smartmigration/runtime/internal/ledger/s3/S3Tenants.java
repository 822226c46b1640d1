package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Tenant discovery for the prefix-per-tenant layout: the "folders" directly under a parent prefix of one bucket
 * ({@code tenants/acme/} under {@code tenants/} is tenant {@code acme}), listed with delimiter {@code /}: one
 * {@code ListObjectsV2} request per 1,000 tenants, whatever the number of objects in them. A tenant appears once
 * any object exists under its prefix; {@value S3Ledger#KEY_PREFIX} is never a tenant.
 */
public final class S3Tenants {

    private S3Tenants() {
    }

    /**
     * @param s3     the client
     * @param bucket the bucket
     * @param parent the parent prefix ({@code ""} for the bucket's top level), valid by {@link KeyPrefix}
     * @return the tenant ids, in the store's (lexicographic) order
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when the bucket cannot be listed
     */
    public static List<String> prefixes(S3Client s3, String bucket, String parent) {
        List<String> tenants = new ArrayList<>();
        ListObjectsV2Request.Builder list = ListObjectsV2Request.builder().bucket(bucket).delimiter("/");
        ListObjectsV2Request request = (parent.isEmpty() ? list : list.prefix(parent)).build();
        try {
            while (true) {
                ListObjectsV2Response page = s3.listObjectsV2(request);
                for (CommonPrefix prefix : page.commonPrefixes()) {
                    String name = prefix.prefix().substring(parent.length(), prefix.prefix().length() - 1);
                    if (!name.isEmpty() && !name.equals(KeyPrefix.RESERVED_SEGMENT)) {
                        tenants.add(name);
                    }
                }
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    return List.copyOf(tenants);
                }
                request = request.toBuilder().continuationToken(page.nextContinuationToken()).build();
            }
        } catch (SdkException e) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, "could not list the S3 bucket " + bucket
                    + " under \"" + parent + "\" to find the fleet's tenants: " + e.getMessage() + ". Check that the "
                    + "bucket exists and that the credentials may list it (s3:ListBucket).",
                    Map.of("bucket", bucket, "prefix", parent), e);
        }
    }
}
