package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoDatabase;
import dev.smartmigration.runtime.EditedStep;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the source to the ledger: migrations compiled with the processor run against MongoDB and record their
 * fingerprints; then a migration's source is edited and recompiled the way Maven's stale-file compilation does it,
 * and the application boots again with the rebuilt chain. An edit of the code is reported; an edit of the comments
 * is not.
 */
@ExtendWith(MongoTestServerExtension.class)
class EditedMigrationEndToEndTest {

    @TestResource private MongoTestServer server;
    @TestResource private MongoDatabase db;
    private IncrementalBuildTest.TestProject project;

    @BeforeEach
    void compileAndApply(@TempDir Path dir) throws IOException {
        project = new IncrementalBuildTest.TestProject(dir);
        writeMigration("M1", "insert-users", "1.0.0", "1.1.0", "// inserts the first user",
                "@Override public void up(MigrationContext ctx) {",
                "    ctx.mongo().getCollection(\"users\").insertOne(new Document(\"name\", \"ada\"));",
                "}");
        writeM2("\"active\"");
        assertThat(project.compile(true, "M1", "M2").errors()).isEmpty();

        MigrationResult first = run(false);

        assertThat(first.stepsApplied()).hasSize(2);
        assertThat(first.editedSteps()).isEmpty();
        assertThat(db.getCollection("users").find().first().getString("status")).isEqualTo("active");
    }

    private void writeM2(String status) throws IOException {
        writeMigration("M2", "set-status", "1.1.0", "1.2.0",
                "@Override public void up(MigrationContext ctx) {",
                "    ctx.mongo().getCollection(\"users\").updateMany(new Document(),",
                "            new Document(\"$set\", new Document(\"status\", " + status + ")));",
                "}");
    }

    private void writeMigration(String type, String id, String from, String to, String... members)
            throws IOException {
        project.write(type, String.join("\n",
                "import dev.smartmigration.annotations.Migration;",
                "import dev.smartmigration.runtime.MigrationContext;",
                "import dev.smartmigration.runtime.MigrationStep;",
                "import org.bson.Document;",
                "",
                "@Migration(id = \"" + id + "\", from = \"" + from + "\", to = \"" + to + "\")",
                "public class " + type + " implements MigrationStep {",
                "    " + String.join("\n    ", members),
                "}"));
    }

    /** Boots with the chain in the class output, loaded in a class loader of its own as a new release would be. */
    private MigrationResult run(boolean failIfEdited) throws IOException {
        try (URLClassLoader release = new URLClassLoader(new URL[] {project.classes().toUri().toURL()},
                getClass().getClassLoader())) {
            return MigrationRuntime.run(config(release).failIfMigrationsEdited(failIfEdited).build());
        }
    }

    private MigrationConfig.Builder config(ClassLoader release) {
        String name = "com.acme." + MigrationValidator.CHAIN_CLASS;
        MigrationChain chain;
        try {
            chain = (MigrationChain) Class.forName(name, true, release).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return MigrationConfig.builder().targetVersion("1.2.0").mongo(server.client(), db.getName()).chain(chain)
                .owner("release-1");
    }

    @Test
    void migrationEditedAfterItRan_isReportedAtBoot_andFailsWhenConfiguredSo() throws IOException {
        writeM2("\"enabled\"");
        assertThat(project.compile(true, "M2").errors()).isEmpty();

        MigrationResult boot = run(false);
        SmartMigrationException strict = assertThrows(SmartMigrationException.class, () -> run(true));

        assertThat(boot.wasUpToDate()).isTrue();
        assertThat(boot.editedSteps()).hasSize(1);
        EditedStep edited = boot.editedSteps().get(0);
        assertThat(edited.id()).isEqualTo("set-status");
        assertThat(edited.kind()).isEqualTo(EditedStep.Kind.CODE_CHANGED);
        assertThat(edited.appliedBy()).isEqualTo("release-1");
        assertThat(edited.fingerprint()).isEqualTo(project.fingerprints().get(1).split(" ")[1]);
        assertThat(strict.code()).isEqualTo(ErrorCode.MIGRATION_EDITED);
        assertThat(db.getCollection("users").find().first().getString("status")).isEqualTo("active");
    }

    @Test
    void migrationWhoseCommentsAndFormattingChanged_isNotAnEdit() throws IOException {
        writeMigration("M1", "insert-users", "1.0.0", "1.1.0", "/* inserts the first user, the one everything else",
                "   starts from */",
                "@Override",
                "public void up(MigrationContext ctx)",
                "{",
                "    ctx.mongo()",
                "       .getCollection(\"users\")",
                "       .insertOne(new Document(\"name\", \"ada\"));  // still ada",
                "}");
        assertThat(project.compile(true, "M1").errors()).isEmpty();

        MigrationResult boot = run(true);

        assertThat(boot.wasUpToDate()).isTrue();
        assertThat(boot.editedSteps()).isEmpty();
    }

    @Test
    void validate_failsOnTheEditedMigration_untilItIsAccepted() throws IOException {
        writeM2("\"enabled\"");
        assertThat(project.compile(true, "M2").errors()).isEmpty();

        try (URLClassLoader release = new URLClassLoader(new URL[] {project.classes().toUri().toURL()},
                getClass().getClassLoader())) {
            MigrationConfig config = config(release).build();
            SmartMigrationException e = assertThrows(SmartMigrationException.class,
                    () -> MigrationRuntime.validate(config));
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_EDITED);
            assertThat(e.getMessage()).contains("step \"set-status\" (1.1.0 -> 1.2.0), applied at ");

            List<EditedStep> accepted = MigrationRuntime.acceptEdits(config);

            assertThat(accepted).hasSize(1);
            assertThat(MigrationRuntime.validate(config).editedSteps()).isEmpty();
        }
        assertThat(run(true).editedSteps()).isEmpty();
        assertThat(Files.exists(project.classes().resolve("com/acme/" + FingerprintFile.NAME))).isTrue();
        assertThat(db.getCollection("users").countDocuments(new Document("status", "active"))).isEqualTo(1);
    }
}
