package dev.smartmigration.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.MigrationStep;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Large-data steps: a backfill written with the batched walk ({@code ctx.mongoBatches(...).updateEach(...)})
 * against the same backfill written by hand (a keyset loop on {@code _id} with one {@code bulkWrite} and one
 * checkpoint per batch, as the quickstart had it), and against one {@code updateOne} per document; and an S3 copy
 * with {@code ctx.s3Batches} against a hand-written {@code start-after} loop. Every variant runs as a resumable step
 * in {@link MigrationRuntime#run} with a ledger of its own and is timed inside the step; the variants alternate.
 */
final class LargeDataBenchmark {

    private static final int BATCH_SIZE = 1_000;
    private static final String LAST_ID = "lastId";

    private LargeDataBenchmark() {
    }

    /**
     * @param scale  sizes and rounds
     * @param server the MongoDB server
     * @param s3     the S3 server
     * @return the helper against the hand-written loop, the hand-written loop against updateOne per document, and
     *         the S3 walk against its hand-written loop
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, S3TestServer s3) {
        List<List<Double>> samples = backfills(scale, server, List.of(LargeDataBenchmark::walkedBackfill,
                LargeDataBenchmark::handWrittenBackfill, LargeDataBenchmark::oneUpdatePerDocument));
        int n = scale.largeDocuments();
        List<Comparison> results = new ArrayList<>();
        results.add(new Comparison("walk-mongo-vs-keyset-loop", Summary.of(samples.get(0)), Summary.of(samples.get(1)),
                "the same backfill of " + n + " documents written by hand (the quickstart's before the helper): a "
                        + "keyset loop on _id and the filter, one bulkWrite and one checkpoint per batch of "
                        + BATCH_SIZE + "; ours: ctx.mongoBatches(users).filter(...).forEachBatch(...) sending the "
                        + "same bulkWrite, batches of " + BATCH_SIZE + "; each a resumable step, timed inside it, "
                        + "alternating, displayName unset before each"));
        results.add(new Comparison("keyset-loop-vs-update-one", Summary.of(samples.get(1)),
                Summary.of(samples.get(2)), "the hand-written keyset loop with one updateOne per document instead "
                        + "of a bulkWrite per batch (checkpoint per " + BATCH_SIZE + " still); ours here is the keyset "
                        + "loop with bulkWrite: why batching matters"));
        results.add(s3Copy(scale, s3));
        return results;
    }

    /**
     * The backfill of every document, without a filter: each side's query is a range on {@code _id} alone, which
     * MongoDB answers from the {@code _id} index (mongo-java-server, whose {@code _id} index answers only equality
     * and {@code $in}, scans and sorts for both alike).
     *
     * @param scale  sizes and rounds
     * @param server the MongoDB server
     * @return the helper against the hand-written loop
     */
    static Comparison runUnfiltered(Scale scale, MongoTestServer server) {
        List<List<Double>> samples = backfills(scale, server, List.of(LargeDataBenchmark::walkedBackfillAll,
                LargeDataBenchmark::handWrittenBackfillAll));
        return new Comparison("walk-mongo-all-vs-keyset-loop", Summary.of(samples.get(0)), Summary.of(samples.get(1)),
                "the backfill of all " + scale.largeDocuments() + " documents (no filter) written by hand: a keyset "
                        + "loop on _id alone, one bulkWrite and one checkpoint per batch of " + BATCH_SIZE + "; ours: "
                        + "ctx.mongoBatches(users).forEachBatch(...) sending the same bulkWrite, batches of "
                        + BATCH_SIZE + "; each a resumable step, timed inside it, alternating, displayName unset "
                        + "before each");
    }

    /**
     * Seeds the collection and runs the variants in rotation: one warm-up round, then the measured ones; a third
     * variant (the slow baseline) runs only in the warm-up and the first measured round.
     *
     * @return each variant's samples, in milliseconds
     */
    private static List<List<Double>> backfills(Scale scale, MongoTestServer server, List<MigrationStep> variants) {
        MongoClient client = server.client();
        String database = server.newDatabaseName();
        MongoCollection<Document> users = client.getDatabase(database).getCollection("users");
        seed(users, scale.largeDocuments());
        List<List<Double>> samples = new ArrayList<>();
        variants.forEach(v -> samples.add(new ArrayList<>()));
        int rounds = scale.smoke() ? 1 : 1 + scale.largeRounds();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                int v = (round + i) % variants.size();
                if (v == 2 && round > 1) {
                    continue;   // one warm-up and one measured round of the slow baseline are enough to show it
                }
                users.updateMany(new Document(), Updates.unset("displayName"));
                double millis = timedStep(MigrationConfig.builder().mongo(client, database), variants.get(v));
                long left = users.countDocuments(Filters.exists("displayName", false));
                if (left != 0) {
                    throw new IllegalStateException("variant " + v + " left " + left + " documents without displayName");
                }
                if (round > 0 || scale.smoke()) {
                    samples.get(v).add(millis);
                }
            }
        }
        client.getDatabase(database).drop();
        return samples;
    }

    private static Comparison s3Copy(Scale scale, S3TestServer server) {
        S3Client s3 = server.client();
        String prefix = S3TestServer.uniqueName("bench-walk") + "/";
        seed(s3, server.bucket(), prefix + "src/", scale.largeObjects());
        List<Double> helper = new ArrayList<>();
        List<Double> loop = new ArrayList<>();
        int rounds = scale.smoke() ? 1 : 1 + scale.largeRounds();
        for (int round = 0; round < rounds; round++) {
            MigrationStep[] variants = {
                ctx -> ctx.s3Batches(prefix + "src/").batchSize(BATCH_SIZE).forEachBatch(objects -> {
                    for (S3Object object : objects) {
                        copy(ctx, object.key(), prefix);
                    }
                }),
                ctx -> handWrittenCopy(ctx, prefix)};
            for (int i = 0; i < variants.length; i++) {
                int v = (round + i) % variants.length;
                double millis = timedStep(MigrationConfig.builder().s3(s3, server.bucket()), variants[v]);
                if (round > 0 || scale.smoke()) {
                    (v == 0 ? helper : loop).add(millis);
                }
            }
        }
        return new Comparison("walk-s3-copy-vs-loop", Summary.of(helper), Summary.of(loop), "copying "
                + scale.largeObjects() + " objects to another prefix with a hand-written listObjectsV2 start-after "
                + "loop, one checkpoint per page of " + BATCH_SIZE + "; ours: ctx.s3Batches(prefix).forEachBatch(...), "
                + "batches of " + BATCH_SIZE + "; each a resumable step, timed inside it, alternating");
    }

    /**
     * The backfill with the batched walk, sending the same {@code bulkWrite} per batch as the hand-written loop, so
     * that the two differ only in how they page and checkpoint. ({@code updateEach} adds the walk's filter to each
     * update, which MongoDB answers from the {@code _id} index but mongo-java-server by scanning the collection.)
     */
    private static void walkedBackfill(MigrationContext ctx) throws Exception {
        MongoCollection<Document> users = ctx.mongo().getCollection("users");
        ctx.mongoBatches(users).filter(Filters.exists("displayName", false)).batchSize(BATCH_SIZE)
                .forEachBatch(batch -> {
                    List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
                    for (Document user : batch) {
                        writes.add(new UpdateOneModel<>(Filters.eq("_id", user.get("_id")),
                                Updates.set("displayName", displayName(user))));
                    }
                    users.bulkWrite(writes);
                });
    }

    /**
     * The backfill as the quickstart wrote it before the batched walk (the "before" of docs/large-data.md): a keyset
     * loop on {@code _id} that only works while every {@code _id} is an ObjectId.
     */
    private static void handWrittenBackfill(MigrationContext ctx) {
        MongoCollection<Document> users = ctx.mongo().getCollection("users");
        ObjectId last = ctx.checkpoint().read(LAST_ID, String.class).map(ObjectId::new).orElse(null);
        long updated = 0;
        while (true) {
            Bson pending = Filters.exists("displayName", false);
            Bson page = last == null ? pending : Filters.and(pending, Filters.gt("_id", last));
            List<Document> batch = users.find(page).sort(Sorts.ascending("_id")).limit(BATCH_SIZE)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
            for (Document user : batch) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", user.get("_id")),
                        Updates.set("displayName", displayName(user))));
            }
            users.bulkWrite(writes);
            updated += batch.size();
            last = batch.get(batch.size() - 1).getObjectId("_id");
            ctx.checkpoint().write(LAST_ID, last.toHexString());
        }
        ctx.log().info("Set displayName on {} users", updated);
    }

    /** The walk over every document, without a filter: each batch's query is a range on {@code _id} alone. */
    private static void walkedBackfillAll(MigrationContext ctx) throws Exception {
        MongoCollection<Document> users = ctx.mongo().getCollection("users");
        ctx.mongoBatches(users).batchSize(BATCH_SIZE).forEachBatch(batch -> setDisplayNames(users, batch));
    }

    /** The hand-written keyset loop over every document: {@code {_id: {$gt: last}}} alone. */
    private static void handWrittenBackfillAll(MigrationContext ctx) {
        MongoCollection<Document> users = ctx.mongo().getCollection("users");
        ObjectId last = ctx.checkpoint().read(LAST_ID, String.class).map(ObjectId::new).orElse(null);
        while (true) {
            Bson page = last == null ? new Document() : Filters.gt("_id", last);
            List<Document> batch = users.find(page).sort(Sorts.ascending("_id")).limit(BATCH_SIZE)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            setDisplayNames(users, batch);
            last = batch.get(batch.size() - 1).getObjectId("_id");
            ctx.checkpoint().write(LAST_ID, last.toHexString());
        }
    }

    /** One {@code bulkWrite} setting {@code displayName} on each document of a batch, by {@code _id}. */
    private static void setDisplayNames(MongoCollection<Document> users, List<Document> batch) {
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
        for (Document user : batch) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", user.get("_id")),
                    Updates.set("displayName", displayName(user))));
        }
        users.bulkWrite(writes);
    }

    /** The same loop with one {@code updateOne} per document instead of a {@code bulkWrite} per batch. */
    private static void oneUpdatePerDocument(MigrationContext ctx) {
        MongoCollection<Document> users = ctx.mongo().getCollection("users");
        ObjectId last = null;
        while (true) {
            Bson pending = Filters.exists("displayName", false);
            Bson page = last == null ? pending : Filters.and(pending, Filters.gt("_id", last));
            List<Document> batch = users.find(page).sort(Sorts.ascending("_id")).limit(BATCH_SIZE)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            for (Document user : batch) {
                users.updateOne(Filters.eq("_id", user.get("_id")), Updates.set("displayName", displayName(user)));
            }
            last = batch.get(batch.size() - 1).getObjectId("_id");
            ctx.checkpoint().write(LAST_ID, last.toHexString());
        }
    }

    private static void handWrittenCopy(MigrationContext ctx, String prefix) {
        String after = ctx.checkpoint().read("lastKey", String.class).orElse(null);
        while (true) {
            String start = after;
            ListObjectsV2Response page = ctx.s3().listObjectsV2(b -> b.bucket(ctx.bucket()).prefix(prefix + "src/")
                    .maxKeys(BATCH_SIZE).startAfter(start));
            for (S3Object object : page.contents()) {
                copy(ctx, object.key(), prefix);
            }
            if (page.contents().isEmpty()) {
                break;
            }
            after = page.contents().get(page.contents().size() - 1).key();
            ctx.checkpoint().write("lastKey", after);
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                break;
            }
        }
    }

    private static void copy(MigrationContext ctx, String key, String prefix) {
        ctx.s3().copyObject(b -> b.sourceBucket(ctx.bucket()).sourceKey(key).destinationBucket(ctx.bucket())
                .destinationKey(prefix + "dst/" + key.substring((prefix + "src/").length())));
    }

    private static String displayName(Document user) {
        return (Objects.toString(user.getString("firstName"), "") + " "
                + Objects.toString(user.getString("lastName"), "")).strip();
    }

    /** Runs {@code step} as the one resumable step of a new ledger and returns how long the step took. */
    private static double timedStep(MigrationConfig.Builder store, MigrationStep step) {
        double[] millis = new double[1];
        MigrationChain chain = MigrationChain.builder().step("large").from("1.0.0").to("1.1.0").resumable()
                .up(ctx -> {
                    long t0 = System.nanoTime();
                    step.up(ctx);
                    millis[0] = (System.nanoTime() - t0) / 1e6;
                }).build();
        MigrationRuntime.run(store.targetVersion("1.1.0").ledgerName(S3TestServer.uniqueName("large"))
                .chain(chain).build());
        return millis[0];
    }

    private static void seed(MongoCollection<Document> users, int count) {
        List<Document> batch = new ArrayList<>(BATCH_SIZE);
        for (int i = 0; i < count; i++) {
            batch.add(new Document("_id", new ObjectId()).append("firstName", "First" + i)
                    .append("lastName", "Last" + i));
            if (batch.size() == BATCH_SIZE || i == count - 1) {
                users.insertMany(batch);
                batch.clear();
            }
        }
    }

    private static void seed(S3Client s3, String bucket, String prefix, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String key = prefix + String.format("%06d", i);
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding " + count + " objects failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
