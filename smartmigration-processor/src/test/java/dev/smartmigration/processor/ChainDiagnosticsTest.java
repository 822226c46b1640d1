package dev.smartmigration.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.smartmigration.processor.Sources.compile;
import static dev.smartmigration.processor.Sources.migration;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The chain rules, as compile errors on the annotation value to fix. */
class ChainDiagnosticsTest {

    @Test
    void gapBetweenVersions_reportsChainGapOnLaterFrom() {
        JavaFileObject split = migration("com.acme.SplitName", "split-name", "1.2.0", "1.3.0");
        JavaFileObject index = migration("com.acme.AddEmailIndex", "add-email-index", "1.4.0", "1.5.0");

        Compilation c = compile(split, index);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:CHAIN_GAP] migration chain has a gap between 1.3.0 and "
                        + "1.4.0: com.acme.AddEmailIndex starts at from = \"1.4.0\" but the preceding migration "
                        + "com.acme.SplitName ends at to = \"1.3.0\". Add a migration from 1.3.0 to 1.4.0, or change "
                        + "AddEmailIndex to from = \"1.3.0\".")
                .inFile(index)
                .onLineContaining("from = \"1.4.0\"");
    }

    @Test
    void sameIdOnTwoClasses_reportsDuplicateStepIdOnEach() {
        JavaFileObject first = migration("com.acme.First", "add-index", "1.0.0", "1.1.0");
        JavaFileObject second = migration("com.acme.Second", "add-index", "1.1.0", "1.2.0");

        Compilation c = compile(first, second);

        assertThat(c).hadErrorCount(2);
        assertThat(c).hadErrorContaining("[smartmigration:DUPLICATE_STEP_ID] migration id \"add-index\" of "
                        + "com.acme.First is also declared by com.acme.Second.")
                .inFile(first).onLineContaining("id = \"add-index\"");
        assertThat(c).hadErrorContaining("[smartmigration:DUPLICATE_STEP_ID] migration id \"add-index\" of "
                        + "com.acme.Second is also declared by com.acme.First.")
                .inFile(second).onLineContaining("id = \"add-index\"");
    }

    @Test
    void twoStepsStartingAtOneVersion_reportsChainOverlap() {
        JavaFileObject a = migration("com.acme.A", "a", "1.0.0", "1.1.0");
        JavaFileObject b = migration("com.acme.B", "b", "1.0.0", "1.2.0");

        Compilation c = compile(a, b);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:CHAIN_OVERLAP] two migrations start at 1.0.0: com.acme.B "
                        + "(from = \"1.0.0\", to = \"1.2.0\") and com.acme.A (from = \"1.0.0\", to = \"1.1.0\").")
                .inFile(b).onLineContaining("from = \"1.0.0\"");
    }

    @Test
    void stepStartingInsideAnotherRange_reportsChainOverlap() {
        JavaFileObject wide = migration("com.acme.Wide", "wide", "1.0.0", "2.0.0");
        JavaFileObject inside = migration("com.acme.Inside", "inside", "1.5.0", "2.1.0");

        Compilation c = compile(wide, inside);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:CHAIN_OVERLAP] migration com.acme.Inside (1.5.0 -> 2.1.0) "
                        + "overlaps com.acme.Wide (1.0.0 -> 2.0.0)")
                .inFile(inside).onLineContaining("from = \"1.5.0\"");
    }

    @Test
    void fromNotStrictSemver_reportsInvalidVersionOnFrom() {
        JavaFileObject step = migration("com.acme.Step", "step", "1.4", "1.5.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_VERSION] com.acme.Step has from = \"1.4\", which "
                        + "is not a strict semantic version: it has no PATCH number. Write it as MAJOR.MINOR.PATCH: "
                        + "\"1.4.0\".")
                .inFile(step).onLineContaining("from = \"1.4\"");
    }

    @Test
    void versionWithSeveralProblems_reportsEachAndSuggestsTheFixedValue() {
        JavaFileObject step = migration("com.acme.Step", "step", "v2.7", "2.8.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_VERSION] com.acme.Step has from = \"v2.7\", which "
                        + "is not a strict semantic version: it has a \"v\" prefix, and it has no PATCH number. Write it "
                        + "as MAJOR.MINOR.PATCH: \"2.7.0\".")
                .inFile(step).onLineContaining("from = \"v2.7\"");
    }

    @Test
    void toWithVPrefix_reportsInvalidVersionOnTo() {
        JavaFileObject step = migration("com.acme.Step", "step", "1.0.0", "v1.1.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_VERSION] com.acme.Step has to = \"v1.1.0\", which "
                        + "is not a strict semantic version: it has a \"v\" prefix. Write it as MAJOR.MINOR.PATCH: \"1.1.0\".")
                .inFile(step).onLineContaining("to = \"v1.1.0\"");
    }

    @Test
    void toBeforeFrom_reportsInvalidStepRangeOnTo() {
        JavaFileObject step = migration("com.acme.Backwards", "backwards", "2.0.0", "1.9.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_STEP_RANGE] com.acme.Backwards goes from = "
                        + "\"2.0.0\" to = \"1.9.0\": to is a lower version than from")
                .inFile(step).onLineContaining("to = \"1.9.0\"");
    }

    @Test
    void toEqualToFrom_reportsInvalidStepRange() {
        JavaFileObject step = migration("com.acme.Still", "still", "1.0.0", "1.0.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorContaining("[smartmigration:INVALID_STEP_RANGE] com.acme.Still goes from = \"1.0.0\" "
                        + "to = \"1.0.0\": to is the same version as from")
                .inFile(step).onLineContaining("to = \"1.0.0\"");
    }

    @Test
    void blankId_reportsInvalidStepIdOnId() {
        JavaFileObject step = migration("com.acme.Nameless", "  ", "1.0.0", "1.1.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_STEP_ID] migration id is blank: "
                        + "com.acme.Nameless declares id = \"  \".")
                .inFile(step).onLineContaining("id = \"  \"");
    }

    @Test
    void idWithSpaceAndSlash_reportsInvalidStepIdNamingTheCharacters() {
        JavaFileObject step = migration("com.acme.Odd", "add email/index", "1.0.0", "1.1.0");

        Compilation c = compile(step);

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_STEP_ID] migration id \"add email/index\" of "
                        + "com.acme.Odd has characters outside [A-Za-z0-9._-]: ' ', '/'. Use letters, digits, '.', "
                        + "'_' and '-' only, e.g. \"add-email-index\".")
                .inFile(step).onLineContaining("id = \"add email/index\"");
    }

    @Test
    void severalBrokenRules_allReportedInOneCompilation() {
        JavaFileObject a = migration("com.acme.A", "same", "1.0.0", "1.1.0");
        JavaFileObject b = migration("com.acme.B", "same", "1.2.0", "1.3.0");
        JavaFileObject bad = migration("com.acme.Bad", "bad id", "1.x", "1.9.0");
        JavaFileObject notStep = Sources.withBody("com.acme.NotStep", "not-step", "1.3.0", "1.4.0",
                "public class NotStep {", "}");

        Compilation c = compile(a, b, bad, notStep);

        assertThat(c).hadErrorCount(6);
        assertThat(c).hadErrorContaining("[smartmigration:DUPLICATE_STEP_ID]").inFile(a).onLineContaining("id =");
        assertThat(c).hadErrorContaining("[smartmigration:DUPLICATE_STEP_ID]").inFile(b).onLineContaining("id =");
        assertThat(c).hadErrorContaining("[smartmigration:CHAIN_GAP]").inFile(b).onLineContaining("from = \"1.2.0\"");
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_STEP_ID]").inFile(bad).onLineContaining("id =");
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_VERSION]").inFile(bad).onLineContaining("from =");
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_MIGRATION_CLASS] com.acme.NotStep does not "
                + "implement dev.smartmigration.runtime.MigrationStep").inFile(notStep).onLineContaining("@Migration(");
    }
}
