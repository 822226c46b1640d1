package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The batched-walk scenario: one resumable step walks {@value #ITEMS} items with {@code ctx.mongoBatches} (documents
 * with {@code _id}s of three BSON types, each updated with {@code $inc visits}, one {@code bulkWrite} per
 * {@value #CHUNK}) or {@code ctx.s3Batches} (objects; each {@value #CHUNK} of a batch append one object listing
 * their keys), a checkpoint after each batch of {@value #BATCH}. The parent
 * seeds the items, reads the walk's checkpoint and counts the visits.
 */
final class WalkRun {

    static final int ITEMS = 20_000;
    static final int BATCH = 500;
    /** Visits are recorded a chunk of a batch at a time, so that a kill can land between two chunks of a batch. */
    static final int CHUNK = 100;
    static final String STEP = "walk-items";
    static final String TARGET = "1.1.0";
    /** The collection (MongoDB), the key folder under the namespace (S3), and the walk's name. */
    static final String ITEMS_NAME = "items";

    private static final String PROGRESS = "WALKED done=";

    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private WalkRun() {
    }

    /**
     * The walking chain, as an instance runs it.
     *
     * @param store     {@code mongo} or {@code s3}
     * @param ns        the round's namespace
     * @param perSecond the walk's {@code maxPerSecond}, 0 for none
     * @return the chain
     */
    static MigrationChain chain(String store, String ns, double perSecond) {
        return MigrationChain.builder().step(STEP).from("1.0.0").to(TARGET).resumable().up(ctx -> {
            if (store.equals("s3")) {
                S3Client s3 = ctx.s3();
                var walk = ctx.s3Batches(ns + "/" + ITEMS_NAME + "/").name(ITEMS_NAME).batchSize(BATCH);
                if (perSecond > 0) {
                    walk.maxPerSecond(perSecond);
                }
                walk.forEachBatch(objects -> {
                    for (int from = 0; from < objects.size(); from += CHUNK) {
                        StringBuilder keys = new StringBuilder();
                        objects.subList(from, Math.min(objects.size(), from + CHUNK))
                                .forEach(o -> keys.append(o.key()).append('\n'));
                        s3.putObject(b -> b.bucket(ctx.bucket()).key(ns + "/visits/" + UUID.randomUUID()),
                                RequestBody.fromString(keys.toString()));
                    }
                });
            } else {
                MongoCollection<Document> items = ctx.mongo().getCollection(ITEMS_NAME);
                var walk = ctx.mongoBatches(items).batchSize(BATCH);
                if (perSecond > 0) {
                    walk.maxPerSecond(perSecond);
                }
                walk.forEachBatch(documents -> {
                    for (int from = 0; from < documents.size(); from += CHUNK) {
                        List<WriteModel<Document>> visits = new ArrayList<>();
                        for (Document d : documents.subList(from, Math.min(documents.size(), from + CHUNK))) {
                            visits.add(new UpdateOneModel<>(Filters.eq("_id", d.get("_id")),
                                    Updates.inc("visits", 1)));
                        }
                        items.bulkWrite(visits);
                    }
                });
            }
        }).build();
    }

    /** The items and their visits, as the parent sees them. */
    interface Items {
        /** Creates the items. */
        void seed();

        /** @return every item's id in the order the walk visits them, with how often it was visited */
        List<Map.Entry<String, Integer>> visitsInWalkOrder();
    }

    /**
     * @param store the MongoDB store
     * @param ns    the round's namespace
     * @return {@value #ITEMS} documents: a third each with int, string and ObjectId {@code _id}s
     */
    static Items mongo(MongoStoreBase store, String ns) {
        MongoCollection<Document> items = store.client().getDatabase(ns).getCollection(ITEMS_NAME);
        return new Items() {
            @Override
            public void seed() {
                List<Document> docs = new ArrayList<>(ITEMS);
                for (int i = 0; i < ITEMS; i++) {
                    Object id = switch (i % 3) {
                        case 0 -> i;
                        case 1 -> String.format("item-%05d", i);
                        default -> new ObjectId();
                    };
                    docs.add(new Document("_id", id).append("n", i));
                }
                items.insertMany(docs);
            }

            @Override
            public List<Map.Entry<String, Integer>> visitsInWalkOrder() {
                List<Map.Entry<String, Integer>> visits = new ArrayList<>(ITEMS);
                for (Document d : items.find().sort(Sorts.ascending("_id"))) {
                    visits.add(Map.entry(new Document("_id", d.get("_id")).toJson(EXACT),
                            d.getInteger("visits", 0)));
                }
                return visits;
            }
        };
    }

    /**
     * @param store the S3 store
     * @param ns    the round's namespace
     * @return {@value #ITEMS} empty objects under {@code <ns>/items/}
     */
    static Items s3(S3Store store, String ns) {
        S3Client s3 = store.client();
        String bucket = store.bucket();
        String prefix = ns + "/" + ITEMS_NAME + "/";
        return new Items() {
            @Override
            public void seed() {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<?>> puts = new ArrayList<>(ITEMS);
                    for (int i = 0; i < ITEMS; i++) {
                        String key = prefix + String.format("%05d", i);
                        puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.empty())));
                    }
                    for (Future<?> put : puts) {
                        put.get();
                    }
                } catch (Exception e) {
                    throw new AssertionError("seeding " + ITEMS + " objects failed", e);
                } finally {
                    pool.shutdownNow();
                }
            }

            @Override
            public List<Map.Entry<String, Integer>> visitsInWalkOrder() {
                Map<String, Integer> counts = new HashMap<>();
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ns + "/visits/")).contents().forEach(o -> {
                    String body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()))
                            .asString(StandardCharsets.UTF_8);
                    for (String key : body.split("\n")) {
                        counts.merge(key, 1, Integer::sum);
                    }
                });
                List<Map.Entry<String, Integer>> visits = new ArrayList<>(ITEMS);
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                        .forEach(o -> visits.add(Map.entry(o.key(), counts.getOrDefault(o.key(), 0))));
                assertEquals(visits.size(), counts.size(), "visits of keys that are not items");
                return visits;
            }
        };
    }

    /**
     * Starts an instance walking the items.
     *
     * @param store     the ledger's store
     * @param name      the child's name (log file)
     * @param ns        the round's namespace
     * @param owner     the instance's owner name
     * @param waitMs    its lockWait
     * @param perSecond its walk's maxPerSecond, 0 for none
     * @return the child
     */
    static ChildJvm start(StoreUnderTest store, String name, String ns, String owner, long waitMs, int perSecond) {
        List<String> args = new ArrayList<>(store.childArgs());
        args.addAll(List.of("ns=" + ns, "owner=" + owner, "ttlMs=" + store.ttlMs(), "waitMs=" + waitMs,
                "scenario=walk", "perSecond=" + perSecond));
        return ChildJvm.start(name, args);
    }

    /**
     * @param done a count of items done
     * @return the line an instance prints once a checkpoint with that count is in the ledger
     */
    static String progressLine(long done) {
        return PROGRESS + done;
    }

    /**
     * @param line a line an instance printed
     * @param done a count of items done
     * @return whether it is a progress line of at least that count (a batch ends early where an {@code _id} type
     *         ends, so counts are not all multiples of the batch size)
     */
    static boolean progressAtLeast(String line, int done) {
        return line.startsWith(PROGRESS) && Long.parseLong(line.substring(PROGRESS.length())) >= done;
    }

    /**
     * @param store the ledger's store
     * @param ns    the round's namespace
     * @return the walk's checkpoint's count of items done
     * @throws AssertionError when there is none, or the walk had finished (the kill did not land inside it)
     */
    static int checkpointDone(StoreUnderTest store, String ns) {
        boolean s3 = store.name().equals("S3");
        MigrationInfo info = MigrationRuntime.info(store.config(ns).targetVersion(TARGET)
                .chain(chain(s3 ? "s3" : "mongo", ns, 0)).build());
        String key = (s3 ? "s3Batches:" : "mongoBatches:") + ITEMS_NAME;
        String json = info.steps().stream().filter(s -> s.id().equals(STEP)).findFirst().orElseThrow()
                .checkpoints().get(key);
        assertTrue(json != null, "no checkpoint " + key + " in the ledger: the kill did not land inside the walk");
        try {
            JsonNode checkpoint = new ObjectMapper().readTree(json);
            assertTrue(!checkpoint.get("finished").asBoolean(), "the walk had finished: " + json);
            return checkpoint.get("done").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the visits after a kill with {@code done} items checkpointed and a completed resume: every item
     * visited, the first {@code done} exactly once, the next batch (the one in flight) at most twice, the rest once.
     *
     * @param items the items
     * @param done  the checkpoint's count when the kill hit
     * @return how many items were visited twice
     */
    static int checkVisits(Items items, int done) {
        List<Map.Entry<String, Integer>> visits = items.visitsInWalkOrder();
        assertEquals(ITEMS, visits.size());
        int twice = 0;
        for (int i = 0; i < visits.size(); i++) {
            int n = visits.get(i).getValue();
            boolean inFlight = i >= done && i < done + BATCH;
            assertTrue(n >= 1, "item " + i + " " + visits.get(i).getKey() + " was skipped (checkpoint at " + done
                    + ")");
            assertTrue(n <= (inFlight ? 2 : 1), "item " + i + " " + visits.get(i).getKey() + " was visited " + n
                    + " times (checkpoint at " + done + ", batch " + BATCH + ")");
            twice += n - 1;
        }
        return twice;
    }
}
