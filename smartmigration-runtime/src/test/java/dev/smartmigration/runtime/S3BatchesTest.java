package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link S3Batches}: the key walk, its resume guarantee with {@code start-after}, progress and the rules, through
 * the real AWS SDK against S3Proxy (or the endpoint in {@code SMARTMIGRATION_TEST_S3_ENDPOINT}). Each test has its
 * own ledger name, which is also the prefix of its objects.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3BatchesTest {

    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();
    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;
    private String ns;

    @BeforeEach
    void newNamespace() {
        ns = S3TestServer.uniqueName("batches");
    }

    private MigrationConfig config(MigrationStep step, boolean resumable) {
        MigrationChain.StepBuilder walk = MigrationChain.builder().step("walk").from("1.0.0").to("1.1.0");
        if (resumable) {
            walk.resumable();
        }
        return MigrationConfig.builder().targetVersion("1.1.0").s3(s3, server.bucket()).ledgerName(ns)
                .chain(walk.up(step).build()).lockTtl(Duration.ofSeconds(3)).listener(events::add).build();
    }

    /** Puts {@code count} empty objects under {@code ns/<folder>/}, eight at a time; returns their keys in order. */
    private List<String> objects(String folder, int count) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(ns + "/" + folder + "/" + String.format("%05d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(server.bucket()).key(key),
                        RequestBody.empty())));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return keys;
    }

    private static SmartMigrationException stepFailure(MigrationConfig config) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(config));
        assertEquals(ErrorCode.STEP_FAILED, e.code(), e.getMessage());
        return e;
    }

    private static List<String> keys(List<S3Object> batch) {
        return batch.stream().map(S3Object::key).toList();
    }

    @Test
    void walk_handsEveryKeyUnderThePrefixOnceInOrder_batchesLargerThanAListPageIncluded_otherPrefixesUntouched()
            throws Exception {
        List<String> keys = objects("in", 1_100);
        objects("out", 3);
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        List<BatchSummary> summaries = new CopyOnWriteArrayList<>();

        MigrationRuntime.run(config(ctx -> summaries.add(ctx.s3Batches(ns + "/in/").batchSize(1_050)
                .forEachBatch(batch -> batches.add(keys(batch)))), true));

        assertEquals(List.of(1_050, 50), batches.stream().map(List::size).toList());
        assertEquals(keys, batches.stream().flatMap(List::stream).toList());
        BatchSummary summary = summaries.get(0);
        assertEquals(ns + "/in/", summary.name());
        assertEquals(1_100, summary.done());
        assertEquals(2, summary.batches());
        assertFalse(summary.resumed());
    }

    @Test
    void walkOverTheWholeKeyPrefix_neverHandsOverSmartMigrationsOwnObjects() throws Exception {
        List<String> keys = objects("data", 3);
        List<String> handed = new CopyOnWriteArrayList<>();
        MigrationChain chain = MigrationChain.builder().step("walk").from("1.0.0").to("1.1.0").resumable()
                .up(ctx -> ctx.s3Batches(ctx.keyPrefix()).forEachBatch(batch -> handed.addAll(keys(batch))))
                .build();
        // The ledger and the conditional-write probe live at ns/.smartmigration/, under the walked prefix.
        MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.1.0").s3(s3, server.bucket(), ns + "/")
                .ledgerName(ns).chain(chain).lockTtl(Duration.ofSeconds(3)).build());

        assertEquals(keys, handed);
        assertFalse(s3.listObjectsV2(b -> b.bucket(server.bucket()).prefix(ns + "/.smartmigration/"))
                .contents().isEmpty(), "the ledger is under the walked prefix");
        assertTrue(S3Batches.isSmartMigrationObject(".smartmigration/x.json"));
        assertFalse(S3Batches.isSmartMigrationObject("a.smartmigration/x.json"));
    }

    @Test
    void failureInEachBatch_nextRunResumesAfterTheLastFinishedBatchsKey_noneSkippedOnlyThatBatchTwice()
            throws Exception {
        for (int failAt = 0; failAt < 5; failAt++) {
            ns = S3TestServer.uniqueName("batches");
            List<String> items = objects("items", 23);
            Map<String, Integer> visits = new HashMap<>();
            List<List<String>> handed = new ArrayList<>();
            AtomicInteger batch = new AtomicInteger();
            int failing = failAt;
            MigrationConfig config = config(ctx -> ctx.s3Batches(ns + "/items/").batchSize(5).forEachBatch(objs -> {
                keys(objs).forEach(k -> visits.merge(k, 1, Integer::sum));
                handed.add(keys(objs));
                if (batch.getAndIncrement() == failing) {
                    throw new IllegalStateException("batch " + failing + " fails");
                }
            }), true);

            stepFailure(config);
            String saved = MigrationRuntime.info(config).steps().get(0).checkpoints().get("s3Batches:" + ns + "/items/");
            JsonNode checkpoint = saved == null ? null : new ObjectMapper().readTree(saved);
            List<String> failed = handed.get(failAt);
            MigrationRuntime.run(config);

            if (failAt == 0) {
                assertNull(checkpoint, "no batch finished, no checkpoint");
            } else {
                assertEquals(items.get(failAt * 5 - 1), checkpoint.get("lastKey").asText());
                assertEquals(failAt * 5, checkpoint.get("done").asLong());
            }
            for (String key : items) {
                assertEquals(failed.contains(key) ? 2 : 1, visits.getOrDefault(key, 0),
                        "failure in batch " + failAt + ": visits of " + key);
            }
            assertEquals(items.size(), visits.size(), visits.keySet().toString());
        }
    }

    @Test
    void progressEvents_haveNoTotal_andFollowEachCheckpoint_thenOneFinished() throws Exception {
        objects("p", 12);

        MigrationRuntime.run(config(ctx -> ctx.s3Batches(ns + "/p/").batchSize(5).name("pics")
                .forEachBatch(objs -> { }), true));

        List<MigrationEvent.BatchProgress> progress = events.stream()
                .filter(MigrationEvent.BatchProgress.class::isInstance).map(MigrationEvent.BatchProgress.class::cast)
                .toList();
        assertEquals(List.of(5L, 10L, 12L, 12L), progress.stream().map(MigrationEvent.BatchProgress::done).toList());
        assertTrue(progress.stream().allMatch(p -> p.total() == null && p.walk().equals("pics")), progress.toString());
        assertTrue(progress.get(3).finished());
        assertNull(progress.get(0).remaining(), "no total, no time left");
        assertTrue(events.stream().anyMatch(e -> e instanceof MigrationEvent.CheckpointWritten c
                && c.key().equals("s3Batches:pics")), events.toString());
    }

    /** The S3 sample of docs/large-data.md, in a bucket of its own. */
    @Test
    void docSample_copiesEveryExportToTheArchive() {
        String bucket = server.createBucket();
        for (int i = 0; i < 450; i++) {
            String key = "exports/" + i + ".csv";
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("export " + key));
        }

        MigrationStep archiveExports = ctx -> {
            S3Client s3 = ctx.s3();
            ctx.s3Batches("exports/")
                    .batchSize(200)
                    .forEachBatch(objects -> {
                        for (S3Object object : objects) {   // copying again after a crash is harmless
                            s3.copyObject(b -> b.sourceBucket(ctx.bucket()).sourceKey(object.key())
                                    .destinationBucket(ctx.bucket()).destinationKey("archive/" + object.key()));
                        }
                    });
        };
        MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.1.0").s3(s3, bucket).ledgerName(ns)
                .chain(MigrationChain.builder().step("archive").from("1.0.0").to("1.1.0").resumable()
                        .up(archiveExports).build()).build());

        assertEquals(450, s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("archive/exports/")).contents()
                .stream().count());
        assertEquals("export exports/449.csv", s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key("archive/exports/449.csv")).asUtf8String());
    }

    @Test
    void stepThatIsNotResumable_getsStepNotResumable_beforeAnythingIsListed() throws Exception {
        objects("n", 2);
        AtomicInteger handled = new AtomicInteger();

        SmartMigrationException e = stepFailure(config(ctx -> ctx.s3Batches(ns + "/n/")
                .forEachBatch(objs -> handled.incrementAndGet()), false));

        SmartMigrationException cause = assertInstanceOf(SmartMigrationException.class, e.getCause());
        assertEquals(ErrorCode.STEP_NOT_RESUMABLE, cause.code());
        assertTrue(cause.getMessage().contains("ctx.s3Batches()"), cause.getMessage());
        assertEquals(0, handled.get());
    }

    @Test
    void finishedWalk_isNotWalkedAgain_whenTheStepIsResumedAfterALaterFailure_andAnEmptyPrefixCallsNoHandler()
            throws Exception {
        objects("done", 3);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        MigrationConfig config = config(ctx -> {
            ctx.s3Batches(ns + "/done/").forEachBatch(objs -> handled.addAll(keys(objs)));
            ctx.s3Batches(ns + "/none/").forEachBatch(objs -> handled.add("none"));
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("fails after the walks");
            }
        }, true);

        stepFailure(config);
        MigrationRuntime.run(config);

        assertEquals(List.of(ns + "/done/00000", ns + "/done/00001", ns + "/done/00002"), handled);
        assertEquals(2, runs.get());
    }
}
