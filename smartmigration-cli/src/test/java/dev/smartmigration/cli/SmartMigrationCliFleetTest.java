package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status --fleet} and {@code migrate --fleet} against a database per tenant ({@code <base>_<tenant>}), with
 * the chain of this module's test app, end to end through real command lines.
 */
@ExtendWith(MongoTestServerExtension.class)
class SmartMigrationCliFleetTest {

    @TestResource private MongoTestServer server;
    @TestResource private MongoClient client;
    private String base;
    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void newFleet() {
        base = server.newDatabaseName();
    }

    @AfterEach
    void dropTenantDatabases() {
        if (!server.isEmbedded()) {
            databases.forEach(db -> client.getDatabase(db).drop());
        }
    }

    private String database(String tenant) {
        String name = base + "_" + tenant;
        databases.add(name);
        return name;
    }

    private SmartMigrationCliTest.Run cli(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--mongo-uri", server.uri(), "--database", base + "_{tenant}"));
        return SmartMigrationCliTest.execute("", args.toArray(String[]::new));
    }

    @Test
    void migrateFleet_migratesEveryListedTenant_printsEach_andAgainIsANoOp() {
        SmartMigrationCliTest.Run r = cli("migrate", "--fleet", "--tenants", "acme,globex", "--parallelism", "2");

        assertEquals(0, r.exitCode(), r.err() + r.out());
        assertTrue(r.out().contains("migrated acme: fresh -> 1.3.0 (3 steps in "), r.out());
        assertTrue(r.out().contains("migrated globex: fresh -> 1.3.0 (3 steps in "), r.out());
        assertTrue(r.out().contains("smartmigration: fleet of 2 tenant(s) in "), r.out());
        assertTrue(r.out().contains(": 2 migrated"), r.out());
        assertEquals("x", client.getDatabase(database("acme")).getCollection("things").find().first()
                .getString("label"));

        SmartMigrationCliTest.Run again = cli("migrate", "--fleet", "--tenants", "acme,globex");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains(": 2 already current"), again.out());
        assertTrue(!again.out().contains("migrated acme"), again.out());
    }

    @Test
    void migrateFleetAsJson_reportsEachTenantsOutcome_theFailedWithTheirError_andProgressGoesToStderr()
            throws Exception {
        client.getDatabase(database("initech")).getCollection("switches").insertOne(new Document("_id", "fail"));

        SmartMigrationCliTest.Run r = cli("migrate", "--fleet", "--tenants", "acme,initech", "--output", "json");

        assertEquals(8, r.exitCode(), r.err() + r.out());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out());
        assertEquals("migrate", report.get("command").asText(), r.out());
        assertFalse(report.get("dryRun").asBoolean(), r.out());
        com.fasterxml.jackson.databind.JsonNode fleet = report.get("fleet");
        assertEquals(2, fleet.get("tenantCount").asInt(), r.out());
        assertEquals(1, fleet.get("countsByOutcome").get("MIGRATED").asInt(), r.out());
        assertEquals(1, fleet.get("countsByOutcome").get("FAILED").asInt(), r.out());
        assertEquals(List.of("initech"), List.of(fleet.get("failed").get(0).asText()));
        com.fasterxml.jackson.databind.JsonNode acme = fleet.get("tenants").get(0);
        assertEquals("acme", acme.get("tenant").asText(), r.out());
        assertEquals("MIGRATED", acme.get("outcome").asText(), r.out());
        assertEquals("1.3.0", acme.get("result").get("dataVersionAfter").asText(), r.out());
        assertEquals(3, acme.get("result").get("applied").size(), r.out());
        assertTrue(acme.get("error").isNull(), r.out());
        com.fasterxml.jackson.databind.JsonNode initech = fleet.get("tenants").get(1);
        assertEquals("FAILED", initech.get("outcome").asText(), r.out());
        assertTrue(initech.get("result").isNull(), r.out());
        assertEquals("STEP_FAILED", initech.get("error").get("code").asText(), r.out());
        assertEquals(4, initech.get("error").get("exitCode").asInt(), r.out());
        assertTrue(initech.get("error").get("message").asText().contains("root cause: java.io.IOException: disk full"),
                r.out());
        assertTrue(r.err().contains("failed initech: [smartmigration:STEP_FAILED]"), r.err());
    }

    @Test
    void statusFleet_namesTheTenantsWhoseAppliedStepsTheCodeNoLongerMatches() {
        assertEquals(0, cli("migrate", "--fleet", "--tenants", "acme,globex").exitCode());
        SmartMigrationCliTest.recordGrowThingsAsRunWithOtherCode(client.getDatabase(database("globex")));

        SmartMigrationCliTest.Run r = cli("status", "--fleet", "--tenants", "acme,globex");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Edited since applied (1):\n  globex: grow-things\n"), r.out());
        assertFalse(r.out().contains("acme: grow-things"), r.out());
    }

    @Test
    void statusFleetAsJson_countsTenants_andGivesEachTenantsStatus() throws Exception {
        assertEquals(0, cli("migrate", "--fleet", "--tenants", "acme").exitCode());
        client.getDatabase(database("globex")).getCollection("things").insertOne(new Document("size", 1));

        SmartMigrationCliTest.Run r = cli("status", "--fleet", "--tenants", "acme,globex", "--output", "json");

        assertEquals(0, r.exitCode(), r.err());
        com.fasterxml.jackson.databind.JsonNode fleet = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.out()).get("fleet");
        assertEquals(2, fleet.get("tenantCount").asInt(), r.out());
        assertEquals(1, fleet.get("countsByVersion").get("1.3.0").asInt(), r.out());
        assertEquals(1, fleet.get("newLedgers").asInt(), r.out());
        assertEquals(1, fleet.get("countsByTargetStatus").get("AT_TARGET").asInt(), r.out());
        assertEquals(1, fleet.get("countsByTargetStatus").get("MIGRATION_PENDING").asInt(), r.out());
        assertEquals(List.of("acme", "globex"), fleet.get("tenants").findValuesAsText("tenant"));
        assertEquals("1.3.0", fleet.get("tenants").get(0).get("status").get("dataVersion").asText());
        assertEquals(3, fleet.get("tenants").get(1).get("status").get("pending").size(), r.out());
        assertTrue(fleet.get("tenants").get(1).get("error").isNull(), r.out());
    }

    @Test
    void statusFleet_countsTenantsPerVersion_namesTheFailedAndTheLocked_findingTenantsByDatabaseName()
            throws Exception {
        for (String tenant : List.of("acme", "globex", "initech")) {
            client.getDatabase(database(tenant)).getCollection("things").insertOne(new Document("_id", "seed"));
        }
        client.getDatabase(database("initech")).getCollection("switches").insertOne(new Document("_id", "fail"));

        SmartMigrationCliTest.Run migrate = cli("migrate", "--fleet");
        assertEquals(8, migrate.exitCode(), migrate.out());
        assertTrue(migrate.out().contains("failed initech: [smartmigration:STEP_FAILED] step \"grow-things\""),
                migrate.out());
        assertTrue(migrate.out().contains(": 2 migrated, 1 failed"), migrate.out());

        client.getDatabase(database("umbrella")).getCollection("things").insertOne(new Document("_id", "seed"));
        try (LockHolder busy = new LockHolder(MigrationConfig.builder().mongo(client, database("umbrella")),
                "busy-host:7")) {
            SmartMigrationCliTest.Run status = cli("status", "--fleet");

            assertEquals(0, status.exitCode(), status.err());
            String out = status.out();
            assertTrue(out.startsWith("Fleet: 4 tenant(s), target 1.3.0\n"), out);
            assertTrue(out.matches("(?s).*\\| 1\\.3\\.0 +\\| 2 +\\|.*\\| 1\\.1\\.0 +\\| 1 +\\|.*"
                    + "\\| none \\(new ledger\\) \\| 1 +\\|.*"), out);
            assertTrue(out.contains("At the target: 2   Pending: 2   Ahead: 0   Unreachable: 0   Unreadable: 0"), out);
            assertTrue(out.contains("Failed (1):\n  initech: grow-things (1.1.0 -> 1.2.0): "
                    + "java.lang.IllegalStateException: switch 'fail' is on; root cause: java.io.IOException: disk full"),
                    out);
            assertTrue(out.contains("Locked (1):\n  umbrella: held by " + busy.owner() + " since "), out);
        }
    }

    @Test
    void statusFleet_withATenantsFile_reportsAnUnreadableLedger_andExitsWithOne(@TempDir Path dir) throws IOException {
        client.getDatabase(database("broken")).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                .insertOne(new Document("_id", MigrationConfig.DEFAULT_LEDGER_NAME).append("foreign", true));
        Path file = dir.resolve("tenants.txt");
        Files.writeString(file, "# tenants of the EU cell\nfresh\n\nbroken\n");

        SmartMigrationCliTest.Run r = cli("status", "--fleet", "--tenants-file", file.toString());

        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("Unreadable (1):\n  broken: [smartmigration:LEDGER_CORRUPT]"), r.out());
        assertTrue(r.out().contains("| none (new ledger) | 1 "), r.out());
        database("fresh");
    }

    @Test
    void fleetOptionsUsedWrongly_areRefusedWithWhatToDo() {
        SmartMigrationCliTest.Run placeholderWithoutFleet = cli("status");
        SmartMigrationCliTest.Run fleetOptionWithoutFleet = SmartMigrationCliTest.execute("", "status", "--tenants",
                "a", "--mongo-uri", server.uri(), "--database", base);
        SmartMigrationCliTest.Run fleetWithoutPlaceholder = SmartMigrationCliTest.execute("", "status", "--fleet",
                "--tenants", "a", "--mongo-uri", server.uri(), "--database", base);
        SmartMigrationCliTest.Run undiscoverable = SmartMigrationCliTest.execute("", "status", "--fleet",
                "--mongo-uri", server.uri(), "--database", "{tenant}_" + base);

        assertEquals(1, placeholderWithoutFleet.exitCode());
        assertTrue(placeholderWithoutFleet.err().contains("{tenant} in --database, --key-prefix or --ledger needs "
                + "--fleet"), placeholderWithoutFleet.err());
        assertTrue(fleetOptionWithoutFleet.err().contains("--tenants, --tenants-file and --parallelism need --fleet"),
                fleetOptionWithoutFleet.err());
        assertTrue(fleetWithoutPlaceholder.err().contains("--fleet needs {tenant} in --database"),
                fleetWithoutPlaceholder.err());
        assertTrue(undiscoverable.err().contains("list them with --tenants or --tenants-file"), undiscoverable.err());
    }
}
