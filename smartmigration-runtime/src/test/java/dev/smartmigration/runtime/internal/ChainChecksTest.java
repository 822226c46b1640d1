package dev.smartmigration.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smartmigration.chainrules.Rule;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import org.junit.jupiter.api.Test;

class ChainChecksTest {

    @Test
    void version_withInvalidText_throwsInvalidVersionNamingWhereEveryProblemAndAFix() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> ChainChecks.version("v2.7", "targetVersion"));

        assertEquals(ErrorCode.INVALID_VERSION, e.code());
        assertEquals("[smartmigration:INVALID_VERSION] targetVersion = \"v2.7\" is not a strict semantic version: "
                + "it has a \"v\" prefix, and it has no PATCH number. Write it as MAJOR.MINOR.PATCH: \"2.7.0\".",
                e.getMessage());
    }

    @Test
    void everyChainRule_mapsToTheErrorCodeOfTheSameName() {
        for (Rule rule : Rule.values()) {
            assertEquals(rule.name(), ChainChecks.code(rule).name());
            assertEquals(rule.tag(), ChainChecks.code(rule).tag());
        }
    }
}
