package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.MongoTestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link MongoBatches}: the walk, its resume guarantee, {@code _id}s of mixed types, progress, throttling and the
 * rules, through the real driver against the test MongoDB (mongo-java-server unless
 * {@code SMARTMIGRATION_TEST_MONGODB_URI} names a real one). Each test walks a collection of its own database and
 * keeps its ledger there.
 */
@ExtendWith(MongoTestServerExtension.class)
class MongoBatchesTest {

    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final List<MigrationEvent> events = new CopyOnWriteArrayList<>();
    @TestResource private MongoTestServer server;
    @TestResource private MongoClient client;
    @TestResource private MongoDatabase db;

    private MigrationConfig config(String ledger, MigrationStep step, boolean resumable) {
        return config(client, ledger, step, resumable);
    }

    private MigrationConfig config(MongoClient through, String ledger, MigrationStep step, boolean resumable) {
        MigrationChain.StepBuilder walk = MigrationChain.builder().step("walk").from("1.0.0").to("1.1.0");
        if (resumable) {
            walk.resumable();
        }
        return MigrationConfig.builder().targetVersion("1.1.0").mongo(through, db.getName()).ledgerName(ledger)
                .chain(walk.up(step).build()).lockTtl(Duration.ofSeconds(5)).listener(events::add).build();
    }

    private MigrationConfig config(String ledger, MigrationStep step) {
        return config(ledger, step, true);
    }

