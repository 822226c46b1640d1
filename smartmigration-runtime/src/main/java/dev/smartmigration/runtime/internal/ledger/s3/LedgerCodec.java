package dev.smartmigration.runtime.internal.ledger.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smartmigration.runtime.internal.StrictVersion;
import dev.smartmigration.runtime.internal.ledger.HistoryEntry;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.runtime.internal.ledger.StoredLock;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the ledger object's JSON. Reading is strict: anything that is not exactly our format (wrong
 * marker, newer format version, unknown or missing fields, wrong types, a version that is not strict semver) is
 * rejected with a {@link Malformed} naming the offending field, so that the ledger is reported and never
 * overwritten.
 */
final class LedgerCodec {

    static final String FORMAT = "smartmigration-ledger";
    static final int FORMAT_VERSION = 1;
    /** User metadata written with every body: the format, so a HEAD can tell the object is a current ledger. */
    static final String META_FORMAT = "smartmigration-format";
    /** User metadata written with every body that has a version: the data version, for a HEAD to read. */
    static final String META_VERSION = "smartmigration-version";
    private static final String META_FORMAT_VALUE = FORMAT + "/" + FORMAT_VERSION;

    private static final Set<String> TOP_FIELDS =
            Set.of("format", "formatVersion", "writeId", "version", "history", "checkpoints", "lock");
    private static final Set<String> LOCK_FIELDS = Set.of("owner", "token", "acquiredAt", "heartbeatAt", "ttlMs");
    private static final Set<String> HISTORY_FIELDS = Set.of("id", "from", "to", "status", "startedAt",
            "finishedAt", "durationMs", "owner", "skipForward", "error", "errorStack");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Why an object is not a readable ledger. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String problem) {
            super(problem);
        }

        Malformed(String problem, Throwable cause) {
            super(problem, cause);
        }
    }

    byte[] encode(StoredLedger ledger) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("writeId", ledger.writeId());
        LedgerState state = ledger.state();
        root.put("version", state.version());
        ArrayNode history = root.putArray("history");
        for (HistoryEntry e : state.history()) {
            ObjectNode h = history.addObject();
            h.put("id", e.id());
            h.put("from", e.from());
            h.put("to", e.to());
            h.put("status", e.status().name());
            h.put("startedAt", text(e.startedAt()));
            h.put("finishedAt", text(e.finishedAt()));
            h.put("durationMs", e.durationMs());
            h.put("owner", e.owner());
            h.put("skipForward", e.skipForward());
            h.put("error", e.error());
            h.put("errorStack", e.errorStack());
        }
        ObjectNode checkpoints = root.putObject("checkpoints");
        state.checkpoints().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(step -> {
            ObjectNode values = checkpoints.putObject(step.getKey());
            step.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(v -> values.put(v.getKey(), v.getValue()));
        });
        StoredLock lock = ledger.lock();
        if (lock == null) {
            root.putNull("lock");
        } else {
            ObjectNode l = root.putObject("lock");
            l.put("owner", lock.owner());
            l.put("token", lock.token());
            l.put("acquiredAt", text(lock.acquiredAt()));
            l.put("heartbeatAt", text(lock.heartbeatAt()));
            l.put("ttlMs", lock.ttlMs());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** @return the user metadata to write in the same PUT as {@code encode(ledger)}, describing that body */
    static Map<String, String> metadata(StoredLedger ledger) {
        String version = ledger.state().version();
        return version == null ? Map.of(META_FORMAT, META_FORMAT_VALUE)
                : Map.of(META_FORMAT, META_FORMAT_VALUE, META_VERSION, version);
    }

    /**
     * @return whether {@code metadata} (as a HEAD returned it) says the object is a ledger of the current format;
     *         when not, only the body can tell what the object is
     */
    static boolean describesCurrentFormat(Map<String, String> metadata) {
        return META_FORMAT_VALUE.equals(metadataValue(metadata, META_FORMAT));
    }

    /**
     * @return the data version recorded in the metadata of a current-format ledger, or {@code null} when none
     * @throws Malformed when it is not a strict semantic version
     */
    static String versionIn(Map<String, String> metadata) throws Malformed {
        String version = metadataValue(metadata, META_VERSION);
        checkVersion(version, "the user metadata \"" + META_VERSION + "\"");
        return version;
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
            throw new Malformed(field + " = \"" + version + "\" is not a strict semantic version: " + problem);
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
            throw new Malformed("it is empty");
        }
        if (!root.isObject()) {
            throw new Malformed("it is JSON but not an object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.textValue())) {
            throw new Malformed("it has no \"format\": \"" + FORMAT + "\" marker, so it was not written by "
                    + "smartmigration");
        }
        JsonNode formatVersion = root.get("formatVersion");
        if (formatVersion == null || !formatVersion.isIntegralNumber()) {
            throw new Malformed("\"formatVersion\" is missing or not an integer");
        }
        if (formatVersion.asLong() != FORMAT_VERSION) {
            throw new Malformed("\"formatVersion\" is " + formatVersion.asText() + " but this smartmigration reads "
                    + "only version " + FORMAT_VERSION + " (written by a newer release? upgrade smartmigration)");
        }
        onlyFields(root, TOP_FIELDS, "");
        String writeId = requiredText(root, "writeId", "");
        String version = optionalText(root, "version", "");
        checkVersion(version, "\"version\"");
        List<HistoryEntry> history = history(field(root, "history", ""));
        Map<String, Map<String, String>> checkpoints = checkpoints(field(root, "checkpoints", ""));
        JsonNode lockNode = field(root, "lock", "");
        StoredLock lock = lockNode.isNull() ? null : lock(lockNode);
        return new StoredLedger(writeId, new LedgerState(version, history, checkpoints), lock);
    }

    private static List<HistoryEntry> history(JsonNode node) throws Malformed {
        if (!node.isArray()) {
            throw new Malformed("\"history\" is not an array");
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "history[" + i + "].";
            JsonNode e = node.get(i);
            if (!e.isObject()) {
                throw new Malformed("\"" + at.substring(0, at.length() - 1) + "\" is not an object");
            }
            onlyFields(e, HISTORY_FIELDS, at);
            String status = requiredText(e, "status", at);
            HistoryEntry.Status parsedStatus;
            try {
                parsedStatus = HistoryEntry.Status.valueOf(status);
            } catch (IllegalArgumentException ex) {
                throw new Malformed("\"" + at + "status\" = \"" + status + "\" is not APPLIED or FAILED", ex);
            }
            entries.add(new HistoryEntry(requiredText(e, "id", at), optionalText(e, "from", at),
                    optionalText(e, "to", at), parsedStatus, optionalInstant(e, "startedAt", at),
                    optionalInstant(e, "finishedAt", at), requiredLong(e, "durationMs", at),
                    optionalText(e, "owner", at), requiredBoolean(e, "skipForward", at),
                    optionalText(e, "error", at), optionalText(e, "errorStack", at)));
        }
        return entries;
    }

    private static Map<String, Map<String, String>> checkpoints(JsonNode node) throws Malformed {
        if (!node.isObject()) {
            throw new Malformed("\"checkpoints\" is not an object");
        }
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> steps = node.fields(); steps.hasNext(); ) {
            Map.Entry<String, JsonNode> step = steps.next();
            if (!step.getValue().isObject()) {
                throw new Malformed("\"checkpoints." + step.getKey() + "\" is not an object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = step.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                if (!v.getValue().isTextual()) {
                    throw new Malformed("\"checkpoints." + step.getKey() + "." + v.getKey()
                            + "\" is not a string (checkpoint values are stored as JSON text)");
                }
                values.put(v.getKey(), v.getValue().textValue());
            }
            result.put(step.getKey(), values);
        }
        return result;
    }

    private static StoredLock lock(JsonNode node) throws Malformed {
        if (!node.isObject()) {
            throw new Malformed("\"lock\" is neither null nor an object");
        }
        onlyFields(node, LOCK_FIELDS, "lock.");
        long ttlMs = requiredLong(node, "ttlMs", "lock.");
        if (ttlMs <= 0) {
            throw new Malformed("\"lock.ttlMs\" = " + ttlMs + " is not positive");
        }
        return new StoredLock(requiredText(node, "owner", "lock."), requiredText(node, "token", "lock."),
                optionalInstant(node, "acquiredAt", "lock."), optionalInstant(node, "heartbeatAt", "lock."), ttlMs);
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String at) throws Malformed {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Malformed("it has an unknown field \"" + at + name + "\"");
            }
        }
    }

    private static JsonNode field(JsonNode node, String name, String at) throws Malformed {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new Malformed("the field \"" + at + name + "\" is missing");
        }
        return value;
    }

    private static String requiredText(JsonNode node, String name, String at) throws Malformed {
        String value = optionalText(node, name, at);
        if (value == null || value.isEmpty()) {
            throw new Malformed("the field \"" + at + name + "\" is missing or empty");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name, String at) throws Malformed {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Malformed("\"" + at + name + "\" is not a string");
        }
        return value.textValue();
    }

    private static long requiredLong(JsonNode node, String name, String at) throws Malformed {
        JsonNode value = field(node, name, at);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Malformed("\"" + at + name + "\" is not an integer");
        }
        return value.longValue();
    }

    private static boolean requiredBoolean(JsonNode node, String name, String at) throws Malformed {
        JsonNode value = field(node, name, at);
        if (!value.isBoolean()) {
            throw new Malformed("\"" + at + name + "\" is not true or false");
        }
        return value.booleanValue();
    }

    private static Instant optionalInstant(JsonNode node, String name, String at) throws Malformed {
        String value = optionalText(node, name, at);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Malformed("\"" + at + name + "\" = \"" + value + "\" is not an ISO-8601 instant", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
