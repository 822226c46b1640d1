package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.s3.S3DataPresence;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Run by the {@code s3-only-classpath} surefire execution, whose classpath has no MongoDB driver: an S3-only
 * application migrates fully, and a step asking for MongoDB gets a clear error, not a {@code NoClassDefFoundError}.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3OnlyClasspathTest {

    @Test
    void withoutTheMongoDriver_anS3OnlyApplicationMigratesWithItsLedgerInS3(S3TestServer server) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.mongodb.client.MongoClient"));
        S3Client s3 = server.client();
        String ledgerName = S3TestServer.uniqueName("s3-only");
        MigrationChain chain = MigrationChain.builder()
                .step("write-object").from("1.0.0").to("1.1.0").up(ctx -> ctx.s3().putObject(
                        b -> b.bucket(ctx.bucket()).key(ledgerName + "/data.json"), RequestBody.fromString("{}")))
                .build();
        MigrationConfig config = MigrationConfig.builder().targetVersion("1.1.0").s3(s3, server.bucket())
                .ledgerName(ledgerName).chain(chain).lockTtl(Duration.ofSeconds(3)).build();

        MigrationResult result = MigrationRuntime.run(config);

        assertEquals(1, result.stepsApplied().size());
        assertEquals("1.1.0", MigrationRuntime.currentVersion(config).orElseThrow());
        assertDoesNotThrow(() -> s3.headObject(b -> b.bucket(server.bucket()).key(ledgerName + "/data.json")));
        assertTrue(new S3DataPresence(s3, server.createBucket()).isEmpty());
    }

    @Test
    void withoutTheMongoDriver_aStepAskingForMongo_failsWithResourceNotConfigured(S3TestServer server) {
        MigrationChain chain = MigrationChain.builder()
                .step("mongo-step").from("1.0.0").to("1.1.0").up(ctx -> ctx.mongo()).build();
        MigrationConfig config = MigrationConfig.builder().targetVersion("1.1.0").s3(server.client(), server.bucket())
                .ledgerName(S3TestServer.uniqueName("s3-only")).chain(chain).lockTtl(Duration.ofSeconds(3)).build();

        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(config));

        assertEquals(ErrorCode.STEP_FAILED, e.code(), e.getMessage());
        assertEquals(ErrorCode.RESOURCE_NOT_CONFIGURED, ((SmartMigrationException) e.getCause()).code());
    }

    @Test
    void withoutTheMongoDriver_aFleetOfPrefixesIsFoundAndMigrated(S3TestServer server) {
        S3Client s3 = server.client();
        String root = S3TestServer.uniqueName("s3-only-fleet") + "/";
        for (String tenant : List.of("a", "b")) {
            s3.putObject(b -> b.bucket(server.bucket()).key(root + tenant + "/data.json"), RequestBody.fromString("{}"));
        }
        MigrationChain chain = MigrationChain.builder()
                .step("touch").from("1.0.0").to("1.1.0").up(ctx -> ctx.s3().putObject(
                        b -> b.bucket(ctx.bucket()).key(ctx.keyPrefix() + "touched"), RequestBody.empty()))
                .build();
        FleetConfig fleet = FleetConfig.builder().tenants(Tenants.s3Prefixes(s3, server.bucket(), root))
                .config(t -> MigrationConfig.builder().targetVersion("1.1.0").s3(s3, server.bucket(), root + t + "/")
                        .chain(chain).lockTtl(Duration.ofSeconds(3)).build())
                .build();

        FleetResult result = MigrationRuntime.runFleet(fleet);

        assertEquals(2, result.count(TenantOutcome.MIGRATED), result.toString());
        assertDoesNotThrow(() -> s3.headObject(b -> b.bucket(server.bucket()).key(root + "b/touched")));
        assertEquals(Map.of("1.1.0", 2), MigrationRuntime.infoFleet(fleet).countsByVersion());
    }
}
