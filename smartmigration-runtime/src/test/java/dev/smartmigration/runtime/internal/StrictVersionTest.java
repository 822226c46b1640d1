package dev.smartmigration.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
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
            "1.4|it is not MAJOR.MINOR.PATCH with an optional -pre-release, each number without leading zeros",
            "01.0.0|it is not MAJOR.MINOR.PATCH with an optional -pre-release, each number without leading zeros",
            "1.0.0-rc.01|it is not MAJOR.MINOR.PATCH with an optional -pre-release, each number without leading zeros",
            "1.0.0-|it is not MAJOR.MINOR.PATCH with an optional -pre-release, each number without leading zeros",
            "1.0.0-rc..1|it is not MAJOR.MINOR.PATCH with an optional -pre-release, each number without leading zeros",
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
        List<String> expected = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.2", "1.0.0-rc.10",
                "1.0.0", "1.2.0", "1.10.0", "2.0.0");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);

        List<String> sorted = shuffled.stream().map(t -> StrictVersion.parse(t).orElseThrow()).sorted()
                .map(StrictVersion::toString).collect(Collectors.toList());

        assertEquals(expected, sorted);
    }

    @Test
    void comparisons_andEquality() {
        StrictVersion rc = StrictVersion.of("1.0.0-rc.1", "test");
        StrictVersion release = StrictVersion.of("1.0.0", "test");

        assertTrue(rc.isBefore(release));
        assertTrue(release.isAfter(rc));
        assertEquals(release, StrictVersion.of("1.0.0", "other"));
        assertEquals(release.hashCode(), StrictVersion.of("1.0.0", "other").hashCode());
    }

    @Test
    void of_withInvalidText_throwsInvalidVersionNamingWhere() {
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> StrictVersion.of("1.0", "targetVersion"));

        assertEquals(ErrorCode.INVALID_VERSION, e.code());
        assertTrue(e.getMessage().startsWith("[smartmigration:INVALID_VERSION] targetVersion = \"1.0\" is not a "
                + "strict semantic version"), e.getMessage());
    }
}
