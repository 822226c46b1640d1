package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertUnchanged;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.ledger;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.name;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.putRaw;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An object at the ledger's key that is not exactly a smartmigration ledger is reported with LEDGER_CORRUPT by
 * every operation and stays byte-for-byte as it was: no write path may put over an object it could not parse.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3LedgerCorruptTest {

    private static final String VALID_LOCK = "{\"owner\":\"a\",\"token\":\"t\",\"acquiredAt\":null,"
            + "\"heartbeatAt\":null,\"ttlMs\":1000}";

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    static Stream<Arguments> unreadableObjects() {
        return Stream.of(
                Arguments.of("garbage bytes", "\u0001\u0002 not json at all", "not valid JSON"),
                Arguments.of("empty object body", "", "empty"),
                Arguments.of("a JSON array", "[1,2,3]", "not an object"),
                Arguments.of("foreign JSON", "{\"hello\":\"world\"}", "marker"),
                Arguments.of("a newer format version", ledgerJson("2", "\"1.0.0\"", "[]", "[]", "null", ""),
                        "formatVersion"),
                Arguments.of("history of the wrong type", ledgerJson("1", "\"1.0.0\"", "\"none\"", "[]", "null", ""),
                        "history"),
                Arguments.of("a version that is not strict semver",
                        ledgerJson("1", "\"v1.0\"", "[]", "[]", "null", ""), "strict semantic version"),
                Arguments.of("a version of the wrong type", ledgerJson("1", "10", "[]", "[]", "null", ""),
                        "\"version\" is not a string"),
                Arguments.of("an unknown field", ledgerJson("1", "null", "[]", "[]", "null", ",\"extra\":1"),
                        "unknown field"),
                Arguments.of("a history entry with an unknown status",
                        ledgerJson("1", "null", "[{\"id\":\"s\",\"status\":\"DONE\",\"durationMs\":1,"
                                + "\"skipForward\":false}]", "[]", "null", ""), "not APPLIED, FAILED, ACCEPTED or ACCEPTED_REMOVAL"),
                Arguments.of("a checkpoint value that is not text",
                        ledgerJson("1", "null", "[]", "[{\"step\":\"s\",\"key\":\"k\",\"json\":1}]", "null", ""),
                        "checkpoints[0].json"),
                Arguments.of("a lock with a negative ttl",
                        ledgerJson("1", "null", "[]", "[]", VALID_LOCK.replace("1000", "-5"), ""), "lock.ttlMs"),
                Arguments.of("a duplicated field",
                        ledgerJson("1", "null", "[]", "[]", "null", ",\"version\":\"2.0.0\""), "not valid JSON"),
                Arguments.of("trailing content", ledgerJson("1", "null", "[]", "[]", "null", "") + "{}",
                        "not valid JSON"));
    }

    private static String ledgerJson(String formatVersion, String version, String history, String checkpoints,
                                     String lock, String extra) {
        return "{\"format\":\"smartmigration-ledger\",\"formatVersion\":" + formatVersion + ",\"writeId\":\"w\","
                + "\"version\":" + version + ",\"history\":" + history + ",\"checkpoints\":" + checkpoints
                + ",\"lock\":" + lock + extra + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableObjects")
    void unreadableObject_isLedgerCorruptForEveryOperation_andLeftByteIdentical(String what, String content,
                                                                                String problem) {
        S3Ledger ledger = ledger(s3, server.bucket(), name("corrupt"));
        putRaw(s3, server.bucket(), ledger.key(), content);
        S3LedgerFixture.Raw before = raw(s3, server.bucket(), ledger.key()).orElseThrow();

        SmartMigrationException read = assertCode(ErrorCode.LEDGER_CORRUPT, ledger::read);
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::readVersion);
        assertCode(ErrorCode.LEDGER_CORRUPT, () -> ledger.tryAcquire("me", Duration.ofSeconds(10)));
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::forceUnlock);

        assertTrue(read.details().get("problem").contains(problem), what + ": " + read.details());
        assertTrue(read.getMessage().contains("left untouched"), read.getMessage());
        assertEquals(ledger.key(), read.details().get("key"));
        assertUnchanged(s3, server.bucket(), ledger.key(), before);
    }

    @Test
    void objectCorruptedUnderAHeldLease_failsWritesWithLedgerCorrupt_andIsLeftByteIdentical() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("corrupt-held"));
        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();
        putRaw(s3, server.bucket(), ledger.key(), "{\"someone\":\"else\"}");
        S3LedgerFixture.Raw before = raw(s3, server.bucket(), ledger.key()).orElseThrow();

        assertCode(ErrorCode.LEDGER_CORRUPT, () -> ledger.write(lease, LedgerState.EMPTY.withVersion("1.0.0")));
        assertCode(ErrorCode.LEDGER_CORRUPT, () -> ledger.renew(lease));
        assertCode(ErrorCode.LEDGER_CORRUPT, () -> ledger.release(lease));

        assertUnchanged(s3, server.bucket(), ledger.key(), before);
    }
}
