package dev.smartmigration.benchmarks;

import java.util.Locale;

/**
 * One benchmark's outcome: our side against its baseline, reported as the ratio of the medians.
 *
 * @param name     a stable name, e.g. {@code noop-run-mongo}
 * @param ours     smartmigration's samples
 * @param baseline the baseline's samples
 * @param baselineIs what the baseline is, in a few words
 */
public record Comparison(String name, Summary ours, Summary baseline, String baselineIs) {

    /** @return median of ours divided by median of the baseline */
    public double ratio() {
        return ours.median() / baseline.median();
    }

    /** @return the report line: {@code name: ratio (ours / baseline)} and then the medians and spreads */
    public String line() {
        return String.format(Locale.ROOT, "%s: %.2f (ours / baseline)%n    ours:     %s%n    baseline: %s%n"
                + "    baseline is: %s", name, ratio(), ours.describe(), baseline.describe(), baselineIs);
    }
}
