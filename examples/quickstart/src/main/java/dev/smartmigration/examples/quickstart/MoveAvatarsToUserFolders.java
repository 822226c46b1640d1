package dev.smartmigration.examples.quickstart;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Moves {@code avatars/<handle>.png} to {@code users/<handle>/avatar.png} (other keys are left alone). Each object is copied, then the old
 * key deleted; a re-run lists only the objects not yet moved and copies again one that was copied but not
 * deleted, so an interrupted run is safe to repeat.
 */
@Migration(id = "move-avatars-to-user-folders", from = "1.1.0", to = "1.2.0",
        description = "Move avatars/<handle>.png to users/<handle>/avatar.png")
public final class MoveAvatarsToUserFolders implements MigrationStep {

    static final String OLD_PREFIX = "avatars/";

    @Override
    public void up(MigrationContext ctx) {
        S3Client s3 = ctx.s3();
        String bucket = ctx.bucket();
        long moved = 0;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(OLD_PREFIX)).contents()) {
            String oldKey = object.key();
            if (!oldKey.endsWith(".png")) {
                ctx.log().warn("Left {} in place: not a .png avatar", oldKey);
                continue;
            }
            String handle = oldKey.substring(OLD_PREFIX.length(), oldKey.length() - ".png".length());
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(oldKey)
                    .destinationBucket(bucket).destinationKey(newKey(handle)));
            s3.deleteObject(b -> b.bucket(bucket).key(oldKey));
            moved++;
        }
        ctx.log().info("Moved {} avatars", moved);
    }

    static String newKey(String handle) {
        return "users/" + handle + "/avatar.png";
    }
}
