package dev.smartmigration.examples.s3only;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestBucket;
import dev.smartmigration.testkit.MigrationTester;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The example's migrations with the test kit: the generated chain, each step run twice on exports of 2.1.0. */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class ExportsMigrationsTest {
    @Test
    void everyStepIsIdempotent(S3Client s3, TestBucket bucket) {
        S3OnlyApp.writeExportsOfRelease210(s3, bucket.name());
        MigrationTester.of(() -> MigrationConfig.builder().s3(s3, bucket.name())).assertEveryStepIdempotent();
    }
}
