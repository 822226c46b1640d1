package dev.smartmigration.examples.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.FleetConfig;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationEvent;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.StepResult;
import dev.smartmigration.runtime.TenantOutcome;
import dev.smartmigration.runtime.TenantResult;
import dev.smartmigration.runtime.Tenants;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example end to end over the real driver, with the AWS SDK absent from the class path. Runs against an
 * in-process mongo-java-server, or the MongoDB named by {@code SMARTMIGRATION_TEST_MONGODB_URI}, where every
 * {@code tenant_*} database is dropped before and after each test (use a scratch server).
 */
@ExtendWith(MongoTestServerExtension.class)
class FleetAppTest {

    private static final int TENANTS = 12;

    @TestResource private MongoClient client;

    @BeforeEach
    @AfterEach
    void dropTenantDatabases() {
        for (String name : client.listDatabaseNames().into(new ArrayList<>())) {
            if (name.startsWith(FleetApp.PREFIX)) {
                client.getDatabase(name).drop();
            }
        }
    }

    @Test
    void twoInstancesBootingTogether_migrateEachTenantOnce_andTheNextBootOnlyReads() {
        FleetApp.writeTenantsOfRelease100(client, TENANTS);

        List<FleetResult> boots = FleetApp.bootTogether(client, List.of("instance-a", "instance-b"));

        int migrated = 0;
        for (FleetResult boot : boots) {
            assertEquals(TENANTS, boot.tenants().size(), boot.toString());
            assertEquals(List.of(), boot.failed(), boot.toString());
            for (TenantResult t : boot.tenants()) {
                if (t.outcome() == TenantOutcome.MIGRATED) {
                    migrated++;
                    assertEquals(List.of("add-project-slugs", "create-project-slug-index"),
                            t.result().orElseThrow().stepsApplied().stream().map(StepResult::id).toList());
                }
            }
        }
        assertEquals(TENANTS, migrated, "each tenant migrated by exactly one instance: " + boots);
        for (int t = 1; t <= TENANTS; t++) {
            String tenant = String.format("t%03d", t);
            MongoCollection<Document> projects = client.getDatabase(FleetApp.PREFIX + tenant)
                    .getCollection("projects");
            for (Document project : projects.find()) {
                assertTrue(project.getString("slug").startsWith("project-"), project::toJson);
                assertTrue(project.getString("slug").endsWith("-of-" + tenant), project::toJson);
            }
            assertTrue(projects.listIndexes().into(new ArrayList<>()).stream()
                    .anyMatch(i -> "slug_unique".equals(i.getString("name"))), tenant);
        }
        FleetResult next = FleetApp.migrate(client, "instance-c");
        assertEquals(TENANTS, next.count(TenantOutcome.UP_TO_DATE), next.toString());
    }

    /** A tenant whose data breaks a step: with {@code FailurePolicy.REPORT} the boot goes on and reports it. */
    @Test
    void tenantWhoseStepFails_withFailurePolicyReport_isReported_andTheOthersReachTheTarget() {
        MongoClient mongoClient = client;
        FleetApp.writeTenantsOfRelease100(mongoClient, 3);
        mongoClient.getDatabase("tenant_t002").getCollection("projects")
                .insertOne(new Document("name", "Project 1 of t002"));   // two projects will get the same slug
        List<String> failedTenants = new CopyOnWriteArrayList<>();
        Map<String, Number> metrics = new ConcurrentHashMap<>();
        List<String> alerts = new ArrayList<>();

        FleetConfig fleet = FleetConfig.builder()
            .tenants(Tenants.mongoDatabases(mongoClient, "tenant_"))
            .config(tenant -> MigrationConfig.builder().targetVersion("1.2.0").mongo(mongoClient, "tenant_" + tenant)
                .build())
            .failurePolicy(FleetConfig.FailurePolicy.REPORT)     // a failed tenant is reported, the boot goes on
            .progressInterval(Duration.ofSeconds(10))            // the progress line (and event): every 10 s
            .listener(event -> {                                 // the fleet's events, one at a time
                if (event instanceof MigrationEvent.FleetProgress p) {
                    metrics.put("fleet.done", p.done());         // also p.failed(), p.tenantsPerSecond(), p.remaining()
                } else if (event instanceof MigrationEvent.TenantFinished t
                        && t.result().outcome() == TenantOutcome.FAILED) {
                    failedTenants.add(t.result().tenant());      // e.g. stop routing this tenant's traffic
                }
            })
            .build();
        FleetResult result = MigrationRuntime.runFleet(fleet);
        for (TenantResult t : result.failed()) {
            SmartMigrationException e = t.error().orElseThrow();  // STEP_FAILED, with the step's exception as cause
            alerts.add("tenant " + t.tenant() + " is behind: " + e.getMessage());
        }

        assertEquals(List.of("t002"), failedTenants);
        assertEquals(1, alerts.size(), alerts::toString);
        assertTrue(alerts.get(0).startsWith("tenant t002 is behind: [smartmigration:STEP_FAILED] step "
                + "\"create-project-slug-index\""), alerts::toString);
        assertEquals(List.of("t002"), result.failed().stream().map(TenantResult::tenant).toList());
        assertEquals(ErrorCode.STEP_FAILED, result.failed().get(0).error().orElseThrow().code());
        assertEquals(2, result.count(TenantOutcome.MIGRATED), result.toString());
        assertEquals(Map.of("1.2.0", 2, "1.1.0", 1), MigrationRuntime.infoFleet(fleet).countsByVersion());
    }

    @Test
    void run_withoutMongodbUri_migratesTheTenantsOfItsOwnInMemoryServer() {
        List<String> lines = FleetApp.run(Map.of(), 5);

        assertEquals("created 5 tenant databases as release 1.0.0 left them", lines.get(0));
        assertTrue(lines.get(1).startsWith("instance-a: 5 tenant(s) in "), lines.get(1));
        assertTrue(lines.get(2).startsWith("instance-b: 5 tenant(s) in "), lines.get(2));
        assertEquals("tenants per data version: {1.2.0=5}", lines.get(3));
        assertTrue(lines.get(4).startsWith("next boot: 5 tenant(s) in ") && lines.get(4).endsWith(": 5 already current"),
                lines.get(4));
        assertNotNull(lines.stream().filter(l -> l.contains(" migrated")).findFirst().orElse(null), lines::toString);
    }
}
