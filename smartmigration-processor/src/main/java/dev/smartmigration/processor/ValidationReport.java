package dev.smartmigration.processor;

import java.util.List;

/**
 * What the validator found.
 *
 * @param packageName the package of the generated chain, or {@code null} when it could not be chosen
 * @param chain       the migrations in chain order (meaningful only when clean)
 * @param problems    every problem, in a stable order
 */
record ValidationReport(String packageName, List<ScannedMigration> chain, List<Problem> problems) {

    ValidationReport {
        chain = List.copyOf(chain);
        problems = List.copyOf(problems);
    }

    boolean isClean() {
        return problems.isEmpty();
    }
}
