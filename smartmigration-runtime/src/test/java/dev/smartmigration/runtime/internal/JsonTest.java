package dev.smartmigration.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void hugeCheckpointReadAsWrongType_messageQuotesOnlyItsStart() {
        String huge = "\"" + "x".repeat(1 << 20) + "\"";
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> Json.read("backfill", "lastId", huge, Integer.class));
        assertEquals(ErrorCode.CHECKPOINT_SERIALIZATION, e.code());
        assertTrue(e.getMessage().length() < 2_000, "message of " + e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("(" + huge.length() + " characters)"), e.getMessage());
    }

    @Test
    void shortCheckpointReadAsWrongType_messageQuotesItWhole() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> Json.read("backfill", "lastId", "\"abc\"", Integer.class));
        assertTrue(e.getMessage().contains("holds \"abc\", which"), e.getMessage());
    }
}