    private static SmartMigrationException stepFailure(MigrationConfig config) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(config));
        assertEquals(ErrorCode.STEP_FAILED, e.code(), e.getMessage());
        return e;
    }

    private static String id(Document document) {
        return new Document("_id", document.get("_id")).toJson(EXACT);
    }

    private MongoCollection<Document> items(String name, int count) {
        MongoCollection<Document> items = db.getCollection(name);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Document("_id", new ObjectId()).append("n", i));
        }
        items.insertMany(docs);
        return items;
    }

    /** ObjectIds, strings and ints, a few of each, and one or more of every other type an _id may have. */
    private static List<Object> mixedIds() {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(new ObjectId());
            ids.add("user-" + (char) ('a' + i));
            ids.add(i * 7);
        }
        ids.addAll(List.of(new MinKey(), new MaxKey(), Double.NaN, 10L, 11L, 2.5, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, new Decimal128(45), "", "Z", new Document("x", 1), new Document("x", 2),
                new Binary(new byte[] {1}), new Binary(new byte[] {2}), new Binary(new byte[] {1, 1}), false, true,
                new Date(1_000), new Date(2_000), new BsonTimestamp(5, 1), new BsonTimestamp(6, 1)));
        ids.add(null);
        return ids;
    }

    /**
     * A client that records every {@code find} and {@code aggregate} sent for the collection {@code name}, as the
     * server received it.
     */
    private MongoClient recording(String name, List<BsonDocument> commands) {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = event.getCommand();
                String verb = event.getCommandName();
                if ((verb.equals("find") || verb.equals("aggregate"))
                        && command.get(verb).equals(new BsonString(name))) {
                    commands.add(command.clone());
                }
            }
        };
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(server.uri()))
                .addCommandListener(listener).build());
    }

    /** @return the {@code find}s among {@code commands} that probe for the highest {@code _id} (sorted descending) */
    private static long probes(List<BsonDocument> commands) {
        return commands.stream().filter(c -> c.containsKey("find")
                && new BsonDocument("_id", new BsonInt32(-1)).equals(c.get("sort"))).count();
    }

    private MongoCollection<Document> mixed(String name) {
        MongoCollection<Document> items = db.getCollection(name);
        for (Object id : mixedIds()) {
            items.insertOne(new Document("_id", id));
        }
        return items;
    }

    /**
     * The order a walk must visit: the server's {@code _id} order, with NaN first among the numbers, where MongoDB
     * sorts it (mongo-java-server sorts it after them).
     */
    private static List<String> mongoOrder(MongoCollection<Document> items) {
        List<String> order = new ArrayList<>();
        for (Document d : items.find().sort(Sorts.ascending("_id"))) {
            order.add(id(d));
        }
        String nan = id(new Document("_id", Double.NaN));
        if (order.remove(nan)) {
            order.add(order.indexOf(id(new Document("_id", Double.NEGATIVE_INFINITY))), nan);
        }
        return order;
    }

    @Test
    void walk_handsEveryDocumentOnceInIdOrder_inBatchesOfTheSize_andReportsIt() {
        MongoCollection<Document> items = items("items", 2_500);
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        List<BatchSummary> summaries = new CopyOnWriteArrayList<>();

        MigrationRuntime.run(config("walk", ctx -> summaries.add(ctx.mongoBatches(items).batchSize(1_000)
                .forEachBatch(batch -> batches.add(batch.stream().map(MongoBatchesTest::id).toList())))));

        assertEquals(List.of(1_000, 1_000, 500), batches.stream().map(List::size).toList());
        assertEquals(mongoOrder(items), batches.stream().flatMap(List::stream).toList());
        BatchSummary summary = summaries.get(0);
        assertEquals("items", summary.name());
        assertEquals(2_500, summary.processed());
        assertEquals(3, summary.batches());
        assertEquals(2_500, summary.done());
        assertFalse(summary.resumed());
    }

    @Test
    void mixedIdTypes_everyDocumentVisitedExactlyOnce_inMongoDbOrder_whereAHandWrittenGtLoopSkipsTypes() {
        MongoCollection<Document> items = mixed("mixed");
        List<String> visited = new CopyOnWriteArrayList<>();

        MigrationRuntime.run(config("mixed", ctx -> ctx.mongoBatches(items).batchSize(4)
                .forEachBatch(batch -> batch.forEach(d -> visited.add(id(d))))));

        assertEquals(mixedIds().size(), visited.size());
        assertEquals(mongoOrder(items), visited);
        List<String> handWritten = new ArrayList<>();
        Object last = null;
        while (true) {
            Bson page = last == null ? new Document() : Filters.gt("_id", last);
            List<Document> batch = items.find(page).sort(Sorts.ascending("_id")).limit(4).into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(d -> handWritten.add(id(d)));
            last = batch.get(batch.size() - 1).get("_id");
        }
        assertTrue(handWritten.size() < visited.size(), "the $gt loop visited " + handWritten);
    }

    @Test
    void mixedIdTypes_failureInEachBatch_nextRunResumesAfterTheLastFinishedBatch_noneSkippedOnlyThatBatchTwice() {
        int batches = 0;
        for (int failAt = 0; failAt == 0 || failAt < batches; failAt++) {
            MongoCollection<Document> items = mixed("resume-" + failAt);
            Map<String, Integer> visits = new HashMap<>();
            List<List<String>> handed = new ArrayList<>();
            AtomicInteger batch = new AtomicInteger();
            int failing = failAt;
            MigrationStep step = ctx -> ctx.mongoBatches(items).batchSize(4).forEachBatch(docs -> {
                List<String> ids = docs.stream().map(MongoBatchesTest::id).toList();
                ids.forEach(id -> visits.merge(id, 1, Integer::sum));
                handed.add(ids);
                if (batch.getAndIncrement() == failing) {
                    throw new IllegalStateException("batch " + failing + " fails");
                }
            });
            MigrationConfig config = config("resume-" + failAt, step);

            stepFailure(config);
            List<String> failed = handed.get(failAt);
            MigrationRuntime.run(config);

            batches = handed.size() - 1;
            for (String id : mongoOrder(items)) {
                assertEquals(failed.contains(id) ? 2 : 1, visits.getOrDefault(id, 0),
                        "failure in batch " + failAt + " (" + failed + "): visits of " + id);
            }
        }
        assertTrue(batches > 10, batches + " batches");
    }

    @Test
    void filterThatMatchesNothing_walksNothing_afterOneAggregation_andNoFind() {
        MongoCollection<Document> items = items("nothing", 50);
        List<BsonDocument> commands = new CopyOnWriteArrayList<>();
        List<BatchSummary> summaries = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();

        try (MongoClient recorded = recording("nothing", commands)) {
            MongoCollection<Document> seen = recorded.getDatabase(db.getName()).getCollection("nothing");
            MigrationRuntime.run(config(recorded, "nothing", ctx -> summaries.add(ctx.mongoBatches(seen)
                    .filter(Filters.lt("n", 0)).forEachBatch(b -> handled.incrementAndGet())), true));
        }

        assertEquals(0, handled.get());
        assertEquals(0, summaries.get(0).done());
        assertEquals(List.of("aggregate"), commands.stream().map(c -> c.getFirstKey()).toList(), commands.toString());
        MigrationEvent.BatchProgress finished = events.stream().filter(MigrationEvent.BatchProgress.class::isInstance)
                .map(MigrationEvent.BatchProgress.class::cast).reduce((a, b) -> b).orElseThrow();
        assertTrue(finished.finished());
        assertEquals(0L, finished.total());
        assertEquals(50, items.countDocuments(), "the walk wrote nothing");
    }

    @Test
    void mixedIdTypes_filterMatchingSomeTypeGroups_visitsEachMatchOnce_inOrder_resumesInTheSameBrackets_noProbe()
            throws Exception {
        MongoCollection<Document> items = db.getCollection("some-types");
        List<String> matching = new ArrayList<>();
        for (Object id : mixedIds()) {
            boolean keep = id instanceof Number || id instanceof String || id instanceof ObjectId;
            items.insertOne(new Document("_id", id).append("keep", keep));
        }
        for (String id : mongoOrder(items)) {
            if (items.find(Document.parse(id)).first().getBoolean("keep")) {
                matching.add(id);
            }
        }
        List<BsonDocument> commands = new CopyOnWriteArrayList<>();
        List<String> visited = new CopyOnWriteArrayList<>();
        AtomicInteger batch = new AtomicInteger();
        JsonNode checkpoint;

        try (MongoClient recorded = recording("some-types", commands)) {
            MongoCollection<Document> seen = recorded.getDatabase(db.getName()).getCollection("some-types");
            MigrationConfig config = config(recorded, "some-types", ctx -> ctx.mongoBatches(seen)
                    .filter(Filters.eq("keep", true)).batchSize(4).forEachBatch(docs -> {
                        docs.forEach(d -> visited.add(id(d)));
                        if (batch.incrementAndGet() == 3) {
                            throw new IllegalStateException("third batch fails");
                        }
                    }), true);
            stepFailure(config);
            checkpoint = new ObjectMapper().readTree(MigrationRuntime.info(config).steps().get(0).checkpoints()
                    .get("mongoBatches:some-types"));
            MigrationRuntime.run(config);
        }

        // NaN is a bracket of its own, so the batches are [NaN], then four numbers, then the failing four
        List<String> expected = new ArrayList<>(matching.subList(0, 9));
        expected.addAll(matching.subList(5, matching.size()));
        assertEquals(expected, visited, "every match once in MongoDB's order, and the failed third batch twice");
        assertEquals("NAN", checkpoint.get("firstBracket").asText(), checkpoint.toString());
        assertEquals("OBJECT_ID", checkpoint.get("lastBracket").asText(), checkpoint.toString());
        assertEquals(matching.size(), checkpoint.get("total").asLong());
        assertEquals(0, probes(commands), "the aggregation gave the brackets, the checkpoint kept them: " + commands);
        assertEquals(1, commands.stream().filter(c -> c.containsKey("aggregate")).count(), commands.toString());
    }

    @Test
    void filterMatchingMinKeyNullAndMaxKey_takesTheBracketsFromTheCollection_andVisitsEachMatchOnce() {
        MongoCollection<Document> items = mixed("edges");
        List<BsonDocument> commands = new CopyOnWriteArrayList<>();
        List<String> visited = new CopyOnWriteArrayList<>();

        try (MongoClient recorded = recording("edges", commands)) {
            MongoCollection<Document> seen = recorded.getDatabase(db.getName()).getCollection("edges");
            MigrationRuntime.run(config(recorded, "edges", ctx -> ctx.mongoBatches(seen)
                    .filter(Filters.not(Filters.type("_id", "objectId"))).batchSize(5)
                    .forEachBatch(docs -> docs.forEach(d -> visited.add(id(d)))), true));
        }

        List<String> expected = new ArrayList<>(mongoOrder(items));
        expected.removeIf(id -> id.contains("$oid"));
        assertEquals(expected, visited);
        assertTrue(probes(commands) > 0, "MinKey and null hide the lowest bracket from $min: " + commands);
    }

    @Test
    void resumedWalk_keepsTheTotalEstimatedAtItsFirstStart_andContinuesItsCount() throws Exception {
        MongoCollection<Document> items = items("estimate", 2_500);
        Bson pending = Filters.not(Filters.in("n", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        AtomicInteger calls = new AtomicInteger();
        List<BatchSummary> summaries = new CopyOnWriteArrayList<>();
        MigrationConfig config = config("estimate", ctx -> summaries.add(ctx.mongoBatches(items).filter(pending)
                .batchSize(300).forEachBatch(docs -> {
                    if (calls.incrementAndGet() == 3) {
                        throw new IllegalStateException("third batch fails");
                    }
                })));

        stepFailure(config);
        JsonNode checkpoint = new ObjectMapper().readTree(MigrationRuntime.info(config).steps().get(0).checkpoints()
                .get("mongoBatches:estimate"));
        items.insertMany(List.of(new Document("_id", new ObjectId()).append("n", 100),
                new Document("_id", new ObjectId()).append("n", 101)));
        events.clear();
        MigrationRuntime.run(config);

        assertEquals(600, checkpoint.get("done").asLong());
        assertEquals(2_490, checkpoint.get("total").asLong());
        assertEquals("OBJECT_ID", checkpoint.get("lastIdType").asText());
        assertTrue(checkpoint.get("lastId").has("$oid"), checkpoint.toString());
        assertFalse(checkpoint.get("finished").asBoolean());
        List<MigrationEvent.BatchProgress> progress = events.stream()
                .filter(MigrationEvent.BatchProgress.class::isInstance).map(MigrationEvent.BatchProgress.class::cast)
                .toList();
        assertEquals(900, progress.get(0).done());
        assertTrue(progress.stream().allMatch(p -> p.total() == 2_490L), progress.toString());
        MigrationEvent.BatchProgress last = progress.get(progress.size() - 1);
        assertTrue(last.finished());
        assertEquals(2_492, last.done());
        assertEquals(Duration.ZERO, last.remaining());
        BatchSummary resumed = summaries.get(0);
        assertTrue(resumed.resumed());
        assertEquals(2_492 - 600, resumed.processed());
        assertEquals(2_492, resumed.done());
    }

    @Test
    void progressEvents_followEachCheckpoint_withDoneTotalBatchesAndRate_thenOneFinished() {
        MongoCollection<Document> items = items("progress", 2_000);

        MigrationRuntime.run(config("progress", ctx -> ctx.mongoBatches(items).batchSize(300).name("numbers")
                .forEachBatch(docs -> { })));

        List<String> walkEvents = new ArrayList<>();
        List<MigrationEvent.BatchProgress> progress = new ArrayList<>();
        for (MigrationEvent e : events) {
            if (e instanceof MigrationEvent.CheckpointWritten c) {
                walkEvents.add("checkpoint " + c.key());
            } else if (e instanceof MigrationEvent.BatchProgress p) {
                walkEvents.add("progress " + p.done());
                progress.add(p);
            }
        }
        List<String> expected = new ArrayList<>();
        for (long done = 300; done < 2_000; done += 300) {
            expected.addAll(List.of("checkpoint mongoBatches:numbers", "progress " + done));
        }
        expected.addAll(List.of("checkpoint mongoBatches:numbers", "progress 2000", "checkpoint mongoBatches:numbers",
                "progress 2000"));
        assertEquals(expected, walkEvents);
        MigrationEvent.BatchProgress first = progress.get(0);
        assertEquals("walk", first.stepId());
        assertEquals("numbers", first.walk());
        assertEquals(2_000L, first.total());
        assertEquals(1, first.batches());
        assertTrue(first.itemsPerSecond() > 0, first.toString());
        assertFalse(first.finished());
        MigrationEvent.BatchProgress end = progress.get(progress.size() - 1);
        assertTrue(end.finished());
        assertEquals(7, end.batches());
    }

    @Test
    void updateEach_sendsOneUpdatePerDocumentInABulkWritePerBatch_guardedByTheFilter_nullLeavesADocumentAlone() {
        MongoCollection<Document> users = db.getCollection("users");
        for (int i = 0; i < 10; i++) {
            users.insertOne(new Document("_id", i).append("first", "F" + i).append("last", "L" + i));
        }
        users.updateOne(Filters.eq("_id", 9), Updates.set("name", "already set"));
        MigrationRuntime.run(config("update", ctx -> ctx.mongoBatches(users).filter(Filters.exists("name", false))
                .batchSize(4).updateEach(user -> {
                    int id = user.getInteger("_id");
                    if (id == 2) {
                        users.updateOne(Filters.eq("_id", 3), Updates.set("name", "set meanwhile"));
                    }
                    return id == 5 ? null : Updates.set("name", user.getString("first") + " " + user.getString("last"));
                })));

        Map<Integer, String> names = new HashMap<>();
        users.find().forEach(d -> names.put(d.getInteger("_id"), d.getString("name")));
        assertEquals("F0 L0", names.get(0));
        assertEquals("set meanwhile", names.get(3), "a document that stopped matching the filter is left alone");
        assertNull(names.get(5), "a null update leaves the document alone");
        assertEquals("F8 L8", names.get(8));
        assertEquals("already set", names.get(9));
    }

    @Test
    void updateEach_withAFilterOnIdItself_updatesOnlyTheDocumentsItMatches() {
        MongoCollection<Document> users = db.getCollection("id-filter");
        for (int i = 0; i < 10; i++) {
            users.insertOne(new Document("_id", i));
        }

        MigrationRuntime.run(config("id-filter", ctx -> ctx.mongoBatches(users)
                .filter(Filters.and(Filters.gt("_id", 2), Filters.exists("name", false))).batchSize(3)
                .updateEach(user -> Updates.set("name", "n" + user.getInteger("_id")))));

        Map<Integer, String> names = new HashMap<>();
        users.find().forEach(d -> names.put(d.getInteger("_id"), d.getString("name")));
        assertNull(names.get(2));
        assertEquals("n3", names.get(3));
        assertEquals("n9", names.get(9));
        assertEquals(7, names.values().stream().filter(java.util.Objects::nonNull).count());
    }

    /** The sample of docs/large-data.md: a named, throttled walk, its progress through a listener. */
    @Test
    void docSample_namedThrottledWalk_reportsItsProgressToAListener() {
        MongoCollection<Document> orders = db.getCollection("orders");
        for (int i = 0; i < 1_000; i++) {
            orders.insertOne(new Document("_id", i).append("quantity", 2).append("price", i));
        }
        List<String> progress = new CopyOnWriteArrayList<>();

        MigrationStep orderTotals = ctx -> ctx.mongoBatches(ctx.mongo().getCollection("orders"))
                .name("order-totals")
                .filter(Filters.exists("total", false))
                .batchSize(250)
                .maxPerSecond(5_000)
                .pauseBetweenBatches(Duration.ofMillis(20))
                .updateEach(order -> Updates.set("total", order.getInteger("quantity") * order.getInteger("price")));
        MigrationConfig config = MigrationConfig.builder()
                .targetVersion("1.1.0")
                .mongo(client, db.getName())
                .chain(MigrationChain.builder().step("order-totals").from("1.0.0").to("1.1.0").resumable()
                        .up(orderTotals).build())
                .listener(event -> {
                    if (event instanceof MigrationEvent.BatchProgress p && !p.finished()) {
                        progress.add(p.walk() + ": " + p.done() + " of " + p.total());
                    }
                })
                .build();
        MigrationRuntime.run(config);

        assertEquals(List.of("order-totals: 250 of 1000", "order-totals: 500 of 1000", "order-totals: 750 of 1000",
                "order-totals: 1000 of 1000"), progress);
        assertEquals(0, orders.countDocuments(Filters.exists("total", false)));
        assertEquals(1_998, orders.find(Filters.eq("_id", 999)).first().getInteger("total"));
    }

    @Test
    void finishedWalk_isNotWalkedAgain_whenTheStepIsResumedAfterALaterFailure_andTwoNamedWalksKeepTheirOwnPositions() {
        MongoCollection<Document> items = items("twice", 50);
        List<String> walked = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        MigrationConfig config = config("twice", ctx -> {
            int run = runs.incrementAndGet();
            ctx.mongoBatches(items).name("first").batchSize(20).forEachBatch(b -> walked.add("first " + b.size()));
            ctx.mongoBatches(items).name("second").batchSize(20).forEachBatch(b -> {
                walked.add("second " + b.size());
                if (run == 1 && walked.size() == 5) {
                    throw new IllegalStateException("fails in the second walk's second batch");
                }
            });
        });

        stepFailure(config);
        MigrationRuntime.run(config);

        assertEquals(List.of("first 20", "first 20", "first 10", "second 20", "second 20", "second 20", "second 10"),
                walked);
    }

    @Test
    void twoWalksUnderOneName_inOneRun_failWithInvalidOptions_beforeTheSecondWalks() {
        MongoCollection<Document> items = items("same-name", 3);
        SmartMigrationException e = stepFailure(config("same-name", ctx -> {
            ctx.mongoBatches(items).forEachBatch(b -> { });
            ctx.mongoBatches(items).forEachBatch(b -> { });
        }));

        SmartMigrationException cause = assertInstanceOf(SmartMigrationException.class, e.getCause());
        assertEquals(ErrorCode.INVALID_OPTIONS, cause.code(), cause.getMessage());
        assertTrue(cause.getMessage().contains(".name("), cause.getMessage());
    }

    @Test
    void stepThatIsNotResumable_getsStepNotResumable_beforeAnythingIsRead() {
        MongoCollection<Document> items = items("not-resumable", 3);
        AtomicInteger handled = new AtomicInteger();
        SmartMigrationException e = stepFailure(config("not-resumable",
                ctx -> ctx.mongoBatches(items).forEachBatch(b -> handled.incrementAndGet()), false));

        SmartMigrationException cause = assertInstanceOf(SmartMigrationException.class, e.getCause());
        assertEquals(ErrorCode.STEP_NOT_RESUMABLE, cause.code());
        assertTrue(cause.getMessage().contains("ctx.mongoBatches()"), cause.getMessage());
        assertEquals(0, handled.get());
    }

    /**
     * MongoDB refuses a regular expression as an {@code _id}, but accepts JavaScript code, which sorts in the same
     * place (after timestamps) and which mongo-java-server cannot sort; mongo-java-server accepts the regular
     * expression, so it stands in for the types a walk refuses.
     */
    @Test
    void idOfATypeThatCannotBePaged_isRefusedWithUnsupportedIdType_beforeAnythingIsWalked() {
        Assumptions.assumeTrue(server.isEmbedded(), "MongoDB refuses a regular expression as an _id");
        MongoCollection<Document> items = items("odd", 5);
        items.insertOne(new Document("_id", new MaxKey()));
        items.insertOne(new Document("_id", Pattern.compile("^a")));
        AtomicInteger handled = new AtomicInteger();

        SmartMigrationException e = stepFailure(config("odd",
                ctx -> ctx.mongoBatches(items).forEachBatch(b -> handled.incrementAndGet())));

        SmartMigrationException cause = assertInstanceOf(SmartMigrationException.class, e.getCause());
        assertEquals(ErrorCode.UNSUPPORTED_ID_TYPE, cause.code(), cause.getMessage());
        assertEquals("REGULAR_EXPRESSION", cause.details().get("idType"), cause.getMessage());
        assertTrue(cause.getMessage().contains("\"pattern\": \"^a\""), cause.getMessage());
        assertEquals(0, handled.get());
    }

    /** A walk with a filter checks the types of the documents it matches, and only those. */
    @Test
    void idOfATypeThatCannotBePaged_isRefusedWhenTheFilterMatchesIt_andWalkedAroundWhenItDoesNot() {
        Assumptions.assumeTrue(server.isEmbedded(), "MongoDB refuses a regular expression as an _id");
        MongoCollection<Document> items = items("odd-filtered", 5);
        items.insertOne(new Document("_id", Pattern.compile("^a")).append("n", -1));
        List<Object> walked = new CopyOnWriteArrayList<>();

        SmartMigrationException e = stepFailure(config("odd-matched", ctx -> ctx.mongoBatches(items)
                .filter(Filters.lt("n", 3)).forEachBatch(b -> walked.add(b))));
        MigrationRuntime.run(config("odd-unmatched", ctx -> ctx.mongoBatches(items)
                .filter(Filters.gte("n", 0)).batchSize(2).forEachBatch(b -> b.forEach(d -> walked.add(d.get("n"))))));

        SmartMigrationException cause = assertInstanceOf(SmartMigrationException.class, e.getCause());
        assertEquals(ErrorCode.UNSUPPORTED_ID_TYPE, cause.code(), cause.getMessage());
        assertEquals("REGULAR_EXPRESSION", cause.details().get("idType"), cause.getMessage());
        assertEquals(List.of(0, 1, 2, 3, 4), walked, "nothing walked by the refused walk, every match by the other");
    }

    @Test
    void projectionWithoutId_failsWithInvalidOptions_andBadSettingsFailAsTheyAreSet() {
        MongoCollection<Document> items = items("settings", 3);
        List<ErrorCode> codes = new CopyOnWriteArrayList<>();
        MigrationRuntime.run(config("settings", ctx -> {
            MongoBatches walk = ctx.mongoBatches(items);
            for (Runnable bad : List.<Runnable>of(() -> walk.batchSize(0), () -> walk.batchSize(100_001),
                    () -> walk.maxPerSecond(0), () -> walk.maxPerSecond(Double.NaN),
                    () -> walk.pauseBetweenBatches(Duration.ofMillis(-1)), () -> walk.pauseBetweenBatches(null),
                    () -> walk.name(" "), () -> walk.name("x".repeat(201)))) {
                codes.add(assertThrows(SmartMigrationException.class, bad::run).code());
            }
            codes.add(assertThrows(SmartMigrationException.class, () -> ctx.mongoBatches(items).name("p")
                    .projection(Projections.excludeId()).forEachBatch(b -> { })).code());
        }));

        assertEquals(9, codes.size());
        assertTrue(codes.stream().allMatch(ErrorCode.INVALID_OPTIONS::equals), codes.toString());
    }

    @Test
    void maxPerSecondAndPause_spaceTheBatches_atLeastByWhatTheyAllow() {
        MongoCollection<Document> items = items("throttle", 60);
        List<Long> starts = new CopyOnWriteArrayList<>();
        List<Long> pauses = new CopyOnWriteArrayList<>();
        long[] ends = new long[1];

        MigrationRuntime.run(config("throttle", ctx -> {
            ctx.mongoBatches(items).batchSize(10).maxPerSecond(100).forEachBatch(b -> starts.add(System.nanoTime()));
            ctx.mongoBatches(items).name("paused").batchSize(20).pauseBetweenBatches(Duration.ofMillis(150))
                    .forEachBatch(b -> {
                        if (ends[0] != 0) {
                            pauses.add(System.nanoTime() - ends[0]);
                        }
                        ends[0] = System.nanoTime();
                    });
        }));

        assertEquals(6, starts.size());
        long spread = starts.get(5) - starts.get(0);
        assertTrue(spread >= Duration.ofMillis(490).toNanos(), "6 batches of 10 at 100/s took " + spread + " ns");
        assertEquals(2, pauses.size());
        assertTrue(pauses.stream().allMatch(p -> p >= Duration.ofMillis(150).toNanos()), pauses.toString());
    }
}
