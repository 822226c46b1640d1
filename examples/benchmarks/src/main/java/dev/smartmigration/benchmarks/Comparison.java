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

    /**
     * @return minimum of ours divided by minimum of the baseline: each side's least disturbed sample, steadier than
     *         the medians where other work on the machine slows some samples down
     */
    public double minimaRatio() {
        return ours.min() / baseline.min();
    }

    /**
     * @return the report line: {@code name: ratio (ours / baseline; minima: ratio)} and then the medians and
     *         spreads
     */
    public String line() {
        return String.format(Locale.ROOT, "%s: %.2f (ours / baseline; minima: %.2f)%n    ours:     %s%n"
                + "    baseline: %s%n    baseline is: %s", name, ratio(), minimaRatio(), ours.describe(),
                baseline.describe(), baselineIs);
    }
}
