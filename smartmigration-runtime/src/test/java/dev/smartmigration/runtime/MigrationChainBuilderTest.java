package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MigrationChainBuilderTest {

    private static final MigrationStep NOTHING = ctx -> { };

    /** A step with a no-arg constructor, as the generated chain uses them. */
    static final class CountingStep implements MigrationStep {
        @Override
        public void up(MigrationContext ctx) {
        }
    }

    private static List<String> ids(MigrationChain chain) {
        return chain.steps().stream().map(MigrationDefinition::id).collect(Collectors.toList());
    }

    @Test
    void stepsAddedInAnyOrder_areBuiltInVersionOrder() {
        MigrationChain chain = MigrationChain.builder()
                .step("third").from("1.10.0").to("2.0.0").up(NOTHING)
                .step("first").from("1.0.0-rc.1").to("1.0.0").up(NOTHING)
                .step("second").from("1.0.0").to("1.10.0").up(NOTHING)
                .build();

        assertEquals(List.of("first", "second", "third"), ids(chain));
    }

    @Test
    void stepSettings_areKeptInTheDefinition() {
        MigrationChain chain = MigrationChain.builder()
                .step("backfill").from("1.0.0").to("1.1.0").description("Backfill names").resumable()
                .factory(CountingStep::new)
                .step("index").from("1.1.0").to("1.2.0").up(NOTHING)
                .build();

        MigrationDefinition backfill = chain.steps().get(0);
        assertEquals("Backfill names", backfill.description());
        assertTrue(backfill.resumable());
        assertNotSame(backfill.factory().get(), backfill.factory().get());
        MigrationDefinition index = chain.steps().get(1);
        assertEquals("", index.description());
        assertFalse(index.resumable());
        assertSame(NOTHING, index.factory().get());
    }

    @Test
    void builtChain_isImmutable() {
        MigrationChain chain = MigrationChain.builder().step("a").from("1.0.0").to("1.1.0").up(NOTHING).build();

        assertThrows(UnsupportedOperationException.class, () -> chain.steps().clear());
    }

    @Test
    void readyDefinition_canBeAdded() {
        MigrationDefinition definition = new MigrationDefinition("a", "1.0.0", "1.1.0", null, false, CountingStep::new);

        MigrationChain chain = MigrationChain.builder().add(definition).build();

        assertEquals(List.of(definition), chain.steps());
        assertEquals("", chain.steps().get(0).description());
    }

    @Test
    void emptyBuilder_buildsAnEmptyChain() {
        assertEquals(List.of(), MigrationChain.builder().build().steps());
    }

    @Test
    void gap_throwsChainGapNamingBothSteps() {
        MigrationChain.Builder builder = MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(NOTHING)
                .step("b").from("1.2.0").to("1.3.0").up(NOTHING);

        SmartMigrationException e = assertThrows(SmartMigrationException.class, builder::build);

        assertEquals(ErrorCode.CHAIN_GAP, e.code());
        assertEquals("[smartmigration:CHAIN_GAP] migration chain has a gap between 1.1.0 and 1.2.0: step \"b\" "
                + "starts at from = \"1.2.0\" but the preceding migration step \"a\" ends at to = \"1.1.0\". Add a "
                + "migration from 1.1.0 to 1.2.0, or change step \"b\" to from = \"1.1.0\".", e.getMessage());
        assertEquals("b", e.details().get("step"));
    }

    @Test
    void overlap_throwsChainOverlap() {
        assertCode(ErrorCode.CHAIN_OVERLAP, MigrationChain.builder()
                .step("a").from("1.0.0").to("2.0.0").up(NOTHING)
                .step("b").from("1.5.0").to("2.5.0").up(NOTHING));
    }

    @Test
    void duplicateId_throwsDuplicateStepId() {
        assertCode(ErrorCode.DUPLICATE_STEP_ID, MigrationChain.builder()
                .step("a").from("1.0.0").to("1.1.0").up(NOTHING)
                .step("a").from("1.1.0").to("1.2.0").up(NOTHING));
    }

    @Test
    void badId_throwsInvalidStepId() {
        assertCode(ErrorCode.INVALID_STEP_ID, MigrationChain.builder()
                .step("add index").from("1.0.0").to("1.1.0").up(NOTHING));
    }

    @Test
    void badVersion_throwsInvalidVersion() {
        assertCode(ErrorCode.INVALID_VERSION, MigrationChain.builder()
                .step("a").from("1.0").to("1.1.0").up(NOTHING));
    }

    @Test
    void backwardsRange_throwsInvalidStepRange() {
        assertCode(ErrorCode.INVALID_STEP_RANGE, MigrationChain.builder()
                .step("a").from("1.1.0").to("1.0.0").up(NOTHING));
    }

    @Test
    void missingTo_throwsInvalidVersionWhenTheStepIsFinished() {
        MigrationChain.StepBuilder step = MigrationChain.builder().step("a").from("1.0.0");

        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> step.up(NOTHING));

        assertEquals(ErrorCode.INVALID_VERSION, e.code());
        assertTrue(e.getMessage().contains("step \"a\" needs both from(...) and to(...)"), e.getMessage());
    }

    @Test
    void severalProblems_throwTheFirstCodeAndListEveryProblem() {
        MigrationChain.Builder builder = MigrationChain.builder()
                .step("bad id").from("1.0.0").to("1.1.0").up(NOTHING)
                .step("b").from("1.2.0").to("1.3.0").up(NOTHING)
                .step("c").from("x").to("1.4.0").up(NOTHING);

        SmartMigrationException e = assertThrows(SmartMigrationException.class, builder::build);

        assertEquals(ErrorCode.INVALID_STEP_ID, e.code());
        assertTrue(e.getMessage().startsWith("[smartmigration:INVALID_STEP_ID] the migration chain breaks 3 rules:\n"
                + "  [smartmigration:INVALID_STEP_ID] migration id \"bad id\""), e.getMessage());
        assertTrue(e.getMessage().contains("\n  [smartmigration:INVALID_VERSION] step \"c\" has from = \"x\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("\n  [smartmigration:CHAIN_GAP] migration chain has a gap between 1.1.0 "
                + "and 1.2.0"), e.getMessage());
        assertEquals("3", e.details().get("violations"));
    }

    private static void assertCode(ErrorCode code, MigrationChain.Builder builder) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, builder::build);
        assertEquals(code, e.code());
        assertTrue(e.getMessage().startsWith(code.tag() + " "), e.getMessage());
    }
}
