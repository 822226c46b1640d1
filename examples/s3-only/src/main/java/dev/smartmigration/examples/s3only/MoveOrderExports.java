package dev.smartmigration.examples.s3only;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Moves {@code exports/<file>} to {@code orders/exports/<file>}: copy, then delete. A re-run lists only what is
 * left under the old prefix, so an interrupted run is safe to repeat.
 */
@Migration(id = "move-order-exports", from = "2.1.0", to = "2.2.0",
        description = "Move exports/<file> to orders/exports/<file>")
public final class MoveOrderExports implements MigrationStep {

    static final String OLD_PREFIX = "exports/";
    static final String NEW_PREFIX = "orders/exports/";

    @Override
    public void up(MigrationContext ctx) {
        String bucket = ctx.bucket();
        for (S3Object object : ctx.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(OLD_PREFIX)).contents()) {
            String newKey = NEW_PREFIX + object.key().substring(OLD_PREFIX.length());
            ctx.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey(object.key())
                    .destinationBucket(bucket).destinationKey(newKey));
            ctx.s3().deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
    }
}
