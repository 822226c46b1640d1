package dev.smartmigration.runtime;

import java.util.List;

/**
 * What a batched walk ({@link MongoBatches}, {@link S3Batches}) does with each batch. The walk writes its checkpoint
 * when this returns, so a batch whose handling a crash interrupts is handed over again by the next run: handle each
 * item so that doing it twice leaves the same data.
 *
 * <pre>{@code
 * ctx.mongoBatches(ctx.mongo().getCollection("orders")).forEachBatch(orders -> {
 *     List<WriteModel<Document>> writes = new ArrayList<>();
 *     for (Document order : orders) {
 *         writes.add(new UpdateOneModel<>(Filters.eq("_id", order.get("_id")),
 *                 Updates.set("total", order.getInteger("quantity") * order.getInteger("price"))));
 *     }
 *     ctx.mongo().getCollection("orders").bulkWrite(writes);
 * });
 * }</pre>
 *
 * @param <T> the items: {@code org.bson.Document} for MongoDB, {@code S3Object} for S3
 */
@FunctionalInterface
public interface BatchHandler<T> {

    /**
     * Handles one batch. Throwing stops the walk and fails the step; the batch's checkpoint is not written, so the
     * next run hands this batch over again.
     *
     * @param batch the items, in the walk's order; not empty, not modifiable
     * @throws Exception any failure; it fails the step with its cause kept
     */
    void handle(List<T> batch) throws Exception;
}
