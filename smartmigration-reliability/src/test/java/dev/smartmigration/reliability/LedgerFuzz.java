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
import dev.smartmigration.runtime.internal.ChainChecks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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

    /**
     * The outcome of {@code run} on a ledger whose version is the target but whose other fields are damaged: the
     * fast path reads only the head (the version and the applied code's digest), so it returns up to date and
     * writes nothing.
     */
    static final String UNREAD_AT_TARGET = "UP_TO_DATE_DAMAGE_UNREAD";

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
                .lockTtl(Duration.ofMillis(store.ttlMs())).owner("fuzz").build();
    }

    /**
     * Calls {@code status}, {@code plan} and {@code run} on the ledger as it is and checks each outcome.
     *
     * @param config the configuration
     * @param what   the damaged record, for failure messages
     * @return the outcome of {@code run}: {@code OK}, {@code AHEAD} or an error code
     */
    String exercise(MigrationConfig config, Supplier<String> what) {
        String status = outcome(() -> MigrationRuntime.info(config), what);
        String plan = outcome(() -> MigrationRuntime.plan(config), what);
        String run = outcome(() -> MigrationRuntime.run(config), what);
        if (status.equals("LEDGER_CORRUPT")) {
            // The documented tolerance of the fast path: run and plan read only the head (the version and the
            // applied code's digest), so damage elsewhere in a ledger already at (or past) the target goes unread
            // until a run has work to do; nothing is written. At the target, damage to the digest itself sends the
            // call to the full read, which reports the damage: then both say LEDGER_CORRUPT.
            String expected = fastPathVerdict(config);
            assertEquals(plan, run, what);
            if (expected.equals("OK") && run.equals("LEDGER_CORRUPT")) {
                expected = "LEDGER_CORRUPT";
            }
            assertEquals(expected, run, what);
            if (expected.equals("OK")) {
                run = UNREAD_AT_TARGET;
            }
        }
        outcomes.merge(run, 1, Integer::sum);
        return run;
    }

    /** What run and plan must answer for a ledger that {@code status} found corrupt, judged by its version alone. */
    private static String fastPathVerdict(MigrationConfig config) {
        Optional<String> version;
        try {
            version = MigrationRuntime.currentVersion(config);
        } catch (SmartMigrationException e) {
            return e.code().name();
        }
        if (version.isEmpty()) {
            return "LEDGER_CORRUPT";
        }
        if (version.get().equals(TARGET)) {
            return "OK";
        }
        return ChainChecks.version(version.get(), "ledger version").isAfter(ChainChecks.version(TARGET, "target"))
                ? "AHEAD" : "LEDGER_CORRUPT";
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
        return outcome.equals("AHEAD") || outcome.equals(UNREAD_AT_TARGET) || NOTHING_WRITTEN.stream().anyMatch(c -> c.name().equals(outcome));
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
     * Damages a ledger record in place, one to three times: removes a field (at any depth), replaces one by a
     * random value, adds an unknown field, truncates the top level, sets a random version, or sets a lock with
     * absurd values.
     *
     * @param doc    the record as nested maps and lists (a MongoDB {@code Document} or parsed JSON)
     * @param random the source
     * @param lock   makes a lock in the store's own format, given its ttl in ms
     */
    static void mutate(Map<String, Object> doc, Random random, Function<Long, Map<String, Object>> lock) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            List<Object[]> places = new ArrayList<>();
            collect(doc, places, true);
            if (places.isEmpty()) {
                doc.put("format", "smartmigration-ledger");
                continue;
            }
            Object[] place = places.get(random.nextInt(places.size()));
            switch (random.nextInt(7)) {
                case 0 -> remove(place);
                case 1, 2 -> set(place, value(random, 0));
                case 3 -> {
                    List<Object[]> maps = places.stream().filter(p -> p[0] instanceof Map).toList();
                    asMap(maps.get(random.nextInt(maps.size()))[0]).put("unknown" + random.nextInt(100),
                            value(random, 1));
                }
                case 4 -> {
                    List<String> keys = new ArrayList<>(doc.keySet());
                    keys.subList(random.nextInt(keys.size() + 1), keys.size()).forEach(doc::remove);
                }
                case 5 -> doc.put("version", VERSIONS[random.nextInt(VERSIONS.length)]);
                default -> doc.put("lock", lock.apply(
                        new long[] {60_000, 1, 0, -5, Long.MAX_VALUE, Long.MIN_VALUE}[random.nextInt(6)]));
            }
        }
    }

    /**
     * A random value: strings that are and are not versions, huge ones, numbers at the limits, dates, bytes,
     * nested maps and lists.
     *
     * @param random the source
     * @param depth  how deep the value would sit (limits nesting)
     * @return the value
     */
    static Object value(Random random, int depth) {
        switch (random.nextInt(depth > 2 ? 9 : 11)) {
            case 0: return randomString(random);
            case 1: return random.nextInt(5) == 0 ? Integer.MIN_VALUE : random.nextInt(2000) - 1000;
            case 2: return random.nextBoolean() ? Long.MAX_VALUE : random.nextLong();
            case 3: return random.nextBoolean() ? -0.5 : random.nextDouble() * 1e12;
            case 4: return random.nextBoolean();
            case 5: return null;
            case 6: return new Date(random.nextLong() % 400_000_000_000_000L);
            case 7: return randomString(random).getBytes(StandardCharsets.UTF_8);
            case 8: return VERSIONS[random.nextInt(VERSIONS.length)];
            case 9:
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    map.put(new String[] {"id", "status", "step", "key", "json", "owner", "x"}[random.nextInt(7)],
                            value(random, depth + 1));
                }
                return map;
            default:
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                return list;
        }
    }

    /** Every (container, key-or-index) below {@code node}, except the top-level {@code _id}. */
    private static void collect(Object node, List<Object[]> places, boolean top) {
        if (node instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!(top && key.equals("_id"))) {
                    places.add(new Object[] {m, key});
                    collect(m.get(key), places, false);
                }
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                places.add(new Object[] {l, i});
                collect(l.get(i), places, false);
            }
        }
    }

    private static void remove(Object[] place) {
        if (place[0] instanceof Map) {
            asMap(place[0]).remove(place[1]);
        } else {
            asList(place[0]).remove((int) (Integer) place[1]);
        }
    }

    private static void set(Object[] place, Object value) {
        if (place[0] instanceof Map) {
            asMap(place[0]).put((String) place[1], value);
        } else {
            asList(place[0]).set((Integer) place[1], value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
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
