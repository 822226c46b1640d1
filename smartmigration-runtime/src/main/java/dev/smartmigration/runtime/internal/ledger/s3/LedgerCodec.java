package dev.smartmigration.runtime.internal.ledger.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartmigration.chainrules.StrictVersion;
import dev.smartmigration.runtime.internal.ledger.AppliedCode;
import dev.smartmigration.runtime.internal.ledger.LedgerHead;
import dev.smartmigration.runtime.internal.ledger.LedgerSchema;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the ledger object's JSON: the fields of {@link LedgerSchema} with instants as ISO-8601 text, plus
 * {@code writeId} (unique per write, so a writer whose reply was lost can recognise its own write). Reading applies
 * the schema's one rule, after checking that the bytes are one JSON object without duplicate keys or trailing
 * content; anything else is a {@link Malformed} naming the offending field, so the object is reported and never
 * overwritten.
 */
final class LedgerCodec {

    /** User metadata written with every body: the format, so a HEAD can tell the object is a current ledger. */
    static final String META_FORMAT = "smartmigration-format";
    /** User metadata written with every body that has a version: the data version, for a HEAD to read. */
    static final String META_VERSION = "smartmigration-version";
    /** User metadata written with every body that has an applied-code digest: its {@code since}. */
    static final String META_APPLIED_SINCE = "smartmigration-applied-since";
    /** User metadata written with every body whose applied-code digest has a digest: the digest. */
    static final String META_APPLIED_DIGEST = "smartmigration-applied-digest";
    private static final String META_FORMAT_VALUE = LedgerSchema.FORMAT_MARKER + "/" + LedgerSchema.CURRENT_FORMAT_VERSION;
    private static final String WRITE_ID = "writeId";

    /** Instants as ISO-8601 text. */
    private static final LedgerSchema.Timestamps ISO_TEXT = new LedgerSchema.Timestamps() {
        @Override
        public Object write(Instant instant) {
            return instant == null ? null : instant.toString();
        }

        @Override
        public Instant read(Object value) {
            if (!(value instanceof String text)) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public String describe() {
            return "an ISO-8601 instant";
        }
    };

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Why an object is not a readable ledger: the offending field (empty for the object as a whole) and why. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String field;

        Malformed(String field, String problem) {
            super(problem);
            this.field = field;
        }

        Malformed(String problem, Throwable cause) {
            super(problem, cause);
            this.field = "";
        }

        String field() {
            return field;
        }
    }

    byte[] encode(StoredLedger ledger) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(LedgerSchema.FORMAT, LedgerSchema.FORMAT_MARKER);
        root.put(LedgerSchema.FORMAT_VERSION, LedgerSchema.CURRENT_FORMAT_VERSION);
        root.put(WRITE_ID, ledger.writeId());
        root.putAll(LedgerSchema.stateFields(ledger.state(), ISO_TEXT));
        root.put(LedgerSchema.LOCK, ledger.lock() == null ? null : LedgerSchema.lockFields(ledger.lock(), ISO_TEXT));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger's fields could not be written as JSON", e);
        }
    }

    /** @return the user metadata to write in the same PUT as {@code encode(ledger)}, describing that body */
    static Map<String, String> metadata(StoredLedger ledger) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(META_FORMAT, META_FORMAT_VALUE);
        String version = ledger.state().version();
        if (version != null) {
            metadata.put(META_VERSION, version);
        }
        AppliedCode code = ledger.state().appliedCode();
        if (code != null) {
            metadata.put(META_APPLIED_SINCE, code.since());
            if (code.digest() != null) {
                metadata.put(META_APPLIED_DIGEST, code.digest());
            }
        }
        return metadata;
    }

    /**
     * @return whether {@code metadata} (as a HEAD returned it) says the object is a ledger of the current format;
     *         when not, only the body can tell what the object is
     */
    static boolean describesCurrentFormat(Map<String, String> metadata) {
        return META_FORMAT_VALUE.equals(metadataValue(metadata, META_FORMAT));
    }

    /**
     * @return the data version and applied-code digest recorded in the metadata of a current-format ledger, checked
     *         by the schema's rule as the body's fields would be
     * @throws Malformed when one is malformed
     */
    static LedgerHead headIn(Map<String, String> metadata) throws Malformed {
        String version = metadataValue(metadata, META_VERSION);
        checkVersion(version, "the user metadata \"" + META_VERSION + "\"");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(LedgerSchema.FORMAT, LedgerSchema.FORMAT_MARKER);
        record.put(LedgerSchema.FORMAT_VERSION, LedgerSchema.CURRENT_FORMAT_VERSION);
        record.put(LedgerSchema.VERSION, version);
        String since = metadataValue(metadata, META_APPLIED_SINCE);
        String digest = metadataValue(metadata, META_APPLIED_DIGEST);
        if (since != null || digest != null) {
            Map<String, Object> code = new LinkedHashMap<>();
            code.put(LedgerSchema.Applied.SINCE, since);
            code.put(LedgerSchema.Applied.DIGEST, digest);
            record.put(LedgerSchema.APPLIED_CODE, code);
        }
        try {
            return LedgerSchema.head(record);
        } catch (LedgerSchema.Unreadable e) {
            throw new Malformed(e.field(), "in the user metadata (" + META_APPLIED_SINCE + ", "
                    + META_APPLIED_DIGEST + "): " + e.getMessage());
        }
    }

    /** Stores differ in the case of the metadata names they hand back (S3 lowercases, MinIO capitalises). */
    private static String metadataValue(Map<String, String> metadata, String name) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void checkVersion(String version, String field) throws Malformed {
        String problem = version == null ? null : StrictVersion.problem(version);
        if (problem != null) {
            throw new Malformed(META_VERSION, field + " = \"" + version + "\" is not a strict semantic version: "
                    + problem);
        }
    }

    StoredLedger decode(byte[] bytes) throws Malformed {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Malformed("it is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new Malformed("it could not be read as JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new Malformed("", "it is empty");
        }
        if (!root.isObject()) {
            throw new Malformed("", "it is JSON but not an object");
        }
        Map<String, Object> record = mapper.convertValue(root, new TypeReference<LinkedHashMap<String, Object>>() { });
        try {
            LedgerSchema.Read read = LedgerSchema.read(record, Set.of(WRITE_ID), ISO_TEXT);
            Object writeId = record.get(WRITE_ID);
            if (!(writeId instanceof String id) || id.isEmpty()) {
                throw new Malformed(WRITE_ID, "the field \"" + WRITE_ID + "\" is missing or not a non-empty string");
            }
            return new StoredLedger(id, read.state(), read.lock());
        } catch (LedgerSchema.Unreadable e) {
            throw new Malformed(e.field(), e.getMessage());
        }
    }
}
