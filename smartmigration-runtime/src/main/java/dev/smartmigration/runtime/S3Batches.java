package dev.smartmigration.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartmigration.runtime.internal.ledger.s3.KeyPrefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A resumable walk over the keys under a prefix of the configured bucket, in the order S3 lists them (UTF-8 binary
 * order), a batch at a time. Get one from {@link MigrationContext#s3Batches} in a resumable step, set what differs
 * from the defaults, and start it with {@link #forEachBatch}.
 *
 * <pre>{@code
 * @Migration(id = "move-exports", from = "2.0.0", to = "2.1.0", resumable = true)
 * public final class MoveExports implements MigrationStep {
 *     @Override
 *     public void up(MigrationContext ctx) throws Exception {
 *         S3Client s3 = ctx.s3();
 *         ctx.s3Batches("exports/")
 *                 .batchSize(200)                                   // default 1,000 (one list request)
 *                 .pauseBetweenBatches(Duration.ofMillis(100))      // optional throttle
 *                 .forEachBatch(objects -> {
 *                     for (S3Object object : objects) {             // copying again is harmless
 *                         s3.copyObject(b -> b.sourceBucket(ctx.bucket()).sourceKey(object.key())
 *                                 .destinationBucket(ctx.bucket()).destinationKey("archive/" + object.key()));
 *                     }
 *                 });
 *     }
 * }
 * }</pre>
 *
 * <p><b>Resume guarantee.</b> After each batch has been handled, the walk writes its checkpoint (the batch's last
 * key and the count done) to the ledger under {@code s3Batches:<name>}; the next run lists from there with
 * {@code start-after}. No key is skipped, and only the batch in flight may be handed over a second time, so handle
 * each object idempotently. Objects the step deletes or adds behind the walk's position do not disturb it; objects
 * added after it are walked. When the walk ends its checkpoint is marked finished, so a step that fails later and
 * is resumed does not walk again.
 *
 * <p><b>Progress and throttling.</b> S3 has no count, so the total is unknown: the step's logger reports the
 * objects done and the rate every few seconds, and listeners receive a {@link MigrationEvent.BatchProgress} after
 * each batch. {@link #maxPerSecond} and {@link #pauseBetweenBatches} limit the load on the bucket.
 *
 * <p>Keys are walked in the order the store lists them, which Amazon S3 general purpose buckets, Ceph RGW, MinIO
 * and S3Proxy give in UTF-8 binary order; S3 directory buckets (S3 Express One Zone) list in no order and cannot be
 * walked.
 */
public final class S3Batches {

    /** The most keys S3 returns per list request. */
    private static final int LIST_PAGE = 1000;

    private final StepContext ctx;
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final WalkSettings settings;

    S3Batches(StepContext ctx, S3Client s3, String bucket, String prefix) {
        this.ctx = ctx;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.settings = new WalkSettings(ctx.step().id(), prefix.isEmpty() ? "(bucket)" : prefix);
    }

    /**
     * Sets how many objects each batch holds.
     *
     * @param size objects per batch, and so per checkpoint: 1 to 100,000, default 1,000 (one list request). After a
     *             crash, at most this many are handed over again.
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
     */
    public S3Batches batchSize(int size) {
        settings.batchSize(size);
        return this;
    }

    /**
     * Limits the rate: each batch of {@code n} objects takes at least {@code n / objects} seconds, counted from its
     * start to the next batch's. The limit holds batch by batch (a slow batch earns no burst later); choose a
     * smaller batch size for smoother traffic.
     *
     * @param objects objects per second at most; unset, there is no limit
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when not a positive number
     */
    public S3Batches maxPerSecond(double objects) {
        settings.maxPerSecond(objects);
        return this;
    }

    /**
     * Waits this long after each batch's checkpoint before the next batch starts (with {@link #maxPerSecond}, the
     * longer of the two waits).
     *
     * @param pause from zero (the default) to one hour
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
     */
    public S3Batches pauseBetweenBatches(Duration pause) {
        settings.pause(pause);
        return this;
    }

    /**
     * Names the walk: its checkpoint is kept under {@code s3Batches:<name>}, and its log lines and
     * {@link MigrationEvent.BatchProgress} events carry it. Two walks in one step need different names (a second
     * walk under a name already used in the run fails with {@link ErrorCode#INVALID_OPTIONS}).
     *
     * @param name 1 to 200 characters; default the prefix ({@code "(bucket)"} for the whole bucket)
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when blank or too long
     */
    public S3Batches name(String name) {
        settings.name(name);
        return this;
    }

    /**
     * Walks to the end, handing each batch to {@code handler}, and writes the checkpoint after each one returns.
     *
     * @param handler the step's work for a batch of objects (key, size, ETag, last modified), in key order
     * @return what this call did
     * @throws Exception what the handler threw (the step fails; the next run hands that batch over again)
     * @throws SmartMigrationException {@link ErrorCode#LOCK_LOST} when the run lost its lock (at a checkpoint)
     */
    public BatchSummary forEachBatch(BatchHandler<S3Object> handler) throws Exception {
        String what = "objects of s3://" + bucket + "/" + prefix + " in key order";
        return BatchWalk.run(ctx, new BatchWalk.Walk("s3Batches", settings, what, "objects", () -> null),
                KeySource::new, handler::handle);
    }

    /**
     * Whether a key is one of smartmigration's own objects (a ledger, a probe) in a {@code .smartmigration/} folder,
     * at the bucket's root or under a tenant's key prefix: never handed to a step, which might rewrite or delete it.
     */
    static boolean isSmartMigrationObject(String key) {
        String folder = KeyPrefix.RESERVED_SEGMENT + "/";
        return key.startsWith(folder) || key.contains("/" + folder);
    }

    /** The keys after the resumed position, listed with {@code start-after}. */
    private final class KeySource implements BatchWalk.Source<S3Object> {

        private String after;
        private boolean exhausted;

        KeySource(JsonNode checkpoint) {
            if (checkpoint != null) {
                JsonNode lastKey = checkpoint.get("lastKey");
                if (lastKey == null || !lastKey.isTextual()) {
                    throw BatchWalk.corrupt(ctx, "s3Batches:" + settings.name(), checkpoint, "no lastKey");
                }
                after = lastKey.asText();
            }
        }

        @Override
        public List<S3Object> next(int limit) {
            List<S3Object> batch = new ArrayList<>();
            while (!exhausted && batch.size() < limit) {
                String start = after;
                int wanted = Math.min(LIST_PAGE, limit - batch.size());
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(wanted)
                        .startAfter(start));
                List<S3Object> objects = page.contents();
                for (S3Object object : objects) {
                    if (!isSmartMigrationObject(object.key())) {
                        batch.add(object);
                    }
                }
                if (!objects.isEmpty()) {
                    after = objects.get(objects.size() - 1).key();
                }
                exhausted = objects.isEmpty() || !Boolean.TRUE.equals(page.isTruncated());
            }
            return batch;
        }

        @Override
        public void savePosition(ObjectNode checkpoint) {
            checkpoint.put("lastKey", after);
        }
    }
}
