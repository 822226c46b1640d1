package dev.smartmigration.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.smartmigration.runtime.MigrationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs the quickstart as a newcomer does, twice, on a fresh data directory, then opens its stores again to
 * look at the data. Embedded servers by default; {@code SMARTMIGRATION_TEST_MONGODB_URI} (a fresh database is
 * used per test) and {@code SMARTMIGRATION_TEST_S3_ENDPOINT} with {@code SMARTMIGRATION_TEST_S3_BUCKET} and
 * the {@code AWS_*} variables point it at real services; the bucket should be empty, since the quickstart
 * writes its objects at fixed keys. Where mongo-java-server differs: non-unique indexes are ignored (the one
 * checked here is unique).
 */
class QuickstartAppTest {

    private final Map<String, String> env = testEnvironment();

    /** On a real MongoDB, drops the database the test made (embedded data lives in the temp directory). */
    @AfterEach
    void dropRealDatabase() {
        if (env.containsKey("MONGODB_URI")) {
            try (MongoClient client = MongoClients.create(env.get("MONGODB_URI"))) {
                client.getDatabase(env.get("MONGODB_DATABASE")).drop();
            }
        }
    }

    @Test
    void firstRunMigratesFromNothing_secondRunIsANoOp_andTheDataHasChanged(@TempDir Path data) {
        String first = QuickstartApp.run(new String[] {"--data-dir=" + data}, env);
        String second = QuickstartApp.run(new String[] {"--data-dir=" + data}, env);

        assertTrue(first.startsWith("smartmigration: fresh -> 1.3.0 (4 steps in "), first);
        assertTrue(first.matches(".* \\(4 steps in \\d+ ms\\)"), first);
        assertTrue(second.startsWith("smartmigration: 1.3.0 is current (no-op in "), second);
        try (Stores stores = Stores.open(env, data)) {
            MongoDatabase db = stores.mongo().getDatabase(stores.database());
            MongoCollection<Document> users = db.getCollection("users");
            assertTrue(users.listIndexes().into(new ArrayList<>()).stream()
                    .anyMatch(i -> "email_unique".equals(i.getString("name")) && Boolean.TRUE.equals(i.get("unique"))),
                    "index email_unique");
            assertEquals(SampleData.USERS, users.countDocuments());
            assertEquals(0, users.countDocuments(Filters.exists("displayName", false)));
            assertEquals(0, users.countDocuments(Filters.or(Filters.exists("firstName"), Filters.exists("lastName"))));
            assertEquals("Ada Lovelace", users.find(Filters.eq("handle", SampleData.handle(0))).first()
                    .getString("displayName"));
            assertEquals("Grace Hopper", users.find(Filters.eq("handle", SampleData.handle(7))).first()
                    .getString("displayName"));

            List<String> keys = stores.s3().listObjectsV2Paginator(b -> b.bucket(stores.bucket())).contents()
                    .stream().map(S3Object::key).collect(Collectors.toList());
            assertTrue(keys.stream().noneMatch(k -> k.startsWith(MoveAvatarsToUserFolders.OLD_PREFIX)), keys::toString);
            for (int i = 0; i < SampleData.AVATARS; i++) {
                String handle = SampleData.handle(i);
                assertEquals(SampleData.avatar(handle), stores.s3().getObjectAsBytes(b -> b.bucket(stores.bucket())
                        .key(MoveAvatarsToUserFolders.newKey(handle))).asUtf8String());
            }
        }
    }

    @Test
    void previousReleaseThenThisOne_runsOnlyTheStepAddedLater(@TempDir Path data) {
        String previous = QuickstartApp.run(new String[] {"--data-dir=" + data, "--target=1.2.0"}, env);
        String current = QuickstartApp.run(new String[] {"--data-dir=" + data}, env);

        assertTrue(previous.startsWith("smartmigration: fresh -> 1.2.0 (3 steps in "), previous);
        assertTrue(current.startsWith("smartmigration: 1.2.0 -> 1.3.0 (1 step in "), current);
    }

    @Test
    void status_beforeAndAfterTheRun_showsEveryStepPendingThenApplied_andWritesNothingItself(@TempDir Path data) {
        String before = QuickstartApp.run(new String[] {"--data-dir=" + data, "--status"}, env);
        QuickstartApp.run(new String[] {"--data-dir=" + data, "--target=1.2.0"}, env);
        String after = QuickstartApp.run(new String[] {"--data-dir=" + data, "--status"}, env);

        assertTrue(before.startsWith("data version none, target 1.3.0: MIGRATION_PENDING\n"
                + "  create-users-email-index (0.0.0 -> 1.0.0): PENDING"), before);
        assertTrue(after.startsWith("data version 1.2.0, target 1.3.0: MIGRATION_PENDING\n"
                + "  create-users-email-index (0.0.0 -> 1.0.0): APPLIED"), after);
        assertTrue(after.endsWith("(1.2.0 -> 1.3.0): PENDING"), after);
    }

    @Test
    void summary_ofAnOlderReleaseStartingOnNewerData_saysTheDataWasLeftAlone() {
        MigrationResult ahead = new MigrationResult("1.3.0", "1.3.0", "1.2.0", false, false, true, List.of(),
                List.of(), List.of(), Duration.ofMillis(3));

        assertEquals("smartmigration: 1.3.0 is ahead of this release's 1.2.0 (left alone in 3 ms)",
                QuickstartApp.summary(ahead));
    }

    private static Map<String, String> testEnvironment() {
        Map<String, String> env = new HashMap<>();
        String mongo = System.getenv("SMARTMIGRATION_TEST_MONGODB_URI");
        if (mongo != null && !mongo.isBlank()) {
            env.put("MONGODB_URI", mongo);
            env.put("MONGODB_DATABASE", "quickstart_" + UUID.randomUUID().toString().substring(0, 8));
        }
        String s3 = System.getenv("SMARTMIGRATION_TEST_S3_ENDPOINT");
        if (s3 != null && !s3.isBlank()) {
            env.put("S3_ENDPOINT", s3);
            env.put("S3_BUCKET", System.getenv("SMARTMIGRATION_TEST_S3_BUCKET"));
            for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION")) {
                if (System.getenv(name) != null) {
                    env.put(name, System.getenv(name));
                }
            }
        }
        return env;
    }
}
