package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The store-independent half of the ledger fuzz: the chain, the calls made on each damaged ledger and the rules
 * their outcomes must follow. Each store's test writes the damaged record with the real client and compares the
 * stored bytes.
 */
final class LedgerFuzz {

    /** The fuzz chain's target; its steps are {@code a} (1.0.0 -> 1.1.0) and {@code b} (1.1.0 -> 1.2.0). */
    static final String TARGET = "1.2.0";

    /** What a damaged ledger may make {@code run}, {@code plan} or {@code status} report. */
    static final Set<ErrorCode> ALLOWED = Set.of(ErrorCode.LEDGER_CORRUPT, ErrorCode.TARGET_NOT_REACHABLE,
            ErrorCode.LOCK_TIMEOUT, ErrorCode.STEP_FAILED);

    /** Codes after which the ledger's state must be unchanged (only the lock may have been taken and freed). */
    static final Set<ErrorCode> NOTHING_WRITTEN =
            Set.of(ErrorCode.LEDGER_CORRUPT, ErrorCode.TARGET_NOT_REACHABLE, ErrorCode.LOCK_TIMEOUT);

    private final Map<String, Integer> outcomes = new TreeMap<>();

    /**
     * Step {@code b} reads checkpoint {@code k} as a number, so a damaged checkpoint reaches a step.
     *
     * @return the fuzz chain
     */
    static MigrationChain chain() {
        return MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("b").from("1.1.0").to(TARGET).resumable()
                .up(ctx -> ctx.checkpoint().read("k", Integer.class))
                .build();
    }

    /**
     * @param store  the store
     * @param ns     the namespace
     * @param ledger the ledger's name
     * @return a configuration that waits for no lock
     */
    static MigrationConfig config(StoreUnderTest store, String ns, String ledger) {
        return store.config(ns).ledgerName(ledger).targetVersion(TARGET).chain(chain()).lockWait(Duration.ZERO)
                .lockTtl(Duration.ofSeconds(2)).owner("fuzz").build();
    }

    /**
     * Calls {@code status}, {@code plan} and {@code run} on the ledger as it is and checks each outcome.
     *
     * @param config the configuration
     * @param what   the damaged record, for failure messages
     * @return the outcome of {@code run}: {@code OK}, {@code AHEAD} or an error code
     */
    String exercise(MigrationConfig config, Supplier<String> what) {
        String status = outcome(() -> MigrationRuntime.status(config), what);
        String plan = outcome(() -> MigrationRuntime.plan(config), what);
        String run = outcome(() -> MigrationRuntime.run(config), what);
        if (status.equals("LEDGER_CORRUPT")) {
            assertEquals("LEDGER_CORRUPT", plan, what);
            assertEquals("LEDGER_CORRUPT", run, what);
        }
        outcomes.merge(run, 1, Integer::sum);
        return run;
    }

    /** @return how often {@code run} ended each way */
    Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /**
     * @param outcome what {@link #exercise} returned
     * @return whether the ledger's state must be as before the calls
     */
    static boolean nothingWritten(String outcome) {
        return outcome.equals("AHEAD") || NOTHING_WRITTEN.stream().anyMatch(c -> c.name().equals(outcome));
    }

    private static String outcome(Supplier<?> call, Supplier<String> what) {
        try {
            Object result = call.get();
            if (result instanceof MigrationResult r && r.ledgerAheadOfTarget()) {
                return "AHEAD";
            }
            return "OK";
        } catch (SmartMigrationException e) {
            if (!ALLOWED.contains(e.code())) {
                fail("unexpected code " + e.code() + " for " + what.get(), e);
            }
            assertTrue(e.getMessage().startsWith("[smartmigration:" + e.code() + "]"), e.getMessage());
            if (e.code() == ErrorCode.STEP_FAILED) {
                assertTrue(e.getCause() instanceof SmartMigrationException cause
                        && cause.code() == ErrorCode.CHECKPOINT_SERIALIZATION,
                        "a step failed for another reason than its damaged checkpoint: " + what.get());
            }
            return e.code().name();
        } catch (RuntimeException e) {
            throw new AssertionError("not a SmartMigrationException for " + what.get(), e);
        }
    }

    /**
     * A value of a random BSON-able type: strings that are and are not versions, huge ones, numbers at the
     * limits, dates, nested documents and arrays.
     *
     * @param random the source
     * @param depth  how deep the value would sit (limits nesting)
     * @param nested makes a sub-document from a random generator
     * @param list   makes an array from a random generator
     * @return the value
     */
    static Object randomValue(Random random, int depth, Supplier<Object> nested, Supplier<Object> list) {
        switch (random.nextInt(depth > 2 ? 9 : 11)) {
            case 0: return randomString(random);
            case 1: return random.nextInt(5) == 0 ? Integer.MIN_VALUE : random.nextInt(2000) - 1000;
            case 2: return random.nextBoolean() ? Long.MAX_VALUE : random.nextLong();
            case 3: return random.nextBoolean() ? Double.NaN : random.nextDouble() * 1e12;
            case 4: return random.nextBoolean();
            case 5: return null;
            case 6: return new java.util.Date(random.nextLong() % 400_000_000_000_000L);
            case 7: return randomString(random).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 8: return VERSIONS[random.nextInt(VERSIONS.length)];
            case 9: return nested.get();
            default: return list.get();
        }
    }

    /** Versions the fuzz writes: valid ones inside, before, between and past the chain, and invalid ones. */
    static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.0", "1.0.5", "1.1.0-rc.1", "0.9.0", "9.0.0",
        "1.3.0", "v1.1.0", "1.1", "01.1.0", " 1.1.0", "1.1.0+build.7", "", "1.1.0.0", "-1.0.0",
        "99999999999999999999.0.0", "1.1.0-", "1.1.0-01", "\u0661.\u0661.\u0660"};

    /**
     * @param random the source
     * @return text: short garbage, a version-like string, or a huge string (up to 1 MiB)
     */
    static String randomString(Random random) {
        switch (random.nextInt(5)) {
            case 0: return VERSIONS[random.nextInt(VERSIONS.length)];
            case 1: return "x".repeat(random.nextInt(1 << 20));
            case 2: return "";
            default:
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(40);
                for (int i = 0; i < n; i++) {
                    s.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
                }
                return s.toString();
        }
    }
}
