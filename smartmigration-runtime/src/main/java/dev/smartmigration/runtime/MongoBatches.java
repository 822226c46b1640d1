package dev.smartmigration.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A resumable walk over a MongoDB collection in {@code _id} order, a batch at a time: what a backfill of millions
 * of documents needs, without a hand-written keyset loop or checkpoints. Get one from
 * {@link MigrationContext#mongoBatches} in a resumable step, set what differs from the defaults, and start it with
 * {@link #forEachBatch} or {@link #updateEach}.
 *
 * <pre>{@code
 * @Migration(id = "backfill-display-names", from = "1.0.0", to = "1.1.0", resumable = true)
 * public final class BackfillDisplayNames implements MigrationStep {
 *     @Override
 *     public void up(MigrationContext ctx) throws Exception {
 *         ctx.mongoBatches(ctx.mongo().getCollection("users"))
 *                 .filter(Filters.exists("displayName", false))      // optional
 *                 .batchSize(500)                                     // default 1,000
 *                 .maxPerSecond(2_000)                                // optional throttle
 *                 .updateEach(user -> Updates.set("displayName",
 *                         user.getString("firstName") + " " + user.getString("lastName")));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Resume guarantee.</b> After each batch has been handled, the walk writes its checkpoint (the batch's last
 * {@code _id}, with its BSON type, and the count done) to the ledger under {@code mongoBatches:<name>}. A run that
 * stops part-way (a crash, a failed step, a lost lock) is resumed by the next run after the last finished batch:
 * no document is skipped, and only the batch in flight may be handed over a second time, which is why handling a
 * document must be idempotent. When the walk ends its checkpoint is marked finished, so a step that fails later
 * and is resumed does not walk again.
 *
 * <p><b>{@code _id}s of several types.</b> MongoDB sorts {@code _id}s of different BSON types in a fixed order of
 * type brackets, but {@code $gt} only matches values of the bracket it is given: a hand-written loop that resumes
 * with {@code {_id: {$gt: last}}} silently skips every document whose {@code _id} has another type. The walk pages
 * through one bracket at a time (MinKey, null, numbers, strings, objects, binary data, ObjectId, booleans, dates,
 * timestamps, MaxKey), so every document is visited once in MongoDB's order: those of the brackets from its lowest
 * to its highest {@code _id}, found when it first starts (with a filter, among the documents it matches) and kept in
 * the checkpoint. A walk that would meet an {@code _id} of another type (JavaScript code, DBPointer) is refused
 * before anything is walked, with {@link ErrorCode#UNSUPPORTED_ID_TYPE}.
 *
 * <p><b>Progress and throttling.</b> The total is estimated when the walk first starts (a count of the filter's
 * documents, given 10 seconds, in the same aggregation that finds their lowest and highest {@code _id}; without a
 * filter the collection's metadata count) and kept with the checkpoint. The
 * step's logger reports done of total, rate and time left every few seconds, and listeners receive a
 * {@link MigrationEvent.BatchProgress} after each batch. {@link #maxPerSecond} and {@link #pauseBetweenBatches}
 * keep a backfill from starving production traffic.
 *
 * <p>Documents inserted while the walk runs are visited when their {@code _id} sorts after the walk's position, in
 * one of the walk's brackets.
 * Each batch is one {@code find} sorted by {@code _id} with the filter and a bound on {@code _id}; give the filter's
 * fields an index only when it matches few of the collection's documents.
 */
public final class MongoBatches {

    /** How long counting the filter's documents for the progress estimate may take before the total is unknown. */
    static final Duration COUNT_TIME_LIMIT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonWriterSettings EXTENDED_JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final StepContext ctx;
    private final MongoCollection<Document> collection;
    private final WalkSettings settings;
    private Bson filter;
    private Bson projection;
    /** What the start's count learned about the matching documents; {@code null} when it did not run or timed out. */
    private MongoIdOrder.Matched matched;

    MongoBatches(StepContext ctx, MongoCollection<?> collection) {
        this.ctx = ctx;
        this.collection = collection.withDocumentClass(Document.class);
        this.settings = new WalkSettings(ctx.step().id(), collection.getNamespace().getCollectionName());
    }

    /**
     * Walks only the documents that match, e.g. those that still need the change, so that a re-run has less to do.
     * {@link #updateEach} also applies it to each update, so a document that stopped matching since it was read is
     * left alone.
     *
     * @param filter a query filter; {@code null} for every document (the default)
     * @return this walk
     */
    public MongoBatches filter(Bson filter) {
        this.filter = filter;
        return this;
    }

    /**
     * Reads only some fields of each document. It must keep {@code _id}.
     *
     * @param projection a projection; {@code null} for whole documents (the default)
     * @return this walk
     */
    public MongoBatches projection(Bson projection) {
        this.projection = projection;
        return this;
    }

    /**
     * Sets how many documents each batch holds.
     *
     * @param size documents per batch, and so per checkpoint and per {@code bulkWrite}: 1 to 100,000, default 1,000.
     *             After a crash, at most this many are handed over again.
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} outside that range
     */
    public MongoBatches batchSize(int size) {
        settings.batchSize(size);
        return this;
    }

    /**
     * Limits the rate: each batch of {@code n} documents takes at least {@code n / documents} seconds, counted from
     * its start to the next batch's. The limit holds batch by batch (a slow batch earns no burst later); choose a
     * smaller batch size for smoother traffic.
     *
     * @param documents documents per second at most; unset, there is no limit
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when not a positive number
     */
    public MongoBatches maxPerSecond(double documents) {
        settings.maxPerSecond(documents);
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
    public MongoBatches pauseBetweenBatches(Duration pause) {
        settings.pause(pause);
        return this;
    }

    /**
     * Names the walk: its checkpoint is kept under {@code mongoBatches:<name>}, and its log lines and
     * {@link MigrationEvent.BatchProgress} events carry it. Two walks in one step need different names (a second
     * walk under a name already used in the run fails with {@link ErrorCode#INVALID_OPTIONS}).
     *
     * @param name 1 to 200 characters; default the collection's name
     * @return this walk
     * @throws SmartMigrationException {@link ErrorCode#INVALID_OPTIONS} when blank or too long
     */
    public MongoBatches name(String name) {
        settings.name(name);
        return this;
    }

    /**
     * Walks to the end, handing each batch to {@code handler}, and writes the checkpoint after each one returns.
     *
     * @param handler the step's work for a batch of documents, in {@code _id} order
     * @return what this call did
     * @throws Exception what the handler threw (the step fails; the next run hands that batch over again)
     * @throws SmartMigrationException {@link ErrorCode#UNSUPPORTED_ID_TYPE} before anything is walked, or
     *         {@link ErrorCode#LOCK_LOST} when the run lost its lock (at a checkpoint)
     */
    public BatchSummary forEachBatch(BatchHandler<Document> handler) throws Exception {
        return walk(handler::handle);
    }

    /**
     * Walks to the end, updating each document with the update {@code update} returns for it (none when it returns
     * {@code null}), sent as one unordered {@code bulkWrite} per batch. Each update is filtered on the document's
     * {@code _id} and, when set, on the walk's {@link #filter}.
     *
     * @param update the update for a document, e.g. {@code Updates.set("displayName", ...)}; {@code null} to leave
     *               the document alone
     * @return what this call did
     * @throws InterruptedException when interrupted during a throttling wait
     * @throws SmartMigrationException {@link ErrorCode#UNSUPPORTED_ID_TYPE} before anything is walked, or
     *         {@link ErrorCode#LOCK_LOST} when the run lost its lock (at a checkpoint)
     */
    public BatchSummary updateEach(Function<? super Document, ? extends Bson> update) throws InterruptedException {
        BsonDocument guard = filter == null ? new BsonDocument()
                : filter.toBsonDocument(BsonDocument.class, collection.getCodecRegistry());
        BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
        return walk(batch -> {
            List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
            for (Document document : batch) {
                Bson change = update.apply(document);
                if (change != null) {
                    writes.add(new UpdateOneModel<>(byIdAnd(guard, document), change));
                }
            }
            if (!writes.isEmpty()) {
                collection.bulkWrite(writes, unordered);
            }
        });
    }

    /**
     * @return {@code {_id: <the document's _id>, ...guard}}: the filter's fields beside {@code _id} at the top level
     *         (not under {@code $and}), so that every server finds the document by its {@code _id} index
     *         (mongo-java-server scans the collection for an {@code $and})
     */
    private BsonDocument byIdAnd(BsonDocument guard, Document document) {
        BsonDocument byId = new BsonDocument("_id", bsonId(document.get("_id")));
        if (guard.containsKey("_id")) {
            return new BsonDocument("$and", new BsonArray(List.of(byId, guard)));
        }
        byId.putAll(guard);
        return byId;
    }

    /** @return a document's {@code _id} as BSON, encoded with the collection's codecs */
    private BsonValue bsonId(Object id) {
        return new Document("_id", id).toBsonDocument(BsonDocument.class, collection.getCodecRegistry()).get("_id");
    }

    private <X extends Exception> BatchSummary walk(BatchWalk.Handler<Document, X> handler)
            throws X, InterruptedException {
        String what = "documents of " + collection.getNamespace().getFullName()
                + (filter == null ? "" : " matching the filter") + " in _id order";
        return BatchWalk.run(ctx, new BatchWalk.Walk("mongoBatches", settings, what, "documents", this::estimate),
                IdSource::new, handler);
    }

    /**
     * @return the collection's metadata count without a filter; with one, the count of the documents it matches,
     *         from the aggregation that also finds the brackets their {@code _id}s span; {@code null} when that
     *         took longer than {@link #COUNT_TIME_LIMIT}
     */
    private Long estimate() {
        matched = null;
        if (filter == null) {
            return collection.estimatedDocumentCount();
        }
        try {
            matched = MongoIdOrder.match(collection, filter, COUNT_TIME_LIMIT, settings.name(), ctx.step().id());
            return matched.count();
        } catch (MongoExecutionTimeoutException e) {
            ctx.log().info("Walk \"{}\": counting the filter's documents took over {}; walking without a total",
                    settings.name(), WalkProgress.duration(COUNT_TIME_LIMIT));
            return null;
        }
    }

    /**
     * The documents bracket by bracket, from the resumed position or the start. The brackets are those the walk's
     * first start found (from the count's aggregation, or else by probing the collection's lowest and highest
     * {@code _id}), kept in the checkpoint so that a resumed walk covers the same ones.
     */
    private final class IdSource implements BatchWalk.Source<Document> {

        private final MongoIdOrder.Range range;
        private MongoIdOrder.Bracket bracket;
        private BsonValue last;
        private boolean exhausted;

        IdSource(JsonNode checkpoint) {
            BsonValue resumeAfter = checkpoint == null ? null : lastId(checkpoint);
            MongoIdOrder.Range saved = checkpoint == null ? null : savedRange(checkpoint);
            if (saved != null) {
                this.range = saved;
            } else if (checkpoint == null && matched != null && matched.range() != null) {
                this.range = matched.range().orElse(null);
            } else {
                this.range = MongoIdOrder.probe(collection, settings.name(), ctx.step().id()).orElse(null);
            }
            if (range == null) {
                return;
            }
            MongoIdOrder.Bracket resumed = resumeAfter == null ? null
                    : MongoIdOrder.bracketOf(resumeAfter).orElseThrow();
            if (resumed == null || resumed.compareTo(range.first()) < 0) {
                bracket = range.first();
            } else {
                bracket = resumed;
                last = resumeAfter;
                exhausted = resumed.single();
            }
        }

        @Override
        public List<Document> next(int limit) {
            while (range != null && bracket.compareTo(range.last()) <= 0) {
                if (!exhausted) {
                    List<Document> batch = find(limit);
                    exhausted = batch.size() < limit || bracket.single();
                    if (!batch.isEmpty()) {
                        last = idOf(batch.get(batch.size() - 1));
                        return batch;
                    }
                }
                if (bracket == range.last()) {
                    break;
                }
                bracket = MongoIdOrder.Bracket.values()[bracket.ordinal() + 1];
                last = null;
                exhausted = false;
            }
            return List.of();
        }

        private List<Document> find(int limit) {
            BsonDocument byId = new BsonDocument("_id", bracket.condition(last));
            var find = collection.find(filter == null ? byId : Filters.and(filter, byId))
                    .sort(Sorts.ascending("_id")).limit(limit).batchSize(limit);
            if (projection != null) {
                find.projection(projection);
            }
            return find.into(new ArrayList<>(Math.min(limit, 1024)));
        }

        @Override
        public void savePosition(ObjectNode checkpoint) {
            if (range != null) {
                checkpoint.put("firstBracket", range.first().name());
                checkpoint.put("lastBracket", range.last().name());
            }
            if (last == null) {
                return;
            }
            try {
                checkpoint.set("lastId", JSON.readTree(new BsonDocument("v", last).toJson(EXTENDED_JSON)).get("v"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the driver wrote extended JSON Jackson cannot read", e);
            }
            checkpoint.put("lastIdType", last.getBsonType().name());
        }

        private BsonValue idOf(Document document) {
            Object id = document.get("_id");
            if (id == null && !document.containsKey("_id")) {
                throw new SmartMigrationException(ErrorCode.INVALID_OPTIONS, "step \"" + ctx.step().id()
                        + "\": walk \"" + settings.name() + "\" read a document without _id; its projection must "
                        + "keep _id, which the walk pages by.", Map.of("step", ctx.step().id()), null);
            }
            return bsonId(id);
        }

        /** @return the brackets a checkpoint keeps, or {@code null} for one written before checkpoints kept them */
        private MongoIdOrder.Range savedRange(JsonNode checkpoint) {
            JsonNode first = checkpoint.get("firstBracket");
            JsonNode last = checkpoint.get("lastBracket");
            if (first == null && last == null) {
                return null;
            }
            MongoIdOrder.Bracket from = bracketNamed(first);
            MongoIdOrder.Bracket to = bracketNamed(last);
            if (from != null && to != null && from.compareTo(to) <= 0) {
                return new MongoIdOrder.Range(from, to);
            }
            throw BatchWalk.corrupt(ctx, "mongoBatches:" + settings.name(), checkpoint,
                    "a firstBracket and lastBracket that are not two _id type brackets in order");
        }

        private MongoIdOrder.Bracket bracketNamed(JsonNode name) {
            return name == null || !name.isTextual() ? null : Arrays.stream(MongoIdOrder.Bracket.values())
                    .filter(b -> b.name().equals(name.asText())).findFirst().orElse(null);
        }

        private BsonValue lastId(JsonNode checkpoint) {
            String key = "mongoBatches:" + settings.name();
            JsonNode json = checkpoint.get("lastId");
            JsonNode type = checkpoint.get("lastIdType");
            if (json == null && type == null) {
                return null;
            }
            if (json == null || type == null) {
                throw BatchWalk.corrupt(ctx, key, checkpoint, "a lastId without its lastIdType, or the reverse");
            }
            BsonValue id;
            try {
                id = BsonDocument.parse("{\"v\": " + json + "}").get("v");
            } catch (RuntimeException e) {
                throw BatchWalk.corrupt(ctx, key, checkpoint, "a lastId that is not extended JSON");
            }
            if (!id.getBsonType().name().equals(type.asText()) || MongoIdOrder.bracketOf(id).isEmpty()) {
                throw BatchWalk.corrupt(ctx, key, checkpoint, "a lastId that is not of its lastIdType");
            }
            return id;
        }
    }
}
