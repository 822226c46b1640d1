package dev.smartmigration.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.util.Map;

/** Checkpoint values as JSON text, through one shared, never reconfigured {@link ObjectMapper}. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How much of a stored value an error message quotes: it goes into logs and the ledger's history. */
    private static final int QUOTED_CHARS = 200;

    private Json() {
    }

    /**
     * @param stepId the step, for the message
     * @param key    the checkpoint key, for the message
     * @param value  any value Jackson can write
     * @return its JSON text
     * @throws SmartMigrationException {@link ErrorCode#CHECKPOINT_SERIALIZATION} when Jackson cannot write it
     */
    public static String write(String stepId, String key, Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SmartMigrationException(ErrorCode.CHECKPOINT_SERIALIZATION, "checkpoint \"" + key
                    + "\" of step \"" + stepId + "\" cannot be written as JSON (" + value.getClass().getName()
                    + "): " + e.getOriginalMessage() + ". Save a simple value: a number, a string, a record or a map.",
                    Map.of("step", stepId, "key", key), e);
        }
    }

    /**
     * @param stepId the step, for the message
     * @param key    the checkpoint key, for the message
     * @param json   JSON text from {@link #write}
     * @param type   the type to bind it to
     * @param <T>    the type
     * @return the value
     * @throws SmartMigrationException {@link ErrorCode#CHECKPOINT_SERIALIZATION} when it cannot be read as type
     */
    public static <T> T read(String stepId, String key, String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SmartMigrationException(ErrorCode.CHECKPOINT_SERIALIZATION, "checkpoint \"" + key
                    + "\" of step \"" + stepId + "\" holds " + quote(json) + ", which cannot be read as "
                    + type.getName() + ": " + e.getOriginalMessage() + ". Read it as the type it was written as.",
                    Map.of("step", stepId, "key", key), e);
        }
    }

    private static String quote(String json) {
        return json.length() <= QUOTED_CHARS ? json
                : json.substring(0, QUOTED_CHARS) + "... (" + json.length() + " characters)";
    }
}
