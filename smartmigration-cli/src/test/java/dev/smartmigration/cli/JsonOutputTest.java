package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --output json}: what each command writes, errors included, and that docs/operations.md documents exactly
 * those fields (its example of each report has the structure the command writes).
 */
@ExtendWith(MongoTestServerExtension.class)
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPERATIONS_DOC = repositoryRoot().resolve("docs/operations.md");

    @TestResource private MongoTestServer server;
    @TestResource private MongoDatabase db;

    private SmartMigrationCliTest.Run cli(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--output", "json", "--mongo-uri", server.uri(), "--database", db.getName()));
        return SmartMigrationCliTest.execute("", args.toArray(String[]::new));
    }

    private static JsonNode json(SmartMigrationCliTest.Run run) throws IOException {
        return JSON.readTree(run.out());
    }

    /** The reports docs/operations.md documents, each made for real in a scenario that fills every field. */
    private Map<String, JsonNode> reports() throws Exception {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        reports.put("plan", json(cli("plan")));
        db.getCollection("switches").insertOne(new Document("_id", "fail"));
        reports.put("migrate", json(cli("migrate", "--target", "1.1.0")));
        cli("migrate");
        reports.put("validate", json(cli("validate")));
        reports.put("status --fleet", json(SmartMigrationCliTest.execute("", "status", "--fleet", "--tenants", "t1",
                "--output", "json", "--mongo-uri", server.uri(), "--database", db.getName() + "_{tenant}")));
        reports.put("migrate --fleet", json(SmartMigrationCliTest.execute("", "migrate", "--fleet", "--tenants", "t2",
                "--output", "json", "--mongo-uri", server.uri(), "--database", db.getName() + "_{tenant}")));
        // create-things, applied above, recorded as run with other code (grow-things failed: the switch is on)
        db.getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION).updateOne(new Document("_id",
                "smartmigration"), new Document("$set", new Document("history.0.fingerprint", "v1:" + "0".repeat(64))
                        .append("appliedCode.digest", null)));
        reports.put("repair", json(cli("repair", "--accept-edits", "--yes", "--by", "alice")));
        try (LockHolder other = new LockHolder(MigrationConfig.builder().mongo(server.client(), db.getName()),
                "other-host:42", "1.1.0")) {
            reports.put("status", json(cli("status")));
            reports.put("error", json(cli("migrate", "--lock-wait", "0s")));
            reports.put("unlock", json(cli("unlock", "--yes")));
        }
        return reports;
    }

    @Test
    void status_reportsTheLedgerEveryStepItsAttemptsWithTheRootCause_andTheLock() throws Exception {
        Map<String, JsonNode> reports = reports();
        JsonNode status = reports.get("status");

        assertEquals(1, status.get("schemaVersion").asInt());
        assertEquals("smartmigration", status.get("ledger").get("name").asText());
        assertEquals(db.getName(), status.get("ledger").get("database").asText());
        assertEquals("1.1.0", status.get("dataVersion").asText());
        assertEquals("1.3.0", status.get("targetVersion").asText());
        assertEquals("MIGRATION_PENDING", status.get("targetStatus").asText());
        assertEquals(List.of("grow-things", "label-things"), JSON.convertValue(status.get("pending"), List.class));
        JsonNode grow = status.get("steps").get(1);
        assertEquals("FAILED", grow.get("state").asText());
        JsonNode failure = grow.get("attempts").get(0);
        assertEquals("FAILED", failure.get("status").asText());
        assertEquals("java.lang.IllegalStateException: switch 'fail' is on", failure.get("error").asText());
        assertEquals("java.io.IOException: disk full", failure.get("rootCause").asText());
        assertTrue(failure.get("owner").asText().startsWith("smartmigration-cli@"), failure.toString());
        assertEquals("other-host:42", status.get("lock").get("owner").asText());
    }

    @Test
    void planAndMigrate_reportWhatWouldRunAndWhatRan() throws Exception {
        JsonNode plan = json(cli("plan"));
        JsonNode migrate = json(cli("migrate"));
        JsonNode again = json(cli("migrate"));

        assertTrue(plan.get("dryRun").asBoolean());
        assertTrue(plan.get("dataVersionBefore").isNull());
        assertEquals(List.of("create-things", "grow-things", "label-things"), plan.get("planned").findValuesAsText("id"));
        assertEquals(0, plan.get("applied").size());
        assertFalse(migrate.get("dryRun").asBoolean());
        assertEquals("1.3.0", migrate.get("dataVersionAfter").asText());
        assertEquals(List.of("create-things", "grow-things", "label-things"),
                migrate.get("applied").findValuesAsText("id"));
        assertTrue(migrate.get("applied").get(0).get("startedAt").asText().endsWith("Z"), migrate.toString());
        assertTrue(again.get("upToDate").asBoolean(), again.toString());
        assertEquals(0, again.get("applied").size());
    }

    @Test
    void anError_isAJsonObjectOnStdout_withCodeDetailsAndExitCode_andTheMessageStaysOnStderr() throws Exception {
        try (LockHolder other = new LockHolder(MigrationConfig.builder().mongo(server.client(), db.getName()),
                "other-host:42")) {
            SmartMigrationCliTest.Run r = cli("migrate", "--lock-wait", "0s");

            assertEquals(3, r.exitCode());
            JsonNode error = json(r).get("error");
            assertEquals("migrate", json(r).get("command").asText());
            assertEquals("LOCK_TIMEOUT", error.get("code").asText());
            assertEquals(3, error.get("exitCode").asInt());
            assertEquals("other-host:42", error.get("details").get("holder").asText());
            assertTrue(error.get("message").asText().contains("`smartmigration unlock`"), error.toString());
            assertEquals(error.get("message").asText() + System.lineSeparator(), r.err());
        }
    }

    @Test
    void validate_listsWhatWasCompared_andAnEditedStep_isAnErrorWithSevenAndInStatusAsAnEdit() throws Exception {
        assertEquals(0, cli("migrate").exitCode());
        JsonNode valid = json(cli("validate"));
        SmartMigrationCliTest.recordGrowThingsAsRunWithOtherCode(db);

        SmartMigrationCliTest.Run validate = cli("validate");
        JsonNode status = json(cli("status"));

        assertTrue(valid.get("valid").asBoolean(), valid.toString());
        assertEquals(List.of("create-things", "grow-things", "label-things"),
                JSON.convertValue(valid.get("applied"), List.class));
        assertEquals(0, valid.get("pending").size());
        assertEquals(7, validate.exitCode(), validate.err());
        JsonNode error = json(validate).get("error");
        assertEquals("MIGRATION_EDITED", error.get("code").asText());
        assertEquals("grow-things", error.get("details").get("steps").asText());
        assertEquals(7, error.get("exitCode").asInt());
        JsonNode edit = status.get("steps").get(1).get("edit");
        assertEquals("CODE_CHANGED", edit.get("kind").asText(), status.toString());
        assertEquals("v1:" + "0".repeat(64), edit.get("appliedFingerprint").asText());
        assertEquals(List.of("grow-things"), status.get("editedSteps").findValuesAsText("id"));
        assertTrue(status.get("steps").get(0).get("edit").isNull(), status.toString());
    }

    @Test
    void unlockAndRepair_reportWhatTheyChanged_andNeedYesToWriteJson() throws Exception {
        cli("migrate");
        SmartMigrationCliTest.recordGrowThingsAsRunWithOtherCode(db);

        JsonNode repaired = json(cli("repair", "--accept-edits", "--yes", "--by", "alice"));
        JsonNode again = json(cli("repair", "--accept-edits", "--yes"));
        SmartMigrationCliTest.Run unconfirmed = cli("unlock");
        JsonNode nothingHeld = json(cli("unlock", "--yes"));

        assertEquals("repair", repaired.get("command").asText());
        assertEquals("grow-things", repaired.get("accepted").get(0).get("id").asText(), repaired.toString());
        assertTrue(repaired.get("acceptedBy").asText().startsWith("alice via smartmigration-cli@"), repaired.toString());
        assertEquals(0, again.get("accepted").size(), again.toString());
        assertEquals(1, unconfirmed.exitCode(), unconfirmed.out());
        assertEquals("INVALID_OPTIONS", json(unconfirmed).get("error").get("code").asText(), unconfirmed.out());
        assertTrue(nothingHeld.get("lock").isNull() && nothingHeld.get("released").isNull(), nothingHeld.toString());
        try (LockHolder dead = new LockHolder(MigrationConfig.builder().mongo(server.client(), db.getName()),
                "dead-host:7", "1.3.0")) {
            JsonNode released = json(cli("unlock", "--yes"));
            assertEquals("dead-host:7", released.get("lock").get("owner").asText(), released.toString());
            assertEquals("dead-host:7", released.get("released").get("owner").asText(), released.toString());
        }
    }

    @Test
    void docsDocumentEveryReport_withTheFieldsTheCommandsWrite() throws Exception {
        Map<String, JsonNode> documented = documentedReports();
        Map<String, JsonNode> written = reports();

        assertEquals(written.keySet(), documented.keySet(), "a ```json example in " + OPERATIONS_DOC + " per report");
        for (String report : written.keySet()) {
            List<String> differences = new ArrayList<>();
            compare(report, documented.get(report), written.get(report), differences);
            assertEquals(List.of(), differences, "docs/operations.md's example of the " + report + " report versus "
                    + "what the CLI writes:\n" + written.get(report).toPrettyString());
        }
    }

    /** The ```json examples of docs/operations.md, by command ("error" for the one with an error). */
    private static Map<String, JsonNode> documentedReports() throws IOException {
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(OPERATIONS_DOC));
        while (m.find()) {
            JsonNode example = JSON.readTree(m.group(1));
            reports.put(example.has("error") ? "error" : example.get("command").asText()
                    + (example.has("fleet") ? " --fleet" : ""), example);
        }
        return reports;
    }

    /** Objects have the same fields, recursively; a {@code null} on either side stands for any value. */
    private static void compare(String path, JsonNode documented, JsonNode written, List<String> differences) {
        if (documented.isNull() || written.isNull()) {
            return;
        }
        if (documented.getNodeType() != written.getNodeType()) {
            differences.add(path + ": documented as " + documented.getNodeType() + ", written as "
                    + written.getNodeType());
        } else if (documented.isObject() && !path.endsWith(".details") && !path.endsWith(".checkpoints")
                && !path.endsWith(".countsByVersion")) {
            TreeSet<String> documentedFields = fields(documented);
            TreeSet<String> writtenFields = fields(written);
            if (!documentedFields.equals(writtenFields)) {
                differences.add(path + ": documented " + documentedFields + ", written " + writtenFields);
            }
            for (String field : documentedFields) {
                if (written.has(field)) {
                    compare(path + "." + field, documented.get(field), written.get(field), differences);
                }
            }
        } else if (documented.isArray() && documented.size() > 0 && written.size() > 0) {
            compare(path + "[]", documented.get(0), written.get(0), differences);
        }
    }

    private static TreeSet<String> fields(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
