package dev.smartmigration.runtime.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import org.junit.jupiter.api.Test;

class LedgerStateTest {

    @Test
    void withVersion_acceptsStrictVersions() {
        assertEquals("1.4.0-rc.1", LedgerState.EMPTY.withVersion("1.4.0-rc.1").version());
    }

    @Test
    void withVersionOfBuildMetadataOrLooseText_isRefusedBeforeAnyLedgerCouldStoreIt() {
        for (String bad : new String[] {"1.4.0-rc.1+build.7", "v1.4.0", "1.4", " 1.4.0", null}) {
            SmartMigrationException e = assertThrows(SmartMigrationException.class,
                    () -> LedgerState.EMPTY.withVersion(bad), String.valueOf(bad));
            assertEquals(ErrorCode.INVALID_VERSION, e.code(), String.valueOf(bad));
        }
    }
}
