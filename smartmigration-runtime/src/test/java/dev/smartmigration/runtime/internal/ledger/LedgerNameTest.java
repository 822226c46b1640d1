package dev.smartmigration.runtime.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "../x", "a..b", ".hidden", "tab\there", "nul\u0000", "space here", "émigré",
                            "back\\slash", "colon:name"})
    void nameOutsideTheRule_isInvalidOptions_withControlCharactersEscaped(String name) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> LedgerName.check(name));
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders-service", "App_1.v2", "smartmigration", "a"})
    void usualNames_pass(String name) {
        assertEquals(name, LedgerName.check(name));
    }

    @Test
    void missingOrLongerThanTheLimit_isInvalidOptions_andTheLimitItselfPasses() {
        assertThrows(SmartMigrationException.class, () -> LedgerName.check(null));
        assertThrows(SmartMigrationException.class, () -> LedgerName.check("x".repeat(LedgerName.MAX_LENGTH + 1)));
        assertEquals(LedgerName.MAX_LENGTH, LedgerName.check("x".repeat(LedgerName.MAX_LENGTH)).length());
    }
}
