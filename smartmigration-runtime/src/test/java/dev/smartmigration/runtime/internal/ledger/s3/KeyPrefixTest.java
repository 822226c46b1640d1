package dev.smartmigration.runtime.internal.ledger.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyPrefixTest {

    @ParameterizedTest
    @ValueSource(strings = {"tenants/acme", "/tenants/acme/", "tenants//acme/", "tenants/../acme/", "./acme/",
                            "tenants/.smartmigration/", ".smartmigration/", "/", "tab\t/", "nul\u0000/"})
    void prefixOutsideTheRule_isInvalidOptions_namingTheProblem(String prefix) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> KeyPrefix.check(prefix));
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code());
        assertTrue(e.getMessage().contains("cannot be used: it "), e.getMessage());
        assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme/", "tenants/acme/", "a.b/c-d/e_f/", "tenants/ACME 1/"})
    void usualPrefixes_andTheWholeBucket_pass(String prefix) {
        assertEquals(prefix, KeyPrefix.check(prefix));
    }

    @Test
    void withoutTrailingSlash_theMessageSaysWhyItMatters() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> KeyPrefix.check("tenants/a"));
        assertTrue(e.getMessage().contains("would also cover keys of longer names"), e.getMessage());
    }

    @Test
    void missingOrLongerThanTheLimit_isInvalidOptions_andTheLimitItselfPasses() {
        assertThrows(SmartMigrationException.class, () -> KeyPrefix.check(null));
        String longest = "x".repeat(KeyPrefix.MAX_LENGTH - 1) + "/";
        assertEquals(longest, KeyPrefix.check(longest));
        assertThrows(SmartMigrationException.class, () -> KeyPrefix.check("x" + longest));
    }
}
