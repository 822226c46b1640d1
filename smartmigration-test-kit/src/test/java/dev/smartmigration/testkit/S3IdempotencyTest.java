package dev.smartmigration.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.LedgerBackend;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The idempotency check on S3, with the ledger in the same bucket. */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3IdempotencyTest {

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    private String bucket;

    @BeforeEach
    void newBucket() {
        bucket = server.createBucket();
        s3.putObject(b -> b.bucket(bucket).key("exports/1.csv"), RequestBody.fromString("id\n1\n"));
    }

    private Supplier<MigrationConfig.Builder> stores(MigrationChain chain) {
        return () -> MigrationConfig.builder().s3(s3, bucket).ledgerBackend(LedgerBackend.S3).chain(chain);
    }

    @Test
    void aStepThatMovesObjectsAndSkipsMovedOnes_passes() {
        MigrationChain chain = MigrationChain.builder()
                .step("move-exports").from("1.0.0").to("1.1.0").up(ctx -> {
                    try {
                        String body = ctx.s3().getObjectAsBytes(b -> b.bucket(ctx.bucket()).key("exports/1.csv"))
                                .asUtf8String();
                        ctx.s3().putObject(b -> b.bucket(ctx.bucket()).key("orders/1/export.csv"),
                                RequestBody.fromString(body));
                        ctx.s3().deleteObject(b -> b.bucket(ctx.bucket()).key("exports/1.csv"));
                    } catch (NoSuchKeyException alreadyMoved) {
                        // the second run finds nothing left to move
                    }
                })
                .build();

        MigrationTester.of(stores(chain)).assertEveryStepIdempotent();

        assertEquals(List.of("orders/1/export.csv"), s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(o -> o.key()).filter(k -> !k.startsWith(".smartmigration/")).toList());
    }

    @Test
    void aStepThatAppendsToAnObject_failsTheCheck_namingTheObject() {
        MigrationChain chain = MigrationChain.builder()
                .step("add-header-note").from("1.0.0").to("1.1.0").up(ctx -> {
                    String body = ctx.s3().getObjectAsBytes(b -> b.bucket(ctx.bucket()).key("exports/1.csv"))
                            .asUtf8String();
                    ctx.s3().putObject(b -> b.bucket(ctx.bucket()).key("exports/1.csv"),
                            RequestBody.fromString("# migrated\n" + body));
                })
                .build();

        AssertionError e = assertThrows(AssertionError.class,
                () -> MigrationTester.of(stores(chain)).assertEveryStepIdempotent());

        assertTrue(e.getMessage().contains("it changed 1 thing:\n  s3://" + bucket + "/exports/1.csv: content changed "
                + "(16 -> 27 bytes, ETag "), e.getMessage());
    }
}
