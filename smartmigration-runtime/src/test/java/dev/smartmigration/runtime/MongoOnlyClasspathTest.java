package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run by the {@code mongo-only-classpath} surefire execution, whose classpath has no AWS SDK: a MongoDB-only
 * application migrates fully, and a step asking for S3 gets a clear error, not a {@code NoClassDefFoundError}.
 */
@ExtendWith(MongoTestServerExtension.class)
class MongoOnlyClasspathTest {

    @Test
    void withoutTheAwsSdk_aMongoOnlyApplicationMigrates_andAStepAskingForS3GetsResourceNotConfigured(
            MongoClient client, MongoDatabase db) {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.services.s3.S3Client"));
        String database = db.getName();
        MigrationChain chain = MigrationChain.builder()
                .step("insert").from("1.0.0").to("1.1.0").up(ctx -> ctx.mongo().getCollection("users")
                        .insertOne(new Document("_id", 1)))
                .step("s3-step").from("1.1.0").to("1.2.0").up(ctx -> ctx.s3())
                .build();
        MigrationConfig.Builder config = MigrationConfig.builder().mongo(client, database).chain(chain)
                .lockTtl(Duration.ofSeconds(3));

        MigrationResult result = MigrationRuntime.run(config.targetVersion("1.1.0").build());
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.run(config.targetVersion("1.2.0").build()));

        assertEquals(1, result.stepsApplied().size());
        assertEquals(1, client.getDatabase(database).getCollection("users").countDocuments());
        assertEquals(ErrorCode.STEP_FAILED, e.code(), e.getMessage());
        assertEquals(ErrorCode.RESOURCE_NOT_CONFIGURED, ((SmartMigrationException) e.getCause()).code());
        assertEquals("1.1.0", MigrationRuntime.currentVersion(config.build()).orElseThrow());
    }

    @Test
    void withoutTheAwsSdk_aFleetOfDatabasesIsFoundAndMigrated(MongoClient client, MongoTestServer server) {
        String prefix = server.newDatabaseName() + "_";
        List<String> databases = List.of(prefix + "a", prefix + "b");
        databases.forEach(db -> client.getDatabase(db).getCollection("users").insertOne(new Document("_id", 1)));
        MigrationChain chain = MigrationChain.builder()
                .step("touch").from("1.0.0").to("1.1.0").up(ctx -> ctx.mongo().getCollection("users")
                        .updateMany(new Document(), new Document("$set", new Document("touched", true))))
                .build();
        FleetConfig fleet = FleetConfig.builder().tenants(Tenants.mongoDatabases(client, prefix))
                .config(t -> MigrationConfig.builder().targetVersion("1.1.0").mongo(client, prefix + t).chain(chain)
                        .lockTtl(Duration.ofSeconds(3)).build())
                .build();
        try {
            FleetResult result = MigrationRuntime.runFleet(fleet);

            assertEquals(List.of("a", "b"), result.tenants().stream().map(TenantResult::tenant).toList());
            assertEquals(2, result.count(TenantOutcome.MIGRATED), result.toString());
            assertEquals(1, client.getDatabase(prefix + "b").getCollection("users")
                    .countDocuments(new Document("touched", true)));
        } finally {
            if (!server.isEmbedded()) {
                databases.forEach(db -> client.getDatabase(db).drop());
            }
        }
    }
}
