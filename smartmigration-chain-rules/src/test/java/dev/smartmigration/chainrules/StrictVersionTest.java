package dev.smartmigration.chainrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrictVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.1", "1.2.0", "10.20.30", "1.2.0-rc.1", "1.0.0-alpha", "1.0.0-alpha-beta.7",
            "1.2.3-0a", "1.0.0-RC.1"})
    void canonicalSemver_isAccepted(String text) {
        assertNull(StrictVersion.problem(text));
        assertEquals(text, StrictVersion.parse(text).orElseThrow().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.4|it has no PATCH number",
            "1|it has no MINOR and PATCH numbers",
            "1.2.3.4|it has 4 numbers, not three (MAJOR.MINOR.PATCH)",
            "01.0.0|MAJOR \"01\" has a leading zero",
            "1.x.0|MINOR \"x\" is not a number",
            "1..0|MINOR is empty",
            "2147483648.0.0|MAJOR 2147483648 is larger than 2147483647",
            "1.0.0-rc.01|the pre-release identifier \"01\" has a leading zero",
            "1.0.0-|the pre-release after \"-\" is empty",
            "1.0.0-rc..1|the pre-release \"rc..1\" has an empty identifier",
            "1.0.0-rc_1|the pre-release identifier \"rc_1\" has characters outside [0-9A-Za-z-]",
            "v1.0.0|it has a \"v\" prefix",
            "V1.0.0|it has a \"V\" prefix",
            "1.0.0+build.5|it has build metadata (\"+build.5\"), which does not take part in version ordering",
            "'1.0.0 '|it contains white space",
            "'1. 0.0'|it contains white space",
            "''|it is blank"})
    void nonStrictText_isRejectedWithTheReason(String text, String problem) {
        assertEquals(problem, StrictVersion.problem(text));
        assertTrue(StrictVersion.parse(text).isEmpty());
    }

    @Test
    void nullText_isMissing() {
        assertEquals("it is missing", StrictVersion.problem(null));
    }

    @Test
    void versions_sortBySemverPrecedenceNotByText() {
        List<String> expected = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.2", "1.0.0-rc.10", "1.0.0", "1.2.0", "1.10.0", "2.0.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);

        List<String> sorted = shuffled.stream().map(t -> StrictVersion.parse(t).orElseThrow()).sorted()
                .map(StrictVersion::toString).collect(Collectors.toList());

        assertEquals(expected, sorted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v2.7|it has a \"v\" prefix, and it has no PATCH number|2.7.0",
            "' v1.02.3+b'|it contains white space, it has a \"v\" prefix, it has build metadata (\"+b\"), which does "
                    + "not take part in version ordering, and MINOR \"02\" has a leading zero|1.2.3",
            "1.0.0-rc.01|the pre-release identifier \"01\" has a leading zero|1.0.0-rc.1"})
    void textWithSeveralProblems_namesEachAndSuggestsAFix(String text, String problem, String suggestion) {
        assertEquals(problem, StrictVersion.problem(text));
        assertEquals(suggestion, StrictVersion.suggestion(text).orElseThrow());
    }

    @Test
    void textWithoutNumbers_hasNoSuggestion() {
        assertTrue(StrictVersion.suggestion("next").isEmpty());
        assertTrue(StrictVersion.suggestion("1.0.0").isEmpty());
    }

    @Test
    void comparisons_andEquality() {
        StrictVersion rc = StrictVersion.parse("1.0.0-rc.1").orElseThrow();
        StrictVersion release = StrictVersion.parse("1.0.0").orElseThrow();

        assertTrue(rc.isBefore(release));
        assertTrue(release.isAfter(rc));
        assertEquals(release, StrictVersion.parse("1.0.0").orElseThrow());
        assertEquals(release.hashCode(), StrictVersion.parse("1.0.0").orElseThrow().hashCode());
    }

    @Test
    void longNumericPreReleaseIdentifiers_compareNumerically() {
        assertTrue(StrictVersion.parse("1.0.0-rc.99999999999999999999").orElseThrow()
                .isAfter(StrictVersion.parse("1.0.0-rc.2").orElseThrow()));
        assertTrue(StrictVersion.parse("1.0.0-1").orElseThrow()
                .isBefore(StrictVersion.parse("1.0.0-alpha").orElseThrow()));
    }
}
