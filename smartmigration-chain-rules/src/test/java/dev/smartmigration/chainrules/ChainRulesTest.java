package dev.smartmigration.chainrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.chainrules.ChainRules.Attribute;
import dev.smartmigration.chainrules.ChainRules.Candidate;
import dev.smartmigration.chainrules.ChainRules.Report;
import dev.smartmigration.chainrules.ChainRules.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChainRulesTest {

    private static Candidate step(String name, String from, String to) {
        return new Candidate(name, from, to, "com.acme." + name, name);
    }

    private static List<String> orderedIds(List<Candidate> candidates, Report report) {
        return report.order().stream().map(i -> candidates.get(i).id()).collect(Collectors.toList());
    }

    private static Violation only(Report report) {
        assertEquals(1, report.violations().size(), () -> "violations: " + report.violations());
        return report.violations().get(0);
    }

    @Test
    void contiguousStepsInAnyOrder_areCleanAndOrderedBySemverPrecedence() {
        List<Candidate> candidates = List.of(
                step("ten", "1.9.0", "1.10.0"),
                step("release", "1.0.0-rc.1", "1.0.0"),
                step("rc2", "1.0.0-alpha", "1.0.0-rc.1"),
                step("nine", "1.0.0", "1.9.0"),
                step("two", "1.10.0", "2.0.0"));

        Report report = ChainRules.check(candidates);

        assertTrue(report.isClean(), () -> report.violations().toString());
        assertEquals(List.of("rc2", "release", "nine", "ten", "two"), orderedIds(candidates, report));
    }

    @Test
    void noSteps_isCleanAndEmpty() {
        Report report = ChainRules.check(List.of());

        assertTrue(report.isClean());
        assertEquals(List.of(), report.order());
    }

    @Test
    void gapBetweenSteps_reportsChainGapOnLaterFromNamingBoth() {
        List<Candidate> candidates = List.of(step("AddEmailIndex", "1.4.0", "1.5.0"), step("SplitName", "1.2.0", "1.3.0"));

        Violation v = only(ChainRules.check(candidates));

        assertEquals(Rule.CHAIN_GAP, v.rule());
        assertEquals(0, v.index());
        assertEquals(Attribute.FROM, v.attribute());
        assertEquals("[smartmigration:CHAIN_GAP] migration chain has a gap between 1.3.0 and 1.4.0: "
                + "com.acme.AddEmailIndex starts at from = \"1.4.0\" but the preceding migration com.acme.SplitName "
                + "ends at to = \"1.3.0\". Add a migration from 1.3.0 to 1.4.0, or change AddEmailIndex to "
                + "from = \"1.3.0\".", v.formatted());
    }

    @Test
    void twoStepsWithOneStart_reportsChainOverlapOnTheLongerOne() {
        List<Candidate> candidates = List.of(step("long", "1.0.0", "2.0.0"), step("short", "1.0.0", "1.1.0"));

        Violation v = only(ChainRules.check(candidates));

        assertEquals(Rule.CHAIN_OVERLAP, v.rule());
        assertEquals(0, v.index());
        assertTrue(v.message().startsWith("two migrations start at 1.0.0: com.acme.long"), v.message());
    }

    @Test
    void stepStartingInsideAnother_reportsChainOverlap() {
        List<Candidate> candidates = List.of(step("outer", "1.0.0", "3.0.0"), step("inner", "1.5.0", "2.0.0"),
                step("next", "3.0.0", "4.0.0"));

        Violation v = only(ChainRules.check(candidates));

        assertEquals(Rule.CHAIN_OVERLAP, v.rule());
        assertEquals(1, v.index());
        assertEquals(Attribute.FROM, v.attribute());
        assertTrue(v.message().contains("com.acme.inner (1.5.0 -> 2.0.0) overlaps com.acme.outer (1.0.0 -> 3.0.0)"),
                v.message());
    }

    @Test
    void sameIdThreeTimes_reportsDuplicateOnEachNamingTheOthers() {
        List<Candidate> candidates = List.of(new Candidate("x", "1.0.0", "1.1.0", "com.acme.A", "A"),
                new Candidate("x", "1.1.0", "1.2.0", "com.acme.B", "B"),
                new Candidate("x", "1.2.0", "1.3.0", "com.acme.C", "C"));

        List<Violation> violations = ChainRules.check(candidates).violations();

        assertEquals(3, violations.size());
        assertTrue(violations.stream().allMatch(v -> v.rule() == Rule.DUPLICATE_STEP_ID
                && v.attribute() == Attribute.ID));
        assertTrue(violations.get(1).message().startsWith(
                "migration id \"x\" of com.acme.B is also declared by com.acme.A, com.acme.C."),
                violations.get(1).message());
    }

    @Test
    void blankOrNullId_reportsInvalidStepId() {
        List<Candidate> candidates = List.of(new Candidate(" ", "1.0.0", "1.1.0", "com.acme.A", "A"),
                new Candidate(null, "1.1.0", "1.2.0", "com.acme.B", "B"));

        List<Violation> violations = ChainRules.check(candidates).violations();

        assertEquals(2, violations.size());
        assertTrue(violations.stream().allMatch(v -> v.rule() == Rule.INVALID_STEP_ID), violations::toString);
        assertEquals("migration id is blank: com.acme.B declares id = \"\". Give it a stable, unique id such as "
                + "\"add-email-index\" (letters, digits, '.', '_' and '-').", violations.get(1).message());
    }

    @Test
    void idWithControlCharacterAndUmlaut_namesThemPrintably() {
        Violation v = only(ChainRules.check(List.of(
                new Candidate("grün\tindex", "1.0.0", "1.1.0", "com.acme.A", "A"))));

        assertEquals(Rule.INVALID_STEP_ID, v.rule());
        assertEquals("migration id \"grün\\u0009index\" of com.acme.A has characters outside [A-Za-z0-9._-]: "
                + "'ü', \\u0009. Use letters, digits, '.', '_' and '-' only, e.g. \"gr-n-index\".", v.message());
    }

    @Test
    void invalidOrMissingVersions_reportInvalidVersionOnThatAttribute() {
        List<Violation> violations = ChainRules.check(List.of(step("a", "1.0", "1.1.0"),
                step("b", "1.1.0", null))).violations();

        assertEquals(2, violations.size());
        assertEquals(Attribute.FROM, violations.get(0).attribute());
        assertEquals(Rule.INVALID_VERSION, violations.get(0).rule());
        assertEquals(Attribute.TO, violations.get(1).attribute());
        assertTrue(violations.get(1).message().contains("has to = \"\", which is not a strict semantic version: "
                + "it is missing."), violations.get(1).message());
    }

    @Test
    void toNotAfterFrom_reportsInvalidStepRangeAndLeavesTheStepOutOfTheChain() {
        List<Candidate> candidates = List.of(step("a", "1.0.0", "1.1.0"), step("backwards", "1.2.0", "1.1.0"),
                step("same", "1.1.0", "1.1.0"), step("b", "1.1.0", "1.2.0"));

        Report report = ChainRules.check(candidates);

        assertEquals(List.of(Rule.INVALID_STEP_RANGE, Rule.INVALID_STEP_RANGE),
                report.violations().stream().map(Violation::rule).collect(Collectors.toList()));
        assertTrue(report.violations().get(0).message().contains("to is a lower version than from"));
        assertTrue(report.violations().get(1).message().contains("to is the same version as from"));
        assertEquals(List.of("a", "b"), orderedIds(candidates, report));
    }

    @Test
    void severalBrokenRules_areAllReported() {
        List<Candidate> candidates = List.of(step("a", "1.0.0", "1.1.0"), new Candidate("a", "1.2.0", "1.3.0",
                "com.acme.B", "B"), step("bad id", "x", "1.4.0"));

        Set<Rule> codes = ChainRules.check(candidates).violations().stream().map(Violation::rule)
                .collect(Collectors.toSet());

        assertEquals(Set.of(Rule.DUPLICATE_STEP_ID, Rule.CHAIN_GAP, Rule.INVALID_STEP_ID,
                Rule.INVALID_VERSION), codes);
    }

    @Test
    void shuffledInput_givesTheSameChainAndTheSameViolations() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            candidates.add(step("s" + i, "1." + i + ".0", "1." + (i + 1) + ".0"));
        }
        candidates.add(step("gap", "3.0.0", "3.1.0"));
        candidates.add(step("overlap", "1.7.0", "1.9.0"));
        List<String> expectedOrder = null;
        Set<String> expectedViolations = null;
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(candidates, random);
            Report report = ChainRules.check(candidates);
            List<String> order = orderedIds(candidates, report);
            Set<String> violations = report.violations().stream().map(Violation::formatted).collect(Collectors.toSet());
            if (expectedOrder == null) {
                expectedOrder = order;
                expectedViolations = violations;
                assertEquals(3, violations.size(), violations::toString);
            }
            assertEquals(expectedOrder, order);
            assertEquals(expectedViolations, violations);
        }
    }
}
