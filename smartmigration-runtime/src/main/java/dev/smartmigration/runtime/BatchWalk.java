package dev.smartmigration.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The loop every batched walk shares, whatever the store: read the checkpoint, fetch a batch, wait for the
 * throttle, hand the batch to the step, write the checkpoint, report progress; and at the end mark the walk
 * finished, so a step resumed after a later failure does not walk again. Store types stay in the {@link Source}s,
 * so this class loads without the MongoDB driver or the AWS SDK.
 *
 * <p>The checkpoint is one JSON object under {@code <kind>:<name>}: {@code done}, {@code total} (the estimate, or
 * null), {@code finished}, and the source's position fields.
 */
final class BatchWalk {

    private BatchWalk() {
    }

    /** Where a walk's items come from, in order, and how its position is saved. */
    interface Source<T> {

        /**
         * @param limit the most items to return
         * @return the items after the last ones returned (or after the resumed position), in the walk's order;
         *         empty when the walk is done
         */
        List<T> next(int limit);

        /** @param checkpoint receives the position after the last items {@link #next} returned */
        void savePosition(ObjectNode checkpoint);
    }

    /** Opens a walk's source at the position a checkpoint saved, or at the start. */
    @FunctionalInterface
    interface Opener<T> {
        /**
         * @param checkpoint the walk's saved checkpoint, or {@code null} for a walk that starts afresh
         * @return the source
         */
        Source<T> open(JsonNode checkpoint);
    }

    /** A batch handler with the exception it may throw, so {@code updateEach} declares none. */
    @FunctionalInterface
    interface Handler<T, X extends Exception> {
        void handle(List<T> batch) throws X;
    }

    /**
     * What a walk is: its checkpoint's kind and settings, how it describes itself, and its estimate of the total.
     *
     * @param kind     the checkpoint key's prefix ("mongoBatches", "s3Batches")
     * @param settings batch size, throttle, name
     * @param what     how the start log line describes the walk
     * @param unit     the items, plural
     * @param estimate the estimated total, asked only when no checkpoint holds one; returns {@code null} when unknown
     */
    record Walk(String kind, WalkSettings settings, String what, String unit, Supplier<Long> estimate) {
    }

    /**
     * Runs a walk to its end.
     *
     * @param ctx     the step's context: checkpoints, logger, listeners, the walks already claimed
     * @param walk    the walk
     * @param opener  the store's source
     * @param handler the step's work per batch
     * @param <T>     the items
     * @param <X>     what the handler may throw
     * @return what this call did
     * @throws X                    what the handler threw; the batch's checkpoint is not written
     * @throws InterruptedException when the thread is interrupted during a throttling wait
     */
    static <T, X extends Exception> BatchSummary run(StepContext ctx, Walk walk, Opener<T> opener,
                                                     Handler<T, X> handler) throws X, InterruptedException {
        WalkSettings settings = walk.settings();
        String key = walk.kind() + ":" + settings.name();
        ctx.claimWalk(key, settings.name());
        long startNanos = System.nanoTime();
        JsonNode saved = ctx.checkpoint().read(key, JsonNode.class).orElse(null);
        boolean resumed = saved != null;
        long doneBefore = resumed ? savedCount(ctx, key, saved) : 0;
        Long total = resumed ? savedTotal(ctx, key, saved) : walk.estimate().get();
        WalkProgress progress = new WalkProgress(ctx.log(), ctx.events(), ctx.step().id(), settings.name(),
                walk.unit(), doneBefore, total, System::nanoTime, WalkProgress.LOG_INTERVAL);
        if (resumed && saved.path("finished").asBoolean(false)) {
            ctx.log().info("Walk \"{}\" finished in an earlier run ({} {}): nothing to do", settings.name(),
                    doneBefore, walk.unit());
            return new BatchSummary(settings.name(), 0, 0, doneBefore, true, elapsed(startNanos));
        }
        Source<T> source = opener.open(saved);
        progress.started(walk.what(), resumed, settings.batchSize());
        Throttle throttle = new Throttle(settings.maxPerSecond(), settings.pause().toNanos());
        while (true) {
            List<T> batch = source.next(settings.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            TimeUnit.NANOSECONDS.sleep(throttle.waitBefore(System.nanoTime()));
            throttle.started(System.nanoTime());
            handler.handle(Collections.unmodifiableList(batch));
            ctx.checkpoint().write(key, checkpoint(source, progress.done() + batch.size(), total, false));
            throttle.finished(System.nanoTime(), batch.size());
            progress.batchDone(batch.size());
        }
        ctx.checkpoint().write(key, checkpoint(source, progress.done(), total, true));
        progress.finished();
        return new BatchSummary(settings.name(), progress.processed(), progress.batches(), progress.done(), resumed,
                elapsed(startNanos));
    }

    private static ObjectNode checkpoint(Source<?> source, long done, Long total, boolean finished) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        source.savePosition(node);
        node.put("done", done);
        node.put("total", total);
        node.put("finished", finished);
        return node;
    }

    private static long savedCount(StepContext ctx, String key, JsonNode saved) {
        JsonNode done = saved.get("done");
        if (done == null || !done.canConvertToLong() || done.asLong() < 0) {
            throw corrupt(ctx, key, saved, "no count of items done");
        }
        return done.asLong();
    }

    private static Long savedTotal(StepContext ctx, String key, JsonNode saved) {
        JsonNode total = saved.get("total");
        if (total == null || total.isNull()) {
            return null;
        }
        if (!total.canConvertToLong()) {
            throw corrupt(ctx, key, saved, "a total that is not a number");
        }
        return total.asLong();
    }

    /**
     * @param ctx     the step's context
     * @param key     the walk's checkpoint key
     * @param saved   what it holds
     * @param problem what is wrong with it
     * @return the error for a checkpoint this walk cannot resume from
     */
    static SmartMigrationException corrupt(StepContext ctx, String key, JsonNode saved, String problem) {
        return new SmartMigrationException(ErrorCode.CHECKPOINT_SERIALIZATION, "checkpoint \"" + key + "\" of step \""
                + ctx.step().id() + "\" holds " + saved + ", which has " + problem + ", so the walk cannot resume "
                + "from it. It was written by a batched walk of another release, or edited: remove it from the "
                + "ledger to walk again from the start.", Map.of("step", ctx.step().id(), "key", key), null);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
