package dev.smartmigration.reliability;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoCollection;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Bad input: ledger documents damaged at random (fields removed, replaced by values of other types, huge or
 * non-semver values, unknown fields, truncated, a lock with absurd values, a version ahead of or before the
 * chain), written with the real driver. {@code status}, {@code plan} and {@code run} must each give a coded
 * error from {@link LedgerFuzz#ALLOWED} or succeed (the documented tolerances: unknown fields are kept, a
 * ledger ahead of the target is a no-op), and never overwrite: a rejected document stays byte-identical.
 * Iterations: {@code reliability.fuzzIterations}, over three seeds starting at {@code reliability.seed}.
 */
class LedgerFuzzTest {

    private static final Set<String> KNOWN_FIELDS = Set.of("_id", "format", "formatVersion", "version", "history",
            "checkpoints", "lastWriteId", "lock");

    @Test
    void mongo_damagedLedgerDocuments_giveCodedErrorOrDocumentedTolerance_neverOverwrite() {
        int iterations = Figures.setting("reliability.fuzzIterations", 500);
        long firstSeed = Figures.setting("reliability.seed", 20261101);
        LedgerFuzz fuzz = new LedgerFuzz();
        try (MongoStore store = MongoStore.start()) {
            String ns = store.newNamespace();
            MongoCollection<Document> ledgers = store.client().getDatabase(ns)
                    .getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION);
            Document base = baseDocument(store, ns, ledgers);
            int done = 0;
            for (long seed = firstSeed; seed < firstSeed + 3; seed++) {
                Random random = new Random(seed);
                for (int i = 0; i < iterations / 3 + (seed == firstSeed ? iterations % 3 : 0); i++, done++) {
                    String ledger = "fuzz-" + seed + "-" + i;
                    Document doc = Document.parse(base.toJson());
                    mutate(doc, random);
                    doc.put("_id", ledger);
                    ledgers.insertOne(doc);
                    byte[] before = bytes(ledgers, ledger);
                    long s = seed;
                    int n = i;
                    MigrationConfig config = LedgerFuzz.config(store, ns, ledger);
                    String outcome = fuzz.exercise(config, () -> "seed " + s + " iteration " + n + ": "
                            + abbreviate(doc.toJson()));
                    String where = "seed " + seed + " iteration " + i + " (" + outcome + "): " + abbreviate(doc.toJson());
                    Document after = ledgers.find(eq("_id", ledger)).first();
                    if (outcome.equals("LEDGER_CORRUPT") || outcome.equals("LOCK_TIMEOUT")
                            || outcome.equals("AHEAD")) {
                        assertArrayEquals(before, bytes(ledgers, ledger), where);
                    } else if (LedgerFuzz.nothingWritten(outcome)) {
                        assertEquals(withoutLock(doc), withoutLock(after), where);
                    } else {
                        MigrationRuntime.status(config).orElseThrow();
                        if (outcome.equals("OK")) {
                            assertEquals(LedgerFuzz.TARGET, after.getString("version"), where);
                        }
                    }
                    for (String field : doc.keySet()) {
                        if (!KNOWN_FIELDS.contains(field)) {
                            assertEquals(new Document("v", doc.get(field)).toJson(),
                                    new Document("v", after.get(field)).toJson(), "unknown field " + field
                                            + " not kept: " + where);
                        }
                    }
                }
            }
            Figures.record("bad input: damaged ledger documents", "MongoDB", "seeds", firstSeed + ".." + (firstSeed + 2),
                    "documents", done, "run outcomes", fuzz.outcomes(), "overwritten when rejected", 0,
                    "other exception types", 0);
        }
    }

    @Test
    void mongo_ledgerAheadOfTheChain_isANoOpOrLedgerAheadOfTarget() {
        try (MongoStore store = MongoStore.start()) {
            String ns = store.newNamespace();
            MongoCollection<Document> ledgers = store.client().getDatabase(ns)
                    .getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION);
            ledgers.insertOne(new Document("_id", "ahead").append("format", "smartmigration-ledger")
                    .append("formatVersion", 1).append("version", "7.0.0"));
            byte[] before = bytes(ledgers, "ahead");
            MigrationConfig config = LedgerFuzz.config(store, ns, "ahead");
            assertEquals(true, MigrationRuntime.run(config).ledgerAheadOfTarget());
            SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(
                    store.config(ns).ledgerName("ahead").targetVersion(LedgerFuzz.TARGET).chain(LedgerFuzz.chain())
                            .failIfAheadOfTarget(true).build()));
            assertEquals(ErrorCode.LEDGER_AHEAD_OF_TARGET, e.code());
            assertArrayEquals(before, bytes(ledgers, "ahead"));
        }
    }

    /** A real ledger: step a applied, step b failed after writing checkpoint k. */
    private static Document baseDocument(MongoStore store, String ns, MongoCollection<Document> ledgers) {
        MigrationRuntime.run(store.config(ns).ledgerName("base").targetVersion("1.1.0").chain(LedgerFuzz.chain())
                .build());
        MigrationChain failing = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("b").from("1.1.0").to(LedgerFuzz.TARGET).resumable().up(ctx -> {
                    ctx.checkpoint().write("k", 7);
                    throw new IllegalStateException("the base ledger's failure");
                })
                .build();
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(
                store.config(ns).ledgerName("base").targetVersion(LedgerFuzz.TARGET).chain(failing).build()));
        assertEquals(ErrorCode.STEP_FAILED, e.code());
        return ledgers.find(eq("_id", "base")).first();
    }

    private static void mutate(Document doc, Random random) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            List<Object[]> places = new ArrayList<>();
            collect(doc, places, true);
            if (places.isEmpty()) {
                doc.put("format", "smartmigration-ledger");
                continue;
            }
            Object[] place = places.get(random.nextInt(places.size()));
            switch (random.nextInt(7)) {
                case 0 -> remove(place);
                case 1, 2 -> set(place, value(random, 0));
                case 3 -> {
                    List<Object[]> containers = places.stream().filter(p -> p[0] instanceof Document).toList();
                    ((Document) containers.get(random.nextInt(containers.size()))[0])
                            .put("unknown" + random.nextInt(100), value(random, 1));
                }
                case 4 -> {
                    List<String> keys = new ArrayList<>(doc.keySet());
                    keys.subList(random.nextInt(keys.size() + 1), keys.size()).forEach(doc::remove);
                }
                case 5 -> doc.put("version", LedgerFuzz.VERSIONS[random.nextInt(LedgerFuzz.VERSIONS.length)]);
                default -> doc.put("lock", new Document("owner", "other:1").append("token", UUID.randomUUID().toString())
                        .append("acquiredAt", new Date())
                        .append("heartbeatAt", new Date(System.currentTimeMillis() - random.nextInt(120_000)))
                        .append("ttlMs", new long[] {60_000, 1, 0, -5, Long.MAX_VALUE, Long.MIN_VALUE}[random.nextInt(6)]));
            }
        }
    }

    private static Object value(Random random, int depth) {
        return LedgerFuzz.randomValue(random, depth, () -> {
            Document d = new Document();
            for (int i = random.nextInt(3); i > 0; i--) {
                d.put(new String[] {"id", "status", "step", "key", "json", "owner", "x"}[random.nextInt(7)],
                        value(random, depth + 1));
            }
            return d;
        }, () -> {
            List<Object> l = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                l.add(value(random, depth + 1));
            }
            return l;
        });
    }

    /** Every (container, key-or-index) below {@code node}, except the top-level {@code _id}. */
    private static void collect(Object node, List<Object[]> places, boolean top) {
        if (node instanceof Document d) {
            for (String key : d.keySet()) {
                if (!(top && key.equals("_id"))) {
                    places.add(new Object[] {d, key});
                    collect(d.get(key), places, false);
                }
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                places.add(new Object[] {l, i});
                collect(l.get(i), places, false);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object[] place) {
        if (place[0] instanceof Document d) {
            d.remove((String) place[1]);
        } else {
            ((List<Object>) place[0]).remove((int) (Integer) place[1]);
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Object[] place, Object value) {
        if (place[0] instanceof Document d) {
            d.put((String) place[1], value);
        } else {
            ((List<Object>) place[0]).set((Integer) place[1], value);
        }
    }

    private static byte[] bytes(MongoCollection<Document> ledgers, String id) {
        RawBsonDocument raw = ledgers.withDocumentClass(RawBsonDocument.class).find(eq("_id", id)).first();
        ByteBuffer buffer = raw.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String withoutLock(Document doc) {
        Document copy = new Document(doc);
        copy.remove("lock");
        return copy.toJson();
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "...(" + text.length() + " chars)" : text;
    }
}
