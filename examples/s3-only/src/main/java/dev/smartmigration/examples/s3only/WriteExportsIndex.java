package dev.smartmigration.examples.s3only;

import dev.smartmigration.annotations.Migration;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationStep;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Writes {@code orders/exports/index.txt}, one export key a line. Overwriting it with the same list is harmless. */
@Migration(id = "write-exports-index", from = "2.2.0", to = "2.3.0",
        description = "Write orders/exports/index.txt")
public final class WriteExportsIndex implements MigrationStep {

    static final String INDEX = MoveOrderExports.NEW_PREFIX + "index.txt";

    @Override
    public void up(MigrationContext ctx) {
        String bucket = ctx.bucket();
        String keys = ctx.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(MoveOrderExports.NEW_PREFIX))
                .contents().stream().map(S3Object::key).filter(k -> !k.equals(INDEX)).sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        ctx.s3().putObject(b -> b.bucket(bucket).key(INDEX), RequestBody.fromString(keys, StandardCharsets.UTF_8));
    }
}
