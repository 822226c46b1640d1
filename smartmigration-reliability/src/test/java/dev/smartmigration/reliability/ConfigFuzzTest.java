package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.LedgerBackend;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad configuration values are refused with a code as they are set, or at {@code build()} for rules that span
 * settings; random values are accepted only when they follow the documented rules, and never raise another
 * exception type. The MongoDB client here never connects (the driver connects lazily).
 */
class ConfigFuzzTest {

    /** The one ledger-name rule, for both stores: see docs/runtime.md. */
    private static final Pattern LEDGER_NAME = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final Set<ErrorCode> SETTER_CODES =
            Set.of(ErrorCode.INVALID_OPTIONS, ErrorCode.INVALID_VERSION, ErrorCode.MISSING_TARGET_VERSION);

    private MongoClient client;

    @BeforeEach
    void client() {
        client = MongoClients.create("mongodb://127.0.0.1:9");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void badValues_areRefusedWithTheirCode() {
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockTtl(Duration.ofSeconds(-1)));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockTtl(Duration.ZERO));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockTtl(Duration.ofMillis(999)));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockTtl(Duration.ofDays(2)));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockTtl(null));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockWait(Duration.ofMillis(-1)));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockWait(Duration.ofSeconds(Long.MIN_VALUE)));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.lockWait(null));
        for (String name : new String[] {"", " ", "a b", "x".repeat(101), "ledger/1", "caf\u00e9", ".x", "a..b", null}) {
            refused(ErrorCode.INVALID_OPTIONS, b -> b.ledgerName(name));
        }
        for (String name : new String[] {"", " ", "system.ledger", "a$b", "a\0b", null}) {
            refused(ErrorCode.INVALID_OPTIONS, b -> b.mongoLedgerCollection(name));
        }
        for (String owner : new String[] {"", "   ", "x".repeat(201), null}) {
            refused(ErrorCode.INVALID_OPTIONS, b -> b.owner(owner));
        }
        for (String db : new String[] {"", " ", "a.b", "a/b", "a$b", null}) {
            refused(ErrorCode.INVALID_OPTIONS, b -> b.mongo(client, db));
        }
        refused(ErrorCode.INVALID_OPTIONS, b -> b.mongo(null, "app"));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.ledgerBackend(null));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.chain(null));
        refused(ErrorCode.INVALID_OPTIONS, b -> b.clock(null));
        refused(ErrorCode.MISSING_TARGET_VERSION, b -> b.targetVersion(null));
        refused(ErrorCode.INVALID_VERSION, b -> b.targetVersion("v1.0.0"));
        refused(ErrorCode.INVALID_VERSION, b -> b.freshInstallVersion("1.0"));

        refused(ErrorCode.MISSING_TARGET_VERSION,
                b -> MigrationRuntime.plan(MigrationConfig.builder().mongo(client, "app").build()));
        refused(ErrorCode.NO_RESOURCES, b -> MigrationConfig.builder().targetVersion("1.0.0").build());
        refused(ErrorCode.LEDGER_BACKEND_MISMATCH, b -> b.ledgerBackend(LedgerBackend.S3).build());
        refused(ErrorCode.INVALID_OPTIONS, b -> b.freshInstallVersion("2.0.0").build());
    }

    @Test
    void randomValues_areAcceptedOnlyWhenValid_neverAnotherExceptionType() {
        long seed = Figures.setting("reliability.seed", 20261101);
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        int iterations = Figures.setting("reliability.fuzzIterations", 500) * 4;
        for (int i = 0; i < iterations; i++) {
            String text = random.nextInt(10) == 0 ? null : LedgerFuzz.randomString(random);
            Duration duration = random.nextInt(10) == 0 ? null : Duration.ofMillis(switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(4000) - 2000;
                case 2 -> 1000L * random.nextInt(90_000);
                default -> Long.MIN_VALUE;
            });
            int setter = random.nextInt(6);
            String what = "seed " + seed + " iteration " + i + " setter " + setter + " text "
                    + (text == null ? null : text.length() > 60 ? text.substring(0, 60) + "..." : text)
                    + " duration " + duration;
            try {
                MigrationConfig config = base().apply(setter, text, duration).build();
                switch (setter) {
                    case 0 -> assertTrue(LEDGER_NAME.matcher(config.ledgerName()).matches(), what);
                    case 1 -> assertTrue(!config.owner().isBlank() && config.owner().length() <= 200, what);
                    case 2 -> assertTrue(config.lockTtl().compareTo(Duration.ofSeconds(1)) >= 0
                            && config.lockTtl().compareTo(Duration.ofDays(1)) <= 0, what);
                    case 3 -> assertTrue(!config.lockWait().isNegative()
                            && config.lockWait().compareTo(Duration.ofDays(1)) <= 0, what);
                    default -> assertTrue(config.targetVersion().isPresent(), what);
                }
                outcomes.merge("accepted", 1, Integer::sum);
            } catch (SmartMigrationException e) {
                assertTrue(SETTER_CODES.contains(e.code()), what + ": " + e.code());
                assertTrue(e.getMessage().startsWith("[smartmigration:" + e.code() + "]"), e.getMessage());
                outcomes.merge(e.code().name(), 1, Integer::sum);
            } catch (RuntimeException e) {
                fail("not a SmartMigrationException for " + what, e);
            }
        }
        Figures.record("bad input: random configuration values", "(none)", "seed", seed, "values", iterations,
                "outcomes", outcomes, "other exception types", 0);
    }

    private Fuzzed base() {
        return (setter, text, duration) -> {
            MigrationConfig.Builder b = MigrationConfig.builder().targetVersion("1.0.0").mongo(client, "app");
            return switch (setter) {
                case 0 -> b.ledgerName(text);
                case 1 -> b.owner(text);
                case 2 -> b.lockTtl(duration);
                case 3 -> b.lockWait(duration);
                case 4 -> b.targetVersion(text);
                default -> b.freshInstallVersion(text);
            };
        };
    }

    private interface Fuzzed {
        MigrationConfig.Builder apply(int setter, String text, Duration duration);
    }

    private void refused(ErrorCode code, Consumer<MigrationConfig.Builder> change) {
        Executable call = () -> change.accept(MigrationConfig.builder().targetVersion("1.0.0").mongo(client, "app"));
        SmartMigrationException e = assertThrows(SmartMigrationException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }
}
