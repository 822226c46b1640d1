package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link FleetConfig}'s checks: each setter's at once, the tenant list's at each call. No store is used. */
class FleetConfigTest {

    private static final Function<String, MigrationConfig> UNUSED = t -> {
        throw new AssertionError("not called");
    };

    private static void assertInvalid(String fragment, Executable call) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, call);
        assertEquals(ErrorCode.INVALID_OPTIONS, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        FleetConfig fleet = FleetConfig.builder().tenants(List.of("a")).config(UNUSED).build();

        assertEquals(FleetConfig.DEFAULT_PARALLELISM, fleet.parallelism());
        assertEquals(FleetConfig.FailurePolicy.FAIL, fleet.failurePolicy());
        assertEquals(Duration.ofSeconds(5), fleet.progressInterval());
    }

    @Test
    void tenantCollection_isCopiedWhenSet() {
        List<String> ids = new ArrayList<>(List.of("a", "b"));
        FleetConfig fleet = FleetConfig.builder().tenants(ids).config(UNUSED).build();
        ids.add("c");

        assertEquals(List.of("a", "b"), fleet.tenants());
    }

    @Test
    void badTenantCollections_areRefusedWhenSet() {
        assertInvalid("null", () -> FleetConfig.builder().tenants((List<String>) null));
        assertInvalid("blank tenant id", () -> FleetConfig.builder().tenants(List.of("a", " ")));
        assertInvalid("null tenant id", () -> FleetConfig.builder().tenants(Arrays.asList("a", null)));
        assertInvalid("\"a\" twice", () -> FleetConfig.builder().tenants(List.of("a", "b", "a")));
    }

    @Test
    void supplier_isAskedAtEveryCall_andItsAnswerChecked() {
        List<List<String>> answers = new ArrayList<>(List.of(List.of("a"), List.of("a", "b"), List.of("b", "b")));
        FleetConfig fleet = FleetConfig.builder().tenants(() -> answers.remove(0)).config(UNUSED).build();

        assertEquals(List.of("a"), fleet.tenants());
        assertEquals(List.of("a", "b"), fleet.tenants());
        assertInvalid("\"b\" twice", fleet::tenants);
    }

    @Test
    void supplierThrowing_isInvalidOptionsWithTheCause_butACodedErrorPassesThrough() {
        IllegalStateException broken = new IllegalStateException("registry down");
        FleetConfig fleet = FleetConfig.builder().tenants(() -> {
            throw broken;
        }).config(UNUSED).build();
        SmartMigrationException e = assertThrows(SmartMigrationException.class, fleet::tenants);
        assertSame(broken, e.getCause());

        SmartMigrationException coded = new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE, "listing failed");
        FleetConfig listing = FleetConfig.builder().tenants(() -> {
            throw coded;
        }).config(UNUSED).build();
        assertSame(coded, assertThrows(SmartMigrationException.class, listing::tenants));
    }

    @Test
    void configFunctionReturningNull_isInvalidOptionsNamingTheTenant() {
        FleetConfig fleet = FleetConfig.builder().tenants(List.of("acme")).config(t -> null).build();

        assertInvalid("tenant \"acme\"", () -> fleet.config("acme"));
    }

    @Test
    void settingsOutOfRange_andMissingRequiredOnes_areRefused() {
        assertInvalid("parallelism = 0", () -> FleetConfig.builder().parallelism(0));
        assertInvalid("parallelism = 257", () -> FleetConfig.builder().parallelism(FleetConfig.MAX_PARALLELISM + 1));
        assertInvalid("progressInterval", () -> FleetConfig.builder().progressInterval(Duration.ofMillis(999)));
        assertInvalid("failurePolicy", () -> FleetConfig.builder().failurePolicy(null));
        assertInvalid("no tenants", () -> FleetConfig.builder().config(UNUSED).build());
        assertInvalid("no config", () -> FleetConfig.builder().tenants(List.of("a")).build());
    }

    @Test
    void progressLine_saysDoneOfAllFailuresWaitingRateAndTimeLeft() {
        FleetConfig fleet = FleetConfig.builder().tenants(List.of("a")).config(UNUSED).build();
        FleetProgress progress = new FleetProgress(4, fleet, 0, new RunEvents(fleet));
        MigrationResult ok = new MigrationResult("1.0.0", "2.0.0", "2.0.0", false, false, false, List.of(), List.of(),
                List.of(), Duration.ZERO);
        progress.setAside();
        progress.done(TenantResult.of("a", TenantOutcome.MIGRATED, ok, Duration.ZERO), false);
        progress.done(TenantResult.failed("b", new SmartMigrationException(ErrorCode.STEP_FAILED, "x"),
                Duration.ZERO), false);

        String line = progress.line(2_000_000_000L);

        assertEquals("Fleet: 2 of 4 tenants done (1 failed, 1 held by other instances), 1.0 tenants/s, about 2.0 s "
                + "left", line);
        assertEquals("3 min 20 s", FleetProgress.formatDuration(Duration.ofSeconds(200)));
        assertEquals("840 ms", FleetProgress.formatDuration(Duration.ofMillis(840)));
    }
}
