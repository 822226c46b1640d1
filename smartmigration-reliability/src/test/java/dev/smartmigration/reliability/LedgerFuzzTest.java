package dev.smartmigration.reliability;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationInfo;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Bad input: ledger records damaged at random (fields removed, replaced by values of other types, huge or
 * non-semver values, unknown fields, truncated, a lock with absurd values, a version ahead of or before the
 * chain; for S3 also cut-off JSON text, garbage bytes, duplicated fields and trailing content), written with the
 * real client. {@code info}, {@code plan} and {@code run} must each give a coded error from
 * {@link LedgerFuzz#ALLOWED} or succeed (the documented tolerances: the fast path reads only the head, a ledger
 * ahead of the target is a no-op), and never overwrite: a rejected record stays byte-identical; after an outcome
 * that writes nothing (such as {@code TARGET_NOT_REACHABLE}, reported before any lock) the ledger reads back the
 * same. Both ledgers apply one rule (LedgerSchema): a missing or unknown field is corrupt on either. Iterations:
 * {@code reliability.fuzzIterations} per ledger, over three seeds starting at {@code reliability.seed}.
 */
class LedgerFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mongo_damagedLedgerDocuments_giveCodedErrorOrDocumentedTolerance_neverOverwrite() {
        try (MongoStore store = MongoStore.start()) {
            String ns = store.newNamespace();
            MongoCollection<Document> ledgers = store.client().getDatabase(ns)
                    .getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION);
            Document base = ledgers.find(eq("_id", baseLedger(store, ns))).first();
            fuzz(store, ns, new Target() {
                @Override
                public String write(String ledger, Random random) {
                    Document doc = Document.parse(base.toJson());
                    LedgerFuzz.mutate(doc, random, ttl -> new Document("owner", "other:1")
                            .append("token", UUID.randomUUID().toString()).append("acquiredAt", new Date())
                            .append("heartbeatAt", new Date(System.currentTimeMillis() - random.nextInt(120_000)))
                            .append("ttlMs", ttl));
                    doc.put("_id", ledger);
                    ledgers.insertOne(doc);
                    return doc.toJson();
                }

                @Override
                public byte[] bytes(String ledger) {
                    RawBsonDocument raw = ledgers.withDocumentClass(RawBsonDocument.class)
                            .find(eq("_id", ledger)).first();
                    ByteBuffer buffer = raw.getByteBuffer().asNIO();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    return bytes;
                }

                @Override
                public Map<String, Object> fields(String ledger) {
                    return Document.parse(ledgers.find(eq("_id", ledger)).first().toJson());
                }
            });
        }
    }

    @Test
    @Tag("s3")
    void s3_damagedLedgerObjects_giveCodedErrorOrDocumentedTolerance_neverOverwrite() {
        try (S3Store store = S3Store.start()) {
            String ns = store.newNamespace();
            byte[] base = store.ledgerBytes(baseLedger(store, ns));
            fuzz(store, ns, new Target() {
                @Override
                public String write(String ledger, Random random) {
                    byte[] damaged = damage(base, random);
                    store.client().putObject(b -> b.bucket(store.bucket()).key(S3Store.ledgerKey(ledger)),
                            RequestBody.fromBytes(damaged));
                    return new String(damaged, StandardCharsets.UTF_8);
                }

                @Override
                public byte[] bytes(String ledger) {
                    return store.ledgerBytes(ledger);
                }

                @Override
                public Map<String, Object> fields(String ledger) {
                    return parse(store.ledgerBytes(ledger));
                }
            });
        }
    }

    @Test
    void mongo_ledgerAheadOfTheChain_isANoOpOrLedgerAheadOfTarget() {
        try (MongoStore store = MongoStore.start()) {
            String ns = store.newNamespace();
            store.client().getDatabase(ns).getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                    .insertOne(new Document("_id", "ahead").append("format", "smartmigration-ledger")
                            .append("formatVersion", 1).append("version", "7.0.0").append("history", List.of())
                            .append("checkpoints", List.of()));
            aheadOfTheChain(store, ns, "ahead", () -> store.ledgerBytes(ns));
        }
    }

    @Test
    @Tag("s3")
    void s3_ledgerAheadOfTheChain_isANoOpOrLedgerAheadOfTarget() {
        try (S3Store store = S3Store.start()) {
            String ns = store.newNamespace();
            Map<String, Object> doc = parse(store.ledgerBytes(baseLedger(store, ns)));
            doc.put("version", "7.0.0");
            store.client().putObject(b -> b.bucket(store.bucket()).key(S3Store.ledgerKey(ns + "-ahead")),
                    RequestBody.fromBytes(write(doc)));
            aheadOfTheChain(store, ns, ns + "-ahead", () -> store.ledgerBytes(ns + "-ahead"));
        }
    }

    /** How a store's test writes a damaged record and reads it back. */
    private interface Target {
        /** Writes a damaged copy of the base ledger as {@code ledger}; returns it as text for messages. */
        String write(String ledger, Random random);

        byte[] bytes(String ledger);

        Map<String, Object> fields(String ledger);
    }

    private static void fuzz(StoreUnderTest store, String ns, Target target) {
        int iterations = Figures.setting("reliability.fuzzIterations", 500);
        long firstSeed = Figures.setting("reliability.seed", 20261101);
        LedgerFuzz fuzz = new LedgerFuzz();
        int done = 0;
        for (long seed = firstSeed; seed < firstSeed + 3; seed++) {
            Random random = new Random(seed);
            for (int i = 0; i < iterations / 3 + (seed == firstSeed ? iterations % 3 : 0); i++, done++) {
                String ledger = ns + "-" + seed + "-" + i;
                String text = target.write(ledger, random);
                byte[] before = target.bytes(ledger);
                String where = "seed " + seed + " iteration " + i + ": " + abbreviate(text);
                MigrationConfig config = LedgerFuzz.config(store, ns, ledger);
                MigrationInfo state = readable(config);
                String outcome = fuzz.exercise(config, () -> where);
                if (outcome.equals("LEDGER_CORRUPT") || outcome.equals("LOCK_TIMEOUT") || outcome.equals("AHEAD")
                        || outcome.equals(LedgerFuzz.UNREAD_AT_TARGET)) {
                    assertArrayEquals(before, target.bytes(ledger), outcome + ", " + where);
                    continue;
                }
                Map<String, Object> now = target.fields(ledger);
                if (LedgerFuzz.nothingWritten(outcome)) {
                    assertEquals(state, readable(config), outcome + ", " + where);
                } else {
                    MigrationRuntime.info(config);
                    if (outcome.equals("OK")) {
                        assertEquals(LedgerFuzz.TARGET, now.get("version"), where);
                    }
                }
            }
        }
        Figures.record("bad input: damaged ledger records", store.name(), "seeds", firstSeed + ".." + (firstSeed + 2),
                "records", done, "run outcomes", fuzz.outcomes(), "overwritten when rejected", 0,
                "other exception types", 0);
    }

    /** A real ledger named {@code ns}: step a applied, step b failed after writing checkpoint k. */
    private static String baseLedger(StoreUnderTest store, String ns) {
        MigrationRuntime.run(store.config(ns).targetVersion("1.1.0").chain(LedgerFuzz.chain()).build());
        MigrationChain failing = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("b").from("1.1.0").to(LedgerFuzz.TARGET).resumable().up(ctx -> {
                    ctx.checkpoint().write("k", 7);
                    throw new IllegalStateException("the base ledger's failure");
                })
                .build();
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(
                store.config(ns).targetVersion(LedgerFuzz.TARGET).chain(failing).build()));
        assertEquals(ErrorCode.STEP_FAILED, e.code());
        return ns;
    }

    private static void aheadOfTheChain(StoreUnderTest store, String ns, String ledger, Supplier<byte[]> bytes) {
        byte[] before = bytes.get();
        assertEquals(true, MigrationRuntime.run(LedgerFuzz.config(store, ns, ledger)).ledgerAheadOfTarget());
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(
                store.config(ns).ledgerName(ledger).targetVersion(LedgerFuzz.TARGET).chain(LedgerFuzz.chain())
                        .failIfAheadOfTarget(true).build()));
        assertEquals(ErrorCode.LEDGER_AHEAD_OF_TARGET, e.code());
        assertEquals("7.0.0", MigrationRuntime.currentVersion(LedgerFuzz.config(store, ns, ledger)).orElseThrow());
        assertArrayEquals(before, bytes.get());
    }

    /** JSON-level damage on top of the structural kind: cut-off text, garbage, duplicates, trailing content. */
    private static byte[] damage(byte[] base, Random random) {
        switch (random.nextInt(8)) {
            case 0:
                return Arrays.copyOf(base, random.nextInt(base.length));
            case 1:
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                return garbage;
            case 2:
                String text = new String(base, StandardCharsets.UTF_8).trim();
                return (text.substring(0, text.length() - 1) + ",\"version\":\"1.0.0\"}").getBytes(StandardCharsets.UTF_8);
            case 3:
                return (new String(base, StandardCharsets.UTF_8) + (random.nextBoolean() ? " {}" : "x"))
                        .getBytes(StandardCharsets.UTF_8);
            default:
                Map<String, Object> doc = parse(base);
                LedgerFuzz.mutate(doc, random, ttl -> {
                    Map<String, Object> lock = new LinkedHashMap<>();
                    lock.put("owner", "other:1");
                    lock.put("token", UUID.randomUUID().toString());
                    lock.put("acquiredAt", Instant.now().toString());
                    lock.put("heartbeatAt", Instant.now().minusSeconds(random.nextInt(120)).toString());
                    lock.put("ttlMs", ttl);
                    return lock;
                });
                return write(doc);
        }
    }

    private static Map<String, Object> parse(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the ledger stands as the runtime reads it, or {@code null} when it cannot. */
    private static MigrationInfo readable(MigrationConfig config) {
        try {
            return MigrationRuntime.info(config);
        } catch (SmartMigrationException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "...(" + text.length() + " chars)" : text;
    }
}
